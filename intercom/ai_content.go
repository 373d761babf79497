package intercom

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"strconv"

	"github.com/intercomkit/intercom-go/gen"
)

// The AI content operations manage what Fin answers from besides the help
// center: content import sources (where pages come from; each gives its
// pages a default audience) and external pages (pages sent by the API, such
// as pages Intercom cannot crawl). Their listings are paginated by a next
// URL: the first page is asked for with page/per_page, every later one by
// the pages.next URL of the page before, which must be on the client's API
// host.

// The methods below decode into the types of the generated responses'
// JSON200 fields; these assignments stop compiling if those change.
var (
	_ = func(r *gen.ListContentImportSourcesResponse) *gen.ContentImportSourcesList { return r.JSON200 }
	_ = func(r *gen.CreateContentImportSourceResponse) *gen.ContentImportSource { return r.JSON200 }
	_ = func(r *gen.GetContentImportSourceResponse) *gen.ContentImportSource { return r.JSON200 }
	_ = func(r *gen.UpdateContentImportSourceResponse) *gen.ContentImportSource { return r.JSON200 }
	_ = func(r *gen.ListExternalPagesResponse) *gen.ExternalPagesList { return r.JSON200 }
	_ = func(r *gen.CreateExternalPageResponse) *gen.ExternalPage { return r.JSON200 }
	_ = func(r *gen.GetExternalPageResponse) *gen.ExternalPage { return r.JSON200 }
	_ = func(r *gen.UpdateExternalPageResponse) *gen.ExternalPage { return r.JSON200 }
	_ = func(r *gen.DeleteExternalPageResponse) *gen.ExternalPage { return r.JSON200 }
)

// ListContentImportSources fetches one page of the workspace's content
// import sources (GET /ai/content_import_sources). params may be nil;
// params.Page and params.PerPage choose the page. Use
// [AIContentService.ListContentImportSourcesAll] to get every page.
func (s *AIContentService) ListContentImportSources(ctx context.Context, params *gen.ListContentImportSourcesParams, opts ...Option) (*gen.ContentImportSourcesList, error) {
	return doJSON[gen.ContentImportSourcesList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListContentImportSources(ctx, params)
	})
}

// ListContentImportSourcesAll iterates over every content import source
// (GET /ai/content_import_sources, then the pages.next URL of each page,
// which must be on the client's API host). params may be nil (params.Page
// and params.PerPage shape the first request); it is copied and not
// modified. An error is yielded once and ends the iteration.
func (s *AIContentService) ListContentImportSourcesAll(ctx context.Context, params *gen.ListContentImportSourcesParams, opts ...Option) iter.Seq2[gen.ContentImportSource, error] {
	p := cloneParams(params)
	return paginate(ctx, fetchPages(s.c, nil, opts,
		nextURLCall(s.c, func(ctx context.Context) (*http.Response, error) {
			return s.c.gen.ListContentImportSources(ctx, p)
		}),
		func(l *gen.ContentImportSourcesList) ([]gen.ContentImportSource, string) {
			return items(l.Data), linkNext(l.Pages)
		}))
}

// CreateContentImportSource creates a content import source
// (POST /ai/content_import_sources). body.Url and body.SyncBehavior ("api"
// for a source whose pages you send with
// [AIContentService.CreateExternalPage]) are required.
func (s *AIContentService) CreateContentImportSource(ctx context.Context, body gen.CreateContentImportSourceRequest, opts ...Option) (*gen.ContentImportSource, error) {
	return doJSON[gen.ContentImportSource](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CreateContentImportSource(ctx, body)
	})
}

// GetContentImportSource fetches a content import source
// (GET /ai/content_import_sources/{source_id}). sourceID is the source's id
// (gen.ContentImportSource.Id), a positive number.
func (s *AIContentService) GetContentImportSource(ctx context.Context, sourceID int, opts ...Option) (*gen.ContentImportSource, error) {
	id, err := sourceIDParam(sourceID)
	if err != nil {
		return nil, err
	}
	return doJSON[gen.ContentImportSource](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.GetContentImportSource(ctx, id)
	})
}

// UpdateContentImportSource updates a content import source
// (PUT /ai/content_import_sources/{source_id}). body.Url and
// body.SyncBehavior are required even when they do not change. sourceID is
// a positive number.
func (s *AIContentService) UpdateContentImportSource(ctx context.Context, sourceID int, body gen.UpdateContentImportSourceRequest, opts ...Option) (*gen.ContentImportSource, error) {
	id, err := sourceIDParam(sourceID)
	if err != nil {
		return nil, err
	}
	return doJSON[gen.ContentImportSource](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.UpdateContentImportSource(ctx, id, body)
	})
}

