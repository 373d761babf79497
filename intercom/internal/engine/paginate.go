package engine

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"strconv"
)

// This file is the one pagination engine behind every ...All iterator, and the
// small adapters that turn each of Intercom's pagination styles into it:
//
//   - cursor in the query: starting_after (+ per_page) in the request, next
//     cursor in pages.next.starting_after: [cursorNext], with the cursor set on
//     a copy of the params.
//   - cursor in a search body: pagination.starting_after in the POST body,
//     next cursor in pages.next.starting_after: [searchPage] and [cursorNext].
//   - page numbers: page (+ per_page) in the query, pages{page, total_pages}
//     in the response: [pageNext] and [PageCall] (which sets the page, see
//     [PageParam], on a copy of the params); the cursor is the page number
//     as a string.
//   - next URL: pages.next is the absolute URL of the next page: [linkNext]
//     and [NextURLCall] (which builds its GET with Client.nextPageRequest).
//   - scroll: scroll_param in query and response: [PaginateScroll] with
//     [ScrollFetch]; only a 429 (or a failure before the request reached the
//     server) is retried, a 500 mid-scroll ends with ErrScrollExpired, an
//     empty page ends the scroll.
//
// [FetchPages] builds one page's request with gen's request builder, runs it
// through doJSON and splits the decoded
// response into items and next cursor; [CloneParams], [items] and [ValueOr]
// are the small helpers around it.
//
// A service's iterator then takes a few lines, e.g.
//
//	func (s *ConversationsService) ListAll(ctx context.Context, params *gen.ListConversationsParams, opts ...Option) iter.Seq2[gen.Conversation, error] {
//		p := cloneParams(params)
//		return paginate(ctx, fetchPages(s.c, opListConversations, opts,
//			func(cursor string) (*http.Request, error) {
//				q := *p
//				if cursor != "" {
//					q.StartingAfter = &cursor
//				}
//				return gen.NewListConversationsRequest(s.c.server, &q)
//			},
//			func(l *gen.ConversationList) ([]gen.Conversation, string) {
//				return items(l.Conversations), cursorNext(l.Pages)
//			}))
//	}

// ErrRepeatedCursor is the error an iterator ends with when the API hands back
// a pagination cursor (a starting_after value, a page number or a next-page
// URL) it already handed back during the same iteration: following it would
// repeat pages forever. Items yielded before it were not repeated.
var ErrRepeatedCursor = errors.New("intercom: pagination stopped: the API returned a cursor it had already returned, so the listing would loop")

// ErrScrollExpired is the error a scroll iterator (such as the companies
// scroll) ends with when the scroll cannot go on: Intercom answered 500 after
// the first page, which for a scroll means it failed or expired (a scroll
// expires after a minute without use), or a page came without a scroll_param.
// A scroll cannot be resumed from where it stopped: start a new iteration from
// the beginning. The error also wraps the [*Error] of the failed request, when
// there was one, so errors.As still finds it.
var ErrScrollExpired = errors.New("intercom: the scroll expired or failed and cannot be resumed; restart it from the beginning")

// pageOf is one fetched page: its items and the cursor of the next page ("" = last page).
// End, when set, is yielded after the items, and ends the iteration: for a page whose
// items arrived but which cannot be followed.
type PageOf[T any] struct {
	Items []T
	Next  string
	End   error
	Op    *Operation // the listing's operation, for a PaginationError; may be nil
}

// paginate yields every item of every page lazily. cursor "" fetches the first page.
// It yields (zero, err) once and stops; stops with ErrRepeatedCursor when a cursor repeats;
// honours ctx; makes no further request after the consumer breaks.
//
// Pages are fetched one at a time, when the consumer has taken every item of
// the previous one, so memory does not grow with the length of the listing.
// ctx is checked before each fetch; its error is yielded as is. Each range over
// the returned sequence starts again from the first page.
func Paginate[T any](ctx context.Context, fetch func(ctx context.Context, cursor string) (PageOf[T], error)) iter.Seq2[T, error] {
	return paginateSeq(ctx, fetch, true)
}

// paginateSeq is paginate, with the repeated-cursor check optional (a scroll
// may legitimately hand back the same scroll_param for every page).
func paginateSeq[T any](ctx context.Context, fetch func(ctx context.Context, cursor string) (PageOf[T], error), checkRepeats bool) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		if ctx == nil {
			yield(zero, errors.New("intercom: nil context passed to a list iterator"))
			return
		}
		var guard *cursorGuard
		if checkRepeats {
			guard = newCursorGuard(maxTrackedCursors)
		}
		cursor := ""
		var progress progressGuard
		for pages := 1; ; pages++ {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			page, err := fetch(ctx, cursor)
			if err != nil {
				yield(zero, err)
				return
			}
			for i := range page.Items {
				if !yield(page.Items[i], nil) {
					return
				}
			}
			if page.End != nil {
				yield(zero, page.End)
				return
			}
			if page.Next == "" {
				return
			}
			if idle := advance(&progress, page.Items); idle >= maxIdlePages {
				yield(zero, &PaginationError{Operation: operationName(page.Op), Pages: pages, IdlePages: idle, Err: ErrPaginationStalled})
				return
			}
			if guard != nil && guard.repeated(page.Next) {
				yield(zero, fmt.Errorf("%w (after page %d)", ErrRepeatedCursor, pages))
				return
			}
			cursor = page.Next
		}
	}
}

