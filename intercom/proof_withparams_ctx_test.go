package intercom

// Regression (proof turn3): WithParams attached with ContextWithOptions
// to a method that takes its parameters as an option is accepted by the HTTP
// layer (transport.go callConfig:107 sees a paramsOption operation) but never
// used: the service method reads params only from its own opts
// (params.go paramsOption, e.g. contacts.gen.go:138). The query parameter is
// silently dropped; WithParams's doc promises an error for every misuse.

import (
	"context"
	"errors"
	"net/http"
	"testing"
)

// It is bug proof 06 of 2026-12-07 (TestAuditWithParamsInContextSilentlyDropped), kept with its assertions as a regular test.
func TestWithParamsInContext(t *testing.T) {
	var query string
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		query = r.URL.RawQuery
		coreJSON(w, 200, `{"type":"contact","id":"abc"}`)
	})
	c, _ := coreClient(t, srv.URL)
	ctx := ContextWithOptions(context.Background(), WithParams(&ListContactsParams{PerPage: Ptr(5)}))
	_, err := c.Contacts.Get(ctx, "abc")
	if err == nil && query == "" {
		t.Errorf("WithParams given through ContextWithOptions: no error, and the request had no per_page (query %q)", query)
	}
}

// WithParams through ContextWithOptions is refused with a clear error before
// anything is sent, for a service method and for a raw generated call alike;
// the other options of that context still apply.
func TestWithParamsInContextRefused(t *testing.T) {
	var hits int
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		hits++
		coreJSON(w, 200, `{"type":"contact","id":"abc"}`)
	})
	c, _ := coreClient(t, srv.URL)
	ctx := ContextWithOptions(context.Background(), WithMaxRetries(0), WithParams(&ListContactsParams{PerPage: Ptr(5)}))
	if _, err := c.Contacts.Get(ctx, "abc"); !errors.Is(err, errParamsInContext) {
		t.Errorf("service method: err %v", err)
	}
	if _, err := c.Raw().IdentifyAdminWithResponse(ctx); !errors.Is(err, errParamsInContext) {
		t.Errorf("raw call: err %v", err)
	}
	if hits != 0 {
		t.Errorf("%d requests sent", hits)
	}
	if _, err := c.Contacts.Get(ContextWithOptions(context.Background(), WithMaxRetries(0)), "abc"); err != nil || hits != 1 {
		t.Errorf("without WithParams: err %v, %d requests", err, hits)
	}
}
