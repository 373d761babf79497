package intercom

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
)

// A middleware given to one call that makes a nested SDK call with the
// request's context: the nested call must not run the outer call's
// middleware, headers or other options, and the outer call still gets them.
func TestCallOptionsDoNotLeakIntoNestedCalls(t *testing.T) {
	var versions []string
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		versions = append(versions, r.Header.Get("Intercom-Version"))
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"type":"admin","id":"1"}`))
	})
	c, _ := coreClient(t, srv.URL)
	var runs, nested atomic.Int32
	mw := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		runs.Add(1)
		if runs.Load() == 1 {
			// A nested call, as an audit or token-refresh middleware would make.
			if _, err := c.Admins.Me(req.Context()); err != nil {
				t.Errorf("nested call: %v", err)
			}
			nested.Add(1)
		}
		return next(req)
	}
	if _, err := c.Admins.Me(context.Background(), WithMiddleware(mw), WithAPIVersion("2.11")); err != nil {
		t.Fatalf("outer call: %v", err)
	}
	if got := runs.Load(); got != 1 {
		t.Errorf("the outer call's middleware ran %d times, want 1 (it leaked into the nested call)", got)
	}
	if nested.Load() != 1 {
		t.Fatalf("the nested call was not made")
	}
	// The nested request reaches the server first, with the client's version.
	if len(versions) != 2 || versions[0] != APIVersion || versions[1] != "2.11" {
		t.Errorf("Intercom-Version nested, outer = %q, want [%s 2.11]", versions, APIVersion)
	}
}

// Options attached with ContextWithOptions apply to raw calls made with that
// context, and not to a call a middleware nests inside them.
func TestContextWithOptionsNotSeenByNestedCalls(t *testing.T) {
	var versions []string
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		versions = append(versions, r.Header.Get("Intercom-Version"))
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"type":"admin","id":"1"}`))
	})
	var c *Client
	var runs atomic.Int32
	mw := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		if runs.Add(1) == 1 {
			if _, err := c.Raw().IdentifyAdmin(req.Context()); err != nil {
				t.Errorf("nested raw call: %v", err)
			}
		}
		return next(req)
	}
	c, _ = coreClient(t, srv.URL)
	ctx := ContextWithOptions(context.Background(), WithMiddleware(mw), WithAPIVersion("2.12"))
	if _, err := c.Raw().IdentifyAdmin(ctx); err != nil {
		t.Fatalf("raw call: %v", err)
	}
	if got := runs.Load(); got != 1 {
		t.Errorf("middleware ran %d times, want 1", got)
	}
	if len(versions) != 2 || versions[0] != APIVersion || versions[1] != "2.12" {
		t.Errorf("Intercom-Version nested, outer = %q, want [%s 2.12]", versions, APIVersion)
	}
	// A later raw call with the same context gets the options again.
	runs.Store(1)
	if _, err := c.Raw().IdentifyAdmin(ctx); err != nil {
		t.Fatal(err)
	}
	if got := versions[len(versions)-1]; got != "2.12" {
		t.Errorf("second raw call sent version %q, want 2.12", got)
	}
}
