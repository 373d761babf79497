package intercom

import (
	"context"
	"errors"
	"iter"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// Create submits a data event: something a contact did, named
// body.EventName, at body.CreatedAt, for the contact identified by body.Id,
// body.UserId or body.Email, with optional metadata (POST /events). Intercom
// accepts the event asynchronously and returns no body.
func (s *DataEventsService) Create(ctx context.Context, body gen.CreateDataEventRequest, opts ...Option) error {
	return doNoBody(ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CreateDataEvent(ctx, body)
	})
}

// Summaries submits summaries of events (a count and first/last times per
// event name) for the user body.UserId (POST /events/summaries). Intercom
// returns no body.
func (s *DataEventsService) Summaries(ctx context.Context, body gen.CreateDataEventSummariesRequest, opts ...Option) error {
	return doNoBody(ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.DataEventSummaries(ctx, body)
	})
}

// List fetches the first page of the data events of one contact
// (GET /events), or their summary with params.Summary. params identifies
// the contact with UserId, IntercomUserId or Email (one is required);
// params.Type may be left empty, it defaults to "user", the only value the
// API accepts. Follow pages.next with [DataEventsService.ListAll].
func (s *DataEventsService) List(ctx context.Context, params *gen.ListDataEventsParams, opts ...Option) (*gen.DataEventSummary, error) {
	p, err := dataEventsParams(params)
	if err != nil {
		return nil, err
	}
	return doJSON[gen.DataEventSummary](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListDataEvents(ctx, p)
	})
}

// ListAll iterates over every data event of one contact (GET /events, then
// the pages.next URL of each page). params is as for
// [DataEventsService.List]; it is copied and not modified. An error is
// yielded once and ends the iteration.
func (s *DataEventsService) ListAll(ctx context.Context, params *gen.ListDataEventsParams, opts ...Option) iter.Seq2[*gen.DataEventSummaryItem, error] {
	p, err := dataEventsParams(params)
	if err != nil {
		return errSeq[*gen.DataEventSummaryItem](err)
	}
	return paginate(ctx, fetchPages(s.c, nil, opts,
		nextURLCall(s.c, func(ctx context.Context) (*http.Response, error) {
			return s.c.gen.ListDataEvents(ctx, p)
		}),
		func(l *gen.DataEventSummary) ([]*gen.DataEventSummaryItem, string) {
			return items(l.Events), linkNext(l.Pages)
		}))
}

// dataEventsParams checks the params of GET /events and returns a copy with
// the type defaulted to "user".
func dataEventsParams(params *gen.ListDataEventsParams) (*gen.ListDataEventsParams, error) {
	if params == nil ||
		(valueOr(params.UserId) == "" && valueOr(params.IntercomUserId) == "" && valueOr(params.Email) == "") {
		return nil, errors.New("intercom: listing data events needs params.UserId, params.IntercomUserId or params.Email")
	}
	p := cloneParams(params)
	if p.Type == "" {
		p.Type = "user"
	}
	return p, nil
}
