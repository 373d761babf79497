package intercom

import (
	"context"
	"iter"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// News items and newsfeeds. News item ids are strings of digits in the
// objects the API returns (gen.NewsItem.Id) while the paths declare them as
// integers: the news item methods take the string, check that it is a
// positive decimal number and reject anything else with an error wrapping
// [ErrInvalidID], without sending a request. Newsfeed ids are plain strings.
//
// The three news listings share one response type, gen.PaginatedResponse,
// whose Data items are gen.PaginatedResponse_Data_Item: a union of a news
// item and a newsfeed, and the iterators below yield that union. Which one
// an item holds depends only on the listing it came from:
//
//   - [NewsService.ListItems] and [NewsService.ListLiveItems] (and their
//     ...All iterators) hold news items: item.AsNewsItem();
//   - [NewsService.ListNewsfeeds] (and ListNewsfeedsAll) holds newsfeeds:
//     item.AsNewsfeed().
//
// The union has no discriminator, so As* decodes any JSON object without
// complaint; to tell the two apart in other data, decode with either and
// compare its Type with gen.NewsItemTypeNewsItem ("news-item") or
// gen.NewsfeedTypeNewsfeed ("newsfeed").

// The methods below decode into the types of the generated responses'
// JSON200 fields; these assignments stop compiling if those change.
var (
	_ = func(r *gen.ListNewsItemsResponse) *gen.PaginatedResponse { return r.JSON200 }
	_ = func(r *gen.CreateNewsItemResponse) *gen.NewsItem { return r.JSON200 }
	_ = func(r *gen.RetrieveNewsItemResponse) *gen.NewsItem { return r.JSON200 }
	_ = func(r *gen.UpdateNewsItemResponse) *gen.NewsItem { return r.JSON200 }
	_ = func(r *gen.DeleteNewsItemResponse) *gen.DeletedObject { return r.JSON200 }
	_ = func(r *gen.ListLiveNewsfeedItemsResponse) *gen.PaginatedResponse { return r.JSON200 }
	_ = func(r *gen.ListNewsfeedsResponse) *gen.PaginatedResponse { return r.JSON200 }
	_ = func(r *gen.RetrieveNewsfeedResponse) *gen.Newsfeed { return r.JSON200 }
)

// ListItems fetches one page of the workspace's news items
// (GET /news/news_items). Each item of the result's Data is a
// gen.PaginatedResponse_Data_Item, the union of a news item and a newsfeed
// that all news listings share; here it always holds a news item: decode it
// with AsNewsItem. (The union has no discriminator, so an As* method decodes
// any object; the decoded Type, "news-item" or "newsfeed", tells which it
// was.) params may be nil; params.Page and params.PerPage choose the page.
// Use [NewsService.ListItemsAll] to get every page.
func (s *NewsService) ListItems(ctx context.Context, params *gen.ListNewsItemsParams, opts ...Option) (*gen.PaginatedResponse, error) {
	return doJSON[gen.PaginatedResponse](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListNewsItems(ctx, params)
	})
}

// ListItemsAll iterates over every news item (GET /news/news_items, page by
// page), starting at params.Page (default the first). Each yielded item is a
// news item: get it with item.AsNewsItem(). params may be nil
// (params.PerPage sets the page size); it is copied and not modified. An
// error is yielded once and ends the iteration.
func (s *NewsService) ListItemsAll(ctx context.Context, params *gen.ListNewsItemsParams, opts ...Option) iter.Seq2[gen.PaginatedResponse_Data_Item, error] {
	return paginate(ctx, fetchPages(s.c, nil, opts,
		pageCall(params, func(q *gen.ListNewsItemsParams, page *int) { q.Page = page },
			func(ctx context.Context, q *gen.ListNewsItemsParams) (*http.Response, error) {
				return s.c.gen.ListNewsItems(ctx, q)
			}),
		newsPage))
}

// CreateItem creates a news item (POST /news/news_items). body.Title and
// body.SenderId (the id of an admin) are required; the item stays a draft
// unless body.State is "live", and body.NewsfeedAssignments chooses the
// newsfeeds it appears in.
func (s *NewsService) CreateItem(ctx context.Context, body gen.NewsItemRequest, opts ...Option) (*gen.NewsItem, error) {
	return doJSON[gen.NewsItem](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CreateNewsItem(ctx, body)
	})
}

// GetItem fetches a news item (GET /news/news_items/{news_item_id}).
// itemID is a string of digits.
func (s *NewsService) GetItem(ctx context.Context, itemID string, opts ...Option) (*gen.NewsItem, error) {
	id, err := numericID("news item id", itemID)
	if err != nil {
		return nil, err
	}
	return doJSON[gen.NewsItem](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.RetrieveNewsItem(ctx, id)
	})
}

