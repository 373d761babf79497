package intercom

import (
	"context"
	"net/http"
	"net/http/httptrace"
	"slices"
	"sync/atomic"
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
}

// callKey is the context key of the state of one SDK call.
type callKey struct{}

// callState is what one call carries to the HTTP layer: its operation and its
// options. A state made by a service method is claimed by the first request
// that reaches the HTTP layer with it; a request that finds it already claimed
// (a nested call made by a middleware with the outer request's context)
// ignores it, so one call's options never apply to another call.
type callState struct {
	op   *Operation
	opts []Option
	// sticky marks options attached with ContextWithOptions: they apply to
	// every request made with that context, and are never claimed.
	sticky  bool
	claimed atomic.Bool

	// tracker is set by withCall for an operation that changes something: its
	// trace is in the call's context, so the requests of this call report to
	// it whether they were written (see [writeTracker]); one allocation for
	// the call instead of several per attempt.
	tracker *callTracker

	// decode is set by doJSON: the call's body is decoded after the HTTP
	// layer returns, so a successful call's observers are told it ended
	// (obs, set by the HTTP layer) only once decoding is done.
	decode bool
	obs    *callObs
}

// callTracker is the write tracker of one call and the trace that feeds it.
type callTracker struct {
	wt    writeTracker
	trace httptrace.ClientTrace
}

// withCall returns ctx carrying the state of one call of op with opts.
// Options attached to ctx with ContextWithOptions come first.
func withCall(ctx context.Context, op *Operation, opts []Option) context.Context {
	if cs, _ := ctx.Value(callKey{}).(*callState); cs != nil && cs.sticky {
		opts = append(slices.Clip(cs.opts), opts...)
	}
	if op == nil && len(opts) == 0 {
		return ctx
	}
	cs := &callState{op: op, opts: opts}
	ctx = context.WithValue(ctx, callKey{}, cs)
	if op != nil && !op.RetrySafe && !isIdempotent(op.HTTPMethod) {
		t := &callTracker{}
		t.trace.WroteHeaders = t.wt.wroteHeaders
		cs.tracker = t
		ctx = httptrace.WithClientTrace(ctx, &t.trace)
	}
	return ctx
}

// takeCall returns the operation and options that apply to a request made
// with ctx, whether its context must be replaced before the request goes on
// (so that calls nested in a middleware do not see them again), and the
// call's write tracker when its context carries one for this request.
func takeCall(ctx context.Context) (op *Operation, opts []Option, shadow bool, wt *writeTracker) {
	cs, _ := ctx.Value(callKey{}).(*callState)
	switch {
	case cs == nil:
		return nil, nil, false, nil
	case cs.sticky:
		return nil, cs.opts, true, nil
	case cs.claimed.CompareAndSwap(false, true):
		if cs.tracker != nil {
			wt = &cs.tracker.wt
		}
		return cs.op, cs.opts, false, wt
	}
	// Claimed by an outer request: this is a nested call.
	return nil, nil, false, nil
}

// spentCall is the state a request's context gets after ContextWithOptions
// options were applied to it: nested calls see no options, and the
// operation stays readable.
func spentCall(ctx context.Context, op *Operation) context.Context {
	cs := &callState{op: op}
	cs.claimed.Store(true)
	return context.WithValue(ctx, callKey{}, cs)
}

// OperationFromRequest returns the operation of a request on its way through
// the client's HTTP layer (in a [Middleware], for example), or nil for a
// request of a raw generated call or a next-page URL of no known operation.
func OperationFromRequest(req *http.Request) *Operation {
	if req == nil {
		return nil
	}
	cs, _ := req.Context().Value(callKey{}).(*callState)
	if cs == nil {
		return nil
	}
	return cs.op
}
