// Package otelintercom instruments an intercom.Client with OpenTelemetry:
// one span per SDK call and metrics on calls, errors, retries, 429 responses
// and time spent waiting for the rate budget.
//
//	obs, err := otelintercom.New() // the global TracerProvider and MeterProvider
//	client, err := intercom.NewClient(token, intercom.WithObserver(obs))
//
// It is a module of its own, so that programs that do not use OpenTelemetry
// do not depend on it.
//
// # Spans
//
// Each call (a service method call, one page of an iterator, a raw generated
// call) is one span of kind client, named after the operation:
// "Contacts.Get" (Operation.Service and Operation.Method), else the
// operation id, else the HTTP method alone ("GET") as the HTTP semantic
// conventions name a span whose route is unknown. It starts before any wait
// for the rate limiter and ends when the call returns, retries included. Its
// context is the request's context, so spans of an instrumented transport
// (otelhttp) and of code called from middleware nest under it.
//
// Attributes follow the OpenTelemetry HTTP client conventions where they
// apply: http.request.method, server.address, server.port, url.template (the
// operation's path template, never the URL, which can hold an email or an
// external id), http.response.status_code, http.request.resend_count (the
// requests sent again), error.type (the status code, or "timeout",
// "canceled", "connection", "decode", "_OTHER"; never an error message); and
// Intercom's: intercom.operation.id, intercom.attempts (the HTTP requests
// sent: an attempt that ended while waiting for the rate limiter is not
// one), intercom.retry.wait and intercom.rate_limit.wait (seconds in all),
// intercom.rate_limit.remaining (only when the response said it) and
// intercom.request_id of the final response. A span whose call failed,
// including a 2xx answer whose body could not be decoded, has status Error,
// described by error.type only.
//
// When a call has more than one attempt, or an attempt failed, each attempt
// is an event "intercom.attempt" on the span, with its number, status (or
// error.type), rate-limit wait, the remaining budget reported by its
// response, and, when another attempt follows, intercom.retry.delay. A call
// that succeeds at once has no event: its span says it all.
//
// No attribute or event carries the access token, a request or response
// body, a URL or an error message.
//
// # Metrics
//
// Each HTTP request sent (every attempt that left) is one point of the HTTP
// semantic conventions' histogram, with http.request.method, server.address,
// server.port, and http.response.status_code or error.type:
//
//	http.client.request.duration        histogram one HTTP request (s), RequestDurationBuckets
//
// Intercom's metrics add intercom.operation (the span name) to
// http.request.method, server.address and server.port and, where known,
// http.response.status_code and error.type:
//
//	intercom.client.calls               counter   calls made
//	intercom.client.call.duration       histogram call duration, retries and waits included (s), CallDurationBuckets
//	intercom.client.errors              counter   calls that ended in an error, by status or error.type
//	intercom.client.retries             counter   attempts that were followed by a retry
//	intercom.client.rate_limited        counter   responses with status 429
//	intercom.client.rate_limit.wait     histogram time a call waited for the rate budget (s), WaitBuckets
//
// # Cost
//
// Attribute sets are built once per operation, host and outcome and
// reused; a span that is not sampled gets no attributes or events, and an
// instrument that is not enabled records nothing. BENCHMARKS.md gives the
// measured cost per call.
package otelintercom

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.40.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/intercomkit/intercom-go/intercom"
)

// ScopeName is the instrumentation scope of the tracer and the meter.
const ScopeName = "github.com/intercomkit/intercom-go/pkg/otelintercom"

// Attribute keys of Intercom's own attributes.
const (
	AttrOperation          = attribute.Key("intercom.operation")
	AttrOperationID        = attribute.Key("intercom.operation.id")
	AttrAttempts           = attribute.Key("intercom.attempts")
	AttrAttempt            = attribute.Key("intercom.attempt")
	AttrRetryWait          = attribute.Key("intercom.retry.wait")
	AttrRetryDelay         = attribute.Key("intercom.retry.delay")
	AttrRateLimitWait      = attribute.Key("intercom.rate_limit.wait")
	AttrRateLimitRemaining = attribute.Key("intercom.rate_limit.remaining")
	AttrRequestID          = attribute.Key("intercom.request_id")
)

