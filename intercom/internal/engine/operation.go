package engine

import (
	"context"
	"net/http"
	"slices"
)

// Operation describes the Intercom API operation an SDK call performs. The
// service methods pass theirs to the HTTP layer, where a [Middleware] or an
// instrumentation hook can read it with [OperationFromRequest] (to name a
// span after the operation rather than the URL, for example), and where its
// RetrySafe flag decides whether a failed request may be sent again.
type Operation struct {
	// ID is the operationId as package gen exports it, e.g. "ShowContact";
	// it is also the name of the gen.Client method.
	ID string
	// Service and Method name the facade method, e.g. "Contacts" and "Get"
	// for Client.Contacts.Get.
	Service, Method string
	// HTTPMethod and Path are the operation's HTTP method and OpenAPI path
	// template, e.g. "GET" and "/contacts/{contact_id}".
	HTTPMethod, Path string
	// RetrySafe reports that the operation changes nothing on the server (a
	// GET, or a read sent as POST such as a search), so a request that failed
	// with a 5xx or a connection error after it was sent may be repeated.
	RetrySafe bool

	// paramsOption: the method takes its query parameters with WithParams.
	paramsOption bool
	// version, when not nil, is the WithAPIVersion of the operation's
	// surface (intercom/preview's "Preview"): it comes before the call's
	// options and after those of ContextWithOptions, so a call's own
	// WithAPIVersion still wins.
	version Option
}

// NewOperation returns the Operation of a generated method: its ID,
// service and method names, HTTP method and path template, whether it is
// RetrySafe and whether it takes its query parameters with WithParams.
// apiVersion is the Intercom-Version of its surface, or "" for the
// client's (package intercom's operations).
func NewOperation(apiVersion, id, service, method, httpMethod, path string, retrySafe, paramsOption bool) *Operation {
	op := &Operation{ID: id, Service: service, Method: method, HTTPMethod: httpMethod, Path: path,
		RetrySafe: retrySafe, paramsOption: paramsOption}
	if apiVersion != "" {
		op.version = WithAPIVersion(apiVersion)
	}
	return op
}

// opKey is the context key under which the engine marks the request it
// hands to the middleware chain and the HTTP client with the operation of
// its call, so that [OperationFromRequest] can name it. It carries nothing
// else: a call's options go from the generated method to the engine as
// arguments (see [Client.do]), never through a context. The same key holds
// the options of [ContextWithOptions]; the engine's mark shadows them, so a
// call a middleware nests with the request's context sees only its own.
type opKey struct{}

// contextOptions holds the options a caller attached with
// [ContextWithOptions].
type contextOptions struct{ opts []Option }

// callOptions returns the options of a call made with ctx and opts: those
// the caller attached to ctx with [ContextWithOptions] (unless ctx is the
// context of a request already inside the engine), then opts.
func callOptions(ctx context.Context, op *Operation, opts []Option) []Option {
	if op != nil && op.version != nil {
		opts = append([]Option{op.version}, opts...)
	}
	co, _ := ctx.Value(opKey{}).(*contextOptions)
	if co == nil {
		return opts
	}
	if len(opts) == 0 {
		return co.opts
	}
	return append(slices.Clip(co.opts), opts...)
}

// withOperation returns ctx marked as the context of a request of op (nil
// for a raw generated call) inside the engine.
func withOperation(ctx context.Context, op *Operation) context.Context {
	return context.WithValue(ctx, opKey{}, op)
}

// OperationFromRequest returns the operation of a request on its way through
// the client's HTTP layer (in a [Middleware], or an http.RoundTripper of the
// client's HTTP client), or nil for a request of a raw generated call or a
// next-page URL of no known operation. The engine puts the operation in the
// request's context for this purpose only.
func OperationFromRequest(req *http.Request) *Operation {
	if req == nil {
		return nil
	}
	op, _ := req.Context().Value(opKey{}).(*Operation)
	return op
}
