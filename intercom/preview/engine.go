package preview

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"reflect"
	"slices"

	gen "github.com/intercomkit/intercom-go/gen/preview"
	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/intercom/internal/bridge"
)

// This file holds what the generated methods of this package call: thin
// typed adapters over package intercom's engine (intercom/internal/bridge),
// which does the work (auth, version, region, rate limits, retries,
// decoding, errors, observers, pagination). Nothing here sends a request on
// its own.

// Option configures one call, exactly as for package intercom's methods
// (WithMaxRetries, WithParams, WithStrictDecoding, ...).
type Option = intercom.Option

// Operation describes the Intercom API operation a call performs; a
// middleware reads it with [intercom.OperationFromRequest].
type Operation = intercom.Operation

// Download is the file of a call that downloads one.
type Download = intercom.Download

// engine is package intercom's engine, filled in by its init.
var engine = &bridge.Engine

// newOperation returns the Operation of a generated method.
func newOperation(id, service, method, httpMethod, path string, retrySafe, paramsOption bool) *Operation {
	return engine.NewOperation(id, service, method, httpMethod, path, retrySafe, paramsOption).(*Operation)
}

// callOptions are the options of a call: the Preview version header first,
// so an explicit intercom.WithAPIVersion of the caller still wins, then the
// caller's.
func (c *Client) callOptions(opts []Option) []Option {
	return append([]Option{c.version}, opts...)
}

func doJSON[T any](ctx context.Context, c *Client, op *Operation, opts []Option, req *http.Request, buildErr error) (*T, error) {
	v := new(T)
	if err := engine.DoInto(ctx, c.parent, op, c.callOptions(opts), req, buildErr, v, reflect.TypeFor[T]()); err != nil {
		return nil, err
	}
	return v, nil
}

func doNoBody(ctx context.Context, c *Client, op *Operation, opts []Option, req *http.Request, buildErr error) error {
	return engine.DoNoBody(ctx, c.parent, op, c.callOptions(opts), req, buildErr)
}

func doDownload(ctx context.Context, c *Client, op *Operation, opts []Option, accept string, req *http.Request, buildErr error) (*Download, error) {
	d, err := engine.DoDownload(ctx, c.parent, op, c.callOptions(opts), accept, req, buildErr)
	if err != nil {
		return nil, err
	}
	return d.(*Download), nil
}

// pager is one paginated listing: its operation and how to fetch a page.
type pager[T any] struct {
	op    *Operation
	fetch func(ctx context.Context, cursor string) ([]T, string, error)
}

// fetchPages is the pager of a listing whose response decodes into R:
// build builds the request for a cursor ("" = the first page) and split
// takes the items and next cursor out of the decoded response.
func fetchPages[R, T any](c *Client, op *Operation, opts []Option, build func(cursor string) (*http.Request, error), split func(*R) ([]T, string)) pager[T] {
	opts = slices.Clone(opts)
	return pager[T]{op: op, fetch: func(ctx context.Context, cursor string) ([]T, string, error) {
		req, err := build(cursor)
		r, err := doJSON[R](ctx, c, op, opts, req, err)
		if err != nil {
			return nil, "", err
		}
		items, next := split(r)
		return items, next, nil
	}}
}

// paginate yields every item of every page with package intercom's
// pagination (the same guards, the same errors).
func paginate[T any](ctx context.Context, p pager[T]) iter.Seq2[T, error] {
	return typed[T](engine.Paginate(ctx, p.op, func(ctx context.Context, cursor string) ([]any, string, error) {
		items, next, err := p.fetch(ctx, cursor)
		return boxed(items), next, err
	}))
}

// scroller is a scroll listing: its operation and how to fetch a page with
// the given call options.
type scroller[T any] struct {
	op    *Operation
	fetch func(ctx context.Context, param string, opts []Option) ([]T, string, error)
}

