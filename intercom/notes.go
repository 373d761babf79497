package intercom

import (
	"context"
	"iter"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// Notes on a contact are added and listed with [ContactsService.AddNote] and
// [ContactsService.ListNotes].

// Get fetches one note (GET /notes/{note_id}). noteID is the note's id as
// the API returns it, a string of digits.
func (s *NotesService) Get(ctx context.Context, noteID string, opts ...Option) (*gen.Note, error) {
	id, err := numericID("note id", noteID)
	if err != nil {
		return nil, err
	}
	return doJSON[gen.Note](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.RetrieveNote(ctx, id)
	})
}

// ListForCompany fetches one page of the notes on a company
// (GET /companies/{company_id}/notes). params may be nil.
func (s *NotesService) ListForCompany(ctx context.Context, companyID string, params *gen.ListCompanyNotesParams, opts ...Option) (*gen.NoteList, error) {
	if err := requireID("company id", companyID); err != nil {
		return nil, err
	}
	return doJSON[gen.NoteList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListCompanyNotes(ctx, companyID, params)
	})
}

// ListForCompanyAll iterates over every note on a company, page by page
// (GET /companies/{company_id}/notes with page numbers), starting at
// params.Page (default the first). params may be nil; it is copied and not
// modified. An error is yielded once and ends the iteration.
func (s *NotesService) ListForCompanyAll(ctx context.Context, companyID string, params *gen.ListCompanyNotesParams, opts ...Option) iter.Seq2[gen.Note, error] {
	if err := requireID("company id", companyID); err != nil {
		return errSeq[gen.Note](err)
	}
	return paginate(ctx, fetchPages(s.c, nil, opts,
		pageCall(params, func(q *gen.ListCompanyNotesParams, page *int) { q.Page = page },
			func(ctx context.Context, q *gen.ListCompanyNotesParams) (*http.Response, error) {
				return s.c.gen.ListCompanyNotes(ctx, companyID, q)
			}),
		func(l *gen.NoteList) ([]gen.Note, string) { return items(l.Data), pageNext(l.Pages) }))
}