// maxTrackedCursors bounds the exact repeated-cursor check: the hashes of this
// many cursors are remembered (8 bytes each plus map overhead, well under a
// megabyte). Past that, cycles are still caught, by Brent's algorithm in
// constant memory, a few pages later.
const maxTrackedCursors = 1 << 14

// cursorGuard detects a cursor that was already seen, any number of pages
// earlier, in bounded memory. It remembers 64-bit hashes of the first limit
// cursors (seeded per iteration, so a collision cannot be provoked; its
// chance is below 10^-11 even with 16,384 cursors); after that it runs
// Brent's cycle detection, which needs a single saved hash.
type cursorGuard struct {
	seed  maphash.Seed
	seen  map[uint64]struct{}
	limit int

	// Brent's cycle detection, once seen is full.
	saved        uint64
	power, steps int
}

func newCursorGuard(limit int) *cursorGuard {
	return &cursorGuard{seed: maphash.MakeSeed(), seen: make(map[uint64]struct{}), limit: limit}
}

// repeated records cursor and reports whether it was seen before.
func (g *cursorGuard) repeated(cursor string) bool {
	h := maphash.String(g.seed, cursor)
	if _, ok := g.seen[h]; ok {
		return true
	}
	if len(g.seen) < g.limit {
		g.seen[h] = struct{}{}
		return false
	}
	if g.power == 0 {
		g.saved, g.power = h, 1
		return false
	}
	if h == g.saved {
		return true
	}
	if g.steps++; g.steps == g.power {
		g.saved, g.power, g.steps = h, g.power*2, 0
	}
	return false
}

// cloneParams returns a shallow copy of the caller's params (a new zero value
// when p is nil), so an iterator can set its cursor on the copy without ever
// touching the caller's struct. Iterators only replace pointer fields of the
// copy, never write through them.
func CloneParams[P any](p *P) *P {
	c := new(P)
	if p != nil {
		*c = *p
	}
	return c
}

// items returns the slice behind an optional generated list field.
func ItemsOf[T any](p *[]T) []T {
	if p == nil {
		return nil
	}
	return *p
}

// pageNextOf is pageNext on the fields of a pages object: page and
// totalPages (either may be nil), and pages.next's page (0 when absent) or
// URL ("" when absent).
func PageNextOf(page, totalPages *int, nextPage int, link string) string {
	if page != nil && totalPages != nil {
		return PageAfter(*page, *totalPages)
	}
	if nextPage > 0 {
		return strconv.Itoa(nextPage)
	}
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	n, err := strconv.Atoi(u.Query().Get("page"))
	if err != nil || n < 1 {
		return ""
	}
	return strconv.Itoa(n)
}

// pageAfter returns the cursor of the page after page for a page-numbered
// listing that reports its page and total_pages: the next page number as a
// string, or "" on the last page (or when the numbers are missing).
func PageAfter(page, totalPages int) string {
	if page < 1 || page >= totalPages {
		return ""
	}
	return strconv.Itoa(page + 1)
}

// nextCursor returns the next cursor of a listing with has_more and
// next_cursor, or "" when there are no more pages.
func NextCursor(hasMore bool, next *string) string {
	if !hasMore || next == nil {
		return ""
	}
	return *next
}

// pageParam converts the cursor of a page-numbered listing back to the page
// query parameter: nil for "" (keep the caller's page, if any), else the page
// number.
func PageParam(cursor string) (*int, error) {
	if cursor == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(cursor)
	if err != nil || n < 1 {
		return nil, fmt.Errorf("intercom: invalid page cursor %q", Truncate(cursor, 32))
	}
	return &n, nil
}

// fetchPages builds the fetch function of [Paginate] for a listing whose
// response decodes into R: build builds the request for a cursor ("" = the
// first page) and split takes the page's items and next cursor out of the
// decoded response. Every request goes through doJSON with the call options
// opts (copied, so the caller may reuse its slice).
func FetchPages[R, T any](c *Client, op *Operation, opts []Option, build func(cursor string) (*http.Request, error), split func(*R) ([]T, string)) func(ctx context.Context, cursor string) (PageOf[T], error) {
	opts = slices.Clone(opts)
	return func(ctx context.Context, cursor string) (PageOf[T], error) {
		req, err := build(cursor)
		r, err := DoJSON[R](ctx, c, op, opts, req, err)
		if err != nil {
			return PageOf[T]{}, err
		}
		list, next := split(r)
		return PageOf[T]{Items: list, Next: next, Op: op}, nil
	}
}

