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
// external id), http.response.status_code, http.request.resend_count (retries
// made), error.type (the status code, or "timeout", "canceled", "connection",
// "decode", "_OTHER"; never an error message); and Intercom's:
// intercom.operation.id, intercom.attempts, intercom.retry.wait and
// intercom.rate_limit.wait (seconds in all), intercom.rate_limit.remaining
// and intercom.request_id of the final response. A span whose call failed
// has status Error, described by error.type only.
//
// Each attempt is an event "intercom.attempt" on the span, with its number,
// status (or error.type), rate-limit wait, the remaining budget reported by
// its response, and, when another attempt follows, intercom.retry.delay.
//
// No attribute or event carries the access token, a request or response
// body, a URL or an error message.
//
// # Metrics
//
// With the attributes intercom.operation (the span name),
// http.request.method and, where known, http.response.status_code and
// error.type:
//
//	intercom.client.calls               counter   calls made
//	intercom.client.call.duration       histogram call duration, retries included (s)
//	intercom.client.errors              counter   calls that ended in an error, by status
//	intercom.client.retries             counter   attempts that were followed by a retry
//	intercom.client.rate_limited        counter   responses with status 429
//	intercom.client.rate_limit.wait     histogram time a call waited for the rate budget (s)
package otelintercom

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
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
	duration, rlWait              metric.Float64Histogram
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
	o := &Observer{tracer: cfg.tp.Tracer(ScopeName, trace.WithSchemaURL(semconv.SchemaURL))}
	m := cfg.mp.Meter(ScopeName, metric.WithSchemaURL(semconv.SchemaURL))
	var err, e error
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
		metric.WithDescription("Duration of Intercom API calls, retries and waits included."))
	err = errors.Join(err, e)
	o.rlWait, e = m.Float64Histogram("intercom.client.rate_limit.wait", metric.WithUnit("s"),
		metric.WithDescription("Time a call waited for the client-side rate budget."))
	err = errors.Join(err, e)
	if err != nil {
		return nil, fmt.Errorf("otelintercom: creating instruments: %w", err)
	}
	return o, nil
}

// ObserveCall starts the span of a call. It implements intercom.Observer.
func (o *Observer) ObserveCall(ctx context.Context, info intercom.CallInfo) (context.Context, intercom.CallObserver) {
	name := spanName(info)
	method := methodAttr(info.Method)
	attrs := []attribute.KeyValue{method, semconv.ServerAddress(info.Host)}
	if info.Port > 0 {
		attrs = append(attrs, semconv.ServerPort(info.Port))
	}
	if op := info.Operation; op != nil {
		if op.ID != "" {
			attrs = append(attrs, AttrOperationID.String(op.ID))
		}
		if op.Path != "" {
			attrs = append(attrs, semconv.URLTemplate(op.Path))
		}
	}
	start := info.Start
	if start.IsZero() {
		start = time.Now()
	}
	ctx, span := o.tracer.Start(ctx, name, trace.WithSpanKind(trace.SpanKindClient),
		trace.WithTimestamp(start), trace.WithAttributes(attrs...))
	return ctx, &call{o: o, ctx: ctx, span: span, start: start, opAttr: AttrOperation.String(name), method: method}
}

// call follows one call's span.
type call struct {
	o      *Observer
	ctx    context.Context
	span   trace.Span
	start  time.Time
	opAttr attribute.KeyValue
	method attribute.KeyValue
}

// AttemptDone adds the attempt's event and counts retries and 429s.
func (c *call) AttemptDone(a intercom.AttemptInfo) {
	attrs := []attribute.KeyValue{AttrAttempt.Int(a.Attempt)}
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
	if rlKnown(a.RateLimit) {
		attrs = append(attrs, AttrRateLimitRemaining.Int(a.RateLimit.Remaining))
	}
	if a.RequestID != "" {
		attrs = append(attrs, AttrRequestID.String(a.RequestID))
	}
	if a.Retry {
		attrs = append(attrs, AttrRetryDelay.Float64(a.RetryDelay.Seconds()))
	}
	c.span.AddEvent(EventAttempt, trace.WithAttributes(attrs...))

	if a.StatusCode == 429 {
		c.o.limited.Add(c.ctx, 1, metric.WithAttributes(c.opAttr, c.method))
	}
	if a.Retry {
		c.o.retries.Add(c.ctx, 1, metric.WithAttributes(c.outcome(a.StatusCode, a.Err)...))
	}
}

// CallDone ends the span and records the call's metrics.
func (c *call) CallDone(r intercom.CallResult) {
	attrs := []attribute.KeyValue{AttrAttempts.Int(r.Attempts)}
	if r.Attempts > 1 {
		attrs = append(attrs, semconv.HTTPRequestResendCount(r.Attempts-1))
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
	if rlKnown(r.RateLimit) {
		attrs = append(attrs, AttrRateLimitRemaining.Int(r.RateLimit.Remaining))
	}
	if r.RequestID != "" {
		attrs = append(attrs, AttrRequestID.String(r.RequestID))
	}
	if r.Err != nil {
		et := errorType(r.Err)
		attrs = append(attrs, semconv.ErrorTypeKey.String(et))
		c.span.SetStatus(codes.Error, et)
	}
	c.span.SetAttributes(attrs...)
	c.span.End(trace.WithTimestamp(c.start.Add(r.Duration)))

	mattrs := metric.WithAttributes(c.outcome(r.StatusCode, r.Err)...)
	c.o.calls.Add(c.ctx, 1, mattrs)
	c.o.duration.Record(c.ctx, r.Duration.Seconds(), mattrs)
	if r.Err != nil {
		c.o.errs.Add(c.ctx, 1, mattrs)
	}
	c.o.rlWait.Record(c.ctx, r.RateLimitWait.Seconds(), metric.WithAttributes(c.opAttr, c.method))
}

// outcome returns the metric attributes of a result.
func (c *call) outcome(status int, err error) []attribute.KeyValue {
	attrs := []attribute.KeyValue{c.opAttr, c.method}
	if status > 0 {
		attrs = append(attrs, semconv.HTTPResponseStatusCode(status))
	}
	if err != nil {
		attrs = append(attrs, semconv.ErrorTypeKey.String(errorType(err)))
	}
	return attrs
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

// rlKnown reports whether a response carried rate-limit headers.
func rlKnown(rl intercom.RateLimit) bool { return !rl.IsZero() }

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
