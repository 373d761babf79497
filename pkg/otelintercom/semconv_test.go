package otelintercom_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/otelintercom"
)

// plainClient is a client with the observer on a handler of the test.
func plainClient(t *testing.T, h http.HandlerFunc, opts ...intercom.Option) (*intercom.Client, *tracetest.InMemoryExporter, *sdkmetric.ManualReader) {
	t.Helper()
	spans := tracetest.NewInMemoryExporter()
	reader := sdkmetric.NewManualReader()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(spans))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()); _ = mp.Shutdown(context.Background()) })
	obs, err := otelintercom.New(otelintercom.WithTracerProvider(tp), otelintercom.WithMeterProvider(mp))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := intercom.NewClient("tok-semconv", append([]intercom.Option{intercom.WithBaseURL(srv.URL), intercom.WithObserver(obs)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.CloseIdleConnections)
	return c, spans, reader
}

func collect(t *testing.T, r *sdkmetric.ManualReader) map[string]metricdata.Metrics {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := r.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	out := map[string]metricdata.Metrics{}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			out[m.Name] = m
		}
	}
	return out
}

// Proof 04: a call that fails to decode (a null 200 body) has a span with
// status Error and error.type "decode", and counts as an error.
// It is bug proof 04 of 2026-12-07 (TestAuditDecodeErrorSpanNotMarkedFailed), kept with its assertions as a regular test.
func TestDecodeErrorMarksSpanAndCounts(t *testing.T) {
	c, spans, reader := plainClient(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte("null"))
	})
	_, err := c.Contacts.Get(context.Background(), "abc")
	var de *intercom.DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("err = %v, want a *DecodeError", err)
	}
	got := spans.GetSpans()
	if len(got) != 1 {
		t.Fatalf("%d spans", len(got))
	}
	if got[0].Status.Code != codes.Error || got[0].Status.Description != "decode" || attrs(got[0].Attributes)["error.type"].AsString() != "decode" {
		t.Errorf("span of a call that failed with %T: status %v, attributes %v; want Error, error.type decode", err, got[0].Status, got[0].Attributes)
	}
	errs, ok := collect(t, reader)["intercom.client.errors"].Data.(metricdata.Sum[int64])
	if !ok || len(errs.DataPoints) != 1 || errs.DataPoints[0].Value != 1 {
		t.Fatalf("intercom.client.errors: %+v, want 1", errs)
	}
	if v, _ := errs.DataPoints[0].Attributes.Value("error.type"); v.AsString() != "decode" {
		t.Errorf("error counted with attributes %v", errs.DataPoints[0].Attributes)
	}
}

// Proof 07: intercom.rate_limit.remaining is not recorded when the response
// had no X-RateLimit-Remaining (it was recorded as 0).
// It is bug proof 07 of 2026-12-07 (TestAuditRemainingRecordedWithoutHeader), kept with its assertions as a regular test.
func TestRemainingNotRecordedWhenUnknown(t *testing.T) {
	c, spans, _ := plainClient(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-RateLimit-Limit", "1000")
		_, _ = w.Write([]byte(`{"type":"contact","id":"abc"}`))
	})
	if _, err := c.Contacts.Get(context.Background(), "abc"); err != nil {
		t.Fatal(err)
	}
	for _, kv := range spans.GetSpans()[0].Attributes {
		if kv.Key == otelintercom.AttrRateLimitRemaining {
			t.Errorf("span has %s=%v although the response had no X-RateLimit-Remaining", kv.Key, kv.Value.String())
		}
	}
}