// EventAttempt is the name of the span event of each attempt.
const EventAttempt = "intercom.attempt"

// Bucket boundaries of the histograms, in seconds.
var (
	// RequestDurationBuckets are those the HTTP semantic conventions advise
	// for http.client.request.duration (one HTTP request).
	RequestDurationBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10}
	// CallDurationBuckets are those of intercom.client.call.duration: a
	// call's attempts, retry delays and rate-limit waits, from a fast read
	// (tens of ms) to a call that waited out a window or two (minutes).
	CallDurationBuckets = []float64{0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300}
	// WaitBuckets are those of intercom.client.rate_limit.wait: 0 (no
	// wait, most calls) up to a whole 10-second window and more.
	WaitBuckets = []float64{0, 0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60}
)

// Option configures [New].
type Option func(*config) error

type config struct {
	tp trace.TracerProvider
	mp metric.MeterProvider
}

// WithTracerProvider sets the TracerProvider (default: the global one,
// otel.GetTracerProvider).
func WithTracerProvider(tp trace.TracerProvider) Option {
	return func(c *config) error {
		if tp == nil {
			return errors.New("otelintercom: WithTracerProvider: nil provider")
		}
		c.tp = tp
		return nil
	}
}

// WithMeterProvider sets the MeterProvider (default: the global one,
// otel.GetMeterProvider).
func WithMeterProvider(mp metric.MeterProvider) Option {
	return func(c *config) error {
		if mp == nil {
			return errors.New("otelintercom: WithMeterProvider: nil provider")
		}
		c.mp = mp
		return nil
	}
}

// Observer is an intercom.Observer that records OpenTelemetry spans and
// metrics. Make one with [New] and pass it to intercom.WithObserver; it is
// safe for concurrent use by any number of clients.
type Observer struct {
	tracer trace.Tracer

	calls, errs, retries, limited metric.Int64Counter
	duration, rlWait, reqDur      metric.Float64Histogram

	// Attribute sets and options are built once per distinct value and
	// reused, so that recording a call does not allocate them.
	mu     sync.RWMutex
	starts map[startKey]*startAttrs
	sets   map[setKey]*attrSet

	pool sync.Pool // *call
}

var _ intercom.Observer = (*Observer)(nil)

