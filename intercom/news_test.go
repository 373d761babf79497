package intercom

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom/types"
)

const kbNewsItem = `{"type":"news-item","id":"141","workspace_id":"hfi1bx4l","title":"We have news","body":"<p>New features</p>","sender_id":991,"state":"live","labels":["Product"],"reactions":["😆","😅"],"deliver_silently":false,"cover_image_url":"https://example.com/c.png","created_at":1672928359,"updated_at":1672928610,"newsfeed_assignments":[{"newsfeed_id":53,"published_at":1672928359}]}`

const kbNewsfeed = `{"type":"newsfeed","id":"53","name":"Visitor Feed","created_at":1672928359,"updated_at":1672928610}`

func TestNewsCalls(t *testing.T) {
	item := gen.NewsItemRequest{
		Title: "We have news", Body: Ptr("<p>New features</p>"), SenderId: "991", State: Ptr(gen.NewsItemRequestStateLive),
		Labels: []string{"Product"}, DeliverSilently: Ptr(false),
		NewsfeedAssignments: []gen.NewsfeedAssignment{{NewsfeedId: Ptr[types.NumericID]("53"), PublishedAt: Ptr(1672928359)}},
	}
	const itemBody = `{"title":"We have news","body":"<p>New features</p>","sender_id":991,"state":"live","labels":["Product"],"deliver_silently":false,"newsfeed_assignments":[{"newsfeed_id":53,"published_at":1672928359}]}`
	svcRun(t, []svcCase{
		{
			name: "ListItems",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.News.ListItems(ctx, &gen.ListNewsItemsParams{Page: Ptr(1), PerPage: Ptr(10)}))
			},
			method: "GET", path: "/news/news_items", query: url.Values{"page": {"1"}, "per_page": {"10"}},
			resp: `{"type":"list","pages":{"page":1,"per_page":10,"total_pages":1,"type":"pages"},"total_count":1,"data":[` + kbNewsItem + `]}`,
		},
		{
			name:   "CreateItem",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.News.CreateItem(ctx, item)) },
			method: "POST", path: "/news/news_items",
			body: itemBody,
			resp: kbNewsItem,
		},
		{
			name:   "GetItem",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.News.GetItem(ctx, "141")) },
			method: "GET", path: "/news/news_items/141",
			resp: kbNewsItem,
		},
		{
			name:   "UpdateItem",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.News.UpdateItem(ctx, "141", item)) },
			method: "PUT", path: "/news/news_items/141",
			body: itemBody,
			resp: kbNewsItem,
		},
		{
			// reactions keeps its pointer (overlay [22]): [] disables reactions.
			name: "UpdateItem disables reactions",
			call: func(ctx context.Context, c *Client) (any, error) {
				noReactions := item
				noReactions.Reactions = &[]string{}
				return svcRes(c.News.UpdateItem(ctx, "141", noReactions))
			},
			method: "PUT", path: "/news/news_items/141",
			body: itemBody[:len(itemBody)-1] + `,"reactions":[]}`,
			resp: kbNewsItem,
		},
		{
			name:   "DeleteItem",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.News.DeleteItem(ctx, "141")) },
			method: "DELETE", path: "/news/news_items/141",
			resp: `{"id":"141","object":"news-item","deleted":true}`,
		},
		{
			name: "ListLiveItems",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.News.ListLiveItems(ctx, "53", &gen.ListLiveNewsfeedItemsParams{PerPage: Ptr(20)}))
			},
			method: "GET", path: "/news/newsfeeds/53/items", query: url.Values{"per_page": {"20"}},
			resp: `{"type":"list","pages":{"page":1,"per_page":20,"total_pages":1,"type":"pages"},"total_count":1,"data":[` + kbNewsItem + `]}`,
		},
		{
			name:   "ListNewsfeeds",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.News.ListNewsfeeds(ctx, nil)) },
			method: "GET", path: "/news/newsfeeds",
			resp: `{"type":"list","pages":{"page":1,"per_page":10,"total_pages":1,"type":"pages"},"total_count":1,"data":[` + kbNewsfeed + `]}`,
		},
		{
			name:   "GetNewsfeed",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.News.GetNewsfeed(ctx, "53")) },
			method: "GET", path: "/news/newsfeeds/53",
			resp: kbNewsfeed,
		},
	})
}