// nextURLCall is the builder of [FetchPages] for a listing whose pages.next
// is a URL (with [linkNext] as the next cursor): the first page is built by
// first, with the caller's params; every later page is a GET of the URL
// (see [Client.nextPageRequest], which refuses a URL on another host than
// the client's).
func NextURLCall(c *Client, first func() (*http.Request, error)) func(cursor string) (*http.Request, error) {
	return func(cursor string) (*http.Request, error) {
		if cursor == "" {
			return first()
		}
		return c.nextPageRequest(cursor)
	}
}

// pageCall is the builder of [FetchPages] for a page-numbered listing (with
// [pageNext] as the next cursor): every request is built by build with its
// own copy of params (a zero value when params is nil), on which setPage
// sets the page number the cursor names (see [PageParam]); the first page
// keeps the caller's page, if any. params is copied once, when pageCall is
// called, and never modified.
func PageCall[P any](params *P, setPage func(q *P, page *int), build func(q *P) (*http.Request, error)) func(cursor string) (*http.Request, error) {
	p := CloneParams(params)
	return func(cursor string) (*http.Request, error) {
		q := *p
		page, err := PageParam(cursor)
		if err != nil {
			return nil, err
		}
		if page != nil {
			setPage(&q, page)
		}
		return build(&q)
	}
}

// scrollFetch builds the fetch function of [PaginateScroll] for a scroll
// whose response decodes into R: build builds the request for a
// scroll_param ("" opens the scroll) and split takes the items and the next
// scroll_param out of the decoded response.
func ScrollFetch[R, T any](c *Client, op *Operation, build func(param string) (*http.Request, error), split func(*R) ([]T, string)) ScrollFetcher[T] {
	return ScrollFetcher[T]{Op: op, Fetch: func(ctx context.Context, param string, opts []Option) ([]T, string, error) {
		req, err := build(param)
		r, err := DoJSON[R](ctx, c, op, opts, req, err)
		if err != nil {
			return nil, "", err
		}
		list, next := split(r)
		return list, next, nil
	}}
}

// scrollFetcher is what [ScrollFetch] builds for [PaginateScroll]: the
// scroll's operation and the function that fetches one page.
type ScrollFetcher[T any] struct {
	Op    *Operation
	Fetch func(ctx context.Context, param string, opts []Option) ([]T, string, error)
}

// valueOr returns *p, or the zero value when p is nil.
func ValueOr[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// paginateScroll iterates a scroll listing (scroll_param in query and
// response, such as GET /companies/scroll). fetch gets the scroll_param to
// send ("" opens the scroll) and the call options to use: the caller's, in
// the mode that retries only a 429 (which does not consume the scroll: it is
// waited out as usual) and a failure before the request reached the server;
// any other retry could skip a page of a scroll that moved on. It returns the
// page's items and the response's scroll_param.
//
// The scroll ends at the first page without items. An error after the first
// page that means the scroll is gone (a 500) ends it with [ErrScrollExpired],
// as does a non-empty page without a scroll_param, after its items are
// yielded. The repeated-cursor check is not applied: a scroll_param
// identifies the whole scroll and may be the same on every page.
func PaginateScroll[T any](ctx context.Context, opts []Option, f ScrollFetcher[T]) iter.Seq2[T, error] {
	callOpts := ScrollOptions(opts)
	return paginateSeq(ctx, func(ctx context.Context, cursor string) (PageOf[T], error) {
		list, next, err := f.Fetch(ctx, cursor, callOpts)
		switch {
		case err != nil:
			return PageOf[T]{}, ScrollError(err, cursor != "")
		case len(list) == 0:
			return PageOf[T]{}, nil
		case next == "":
			return PageOf[T]{Items: list, End: fmt.Errorf("%w (a page with %d items, all yielded, came without a scroll_param)", ErrScrollExpired, len(list))}, nil
		}
		return PageOf[T]{Items: list, Next: next, Op: f.Op}, nil
	}, false)
}

// scrollOptions are the call options of a scroll request: the caller's,
// retrying only after a 429 (a 429 does not consume the scroll) or a failure
// before the request reached the server, since a scroll request that failed
// otherwise may have moved the scroll.
func ScrollOptions(opts []Option) []Option {
	return append(slices.Clip(opts), withRetryRateLimitedOnly())
}

// scrollError returns the error of a scroll request: when the request
// continued a scroll (it sent a scroll_param) and Intercom answered 500, the
// scroll is gone and the error wraps [ErrScrollExpired] as well.
func ScrollError(err error, continued bool) error {
	if err != nil && continued && hasStatus(err, http.StatusInternalServerError) {
		return fmt.Errorf("%w: %w", ErrScrollExpired, err)
	}
	return err
}
