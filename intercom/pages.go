package intercom

import (
	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom/internal/engine"
)

// The next-page readers of the generated iterators: they read this
// package's gen types (the engine, intercom/internal/engine, knows no gen
// package) and hand the numbers to the engine's pagination.

// cursorNext returns the next cursor of a cursor-paginated response
// (pages.next.starting_after), or "" when there is no next page. pages.next
// decodes from a cursor object or a URL (types.NextPage); only the cursor
// continues a cursor listing.
func cursorNext(p *gen.CursorPages) string {
	return p.GetNext().GetStartingAfter()
}

// withStartingAfter returns a new pagination object for a search body asking
// for the page after cursor, keeping p's per_page. p is not modified.
func withStartingAfter(p *gen.StartingAfterPaging, cursor string) *gen.StartingAfterPaging {
	var n gen.StartingAfterPaging
	if p != nil {
		n = *p
	}
	n.StartingAfter = &cursor
	return &n
}

// searchPage returns a copy of a search request body asking for the page after
// cursor; with cursor "" it is req unchanged (the caller's own pagination, if
// any, applies to the first page). The caller's Pagination is never modified:
// a new one is made, keeping its per_page.
func searchPage(req gen.SearchRequest, cursor string) gen.SearchRequest {
	if cursor == "" {
		return req
	}
	var p gen.StartingAfterPaging
	if req.Pagination != nil {
		p = *req.Pagination
	}
	p.StartingAfter = &cursor
	req.Pagination = &p
	return req
}

// pageNext returns the cursor of the page after p for a page-numbered listing:
// the next page number as a string, or "" on the last page. It uses
// pages.page and pages.total_pages when both are present, else pages.next:
// its page when it came as an object, or the page query parameter when it
// came as a URL.
func pageNext(p *gen.PagesLink) string {
	if p == nil {
		return ""
	}
	return engine.PageNextOf(p.Page, p.TotalPages, p.GetNext().GetPage(), p.GetNext().GetURL())
}

// linkNext returns the next-page URL of a listing whose pages.next is a URL,
// or "" when there is none.
func linkNext(p *gen.PagesLink) string {
	return p.GetNext().GetURL()
}
