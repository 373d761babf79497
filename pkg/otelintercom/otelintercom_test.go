package otelintercom_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.uber.org/goleak"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
	"github.com/intercomkit/intercom-go/pkg/otelintercom"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// secretToken is the fake's token; it must never reach exported data.
const secretToken = "tok-otel-7f3a9c1e5b2d"

// gateLimiter holds the first Wait until the test releases it, so that a
// rate-limit wait is measurable without sleeping.
type gateLimiter struct {
	once    sync.Once
	waiting chan struct{}
	release chan struct{}
}

func (g *gateLimiter) Wait(ctx context.Context) error {
	first := false
	g.once.Do(func() { first = true })
	if first {
		close(g.waiting)
		select {
		case <-g.release:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

func (g *gateLimiter) Observe(int, intercom.RateLimit) {}

type harness struct {
	spans  *tracetest.InMemoryExporter
	reader *sdkmetric.ManualReader
	srv    *intercomtest.Server
	client *intercom.Client
	gate   *gateLimiter
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	h := &harness{spans: tracetest.NewInMemoryExporter(), reader: sdkmetric.NewManualReader()}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(h.spans))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(h.reader))
	t.Cleanup(func() {
		_ = tp.Shutdown(context.Background())
		_ = mp.Shutdown(context.Background())
	})
	obs, err := otelintercom.New(otelintercom.WithTracerProvider(tp), otelintercom.WithMeterProvider(mp))
	if err != nil {
		t.Fatal(err)
	}
	h.srv = intercomtest.NewServer(t, intercomtest.WithToken(secretToken))
	h.gate = &gateLimiter{waiting: make(chan struct{}), release: make(chan struct{})}
	h.client, err = h.srv.NewClient(intercom.WithObserver(obs), intercom.WithRateLimiter(h.gate), intercom.WithMaxRetryDelay(time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func attrs(kvs []attribute.KeyValue) map[string]attribute.Value {
	m := map[string]attribute.Value{}
	for _, kv := range kvs {
		m[string(kv.Key)] = kv.Value
	}
	return m
}

func TestSpansAndMetrics(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	contact := h.srv.SeedContacts(1)[0]
	must := func(err error) {
		t.Helper()
		if err := err; err != nil {
			t.Fatal(err)
		}
	}
	must(h.srv.Fail(intercomtest.Fault{Route: "GET /contacts/{contact_id}", Status: 503, Times: 1}))
	must(h.srv.Fail(intercomtest.Fault{Route: "POST /contacts", Status: 429, Times: 1}))

	// 1: a read answered 503, retried, then 200; its first attempt waits
	// for the rate limiter until the test lets it go.
	go func() {
		<-h.gate.waiting
		close(h.gate.release)
	}()
	if _, err := h.client.Contacts.Get(ctx, *contact.Id); err != nil {
		t.Fatal(err)
	}
	// 2: a 404, with an email as the external id (personal data in the URL).
	if _, err := h.client.Contacts.GetByExternalID(ctx, "ada.lovelace@example.com"); !intercom.IsNotFound(err) {
		t.Fatalf("GetByExternalID: %v, want 404", err)
	}
	// 3: a write answered 429, retried, created (personal data in the body).
	if _, err := h.client.Contacts.Create(ctx, gen.CreateContactRequest{Email: intercom.Ptr("grace.hopper@example.com"), Name: intercom.Ptr("Grace Hopper")}); err != nil {
		t.Fatal(err)
	}
	// 4: a raw generated call: no operation known.
	if _, err := h.client.Raw().ListTagsWithResponse(ctx); err != nil {
		t.Fatal(err)
	}

	spans := h.spans.GetSpans()
	if len(spans) != 4 {
		t.Fatalf("%d spans, want one per call (4): %v", len(spans), spans)
	}
	names := []string{spans[0].Name, spans[1].Name, spans[2].Name, spans[3].Name}
	if fmt.Sprint(names) != "[Contacts.Get Contacts.GetByExternalID Contacts.Create GET]" {
		t.Errorf("span names %v", names)
	}

	get := spans[0]
	a := attrs(get.Attributes)
	if get.SpanKind.String() != "client" || a["http.request.method"].AsString() != "GET" || a["http.response.status_code"].AsInt64() != 200 ||
		a["intercom.attempts"].AsInt64() != 2 || a["http.request.resend_count"].AsInt64() != 1 ||
		a["intercom.operation.id"].AsString() != "ShowContact" || a["url.template"].AsString() != "/contacts/{contact_id}" ||
		a["server.address"].AsString() != "127.0.0.1" || a["server.port"].AsInt64() == 0 ||
		a["intercom.rate_limit.remaining"].AsInt64() <= 0 || a["intercom.request_id"].AsString() == "" ||
		a["intercom.retry.wait"].AsFloat64() <= 0 || a["intercom.rate_limit.wait"].AsFloat64() <= 0 {
		t.Errorf("Contacts.Get span attributes: %v", get.Attributes)
	}
	if get.Status.Code != codes.Unset {
		t.Errorf("Contacts.Get status %v, want unset", get.Status)
	}
	// The retry is visible on the span: one event per attempt.
	if len(get.Events) != 2 {
		t.Fatalf("Contacts.Get events: %v, want 2 attempts", get.Events)
	}
	e1, e2 := attrs(get.Events[0].Attributes), attrs(get.Events[1].Attributes)
	if get.Events[0].Name != "intercom.attempt" || e1["intercom.attempt"].AsInt64() != 1 || e1["http.response.status_code"].AsInt64() != 503 ||
		e1["intercom.retry.delay"].AsFloat64() <= 0 || e1["intercom.rate_limit.wait"].AsFloat64() <= 0 {
		t.Errorf("attempt 1 event: %v", get.Events[0])
	}
	if e2["intercom.attempt"].AsInt64() != 2 || e2["http.response.status_code"].AsInt64() != 200 || e2["http.request.resend_count"].AsInt64() != 1 {
		t.Errorf("attempt 2 event: %v", get.Events[1])
	}
	if _, retried := e2["intercom.retry.delay"]; retried {
		t.Errorf("the last attempt says a retry follows: %v", get.Events[1])
	}

	nf := spans[1]
	a = attrs(nf.Attributes)
	if nf.Status.Code != codes.Error || nf.Status.Description != "404" || a["error.type"].AsString() != "404" || a["http.response.status_code"].AsInt64() != 404 {
		t.Errorf("404 span: status %v, attributes %v", nf.Status, nf.Attributes)
	}
	if a = attrs(spans[2].Attributes); a["intercom.attempts"].AsInt64() != 2 || attrs(spans[2].Events[0].Attributes)["http.response.status_code"].AsInt64() != 429 {
		t.Errorf("Create span: %v %v", spans[2].Attributes, spans[2].Events)
	}
	if _, hasTemplate := attrs(spans[3].Attributes)["url.template"]; attrs(spans[3].Attributes)["http.request.method"].AsString() != "GET" || hasTemplate {
		t.Errorf("raw call span: %v", spans[3].Attributes)
	}

	var rm metricdata.ResourceMetrics
	if err := h.reader.Collect(ctx, &rm); err != nil {
		t.Fatal(err)
	}
	got := sums(rm)
	for key, want := range map[string]int64{
		"intercom.client.calls":                                      4,
		"intercom.client.calls{Contacts.Get,200}":                    1,
		"intercom.client.errors":                                     1,
		"intercom.client.errors{Contacts.GetByExternalID,404}":       1,
		"intercom.client.retries":                                    2,
		"intercom.client.retries{Contacts.Get,503}":                  1,
		"intercom.client.retries{Contacts.Create,429}":               1,
		"intercom.client.rate_limited":                               1,
		"intercom.client.call.duration#count":                        4,
		"intercom.client.rate_limit.wait#count":                      4,
		"intercom.client.rate_limit.wait{Contacts.Get}#positive_sum": 1,
	} {
		if got[key] != want {
			t.Errorf("metric %s = %d, want %d", key, got[key], want)
		}
	}

	// Nothing exported holds the token, a body, a URL or personal data.
	exported := dump(t, spans, rm)
	if !strings.Contains(exported, "Contacts.GetByExternalID") || !strings.Contains(exported, "intercom.client.rate_limit.wait") {
		t.Fatalf("the dump of the exported data misses spans or metrics:\n%s", exported)
	}
	for _, secret := range []string{secretToken, "ada.lovelace", "grace.hopper", "Grace Hopper", `"email"`, "http://", "find_by_external_id/ada", *contact.Id} {
		if strings.Contains(exported, secret) {
			t.Errorf("exported telemetry contains %q", secret)
		}
	}
}

// sums flattens the metrics: "name" is the total of a counter or a
// histogram's count ("#count"), "name{op,status}" per operation and status.
func sums(rm metricdata.ResourceMetrics) map[string]int64 {
	out := map[string]int64{}
	label := func(name string, set attribute.Set) string {
		op, _ := set.Value("intercom.operation")
		st, ok := set.Value("http.response.status_code")
		if ok {
			return fmt.Sprintf("%s{%s,%d}", name, op.AsString(), st.AsInt64())
		}
		return fmt.Sprintf("%s{%s}", name, op.AsString())
	}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			switch d := m.Data.(type) {
			case metricdata.Sum[int64]:
				for _, p := range d.DataPoints {
					out[m.Name] += p.Value
					out[label(m.Name, p.Attributes)] += p.Value
				}
			case metricdata.Histogram[float64]:
				for _, p := range d.DataPoints {
					out[m.Name+"#count"] += int64(p.Count)
					if p.Sum > 0 {
						out[label(m.Name, p.Attributes)+"#positive_sum"]++
					}
				}
			}
		}
	}
	return out
}

// dump renders every exported span and metric as text.
func dump(t *testing.T, spans tracetest.SpanStubs, rm metricdata.ResourceMetrics) string {
	t.Helper()
	var b strings.Builder
	for _, s := range spans {
		fmt.Fprintf(&b, "%s %v %v %v\n", s.Name, s.Attributes, s.Events, s.Status)
	}
	j, err := json.Marshal(rm)
	if err != nil {
		t.Fatal(err)
	}
	b.Write(j)
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			fmt.Fprintf(&b, "%s %+v\n", m.Name, m.Data)
		}
	}
	return b.String()
}

func TestNewOptions(t *testing.T) {
	if _, err := otelintercom.New(nil); err == nil {
		t.Error("New(nil): no error")
	}
	if _, err := otelintercom.New(otelintercom.WithTracerProvider(nil)); err == nil {
		t.Error("WithTracerProvider(nil): no error")
	}
	if _, err := otelintercom.New(otelintercom.WithMeterProvider(nil)); err == nil {
		t.Error("WithMeterProvider(nil): no error")
	}
	if obs, err := otelintercom.New(); err != nil || obs == nil {
		t.Errorf("New() with the global providers: %v", err)
	}
}