// UpdateItem updates a news item (PUT /news/news_items/{news_item_id}).
// The body is a whole news item: body.Title and body.SenderId are required
// even when they do not change. itemID is a string of digits.
func (s *NewsService) UpdateItem(ctx context.Context, itemID string, body gen.NewsItemRequest, opts ...Option) (*gen.NewsItem, error) {
	id, err := numericID("news item id", itemID)
	if err != nil {
		return nil, err
	}
	return doJSON[gen.NewsItem](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.UpdateNewsItem(ctx, id, body)
	})
}

// DeleteItem deletes a news item (DELETE /news/news_items/{news_item_id}).
// itemID is a string of digits.
func (s *NewsService) DeleteItem(ctx context.Context, itemID string, opts ...Option) (*gen.DeletedObject, error) {
	id, err := numericID("news item id", itemID)
	if err != nil {
		return nil, err
	}
	return doJSON[gen.DeletedObject](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.DeleteNewsItem(ctx, id)
	})
}

// ListLiveItems fetches one page of the news items that are live on a
// newsfeed (GET /news/newsfeeds/{newsfeed_id}/items). Each item of the
// result's Data is a news item: decode it with AsNewsItem. params may be
// nil; params.Page and params.PerPage choose the page. Use
// [NewsService.ListLiveItemsAll] to get every page.
func (s *NewsService) ListLiveItems(ctx context.Context, newsfeedID string, params *gen.ListLiveNewsfeedItemsParams, opts ...Option) (*gen.PaginatedResponse, error) {
	if err := requireID("newsfeed id", newsfeedID); err != nil {
		return nil, err
	}
	return doJSON[gen.PaginatedResponse](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListLiveNewsfeedItems(ctx, newsfeedID, params)
	})
}

// ListLiveItemsAll iterates over every news item live on a newsfeed
// (GET /news/newsfeeds/{newsfeed_id}/items, page by page), starting at
// params.Page (default the first). Each yielded item is a news item: get it
// with item.AsNewsItem(). params may be nil; it is copied and not modified.
// An error is yielded once and ends the iteration; an invalid newsfeedID is
// that error, and no request is sent.
func (s *NewsService) ListLiveItemsAll(ctx context.Context, newsfeedID string, params *gen.ListLiveNewsfeedItemsParams, opts ...Option) iter.Seq2[gen.PaginatedResponse_Data_Item, error] {
	if err := requireID("newsfeed id", newsfeedID); err != nil {
		return errSeq[gen.PaginatedResponse_Data_Item](err)
	}
	return paginate(ctx, fetchPages(s.c, nil, opts,
		pageCall(params, func(q *gen.ListLiveNewsfeedItemsParams, page *int) { q.Page = page },
			func(ctx context.Context, q *gen.ListLiveNewsfeedItemsParams) (*http.Response, error) {
				return s.c.gen.ListLiveNewsfeedItems(ctx, newsfeedID, q)
			}),
		newsPage))
}

// ListNewsfeeds fetches one page of the workspace's newsfeeds
// (GET /news/newsfeeds). Each item of the result's Data is a newsfeed:
// decode it with AsNewsfeed. params may be nil; params.Page and
// params.PerPage choose the page. Use [NewsService.ListNewsfeedsAll] to get
// every page.
func (s *NewsService) ListNewsfeeds(ctx context.Context, params *gen.ListNewsfeedsParams, opts ...Option) (*gen.PaginatedResponse, error) {
	return doJSON[gen.PaginatedResponse](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListNewsfeeds(ctx, params)
	})
}

// ListNewsfeedsAll iterates over every newsfeed (GET /news/newsfeeds, page
// by page), starting at params.Page (default the first). Each yielded item
// is a newsfeed: get it with item.AsNewsfeed(). params may be nil; it is
// copied and not modified. An error is yielded once and ends the iteration.
func (s *NewsService) ListNewsfeedsAll(ctx context.Context, params *gen.ListNewsfeedsParams, opts ...Option) iter.Seq2[gen.PaginatedResponse_Data_Item, error] {
	return paginate(ctx, fetchPages(s.c, nil, opts,
		pageCall(params, func(q *gen.ListNewsfeedsParams, page *int) { q.Page = page },
			func(ctx context.Context, q *gen.ListNewsfeedsParams) (*http.Response, error) {
				return s.c.gen.ListNewsfeeds(ctx, q)
			}),
		newsPage))
}

// GetNewsfeed fetches a newsfeed (GET /news/newsfeeds/{newsfeed_id}).
func (s *NewsService) GetNewsfeed(ctx context.Context, newsfeedID string, opts ...Option) (*gen.Newsfeed, error) {
	if err := requireID("newsfeed id", newsfeedID); err != nil {
		return nil, err
	}
	return doJSON[gen.Newsfeed](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.RetrieveNewsfeed(ctx, newsfeedID)
	})
}

// newsPage splits a page of a news listing into its items and the next page.
func newsPage(r *gen.PaginatedResponse) ([]gen.PaginatedResponse_Data_Item, string) {
	return items(r.Data), pageNext(r.Pages)
}
