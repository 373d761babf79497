package preview

import (
	gen "github.com/intercomkit/intercom-go/gen/preview"
	"github.com/intercomkit/intercom-go/intercom/internal/engine"
)

// The next-page readers of the generated iterators: they read the
// Preview's gen types (the engine, intercom/internal/engine, knows no gen
// package) and hand the numbers to the engine's pagination, as package
// intercom's pages.go does for its own.

// pageNext is the next page of a page-numbered listing.
func pageNext(p *gen.PagesLink) string {
	if p == nil {
		return ""
	}
	return engine.PageNextOf(p.Page, p.TotalPages, p.GetNext().GetPage(), p.GetNext().GetURL())
}

// linkNext is the next-page URL of a listing whose pages.next is a URL.
func linkNext(p *gen.PagesLink) string {
	return p.GetNext().GetURL()
}

// cursorNext is the next cursor of a cursor-paginated response.
func cursorNext(p *gen.CursorPages) string {
	return p.GetNext().GetStartingAfter()
}

// withStartingAfter returns a copy of p asking for the page after cursor.
func withStartingAfter(p *gen.StartingAfterPaging, cursor string) *gen.StartingAfterPaging {
	var n gen.StartingAfterPaging
	if p != nil {
		n = *p
	}
	n.StartingAfter = &cursor
	return &n
}
