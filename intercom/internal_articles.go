package intercom

import (
	"context"
	"iter"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// Internal articles are knowledge base articles for teammates, kept apart
// from the public help center articles. Their ids are strings of digits in the objects the API
// returns (gen.InternalArticle.Id) while the paths declare them as integers:
// the methods below take the string, check that it is a positive decimal
// number and reject anything else with an error wrapping [ErrInvalidID],
// without sending a request.

// The methods below decode into the types of the generated responses'
// JSON200 fields; these assignments stop compiling if those change.
var (
	_ = func(r *gen.ListInternalArticlesResponse) *gen.InternalArticleList { return r.JSON200 }
	_ = func(r *gen.CreateInternalArticleResponse) *gen.InternalArticle { return r.JSON200 }
	_ = func(r *gen.RetrieveInternalArticleResponse) *gen.InternalArticle { return r.JSON200 }
	_ = func(r *gen.UpdateInternalArticleResponse) *gen.InternalArticle { return r.JSON200 }
	_ = func(r *gen.DeleteInternalArticleResponse) *gen.DeletedInternalArticleObject { return r.JSON200 }
	_ = func(r *gen.SearchInternalArticlesResponse) *gen.InternalArticleSearchResponse { return r.JSON200 }
)

// List fetches one page of the workspace's internal articles
// (GET /internal_articles). params may be nil; params.Page and
// params.PerPage choose the page. Use [InternalArticlesService.ListAll] to
// get every page.
func (s *InternalArticlesService) List(ctx context.Context, params *gen.ListInternalArticlesParams, opts ...Option) (*gen.InternalArticleList, error) {
	return doJSON[gen.InternalArticleList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListInternalArticles(ctx, params)
	})
}

// ListAll iterates over every internal article (GET /internal_articles,
// page by page), starting at params.Page (default the first). params may be
// nil (params.PerPage sets the page size); it is copied and not modified. An
// error is yielded once and ends the iteration.
func (s *InternalArticlesService) ListAll(ctx context.Context, params *gen.ListInternalArticlesParams, opts ...Option) iter.Seq2[gen.InternalArticleListItem, error] {
	return paginate(ctx, fetchPages(s.c, nil, opts,
		pageCall(params, func(q *gen.ListInternalArticlesParams, page *int) { q.Page = page },
			func(ctx context.Context, q *gen.ListInternalArticlesParams) (*http.Response, error) {
				return s.c.gen.ListInternalArticles(ctx, q)
			}),
		func(l *gen.InternalArticleList) ([]gen.InternalArticleListItem, string) {
			return items(l.Data), pageNext(l.Pages)
		}))
}

// Create creates an internal article (POST /internal_articles).
// body.Title, body.AuthorId and body.OwnerId (ids of admins) are required.
func (s *InternalArticlesService) Create(ctx context.Context, body gen.CreateInternalArticleRequest, opts ...Option) (*gen.InternalArticle, error) {
	return doJSON[gen.InternalArticle](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CreateInternalArticle(ctx, body)
	})
}

// Get fetches an internal article
// (GET /internal_articles/{internal_article_id}). articleID is a string of
// digits.
func (s *InternalArticlesService) Get(ctx context.Context, articleID string, opts ...Option) (*gen.InternalArticle, error) {
	id, err := numericID("internal article id", articleID)
	if err != nil {
		return nil, err
	}
	return doJSON[gen.InternalArticle](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.RetrieveInternalArticle(ctx, id)
	})
}

// Update updates an internal article
// (PUT /internal_articles/{internal_article_id}); only the fields set in
// body change. articleID is a string of digits.
func (s *InternalArticlesService) Update(ctx context.Context, articleID string, body gen.UpdateInternalArticleRequest, opts ...Option) (*gen.InternalArticle, error) {
	id, err := numericID("internal article id", articleID)
	if err != nil {
		return nil, err
	}
	return doJSON[gen.InternalArticle](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.UpdateInternalArticle(ctx, id, body)
	})
}

// Delete deletes an internal article
// (DELETE /internal_articles/{internal_article_id}). articleID is a string
// of digits.
func (s *InternalArticlesService) Delete(ctx context.Context, articleID string, opts ...Option) (*gen.DeletedInternalArticleObject, error) {
	id, err := numericID("internal article id", articleID)
	if err != nil {
		return nil, err
	}
	return doJSON[gen.DeletedInternalArticleObject](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.DeleteInternalArticle(ctx, id)
	})
}

// Search fetches one page of the internal articles matching params
// (GET /internal_articles/search); params.FolderId limits it to a folder.
// params may be nil; params.Page and params.PerPage choose the page. Use
// [InternalArticlesService.SearchAll] to get every page.
func (s *InternalArticlesService) Search(ctx context.Context, params *gen.SearchInternalArticlesParams, opts ...Option) (*gen.InternalArticleSearchResponse, error) {
	return doJSON[gen.InternalArticleSearchResponse](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.SearchInternalArticles(ctx, params)
	})
}

// SearchAll iterates over every internal article matching params
// (GET /internal_articles/search, page by page), starting at params.Page
// (default the first). It yields the articles of Data.InternalArticles.
// params may be nil; it is copied and not modified. An error is yielded once
// and ends the iteration.
func (s *InternalArticlesService) SearchAll(ctx context.Context, params *gen.SearchInternalArticlesParams, opts ...Option) iter.Seq2[gen.InternalArticle, error] {
	return paginate(ctx, fetchPages(s.c, nil, opts,
		pageCall(params, func(q *gen.SearchInternalArticlesParams, page *int) { q.Page = page },
			func(ctx context.Context, q *gen.SearchInternalArticlesParams) (*http.Response, error) {
				return s.c.gen.SearchInternalArticles(ctx, q)
			}),
		func(r *gen.InternalArticleSearchResponse) ([]gen.InternalArticle, string) {
			if r.Data == nil {
				return nil, pageNext(r.Pages)
			}
			return items(r.Data.InternalArticles), pageNext(r.Pages)
		}))
}
