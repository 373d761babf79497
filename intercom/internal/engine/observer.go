package engine

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"
)

// Observer is told about every call that goes through a client's HTTP layer:
// once when the call starts, after each of its attempts, and once when it
// ends. It is the hook for instrumentation such as tracing and metrics (the
// module github.com/intercomkit/intercom-go/pkg/otelintercom builds
// OpenTelemetry spans and metrics on it) and for job runners that count
// calls and 429 responses. Add one with [WithObserver].
//
// A call is one service method call, one page of an iterator, or one request
// of the raw generated client: everything between entering the HTTP layer and
// returning from it, retries included.
//
// Implementations must be safe for concurrent use: calls run concurrently.
// The information passed never contains the access token or a body, but an
// error (AttemptInfo.Err, CallResult.Err) may quote the request path and
// Intercom's error message, which can name a person (an email in a path or a
// validation message): an implementation that exports data should not export
// error text as-is.
type Observer interface {
	// ObserveCall is called once per call, before its first attempt (and
	// before any wait for a rate limiter). It returns the context the call's
	// requests continue with (ctx itself, or ctx carrying a span so that the
	// spans of an instrumented transport nest under it) and the CallObserver
	// that follows the call; a nil CallObserver ignores the call.
	ObserveCall(ctx context.Context, call CallInfo) (context.Context, CallObserver)
}

// CallObserver follows one call; see [Observer]. Its methods are called from
// the goroutine that made the call, in order: AttemptDone after each attempt,
// then CallDone once.
type CallObserver interface {
	// AttemptDone reports one attempt, once it is known whether another
	// attempt follows.
	AttemptDone(a AttemptInfo)
	// CallDone reports the end of the call.
	CallDone(r CallResult)
}

// CallInfo describes a call as it starts.
type CallInfo struct {
	// Operation is the API operation of the call, or nil when it is not
	// known (a raw generated call, a next-page URL).
	Operation *Operation
	// Method is the HTTP method, e.g. "GET".
	Method string
	// Host and Port are the server's host name and port (the port is 443 or
	// 80 when the URL gives none).
	Host string
	Port int
	// Start is when the call entered the HTTP layer.
	Start time.Time
}

// AttemptInfo describes one attempt of a call.
type AttemptInfo struct {
	// Attempt is the attempt's number, from 1.
	Attempt int
	// Sent reports that the request was handed to the HTTP client: false
	// when the attempt ended while waiting for the rate limiter.
	Sent bool
	// StatusCode is the response's status, or 0 when there was none (a
	// connection error, or an attempt stopped while waiting for the rate
	// limiter).
	StatusCode int
	// Err is why the attempt got no response, or nil.
	Err error
	// RequestID is the response's X-Request-Id header, if any.
	RequestID string
	// RateLimit is the response's X-RateLimit-* state (zero when absent).
	RateLimit RateLimit
	// RateLimitWait is how long the attempt waited before it was sent, for
	// the [RateLimiter] of [WithRateLimiter] and for [WithRateLimitWait].
	RateLimitWait time.Duration
	// Duration is the time from sending the request to having read the
	// response (or the error).
	Duration time.Duration
	// Retry reports that another attempt follows, after RetryDelay.
	Retry      bool
	RetryDelay time.Duration
}

// CallResult describes a call as it ends.
type CallResult struct {
	// StatusCode is the status of the final response, or 0 when there was
	// none.
	StatusCode int
	// Err is the call's error (an [*Error] for a non-2xx response, a
	// [*DecodeError] for a 2xx body that could not be decoded), or nil.
	Err error
	// Attempts is the number of attempts made (0 when the call failed before
	// its first one, e.g. on an invalid option).
	Attempts int
	// RetryWait is the total time spent waiting between attempts;
	// RateLimitWait the total time spent waiting for the rate limiter.
	RetryWait, RateLimitWait time.Duration
	// RequestID and RateLimit are those of the final response.
	RequestID string
	RateLimit RateLimit
	// Duration is the time from entering to leaving the HTTP layer (for a
	// service method, to the end of decoding its response).
	Duration time.Duration
}

// WithObserver adds observers told about every call (see [Observer]), after
// those already set: on a client, they see all its calls; as a call option,
// or with [ContextWithOptions], they also see that call. A nil Observer is an
// error.
func WithObserver(obs ...Observer) Option {
	return func(cfg *config) error {
		for i, o := range obs {
			if o == nil {
				return errors.New("intercom: WithObserver: observer " + strconv.Itoa(i) + " is nil")
			}
		}
		cfg.observers = append(cfg.observers[:len(cfg.observers):len(cfg.observers)], obs...)
		return nil
	}
}

