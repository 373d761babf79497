package intercom

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

func TestArticlesCalls(t *testing.T) {
	const article = `{"type":"article","id":"42","workspace_id":"hfi1bx4l","title":"Getting started","description":"First steps","body":"<p>Hi</p>","author_id":991,"state":"published","created_at":1663597223,"updated_at":1663597260,"url":"https://help.example.com/en/articles/42","parent_ids":[18,19],"default_locale":"en","statistics":{"type":"article_statistics","views":10,"conversions":1,"reactions":2,"happy_reaction_percentage":50,"neutral_reaction_percentage":50,"sad_reaction_percentage":0}}`
	svcRun(t, []svcCase{
		{
			name: "List",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Articles.List(ctx, withRequired(&gen.ListArticlesParams{Page: Ptr(2), PerPage: Ptr(25)})))
			},
			method: "GET", path: "/articles", query: url.Values{"page": {"2"}, "per_page": {"25"}},
			resp: `{"type":"list","pages":{"type":"pages","page":2,"per_page":25,"total_pages":3,"next":"https://api.intercom.io/articles?page=3"},"total_count":60,"data":[{"type":"article","id":"39","title":"Hello","state":"draft","parent_ids":[]}]}`,
		},
		{
			name: "List nil params",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Articles.List(ctx, withRequired[gen.ListArticlesParams](nil)))
			},
			method: "GET", path: "/articles",
			resp: `{"type":"list","total_count":0,"data":[]}`,
		},
		{
			name: "Create",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Articles.Create(ctx, gen.CreateArticleRequest{
					Title: "Getting started", AuthorId: "991", Body: Ptr("<p>Hi</p>"),
					State: Ptr(gen.CreateArticleRequestStatePublished), ParentId: Ptr("18"), ParentType: Ptr("collection"),
				}))
			},
			method: "POST", path: "/articles",
			body: `{"title":"Getting started","author_id":991,"body":"<p>Hi</p>","state":"published","parent_id":18,"parent_type":"collection"}`,
			resp: article,
		},
		{
			name:   "Get",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Articles.Get(ctx, "42")) },
			method: "GET", path: "/articles/42",
			resp: article,
		},
		{
			name: "Update",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Articles.Update(ctx, "42", gen.UpdateArticleRequest{Title: Ptr("Getting started"), State: Ptr(gen.UpdateArticleRequestStateDraft)}))
			},
			method: "PUT", path: "/articles/42",
			body: `{"title":"Getting started","state":"draft"}`,
			resp: article,
		},
		{
			name:   "Delete",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Articles.Delete(ctx, "42")) },
			method: "DELETE", path: "/articles/42",
			resp: `{"id":"42","object":"article","deleted":true}`,
		},
		{
			name: "Search",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Articles.Search(ctx, &gen.SearchArticlesParams{
					Phrase: Ptr("getting started"), State: Ptr("published"), HelpCenterId: Ptr(7), Highlight: Ptr(true), Page: Ptr(1), PerPage: Ptr(10),
				}))
			},
			method: "GET", path: "/articles/search",
			query: url.Values{"phrase": {"getting started"}, "state": {"published"}, "help_center_id": {"7"}, "highlight": {"true"}, "page": {"1"}, "per_page": {"10"}},
			resp:  `{"type":"list","total_count":1,"data":{"articles":[` + article + `],"highlights":[{"article_id":"42","highlighted_title":[{"type":"highlight","text":"Getting"}]}]},"pages":{"type":"pages","page":1,"per_page":10,"total_pages":1}}`,
		},
	})
}

func TestArticlesIDs(t *testing.T) {
	svcRunIDs(t, []svcIDCase{
		{name: "Get", route: "/articles/%s", numeric: true, call: func(ctx context.Context, c *Client, id string) error {
			return svcErr(c.Articles.Get(ctx, id))
		}},
		{name: "Update", route: "/articles/%s", numeric: true, call: func(ctx context.Context, c *Client, id string) error {
			return svcErr(c.Articles.Update(ctx, id, gen.UpdateArticleRequest{}))
		}},
		{name: "Delete", route: "/articles/%s", numeric: true, call: func(ctx context.Context, c *Client, id string) error {
			return svcErr(c.Articles.Delete(ctx, id))
		}},
	})
}