func scrollFetch[R, T any](c *Client, op *Operation, build func(param string) (*http.Request, error), split func(*R) ([]T, string)) scroller[T] {
	return scroller[T]{op: op, fetch: func(ctx context.Context, param string, opts []Option) ([]T, string, error) {
		req, err := build(param)
		r, err := doJSON[R](ctx, c, op, opts, req, err)
		if err != nil {
			return nil, "", err
		}
		items, next := split(r)
		return items, next, nil
	}}
}

func paginateScroll[T any](ctx context.Context, opts []Option, s scroller[T]) iter.Seq2[T, error] {
	return typed[T](engine.PaginateScroll(ctx, s.op, opts, func(ctx context.Context, param string, opts any) ([]any, string, error) {
		items, next, err := s.fetch(ctx, param, opts.([]Option))
		return boxed(items), next, err
	}))
}

func scrollOptions(opts []Option) []Option { return engine.ScrollOptions(opts).([]Option) }

func scrollError(err error, continued bool) error { return engine.ScrollError(err, continued) }

// boxed and typed carry a page's items through the untyped bridge.
func boxed[T any](items []T) []any {
	if items == nil {
		return nil
	}
	out := make([]any, len(items))
	for i := range items {
		out[i] = items[i]
	}
	return out
}

func typed[T any](seq iter.Seq2[any, error]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for v, err := range seq {
			t, _ := v.(T) // the zero value with an error
			if !yield(t, err) {
				return
			}
		}
	}
}

// nextURLCall builds the first page with first and every later one as a
// GET of its pages.next URL (refused on another host than the client's).
func nextURLCall(c *Client, first func() (*http.Request, error)) func(cursor string) (*http.Request, error) {
	return func(cursor string) (*http.Request, error) {
		if cursor == "" {
			return first()
		}
		return engine.NextPageRequest(c.parent, cursor)
	}
}

// pageCall builds every page of a page-numbered listing from a copy of
// params with the page the cursor names.
func pageCall[P any](params *P, setPage func(q *P, page *int), build func(q *P) (*http.Request, error)) func(cursor string) (*http.Request, error) {
	p := cloneParams(params)
	return func(cursor string) (*http.Request, error) {
		q := *p
		page, err := pageParam(cursor)
		if err != nil {
			return nil, err
		}
		if page != nil {
			setPage(&q, page)
		}
		return build(&q)
	}
}

func paramsOption[P any](opts []Option) (*P, error) {
	params := engine.ParamsOf(opts)
	if params == nil {
		return nil, nil
	}
	p, ok := params.(*P)
	if !ok {
		return nil, fmt.Errorf("intercom: WithParams(%T) given to a call whose parameters are *%T", params, *new(P))
	}
	return p, nil
}

func requireID(name, id string) error        { return engine.RequireID(name, id) }
func numericID(name, id string) (int, error) { return engine.NumericID(name, id) }

// requireAdminID checks an admin id as package intercom does: a positive number.
func requireAdminID(adminID string) error {
	_, err := engine.NumericID("admin id", adminID)
	return err
}

func requireParam(name string, missing bool) error { return engine.RequireParam(name, missing) }
func requireUnionBody(v json.Marshaler) error      { return engine.RequireUnionBody(v) }
func pageParam(cursor string) (*int, error)        { return engine.PageParam(cursor) }
func pageAfter(page, totalPages int) string        { return engine.PageAfter(page, totalPages) }
func nextCursor(hasMore bool, next *string) string { return engine.NextCursor(hasMore, next) }

// pageNext is the next page of a page-numbered listing.
func pageNext(p *gen.PagesLink) string {
	if p == nil {
		return ""
	}
	return engine.PageNext(p.Page, p.TotalPages, p.GetNext().GetPage(), p.GetNext().GetURL())
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

func errSeq[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

func valueOr[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func cloneParams[P any](p *P) *P {
	c := new(P)
	if p != nil {
		*c = *p
	}
	return c
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