// DeleteContentImportSource deletes a content import source and every
// external page imported from it (DELETE /ai/content_import_sources/{source_id}).
// The API answers 204 with no body. sourceID is a positive number.
func (s *AIContentService) DeleteContentImportSource(ctx context.Context, sourceID int, opts ...Option) error {
	id, err := sourceIDParam(sourceID)
	if err != nil {
		return err
	}
	return doNoBody(ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.DeleteContentImportSource(ctx, id)
	})
}

// sourceIDParam checks a content import source id, which the objects carry
// as a number and the path declares as a string.
func sourceIDParam(sourceID int) (string, error) {
	if sourceID <= 0 {
		return "", fmt.Errorf("intercom: content import source id %d is not a positive number: %w", sourceID, ErrInvalidID)
	}
	return strconv.Itoa(sourceID), nil
}

// ListExternalPages fetches one page of the workspace's external pages
// (GET /ai/external_pages). params may be nil; params.Page and
// params.PerPage choose the page. Use [AIContentService.ListExternalPagesAll]
// to get every page.
func (s *AIContentService) ListExternalPages(ctx context.Context, params *gen.ListExternalPagesParams, opts ...Option) (*gen.ExternalPagesList, error) {
	return doJSON[gen.ExternalPagesList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListExternalPages(ctx, params)
	})
}

// ListExternalPagesAll iterates over every external page
// (GET /ai/external_pages, then the pages.next URL of each page, which must
// be on the client's API host). params may be nil (params.Page and
// params.PerPage shape the first request); it is copied and not modified. An
// error is yielded once and ends the iteration.
func (s *AIContentService) ListExternalPagesAll(ctx context.Context, params *gen.ListExternalPagesParams, opts ...Option) iter.Seq2[gen.ExternalPage, error] {
	p := cloneParams(params)
	return paginate(ctx, fetchPages(s.c, nil, opts,
		nextURLCall(s.c, func(ctx context.Context) (*http.Response, error) {
			return s.c.gen.ListExternalPages(ctx, p)
		}),
		func(l *gen.ExternalPagesList) ([]gen.ExternalPage, string) {
			return items(l.Data), linkNext(l.Pages)
		}))
}

// CreateExternalPage creates an external page, or updates the one that
// already has the same body.SourceId and body.ExternalId
// (POST /ai/external_pages). body.Title, body.Html, body.Locale,
// body.SourceId and body.ExternalId are required.
func (s *AIContentService) CreateExternalPage(ctx context.Context, body gen.CreateExternalPageRequest, opts ...Option) (*gen.ExternalPage, error) {
	return doJSON[gen.ExternalPage](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CreateExternalPage(ctx, body)
	})
}

// GetExternalPage fetches an external page (GET /ai/external_pages/{page_id}).
// pageID is the page's id (gen.ExternalPage.Id).
func (s *AIContentService) GetExternalPage(ctx context.Context, pageID string, opts ...Option) (*gen.ExternalPage, error) {
	if err := requireID("external page id", pageID); err != nil {
		return nil, err
	}
	return doJSON[gen.ExternalPage](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.GetExternalPage(ctx, pageID)
	})
}

// UpdateExternalPage updates an external page that was created through the
// API (PUT /ai/external_pages/{page_id}). body.Title, body.Html,
// body.Locale, body.Url and body.SourceId are required even when they do not
// change.
func (s *AIContentService) UpdateExternalPage(ctx context.Context, pageID string, body gen.UpdateExternalPageRequest, opts ...Option) (*gen.ExternalPage, error) {
	if err := requireID("external page id", pageID); err != nil {
		return nil, err
	}
	return doJSON[gen.ExternalPage](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.UpdateExternalPage(ctx, pageID, body)
	})
}

// DeleteExternalPage deletes an external page, removing it from the content
// library and from Fin's answers (DELETE /ai/external_pages/{page_id}). It
// returns the deleted page.
func (s *AIContentService) DeleteExternalPage(ctx context.Context, pageID string, opts ...Option) (*gen.ExternalPage, error) {
	if err := requireID("external page id", pageID); err != nil {
		return nil, err
	}
	return doJSON[gen.ExternalPage](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.DeleteExternalPage(ctx, pageID)
	})
}
