package intercom

import (
	"context"
	"iter"
	"net/url"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

func TestInternalArticlesCalls(t *testing.T) {
	const article = `{"type":"internal_article","id":"7","title":"Refund policy","body":"<p>Refunds within 30 days</p>","owner_id":991,"author_id":992,"created_at":1672928359,"updated_at":1672928610,"locale":"en"}`
	svcRun(t, []svcCase{
		{
			name: "List",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.InternalArticles.List(ctx, &gen.ListInternalArticlesParams{Page: Ptr(3), PerPage: Ptr(5)}))
			},
			method: "GET", path: "/internal_articles", query: url.Values{"page": {"3"}, "per_page": {"5"}},
			resp: `{"type":"list","pages":{"type":"pages","page":3,"per_page":5,"total_pages":3},"total_count":11,"data":[` + article + `]}`,
		},
		{
			name: "Create",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.InternalArticles.Create(ctx, gen.CreateInternalArticleRequest{
					Title: "Refund policy", Body: Ptr("<p>Refunds within 30 days</p>"), AuthorId: "992", OwnerId: "991",
				}))
			},
			method: "POST", path: "/internal_articles",
			body: `{"title":"Refund policy","body":"<p>Refunds within 30 days</p>","author_id":992,"owner_id":991}`,
			resp: article,
		},
		{
			name: "Get",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.InternalArticles.Get(ctx, "7"))
			},
			method: "GET", path: "/internal_articles/7",
			resp: article,
		},
		{
			name: "Update",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.InternalArticles.Update(ctx, "7", gen.UpdateInternalArticleRequest{OwnerId: Ptr("993")}))
			},
			method: "PUT", path: "/internal_articles/7",
			body: `{"owner_id":993}`,
			resp: article,
		},
		{
			name: "Delete",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.InternalArticles.Delete(ctx, "7"))
			},
			method: "DELETE", path: "/internal_articles/7",
			resp: `{"id":"7","object":"internal_article","deleted":true}`,
		},
		{
			name: "Search",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.InternalArticles.Search(ctx, &gen.SearchInternalArticlesParams{FolderId: Ptr("f-12")}))
			},
			method: "GET", path: "/internal_articles/search", query: url.Values{"folder_id": {"f-12"}},
			resp: `{"type":"list","total_count":1,"data":{"internal_articles":[` + article + `]},"pages":{"type":"pages","page":1,"per_page":10,"total_pages":1}}`,
		},
	})
}

func TestInternalArticlesIDs(t *testing.T) {
	svcRunIDs(t, []svcIDCase{
		{name: "Get", route: "/internal_articles/%s", numeric: true, call: func(ctx context.Context, c *Client, id string) error {
			return svcErr(c.InternalArticles.Get(ctx, id))
		}},
		{name: "Update", route: "/internal_articles/%s", numeric: true, call: func(ctx context.Context, c *Client, id string) error {
			return svcErr(c.InternalArticles.Update(ctx, id, gen.UpdateInternalArticleRequest{}))
		}},
		{name: "Delete", route: "/internal_articles/%s", numeric: true, call: func(ctx context.Context, c *Client, id string) error {
			return svcErr(c.InternalArticles.Delete(ctx, id))
		}},
	})
}

func TestInternalArticlesIterators(t *testing.T) {
	svcRunIters(t, []svcIterCase{
		{
			name: "ListAll", style: svcPageStyle, path: "/internal_articles", item: svcItem("internal_article"),
			seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
				return svcIDs(c.InternalArticles.ListAll(ctx, &gen.ListInternalArticlesParams{PerPage: Ptr(per)}, opts...),
					func(a gen.InternalArticleListItem) string { return valueOr(a.Id) })
			},
		},
		{
			name: "SearchAll", style: svcPageStyle, path: "/internal_articles/search", nest: []string{"data", "internal_articles"}, item: svcItem("internal_article"),
			fixed: url.Values{"folder_id": {"f-12"}},
			seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
				return svcIDs(c.InternalArticles.SearchAll(ctx, &gen.SearchInternalArticlesParams{FolderId: Ptr("f-12"), PerPage: Ptr(per)}, opts...),
					func(a gen.InternalArticle) string { return valueOr(a.Id) })
			},
		},
	})
}
