// Package bridge is how intercom/preview runs its calls on package
// intercom's engine without the engine's internals becoming public API.
//
// Package intercom fills [Engine] in its init; intercom/preview, which
// imports package intercom (so the init has run), calls through it. The
// functions take package intercom's own types (*intercom.Client,
// *intercom.Operation, []intercom.Option, *intercom.Download) as any, since
// this package cannot import package intercom (intercom imports it); each
// side converts them back, and a wrong type is a programming error of this
// module that panics at once. Only packages under intercom/ can import this
// one (Go's internal rule), so users never see it.
package bridge

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"reflect"
)

// Functions are the engine entry points package intercom lends to
// intercom/preview.
type Functions struct {
	// DoInto sends req (built by a gen request builder; buildErr is the
	// builder's error) as one call of op with the call options opts and
	// decodes the 2xx JSON body into v, a pointer to a value of type t.
	DoInto func(ctx context.Context, c, op, opts any, req *http.Request, buildErr error, v any, t reflect.Type) error
	// DoNoBody is DoInto for a call whose success has no useful body.
	DoNoBody func(ctx context.Context, c, op, opts any, req *http.Request, buildErr error) error
	// DoDownload is a call whose success is a file (an *intercom.Download).
	DoDownload func(ctx context.Context, c, op, opts any, accept string, req *http.Request, buildErr error) (any, error)
	// NextPageRequest builds the GET of a pages.next URL, refusing another host.
	NextPageRequest func(c any, rawURL string) (*http.Request, error)
	// Paginate iterates the items of every page fetch returns (cursor ""
	// is the first page; next "" is the last) with package intercom's
	// guards (repeated cursors, no progress, the context).
	Paginate func(ctx context.Context, op any, fetch func(ctx context.Context, cursor string) (items []any, next string, err error)) iter.Seq2[any, error]
	// PaginateScroll is Paginate for a scroll (scroll_param) listing,
	// with the call options opts in the scroll's retry mode.
	PaginateScroll func(ctx context.Context, op, opts any, fetch func(ctx context.Context, param string, opts any) (items []any, next string, err error)) iter.Seq2[any, error]
	// ScrollError is the error of a scroll request (ErrScrollExpired on a
	// 500 after the first page).
	ScrollError func(err error, continued bool) error
	// ScrollOptions are the call options of a scroll request.
	ScrollOptions func(opts any) any
	// BaseURL is the client's base URL with a trailing slash, as gen's
	// request builders take it.
	BaseURL func(c any) string
	// NewOperation returns an *intercom.Operation.
	NewOperation func(id, service, method, httpMethod, path string, retrySafe, paramsOption bool) any
	// RequireID, NumericID, RequireParam and RequireUnionBody are the
	// argument checks of generated methods (errors wrap intercom.ErrInvalidID
	// where package intercom's do).
	RequireID        func(name, id string) error
	NumericID        func(name, id string) (int, error)
	RequireParam     func(name string, missing bool) error
	RequireUnionBody func(v json.Marshaler) error
	// ParamsOf returns the parameters given with intercom.WithParams
	// among the call options opts, or nil.
	ParamsOf func(opts any) any
	// PageParam, PageAfter and NextCursor convert page cursors.
	PageParam  func(cursor string) (*int, error)
	PageAfter  func(page, totalPages int) string
	NextCursor func(hasMore bool, next *string) string
	// PageNext is the next page of a page-numbered listing from its
	// pages.page, pages.total_pages, and pages.next (a page or a URL).
	PageNext func(page, totalPages *int, nextPage int, nextURL string) string
}

// Engine holds package intercom's functions once its init has run.
var Engine Functions