// New returns an Observer using the providers of opts, by default the
// global ones.
func New(opts ...Option) (*Observer, error) {
	cfg := config{}
	for i, o := range opts {
		if o == nil {
			return nil, fmt.Errorf("otelintercom: option %d is nil", i)
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if cfg.tp == nil {
		cfg.tp = otel.GetTracerProvider()
	}
	if cfg.mp == nil {
		cfg.mp = otel.GetMeterProvider()
	}
	o := &Observer{
		tracer: cfg.tp.Tracer(ScopeName, trace.WithSchemaURL(semconv.SchemaURL)),
		starts: make(map[startKey]*startAttrs),
		sets:   make(map[setKey]*attrSet),
	}
	o.pool.New = func() any { return new(call) }
	m := cfg.mp.Meter(ScopeName, metric.WithSchemaURL(semconv.SchemaURL))
	var err, e error
	o.reqDur, e = m.Float64Histogram("http.client.request.duration", metric.WithUnit("s"),
		metric.WithDescription("Duration of HTTP client requests."),
		metric.WithExplicitBucketBoundaries(RequestDurationBuckets...))
	err = errors.Join(err, e)
	o.calls, e = m.Int64Counter("intercom.client.calls", metric.WithUnit("{call}"),
		metric.WithDescription("Intercom API calls made, retries included in one call."))
	err = errors.Join(err, e)
	o.errs, e = m.Int64Counter("intercom.client.errors", metric.WithUnit("{call}"),
		metric.WithDescription("Intercom API calls that ended in an error, by status."))
	err = errors.Join(err, e)
	o.retries, e = m.Int64Counter("intercom.client.retries", metric.WithUnit("{attempt}"),
		metric.WithDescription("Attempts followed by a retry, by the status that caused it."))
	err = errors.Join(err, e)
	o.limited, e = m.Int64Counter("intercom.client.rate_limited", metric.WithUnit("{response}"),
		metric.WithDescription("Responses with status 429 Too Many Requests."))
	err = errors.Join(err, e)
	o.duration, e = m.Float64Histogram("intercom.client.call.duration", metric.WithUnit("s"),
		metric.WithDescription("Duration of Intercom API calls, retries and waits included."),
		metric.WithExplicitBucketBoundaries(CallDurationBuckets...))
	err = errors.Join(err, e)
	o.rlWait, e = m.Float64Histogram("intercom.client.rate_limit.wait", metric.WithUnit("s"),
		metric.WithDescription("Time a call waited for the client-side rate budget."),
		metric.WithExplicitBucketBoundaries(WaitBuckets...))
	err = errors.Join(err, e)
	if err != nil {
		return nil, fmt.Errorf("otelintercom: creating instruments: %w", err)
	}
	return o, nil
}

// startKey identifies what a call's span starts with.
type startKey struct {
	op           *intercom.Operation
	method, host string
	port         int
}

// startAttrs is what spans and metrics of calls of one startKey share.
type startAttrs struct {
	name    string
	opts    []trace.SpanStartOption // kind and attributes
	opAttr  attribute.KeyValue
	method  attribute.KeyValue
	address attribute.KeyValue
	port    attribute.KeyValue
	hasPort bool
}

// setKey identifies the attributes of a measurement.
type setKey struct {
	start   *startAttrs
	kind    uint8 // setCall, setHTTP, setOp
	status  int
	errType string
}

// Kinds of attribute sets.
const (
	setCall = iota // intercom.operation, method, server, status, error.type
	setHTTP        // http.client.request.duration: method, server, status, error.type
	setOp          // intercom.operation, method, server
)

// attrSet is a measurement's attributes as ready-made options.
type attrSet struct {
	add []metric.AddOption
	rec []metric.RecordOption
}

// start returns the shared start attributes of a call.
func (o *Observer) start(info intercom.CallInfo) *startAttrs {
	k := startKey{op: info.Operation, method: info.Method, host: info.Host, port: info.Port}
	o.mu.RLock()
	sa := o.starts[k]
	o.mu.RUnlock()
	if sa != nil {
		return sa
	}
	sa = &startAttrs{name: spanName(info), method: methodAttr(info.Method), address: semconv.ServerAddress(info.Host)}
	sa.opAttr = AttrOperation.String(sa.name)
	attrs := []attribute.KeyValue{sa.method, sa.address}
	if info.Port > 0 {
		sa.port, sa.hasPort = semconv.ServerPort(info.Port), true
		attrs = append(attrs, sa.port)
	}
	if op := info.Operation; op != nil {
		if op.ID != "" {
			attrs = append(attrs, AttrOperationID.String(op.ID))
		}
		if op.Path != "" {
			attrs = append(attrs, semconv.URLTemplate(op.Path))
		}
	}
	sa.opts = []trace.SpanStartOption{trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(attrs...)}
	o.mu.Lock()
	defer o.mu.Unlock()
	if prev := o.starts[k]; prev != nil {
		return prev
	}
	if len(o.starts) < maxCached {
		o.starts[k] = sa
	}
	return sa
}

// maxCached bounds each cache: beyond it (an unusual number of hosts or
// statuses), sets are built per measurement instead.
const maxCached = 4096

// set returns the attributes of a measurement of kind for a call of sa.
func (o *Observer) set(sa *startAttrs, kind uint8, status int, errType string) *attrSet {
	k := setKey{start: sa, kind: kind, status: status, errType: errType}
	o.mu.RLock()
	as := o.sets[k]
	o.mu.RUnlock()
	if as != nil {
		return as
	}
	attrs := make([]attribute.KeyValue, 0, 6)
	if kind != setHTTP {
		attrs = append(attrs, sa.opAttr)
	}
	attrs = append(attrs, sa.method, sa.address)
	if sa.hasPort {
		attrs = append(attrs, sa.port)
	}
	if kind != setOp {
		if status > 0 {
			attrs = append(attrs, semconv.HTTPResponseStatusCode(status))
		}
		if errType != "" {
			attrs = append(attrs, semconv.ErrorTypeKey.String(errType))
		}
	}
	set := attribute.NewSet(attrs...)
	opt := metric.WithAttributeSet(set)
	as = &attrSet{add: []metric.AddOption{opt}, rec: []metric.RecordOption{opt}}
	o.mu.Lock()
	defer o.mu.Unlock()
	if prev := o.sets[k]; prev != nil {
		return prev
	}
	if len(o.sets) < maxCached {
		o.sets[k] = as
	}
	return as
}

// ObserveCall starts the span of a call. It implements intercom.Observer.
func (o *Observer) ObserveCall(ctx context.Context, info intercom.CallInfo) (context.Context, intercom.CallObserver) {
	sa := o.start(info)
	c := o.pool.Get().(*call)
	*c = call{o: o, sa: sa, start: info.Start}
	opts := sa.opts
	if since := time.Since(info.Start); info.Start.IsZero() || since >= 0 && since < wallClockSlack {
		// The call started on the wall clock a moment ago: the SDK's own
		// reading of it at Start and End is the same, without two
		// timestamp options per call.
		c.wall = true
	} else {
		opts = append(append(c.optBuf[:0], sa.opts...), trace.WithTimestamp(info.Start))
	}
	c.ctx, c.span = o.tracer.Start(ctx, sa.name, opts...)
	c.recording = c.span.IsRecording()
	return c.ctx, c
}

// call follows one call's span.
type call struct {
	o         *Observer
	sa        *startAttrs
	ctx       context.Context
	span      trace.Span
	recording bool
	start     time.Time
	wall      bool // the span's times are the SDK's readings of the wall clock
	sent      int  // attempts handed to the HTTP client
	optBuf    [3]trace.SpanStartOption
	evBuf     [10]attribute.KeyValue
}

// wallClockSlack is how far in the past a call's start may be for its span
// to take the wall clock's time at Start instead: a call whose client reads
// another clock (a test's fake clock) keeps that clock's times.
const wallClockSlack = time.Millisecond

// AttemptDone records the HTTP request of the attempt, counts retries and
// 429s, and adds the attempt's event to the span of a call with more than
// one attempt or a failed one.
func (c *call) AttemptDone(a intercom.AttemptInfo) {
	if a.Sent {
		c.sent++
		et := ""
		switch {
		case a.Err != nil:
			et = errorType(a.Err)
		case a.StatusCode >= 400:
			et = strconv.Itoa(a.StatusCode)
		}
		if c.o.reqDur.Enabled(c.ctx) {
			c.o.reqDur.Record(c.ctx, a.Duration.Seconds(), c.o.set(c.sa, setHTTP, a.StatusCode, et).rec...)
		}
	}
	if a.StatusCode == 429 && c.o.limited.Enabled(c.ctx) {
		c.o.limited.Add(c.ctx, 1, c.o.set(c.sa, setOp, 0, "").add...)
	}
	if a.Retry && c.o.retries.Enabled(c.ctx) {
		c.o.retries.Add(c.ctx, 1, c.outcome(a.StatusCode, a.Err).add...)
	}
	if !c.recording || (a.Attempt == 1 && !a.Retry && a.Err == nil) {
		return
	}
	attrs := append(c.evBuf[:0], AttrAttempt.Int(a.Attempt))
	if a.Attempt > 1 {
		attrs = append(attrs, semconv.HTTPRequestResendCount(a.Attempt-1))
	}
	if a.StatusCode > 0 {
		attrs = append(attrs, semconv.HTTPResponseStatusCode(a.StatusCode))
	}
	if a.Err != nil {
		attrs = append(attrs, semconv.ErrorTypeKey.String(errorType(a.Err)))
	}
	if a.RateLimitWait > 0 {
		attrs = append(attrs, AttrRateLimitWait.Float64(a.RateLimitWait.Seconds()))
	}
	if a.RateLimit.HasRemaining {
		attrs = append(attrs, AttrRateLimitRemaining.Int(a.RateLimit.Remaining))
	}
	if a.RequestID != "" {
		attrs = append(attrs, AttrRequestID.String(a.RequestID))
	}
	if a.Retry {
		attrs = append(attrs, AttrRetryDelay.Float64(a.RetryDelay.Seconds()))
	}
	c.span.AddEvent(EventAttempt, trace.WithAttributes(attrs...))
}

// CallDone ends the span and records the call's metrics.
func (c *call) CallDone(r intercom.CallResult) {
	o := c.o
	var et string
	if r.Err != nil {
		et = errorType(r.Err)
	}
	if c.recording {
		attrs := append(c.evBuf[:0], AttrAttempts.Int(c.sent))
		if c.sent > 1 {
			attrs = append(attrs, semconv.HTTPRequestResendCount(c.sent-1))
		}
		if r.StatusCode > 0 {
			attrs = append(attrs, semconv.HTTPResponseStatusCode(r.StatusCode))
		}
		if r.RetryWait > 0 {
			attrs = append(attrs, AttrRetryWait.Float64(r.RetryWait.Seconds()))
		}
		if r.RateLimitWait > 0 {
			attrs = append(attrs, AttrRateLimitWait.Float64(r.RateLimitWait.Seconds()))
		}
		if r.RateLimit.HasRemaining {
			attrs = append(attrs, AttrRateLimitRemaining.Int(r.RateLimit.Remaining))
		}
		if r.RequestID != "" {
			attrs = append(attrs, AttrRequestID.String(r.RequestID))
		}
		if r.Err != nil {
			attrs = append(attrs, semconv.ErrorTypeKey.String(et))
			c.span.SetStatus(codes.Error, et)
		}
		c.span.SetAttributes(attrs...)
	}
	if c.wall {
		c.span.End()
	} else {
		c.span.End(trace.WithTimestamp(c.start.Add(r.Duration)))
	}

	if o.calls.Enabled(c.ctx) || o.duration.Enabled(c.ctx) || o.errs.Enabled(c.ctx) {
		as := c.outcome(r.StatusCode, r.Err)
		o.calls.Add(c.ctx, 1, as.add...)
		o.duration.Record(c.ctx, r.Duration.Seconds(), as.rec...)
		if r.Err != nil {
			o.errs.Add(c.ctx, 1, as.add...)
		}
	}
	if o.rlWait.Enabled(c.ctx) {
		o.rlWait.Record(c.ctx, r.RateLimitWait.Seconds(), o.set(c.sa, setOp, 0, "").rec...)
	}
	*c = call{}
	o.pool.Put(c)
}

// outcome returns the metric attributes of a result.
func (c *call) outcome(status int, err error) *attrSet {
	et := ""
	if err != nil {
		et = errorType(err)
	}
	return c.o.set(c.sa, setCall, status, et)
}

// spanName names the span after the operation, or the HTTP method.
func spanName(info intercom.CallInfo) string {
	if op := info.Operation; op != nil {
		switch {
		case op.Service != "" && op.Method != "":
			return op.Service + "." + op.Method
		case op.ID != "":
			return op.ID
		}
	}
	if info.Method == "" {
		return "HTTP"
	}
	return info.Method
}

// methodAttr is http.request.method: a known method, else "_OTHER".
func methodAttr(m string) attribute.KeyValue {
	switch m {
	case "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH":
		return semconv.HTTPRequestMethodKey.String(m)
	}
	return semconv.HTTPRequestMethodKey.String("_OTHER")
}

// errorType classifies an error for error.type without its message: the
// status code of an API error, or a short kind.
func errorType(err error) string {
	var (
		apiErr *intercom.Error
		decErr *intercom.DecodeError
		netErr net.Error
	)
	switch {
	case errors.As(err, &apiErr):
		return strconv.Itoa(apiErr.StatusCode)
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.As(err, &decErr):
		return "decode"
	case errors.As(err, &netErr):
		if netErr.Timeout() {
			return "timeout"
		}
		return "connection"
	}
	return semconv.ErrorTypeOther.Value.AsString()
}
