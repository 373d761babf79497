package intercom

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
)

// A server that keeps naming a next page but sends no new item ends every
// iterator, whatever its paging style, after maxIdlePages such pages with a
// *PaginationError naming the operation (on main, the iterators kept sending
// requests until the caller's context ended).
func TestPaginationCannotRunAway(t *testing.T) {
	type tc struct {
		name   string
		page   func(r *http.Request, n int) string // body of the n-th response
		iter   func(c *Client) iter.Seq2[string, error]
		op     string
		yields int // items yielded before the error
	}
	cases := []tc{
		{"cursor, empty pages", func(r *http.Request, n int) string {
			return fmt.Sprintf(`{"type":"list","data":[],"pages":{"type":"pages","next":{"starting_after":"c%d"}}}`, n)
		}, func(c *Client) iter.Seq2[string, error] {
			return idsOf(c.Contacts.ListAll(context.Background(), nil))
		}, "Contacts.List", 0},
		{"cursor, the same item again", func(r *http.Request, n int) string {
			return fmt.Sprintf(`{"type":"list","data":[{"type":"contact","id":"same"}],"pages":{"type":"pages","next":{"starting_after":"c%d"}}}`, n)
		}, func(c *Client) iter.Seq2[string, error] {
			return idsOf(c.Contacts.ListAll(context.Background(), nil))
		}, "Contacts.List", maxIdlePages + 1},
		{"search body", func(r *http.Request, n int) string {
			return fmt.Sprintf(`{"type":"list","data":[],"pages":{"type":"pages","next":{"starting_after":"c%d"}}}`, n)
		}, func(c *Client) iter.Seq2[string, error] {
			req, err := SearchQuery{Filter: Field("role").Equals("user")}.ForContacts()
			if err != nil {
				return errSeq[string](err)
			}
			return idsOf(c.Contacts.SearchAll(context.Background(), req))
		}, "Contacts.Search", 0},
		{"page numbers", func(r *http.Request, n int) string {
			return fmt.Sprintf(`{"type":"list","data":[],"pages":{"type":"pages","page":%d,"total_pages":1000000}}`, n)
		}, func(c *Client) iter.Seq2[string, error] {
			return idsOf(c.Contacts.ListNotesAll(context.Background(), "c1", nil))
		}, "Contacts.ListNotes", 0},
		{"next URL", func(r *http.Request, n int) string {
			return fmt.Sprintf(`{"type":"list","companies":[],"pages":{"type":"pages","next":"http://%s/contacts/c1/companies?page=%d"}}`, r.Host, n+1)
		}, func(c *Client) iter.Seq2[string, error] {
			return idsOf(c.Contacts.ListCompaniesAll(context.Background(), "c1", nil))
		}, "Contacts.ListCompanies", 0},
		{"has_more and next_cursor", func(r *http.Request, n int) string {
			return fmt.Sprintf(`{"object":"list","data":[],"has_more":true,"next_cursor":"n%d"}`, n)
		}, func(c *Client) iter.Seq2[string, error] {
			// API 2.16 only: called by name, skipped where the version lacks it.
			return seqOf(context.Background(), c, "Contacts", "ListMergeHistoryAll", "c1", nil)
		}, "Contacts.ListMergeHistory", 0},
		{"scroll, the same item again", func(r *http.Request, n int) string {
			return `{"type":"list","data":[{"type":"company","id":"same"}],"scroll_param":"s1"}`
		}, func(c *Client) iter.Seq2[string, error] {
			return idsOf(c.Companies.ScrollAll(context.Background(), nil))
		}, "Companies.Scroll", maxIdlePages + 1},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			if svc, name, _ := strings.Cut(tt.op, "."); opOf(svc, name) == nil {
				t.Skipf("API %s has no operation behind %s: nothing to test", APIVersion, tt.op)
			}
			var hits atomic.Int32
			srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
				n := int(hits.Add(1))
				if n > 1000 {
					coreJSON(w, 500, `{}`) // the iterator ran away
					return
				}
				coreJSON(w, 200, tt.page(r, n))
			})
			c, _ := coreClient(t, srv.URL)
			var yielded int
			var last error
			for _, err := range tt.iter(c) {
				if err != nil {
					last = err
					break
				}
				yielded++
			}
			var pe *PaginationError
			if !errors.As(last, &pe) || !errors.Is(last, ErrPaginationStalled) {
				t.Fatalf("after %d requests: err %v, want a *PaginationError", hits.Load(), last)
			}
			if pe.Operation != tt.op || pe.IdlePages != maxIdlePages {
				t.Errorf("error %+v: want operation %s after %d idle pages", pe, tt.op, maxIdlePages)
			}
			if n := int(hits.Load()); n != maxIdlePages+min(tt.yields, 1) {
				t.Errorf("%d requests, want %d", n, maxIdlePages+min(tt.yields, 1))
			}
			if yielded != tt.yields {
				t.Errorf("yielded %d items, want %d", yielded, tt.yields)
			}
		})
	}
}

// A listing that progresses slowly (a few empty pages between real ones,
// fewer than maxIdlePages in a row) is followed to its end.
func TestPaginationToleratesSomeEmptyPages(t *testing.T) {
	var hits atomic.Int32
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		n := int(hits.Add(1))
		switch {
		case n == 40:
			coreJSON(w, 200, `{"type":"list","data":[{"type":"contact","id":"last"}],"pages":{"type":"pages"}}`)
		case n%(maxIdlePages-1) == 0:
			coreJSON(w, 200, fmt.Sprintf(`{"type":"list","data":[{"type":"contact","id":"x%d"}],"pages":{"type":"pages","next":{"starting_after":"c%d"}}}`, n, n))
		default:
			coreJSON(w, 200, fmt.Sprintf(`{"type":"list","data":[],"pages":{"type":"pages","next":{"starting_after":"c%d"}}}`, n))
		}
	})
	c, _ := coreClient(t, srv.URL)
	var got int
	for _, err := range c.Contacts.ListAll(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		got++
	}
	if got != 40/(maxIdlePages-1)+1 || hits.Load() != 40 {
		t.Errorf("%d items in %d requests", got, hits.Load())
	}
}

// idsOf turns an iterator of items with ids into one of their ids.
func idsOf[T any](seq iter.Seq2[T, error]) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for v, err := range seq {
			id := ""
			if g, ok := any(&v).(idAccessor); ok {
				id = g.GetId()
			}
			if !yield(id, err) {
				return
			}
		}
	}
}