// TestHTTPClientRequestDuration: one http.client.request.duration point per
// HTTP request sent, in seconds, with the advised bucket boundaries and the
// required attributes; error.type on the failed request; server.address and
// server.port on Intercom's metrics too; and the call's histogram with its
// own, wider buckets.
func TestHTTPClientRequestDuration(t *testing.T) {
	var n atomic.Int32
	c, _, reader := plainClient(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"type":"error.list","errors":[{"code":"service_unavailable"}]}`))
			return
		}
		w.Header().Set("X-RateLimit-Remaining", "99")
		_, _ = w.Write([]byte(`{"type":"contact","id":"abc"}`))
	}, intercom.WithMaxRetryDelay(time.Millisecond))
	if _, err := c.Contacts.Get(context.Background(), "abc"); err != nil {
		t.Fatal(err)
	}
	ms := collect(t, reader)
	m := ms["http.client.request.duration"]
	h, ok := m.Data.(metricdata.Histogram[float64])
	if !ok || m.Unit != "s" {
		t.Fatalf("http.client.request.duration: %+v", m)
	}
	if len(h.DataPoints) != 2 {
		t.Fatalf("%d points, want one per status (503, 200)", len(h.DataPoints))
	}
	want := []float64{0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10}
	for _, p := range h.DataPoints {
		if !slices.Equal(p.Bounds, want) || p.Count != 1 {
			t.Errorf("bounds %v count %d; want the advised bounds and one request", p.Bounds, p.Count)
		}
		a := setMap(p.Attributes)
		if a["http.request.method"] != "GET" || a["server.address"] != "127.0.0.1" || a["server.port"] == "" || a["http.response.status_code"] == "" {
			t.Errorf("attributes %v", a)
		}
		if _, has := a["intercom.operation"]; has {
			t.Errorf("http.client.request.duration carries intercom.operation: %v", a)
		}
		if st := a["http.response.status_code"]; (st == "503") != (a["error.type"] == "503") {
			t.Errorf("status %s with error.type %q", st, a["error.type"])
		}
	}
	for _, name := range []string{"intercom.client.calls", "intercom.client.retries", "intercom.client.call.duration", "intercom.client.rate_limit.wait"} {
		for _, set := range pointSets(ms[name]) {
			if a := setMap(set); a["server.address"] != "127.0.0.1" || a["server.port"] == "" {
				t.Errorf("%s attributes %v, want server.address and server.port", name, a)
			}
		}
	}
	cd := ms["intercom.client.call.duration"].Data.(metricdata.Histogram[float64])
	if b := cd.DataPoints[0].Bounds; !slices.Equal(b, otelintercom.CallDurationBuckets) || b[0] >= 1 {
		t.Errorf("call duration bounds %v", b)
	}
}

// TestAttemptsAreRealAttempts: an attempt that never left (its rate-limiter
// wait failed) is not counted in intercom.attempts nor as a request.
func TestAttemptsAreRealAttempts(t *testing.T) {
	var n atomic.Int32
	c, spans, reader := plainClient(t, func(w http.ResponseWriter, _ *http.Request) {
		n.Add(1)
		w.WriteHeader(http.StatusServiceUnavailable)
	}, intercom.WithMaxRetryDelay(time.Millisecond), intercom.WithRateLimiter(&secondWaitFails{}))
	_, err := c.Contacts.Get(context.Background(), "abc")
	if err == nil || n.Load() != 1 {
		t.Fatalf("err %v after %d requests; want the limiter's error after one", err, n.Load())
	}
	a := attrs(spans.GetSpans()[0].Attributes)
	if a["intercom.attempts"].AsInt64() != 1 {
		t.Errorf("intercom.attempts = %d, want 1 (one request was sent)", a["intercom.attempts"].AsInt64())
	}
	if _, has := a["http.request.resend_count"]; has {
		t.Errorf("resend count %v with nothing resent", a["http.request.resend_count"])
	}
	h := collect(t, reader)["http.client.request.duration"].Data.(metricdata.Histogram[float64])
	var total uint64
	for _, p := range h.DataPoints {
		total += p.Count
	}
	if total != 1 {
		t.Errorf("%d requests recorded, want 1", total)
	}
}

// secondWaitFails lets the first request go and fails the next wait.
type secondWaitFails struct{ n atomic.Int32 }

func (l *secondWaitFails) Wait(context.Context) error {
	if l.n.Add(1) > 1 {
		return errors.New("limiter down")
	}
	return nil
}
func (l *secondWaitFails) Observe(int, intercom.RateLimit) {}

func setMap(s attribute.Set) map[string]string {
	out := map[string]string{}
	for _, kv := range s.ToSlice() {
		out[string(kv.Key)] = kv.Value.String()
	}
	return out
}

func pointSets(m metricdata.Metrics) []attribute.Set {
	var out []attribute.Set
	switch d := m.Data.(type) {
	case metricdata.Sum[int64]:
		for _, p := range d.DataPoints {
			out = append(out, p.Attributes)
		}
	case metricdata.Histogram[float64]:
		for _, p := range d.DataPoints {
			out = append(out, p.Attributes)
		}
	}
	return out
}