func TestArticlesIterators(t *testing.T) {
	svcRunIters(t, []svcIterCase{
		{
			name: "ListAll", style: svcPageStyle, path: "/articles", item: svcItem("article"),
			seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
				return svcIDs(c.Articles.ListAll(ctx, withRequired(&gen.ListArticlesParams{PerPage: Ptr(per)}), opts...),
					func(a gen.ArticleListItem) string { return valueOr(a.Id) })
			},
		},
		{
			name: "SearchAll", style: svcPageStyle, path: "/articles/search", nest: []string{"data", "articles"}, item: svcItem("article"),
			fixed: url.Values{"phrase": {"getting started"}, "state": {"all"}},
			seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
				return svcIDs(c.Articles.SearchAll(ctx, &gen.SearchArticlesParams{Phrase: Ptr("getting started"), State: Ptr("all"), PerPage: Ptr(per)}, opts...),
					func(a gen.Article) string { return valueOr(a.Id) })
			},
		},
	})
}

// TestArticlesIteratorsStartPageAndParams checks that an iterator starts at
// the caller's page, goes on from there, and leaves the caller's params as
// they were.
func TestArticlesIteratorsStartPageAndParams(t *testing.T) {
	tc := svcIterCase{name: "ListAll", style: svcPageStyle, path: "/articles", item: svcItem("article")}
	p := &svcPager{t: t, tc: tc, n: 8, per: 3}
	c, seen := svcServer(t, p.handle)
	params := withRequired(&gen.ListArticlesParams{Page: Ptr(2), PerPage: Ptr(3)})
	var got []string
	for a, err := range c.Articles.ListAll(context.Background(), params) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, valueOr(a.Id))
	}
	if want := []string{"4", "5", "6", "7", "8"}; !slices.Equal(got, want) {
		t.Errorf("items %v, want %v", got, want)
	}
	if *params.Page != 2 || *params.PerPage != 3 {
		t.Errorf("params changed to page %d per_page %d", *params.Page, *params.PerPage)
	}
	var pages []string
	for _, r := range seen() {
		q, _ := url.ParseQuery(r.rawQuery)
		pages = append(pages, q.Get("page"))
	}
	if want := []string{"2", "3"}; !slices.Equal(pages, want) {
		t.Errorf("pages requested %v, want %v", pages, want)
	}
}

// TestArticlesSearchAllNoData checks a search page without data: no items,
// no error, no further request.
func TestArticlesSearchAllNoData(t *testing.T) {
	c, seen := svcServer(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		coreJSON(w, http.StatusOK, `{"type":"list","total_count":0,"pages":{"type":"pages","page":1,"per_page":10,"total_pages":0}}`)
	})
	for a, err := range c.Articles.SearchAll(context.Background(), nil) {
		t.Fatalf("unexpected item %v, %v", a, err)
	}
	if n := len(seen()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

// TestArticlesErrors checks that API errors come back typed, with no
// result, and that per-call options reach the request.
func TestArticlesErrors(t *testing.T) {
	c, seen := svcServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		coreJSON(w, http.StatusNotFound, `{"type":"error.list","request_id":"req-1","errors":[{"code":"not_found","message":"Resource Not Found"}]}`)
	})
	a, err := c.Articles.Get(context.Background(), "42", WithAPIVersion("2.16"))
	if a != nil || !IsNotFound(err) {
		t.Fatalf("Get = %v, %v; want nil and a not-found error", a, err)
	}
	if strings.Contains(err.Error(), coreToken) {
		t.Error("error text contains the access token")
	}
	reqs := seen()
	if len(reqs) != 1 || reqs[0].version() != "2.16" {
		t.Errorf("requests %+v, want one with Intercom-Version 2.16", reqs)
	}
}
