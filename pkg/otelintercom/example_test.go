package otelintercom_test

import (
	"context"
	"fmt"
	"log"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
	"github.com/intercomkit/intercom-go/pkg/otelintercom"
)

func ExampleNew() {
	// In a program: otelintercom.New() uses the global providers set up
	// with your exporter (OTLP, ...). Here spans go to memory.
	spans := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(spans))
	defer tp.Shutdown(context.Background())
	obs, err := otelintercom.New(otelintercom.WithTracerProvider(tp))
	if err != nil {
		log.Fatal(err)
	}

	srv, err := intercomtest.Start() // stands in for Intercom
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	contact := srv.SeedContacts(1)[0]
	_ = srv.Fail(intercomtest.Fault{Route: "GET /contacts/{contact_id}", Status: 503, Times: 1})

	client, err := intercom.NewClient(srv.Token(), intercom.WithBaseURL(srv.URL),
		intercom.WithObserver(obs), intercom.WithMaxRetryDelay(time.Millisecond))
	if err != nil {
		log.Fatal(err)
	}
	defer client.CloseIdleConnections()
	if _, err := client.Contacts.Get(context.Background(), *contact.Id); err != nil {
		log.Fatal(err)
	}

	for _, s := range spans.GetSpans() {
		a := attrs(s.Attributes)
		fmt.Printf("span %q kind=%s http.request.method=%s url.template=%s http.response.status_code=%d intercom.attempts=%d http.request.resend_count=%d\n",
			s.Name, s.SpanKind, a["http.request.method"].AsString(), a["url.template"].AsString(),
			a["http.response.status_code"].AsInt64(), a["intercom.attempts"].AsInt64(), a["http.request.resend_count"].AsInt64())
		for _, e := range s.Events {
			ea := attrs(e.Attributes)
			fmt.Printf("  event %s: attempt %d, status %d, retry delay %gs\n", e.Name,
				ea["intercom.attempt"].AsInt64(), ea["http.response.status_code"].AsInt64(), ea["intercom.retry.delay"].AsFloat64())
		}
	}
	// Output:
	// span "Contacts.Get" kind=client http.request.method=GET url.template=/contacts/{contact_id} http.response.status_code=200 intercom.attempts=2 http.request.resend_count=1
	//   event intercom.attempt: attempt 1, status 503, retry delay 0.001s
	//   event intercom.attempt: attempt 2, status 200, retry delay 0s
}
