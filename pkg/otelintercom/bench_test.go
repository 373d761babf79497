package otelintercom_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	metricnoop "go.opentelemetry.io/otel/metric/noop"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	tracenoop "go.opentelemetry.io/otel/trace/noop"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
	"github.com/intercomkit/intercom-go/pkg/otelintercom"
)

// discard is a span processor that drops ended spans: the SDK still builds
// each span and its snapshot, as it does for an exporter.
type discard struct{}

func (discard) OnStart(context.Context, sdktrace.ReadWriteSpan) {}
func (discard) OnEnd(sdktrace.ReadOnlySpan)                     {}
func (discard) Shutdown(context.Context) error                  { return nil }
func (discard) ForceFlush(context.Context) error                { return nil }

// benchSetup is a loopback server answering one realistic contact (the
// fake's, about 2 kB, with rate-limit headers) and three clients on it:
// without observer, with otelintercom on no-op providers, and with
// otelintercom on the OpenTelemetry SDK sampling every span.
type benchSetup struct {
	id              string
	none, noop, sdk *intercom.Client
	closeFn         func()
}

func newBench(b *testing.B) *benchSetup {
	b.Helper()
	fake, err := intercomtest.Start()
	if err != nil {
		b.Fatal(err)
	}
	ct := fake.SeedContacts(1)[0]
	fake.Close()
	body, err := json.Marshal(ct)
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "application/json")
		h.Set("X-RateLimit-Limit", "10000")
		h.Set("X-RateLimit-Remaining", "9999")
		h.Set("X-RateLimit-Reset", "1893456000")
		h.Set("X-Request-Id", "req-0001")
		_, _ = w.Write(body)
	}))
	tp := sdktrace.NewTracerProvider(sdktrace.WithSampler(sdktrace.AlwaysSample()), sdktrace.WithSpanProcessor(discard{}))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
	noopObs, err := otelintercom.New(otelintercom.WithTracerProvider(tracenoop.NewTracerProvider()), otelintercom.WithMeterProvider(metricnoop.NewMeterProvider()))
	if err != nil {
		b.Fatal(err)
	}
	sdkObs, err := otelintercom.New(otelintercom.WithTracerProvider(tp), otelintercom.WithMeterProvider(mp))
	if err != nil {
		b.Fatal(err)
	}
	mk := func(opts ...intercom.Option) *intercom.Client {
		c, err := intercom.NewClient("tok-bench", append([]intercom.Option{intercom.WithBaseURL(srv.URL)}, opts...)...)
		if err != nil {
			b.Fatal(err)
		}
		return c
	}
	s := &benchSetup{id: *ct.Id, none: mk(), noop: mk(intercom.WithObserver(noopObs)), sdk: mk(intercom.WithObserver(sdkObs))}
	s.closeFn = func() {
		for _, c := range []*intercom.Client{s.none, s.noop, s.sdk} {
			c.CloseIdleConnections()
		}
		srv.Close()
		_ = tp.Shutdown(context.Background())
		_ = mp.Shutdown(context.Background())
	}
	return s
}

func (s *benchSetup) get(b *testing.B, c *intercom.Client) {
	if _, err := c.Contacts.Get(context.Background(), s.id); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkObserverAllocs is one Contacts.Get per iteration on each client:
// compare allocs/op of the sub-benchmarks (allocation counts do not depend
// on the load of the machine).
func BenchmarkObserverAllocs(b *testing.B) {
	s := newBench(b)
	defer s.closeFn()
	for _, v := range []struct {
		name string
		c    *intercom.Client
	}{{"none", s.none}, {"noop", s.noop}, {"sdk", s.sdk}} {
		b.Run(v.name, func(b *testing.B) {
			s.get(b, v.c) // warm the connection and the caches
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				s.get(b, v.c)
			}
		})
	}
}

// BenchmarkObserverPaired times Contacts.Get without observer, with the
// no-op providers and with the SDK, alternately in one loop, so that all
// three see the same load; it reports each one's median per call (ns) and
// the ratios to the call without observer.
func BenchmarkObserverPaired(b *testing.B) {
	s := newBench(b)
	defer s.closeFn()
	clients := []*intercom.Client{s.none, s.noop, s.sdk}
	for _, c := range clients {
		s.get(b, c)
	}
	times := make([][]time.Duration, len(clients))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		for k := range clients {
			j := (i + k) % len(clients) // rotate the order
			t0 := time.Now()
			s.get(b, clients[j])
			times[j] = append(times[j], time.Since(t0))
		}
	}
	med := make([]float64, len(clients))
	for j, ts := range times {
		slices.Sort(ts)
		med[j] = float64(ts[len(ts)/2])
	}
	b.ReportMetric(med[0], "ns/get-none")
	b.ReportMetric(med[1], "ns/get-noop")
	b.ReportMetric(med[2], "ns/get-sdk")
	b.ReportMetric(med[1]/med[0], "x-noop")
	b.ReportMetric(med[2]/med[0], "x-sdk")
}
