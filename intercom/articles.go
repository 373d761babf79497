package intercom

import (
	"context"
	"iter"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// Articles are help center articles. Their ids are strings of digits in the
// objects the API returns (gen.Article.Id) while the paths declare them as
// integers: the methods below take the string, check that it is a positive
// decimal number and reject anything else with an error wrapping
// [ErrInvalidID], without sending a request.

// The methods below decode into the types of the generated responses'
// JSON200 fields; these assignments stop compiling if those change.
var (
	_ = func(r *gen.ListArticlesResponse) *gen.ArticleList { return r.JSON200 }
	_ = func(r *gen.CreateArticleResponse) *gen.Article { return r.JSON200 }
	_ = func(r *gen.RetrieveArticleResponse) *gen.Article { return r.JSON200 }
	_ = func(r *gen.UpdateArticleResponse) *gen.Article { return r.JSON200 }
	_ = func(r *gen.DeleteArticleResponse) *gen.DeletedArticleObject { return r.JSON200 }
	_ = func(r *gen.SearchArticlesResponse) *gen.ArticleSearchResponse { return r.JSON200 }
)

// List fetches one page of the workspace's articles (GET /articles), most
// recently updated first. params may be nil; params.Page and params.PerPage
// choose the page. Use [ArticlesService.ListAll] to get every page.
func (s *ArticlesService) List(ctx context.Context, params *gen.ListArticlesParams, opts ...Option) (*gen.ArticleList, error) {
	return doJSON[gen.ArticleList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListArticles(ctx, params)
	})
}

// ListAll iterates over every article (GET /articles, page by page),
// starting at params.Page (default the first). params may be nil
// (params.PerPage sets the page size); it is copied and not modified. An
// error is yielded once and ends the iteration.
func (s *ArticlesService) ListAll(ctx context.Context, params *gen.ListArticlesParams, opts ...Option) iter.Seq2[gen.ArticleListItem, error] {
	return paginate(ctx, fetchPages(s.c, nil, opts,
		pageCall(params, func(q *gen.ListArticlesParams, page *int) { q.Page = page },
			func(ctx context.Context, q *gen.ListArticlesParams) (*http.Response, error) {
				return s.c.gen.ListArticles(ctx, q)
			}),
		func(l *gen.ArticleList) ([]gen.ArticleListItem, string) {
			return items(l.Data), pageNext(l.Pages)
		}))
}

// Create creates an article (POST /articles). body.Title and body.AuthorId
// (the id of an admin) are required; body.State "published" publishes it at
// once, and body.ParentId/ParentType place it in a collection.
func (s *ArticlesService) Create(ctx context.Context, body gen.CreateArticleRequest, opts ...Option) (*gen.Article, error) {
	return doJSON[gen.Article](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CreateArticle(ctx, body)
	})
}

// Get fetches an article (GET /articles/{article_id}). articleID is the
// article's id, a string of digits such as "6871119".
func (s *ArticlesService) Get(ctx context.Context, articleID string, opts ...Option) (*gen.Article, error) {
	id, err := numericID("article id", articleID)
	if err != nil {
		return nil, err
	}
	return doJSON[gen.Article](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.RetrieveArticle(ctx, id)
	})
}

// Update updates an article (PUT /articles/{article_id}); only the fields
// set in body change. articleID is a string of digits.
func (s *ArticlesService) Update(ctx context.Context, articleID string, body gen.UpdateArticleRequest, opts ...Option) (*gen.Article, error) {
	id, err := numericID("article id", articleID)
	if err != nil {
		return nil, err
	}
	return doJSON[gen.Article](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.UpdateArticle(ctx, id, body)
	})
}

// Delete deletes an article (DELETE /articles/{article_id}). articleID is a
// string of digits.
func (s *ArticlesService) Delete(ctx context.Context, articleID string, opts ...Option) (*gen.DeletedArticleObject, error) {
	id, err := numericID("article id", articleID)
	if err != nil {
		return nil, err
	}
	return doJSON[gen.DeletedArticleObject](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.DeleteArticle(ctx, id)
	})
}

// Search fetches one page of the articles matching params
// (GET /articles/search): params.Phrase, params.State ("published",
// "draft" or "all"), params.HelpCenterId, and params.Highlight to get the
// matching passages in Data.Highlights. params may be nil; params.Page and
// params.PerPage choose the page. Use [ArticlesService.SearchAll] to get
// every page.
func (s *ArticlesService) Search(ctx context.Context, params *gen.SearchArticlesParams, opts ...Option) (*gen.ArticleSearchResponse, error) {
	return doJSON[gen.ArticleSearchResponse](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.SearchArticles(ctx, params)
	})
}

// SearchAll iterates over every article matching params
// (GET /articles/search, page by page), starting at params.Page (default
// the first). It yields the articles of Data.Articles; the highlights of a
// highlighted search are only in the pages that [ArticlesService.Search]
// returns. params may be nil; it is copied and not modified. An error is
// yielded once and ends the iteration.
func (s *ArticlesService) SearchAll(ctx context.Context, params *gen.SearchArticlesParams, opts ...Option) iter.Seq2[gen.Article, error] {
	return paginate(ctx, fetchPages(s.c, nil, opts,
		pageCall(params, func(q *gen.SearchArticlesParams, page *int) { q.Page = page },
			func(ctx context.Context, q *gen.SearchArticlesParams) (*http.Response, error) {
				return s.c.gen.SearchArticles(ctx, q)
			}),
		func(r *gen.ArticleSearchResponse) ([]gen.Article, string) {
			if r.Data == nil {
				return nil, pageNext(r.Pages)
			}
			return items(r.Data.Articles), pageNext(r.Pages)
		}))
}