// TestNewsUnionItems checks that the union items of a news listing decode
// into the concrete type the listing documents.
// The news listings yield the concrete NewsItem and Newsfeed (overlay [23]
// gives each listing its own list schema instead of a union of both).
func TestNewsListItems(t *testing.T) {
	c, _ := svcServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		switch r.URL.Path {
		case "/news/news_items":
			coreJSON(w, http.StatusOK, `{"type":"list","data":[`+kbNewsItem+`]}`)
		default:
			coreJSON(w, http.StatusOK, `{"type":"list","data":[`+kbNewsfeed+`]}`)
		}
	})
	ctx := context.Background()
	count := 0
	for n, err := range c.News.ListItemsAll(ctx, nil) {
		count++
		if err != nil {
			t.Fatal(err)
		}
		if valueOr(n.Id) != "141" || n.Type == nil || *n.Type != gen.NewsItemTypeNewsItem || valueOr(n.Title) != "We have news" ||
			n.SenderId == nil || *n.SenderId != "991" || len(n.NewsfeedAssignments) == 0 || *n.NewsfeedAssignments[0].NewsfeedId != "53" {
			t.Errorf("news item decoded as %+v", n)
		}
	}
	for f, err := range c.News.ListNewsfeedsAll(ctx, nil) {
		count++
		if err != nil {
			t.Fatal(err)
		}
		if valueOr(f.Id) != "53" || f.Type == nil || *f.Type != gen.NewsfeedTypeNewsfeed || valueOr(f.Name) != "Visitor Feed" {
			t.Errorf("newsfeed decoded as %+v", f)
		}
	}
	if count != 2 {
		t.Errorf("%d items in the two listings, want 2", count)
	}
}

func TestNewsIDs(t *testing.T) {
	item := gen.NewsItemRequest{Title: "t", SenderId: "1"}
	svcRunIDs(t, []svcIDCase{
		{name: "GetItem", route: "/news/news_items/%s", numeric: true, call: func(ctx context.Context, c *Client, id string) error {
			return svcErr(c.News.GetItem(ctx, id))
		}},
		{name: "UpdateItem", route: "/news/news_items/%s", numeric: true, call: func(ctx context.Context, c *Client, id string) error {
			return svcErr(c.News.UpdateItem(ctx, id, item))
		}},
		{name: "DeleteItem", route: "/news/news_items/%s", numeric: true, call: func(ctx context.Context, c *Client, id string) error {
			return svcErr(c.News.DeleteItem(ctx, id))
		}},
		{name: "GetNewsfeed", route: "/news/newsfeeds/%s", call: func(ctx context.Context, c *Client, id string) error {
			return svcErr(c.News.GetNewsfeed(ctx, id))
		}},
		{name: "ListLiveItems", route: "/news/newsfeeds/%s/items", call: func(ctx context.Context, c *Client, id string) error {
			return svcErr(c.News.ListLiveItems(ctx, id, nil))
		}},
		{name: "ListLiveItemsAll", route: "/news/newsfeeds/%s/items", call: func(ctx context.Context, c *Client, id string) error {
			return svcFirstErr(c.News.ListLiveItemsAll(ctx, id, nil))
		}},
	})
}

func TestNewsIterators(t *testing.T) {
	newsItemID := func(n gen.NewsItem) string {
		if n.Type == nil || *n.Type != gen.NewsItemTypeNewsItem {
			return "not a news item"
		}
		return valueOr(n.Id)
	}
	svcRunIters(t, []svcIterCase{
		{
			name: "ListItemsAll", style: svcPageStyle, path: "/news/news_items", item: svcItem("news-item"),
			seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
				return svcIDs(c.News.ListItemsAll(ctx, &gen.ListNewsItemsParams{PerPage: Ptr(per)}, opts...), newsItemID)
			},
		},
		{
			name: "ListLiveItemsAll", style: svcPageStyle, path: "/news/newsfeeds/feed%2F53/items", item: svcItem("news-item"),
			seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
				return svcIDs(c.News.ListLiveItemsAll(ctx, "feed/53", &gen.ListLiveNewsfeedItemsParams{PerPage: Ptr(per)}, opts...), newsItemID)
			},
		},
		{
			name: "ListNewsfeedsAll", style: svcPageStyle, path: "/news/newsfeeds", item: svcItem("newsfeed"),
			seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
				return svcIDs(c.News.ListNewsfeedsAll(ctx, &gen.ListNewsfeedsParams{PerPage: Ptr(per)}, opts...),
					func(f gen.Newsfeed) string {
						if f.Type == nil || *f.Type != gen.NewsfeedTypeNewsfeed {
							return "not a newsfeed"
						}
						return valueOr(f.Id)
					})
			},
		},
	})
}
