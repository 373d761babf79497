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

// A middleware learns the operation of the call it runs in, and that call's
// options; a call it nests with the request's context is a call of its own:
// its middleware sees its own operation, and the outer call's options (here
// the middleware and Intercom-Version) do not apply to it.
func TestMiddlewareSeesOwnCallOnly(t *testing.T) {
	var versions []string
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		versions = append(versions, r.URL.Path+" "+r.Header.Get("Intercom-Version"))
		coreJSON(w, 200, `{"type":"contact","id":"c1"}`)
	})
	c, _ := coreClient(t, srv.URL)
	var outerOps, innerOps []string
	inner := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		innerOps = append(innerOps, opID(req))
		return next(req)
	}
	outer := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		outerOps = append(outerOps, opID(req))
		if len(callOptions(req.Context(), nil, nil)) != 0 {
			t.Error("the request's context carries options")
		}
		if _, err := c.Admins.Me(req.Context(), WithMiddleware(inner)); err != nil {
			t.Errorf("nested call: %v", err)
		}
		return next(req)
	}
	if _, err := c.Contacts.Get(context.Background(), "c1", WithMiddleware(outer), WithAPIVersion("2.11")); err != nil {
		t.Fatal(err)
	}
	if len(outerOps) != 1 || outerOps[0] != "ShowContact" {
		t.Errorf("outer middleware saw operations %q, want [ShowContact]", outerOps)
	}
	if len(innerOps) != 1 || innerOps[0] != "IdentifyAdmin" {
		t.Errorf("nested middleware saw operations %q, want [IdentifyAdmin]", innerOps)
	}
	want := []string{"/me " + APIVersion, "/contacts/c1 2.11"}
	if len(versions) != 2 || versions[0] != want[0] || versions[1] != want[1] {
		t.Errorf("requests %q, want %q", versions, want)
	}
}

// opID is the id of the operation of req, or "" for none.
func opID(req *http.Request) string {
	if op := OperationFromRequest(req); op != nil {
		return op.ID
	}
	return ""
}