// callObs follows one call for the HTTP layer. Its methods do nothing on a
// nil *callObs, which is what a client without observers uses, so that the
// HTTP layer calls them unconditionally at no cost.
type callObs struct {
	c    *Client // scrubs the token from what observers see
	now  func() time.Time
	cos  []CallObserver
	cos1 [1]CallObserver // cos's storage for the usual single observer
	res  CallResult
	t0   time.Time // call start
	ta   time.Time // start of the current attempt's wait, then of its send
	cur  AttemptInfo
	open bool // cur is an attempt not reported yet

	// decode marks a call whose body doJSON decodes after the engine
	// returns: a successful call is reported by decoded, with the decoding
	// error if any, from res0.
	decode, pending bool
	res0            CallResult // the result waiting for decoding
}

// decoded ends the observation the engine left to decoding, if any: err,
// the decoding error, becomes the call's error. o may be nil.
func (o *callObs) decoded(err error) {
	if o == nil || !o.pending {
		return
	}
	o.pending = false
	r := o.res0
	if err != nil {
		r.Err = err
	}
	o.report(r)
}

// observeCall starts observing the call of req, or returns nil when the
// configuration has no observer. The returned request carries the context
// the observers chose.
func (c *Client) observeCall(req *http.Request, op *Operation, cfg *config) (*callObs, *http.Request) {
	if len(cfg.observers) == 0 {
		return nil, req
	}
	o := &callObs{c: c, now: cfg.now}
	o.cos = o.cos1[:0]
	o.t0 = o.now()
	info := CallInfo{Operation: op, Method: req.Method, Host: req.URL.Hostname(), Start: o.t0}
	info.Port, _ = strconv.Atoi(portOf(req.URL))
	ctx := req.Context()
	for _, ob := range cfg.observers {
		var co CallObserver
		ctx, co = ob.ObserveCall(ctx, info)
		if ctx == nil {
			ctx = req.Context()
		}
		if co != nil {
			o.cos = append(o.cos, co)
		}
	}
	if ctx != req.Context() {
		req = req.WithContext(ctx)
	}
	if len(o.cos) == 0 {
		return nil, req
	}
	return o, req
}

// attemptStart marks the start of an attempt, before its rate-limit wait.
func (o *callObs) attemptStart(n int) {
	if o == nil {
		return
	}
	o.flush()
	o.cur = AttemptInfo{Attempt: n}
	o.open = true
	o.res.Attempts = n
	o.ta = o.now()
}

// waited marks the end of the rate-limit wait: the request is sent next.
func (o *callObs) waited() {
	if o == nil {
		return
	}
	t := o.now()
	o.cur.Sent = true
	o.cur.RateLimitWait = t.Sub(o.ta)
	o.res.RateLimitWait += o.cur.RateLimitWait
	o.ta = t
}

// attempted records the outcome of the current attempt.
func (o *callObs) attempted(res *attemptResult) {
	if o == nil {
		return
	}
	o.cur.Duration = o.now().Sub(o.ta)
	o.cur.Err = o.c.scrubErr(res.err)
	if res.resp != nil {
		o.cur.StatusCode = res.resp.StatusCode
		o.cur.RequestID = o.c.scrub(res.resp.Header.Get(hdrRequestID))
		rl, _ := parseRateLimit(res.resp.Header)
		o.cur.RateLimit, _ = saneRateLimit(rl, o.now())
	}
}

// retrying records that another attempt follows the current one after delay.
func (o *callObs) retrying(delay time.Duration) {
	if o == nil {
		return
	}
	o.cur.Retry, o.cur.RetryDelay = true, delay
	o.res.RetryWait += delay
	o.flush()
}

// flush reports the current attempt if it was not reported yet.
func (o *callObs) flush() {
	if !o.open {
		return
	}
	o.open = false
	for _, co := range o.cos {
		co.AttemptDone(o.cur)
	}
}

// end reports the end of the call with its results.
func (o *callObs) end(resp **http.Response, err *error) {
	if o == nil {
		return
	}
	if o.open && o.cur.Duration == 0 && o.cur.StatusCode == 0 && o.cur.Err == nil && *err != nil {
		// Stopped before a response: during the rate-limit wait or by a
		// failure to replay the body.
		o.cur.Err = o.c.scrubErr(*err)
	}
	o.flush()
	r := o.res
	r.Err = o.c.scrubErr(*err)
	switch {
	case *resp != nil:
		r.StatusCode = (*resp).StatusCode
	case o.res.Attempts > 0:
		var e *Error
		if errors.As(*err, &e) {
			r.StatusCode = e.StatusCode
		}
	}
	if o.res.Attempts > 0 {
		r.RequestID, r.RateLimit = o.cur.RequestID, o.cur.RateLimit
	}
	if *err == nil && o.decode {
		// doJSON decodes the body next: it reports the call (decoded).
		o.res0, o.pending = r, true
		return
	}
	o.report(r)
}

// report tells the observers the call ended with r.
func (o *callObs) report(r CallResult) {
	r.Duration = o.now().Sub(o.t0)
	for _, co := range o.cos {
		co.CallDone(r)
	}
}
