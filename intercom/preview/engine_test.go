package preview_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/intercom/preview"
)

// manualClock makes retry waits instant and records them.
type manualClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func (c *manualClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *manualClock) Sleep(_ context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	return nil
}

// countingLimiter is a rate budget shared by every call of a client.
type countingLimiter struct {
	mu             sync.Mutex
	waits, observe int
}

func (l *countingLimiter) Wait(context.Context) error {
	l.mu.Lock()
	l.waits++
	l.mu.Unlock()
	return nil
}
func (l *countingLimiter) Observe(int, intercom.RateLimit) {
	l.mu.Lock()
	l.observe++
	l.mu.Unlock()
}

// TestPreviewRunsOnTheParentsEngine: a Preview call goes through the parent
// client's HTTP client, middleware, credentials, rate limiter, clock and
// retry policy, and a middleware sees its Operation.
func TestPreviewRunsOnTheParentsEngine(t *testing.T) {
	var calls int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		if got := r.Header.Get("Authorization"); got != "Bearer tok_parent" {
			t.Errorf("Authorization %q", got)
		}
		w.Header().Set("Content-Type", "application/json")
		if calls == 1 {
			w.Header().Set("Retry-After", "2")
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = fmt.Fprint(w, `{"type":"error.list","errors":[{"code":"rate_limit_exceeded","message":"slow down"}]}`)
			return
		}
		_, _ = fmt.Fprint(w, `{"type":"folder","id":7,"name":"F"}`)
	}))
	defer srv.Close()
	clock := &manualClock{now: time.Unix(1_700_000_000, 0)}
	lim := &countingLimiter{}
	var ops []string
	mw := func(req *http.Request, next intercom.MiddlewareNext) (*http.Response, error) {
		if op := intercom.OperationFromRequest(req); op != nil {
			ops = append(ops, op.Service+"."+op.Method+" "+op.ID)
		}
		return next(req)
	}
	c, err := intercom.NewClient("tok_parent", intercom.WithBaseURL(srv.URL), intercom.WithClock(clock),
		intercom.WithRateLimiter(lim), intercom.WithMiddleware(mw), intercom.WithMaxRetries(1))
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	f, err := preview.New(c).Folders.Get(context.Background(), "7")
	if err != nil {
		t.Fatalf("Folders.Get: %v", err)
	}
	if f.GetName() != "F" || calls != 2 {
		t.Errorf("got %q after %d requests, want F after 2 (one 429 retried)", f.GetName(), calls)
	}
	if len(clock.sleeps) != 1 || clock.sleeps[0] != 2*time.Second {
		t.Errorf("waits %v, want [2s] from Retry-After on the parent's clock", clock.sleeps)
	}
	if lim.waits != 2 || lim.observe != 2 {
		t.Errorf("rate limiter waited %d and observed %d times, want 2 and 2", lim.waits, lim.observe)
	}
	if len(ops) == 0 || ops[0] != "Folders.Get RetrieveFolder" {
		t.Errorf("middleware saw operations %v", ops)
	}
}

// TestPreviewErrorsAndVersion: an API error is package intercom's *Error,
// a call's own WithAPIVersion overrides Preview, and a bad id is refused
// before anything is sent.
func TestPreviewErrorsAndVersion(t *testing.T) {
	var versions []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		versions = append(versions, r.Header.Get("Intercom-Version"))
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = fmt.Fprint(w, `{"type":"error.list","request_id":"r1","errors":[{"code":"not_found","message":"Folder not found"}]}`)
	}))
	defer srv.Close()
	c, err := intercom.NewClient("tok", intercom.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	p := preview.New(c)
	ctx := context.Background()
	_, err = p.Folders.Get(ctx, "9")
	var apiErr *intercom.Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound || apiErr.RequestID != "r1" {
		t.Fatalf("err = %v, want *intercom.Error 404 r1", err)
	}
	_, _ = p.Folders.Get(ctx, "9", intercom.WithAPIVersion("2.16"))
	if len(versions) != 2 || versions[0] != preview.APIVersion || versions[1] != "2.16" {
		t.Errorf("versions sent %v, want [Preview 2.16]", versions)
	}
	if _, err := p.Folders.Get(ctx, ""); !errors.Is(err, intercom.ErrInvalidID) || len(versions) != 2 {
		t.Errorf("empty id: err %v after %d requests, want ErrInvalidID and no request", err, len(versions))
	}
}

// TestPreviewIteratorFollowsPages: a paged Preview list iterates every page
// with the engine's pagination (the pages.next URL, on the client's host).
func TestPreviewIteratorFollowsPages(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("page") == "2" {
			_, _ = fmt.Fprint(w, `{"type":"list","data":[{"id":"3"}],"pages":{"type":"pages","page":2,"total_pages":2}}`)
			return
		}
		_, _ = fmt.Fprintf(w, `{"type":"list","data":[{"id":"1"},{"id":"2"}],"pages":{"type":"pages","page":1,"total_pages":2,"next":%q}}`,
			srv.URL+"/ai/content_import_sources?page=2")
	}))
	defer srv.Close()
	c, err := intercom.NewClient("tok", intercom.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	var ids []string
	for s, err := range preview.New(c).AIContent.ListContentImportSourcesAll(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, fmt.Sprint(s.Id))
	}
	if fmt.Sprint(ids) != "[1 2 3]" {
		t.Errorf("ids %v, want [1 2 3]", ids)
	}
}
