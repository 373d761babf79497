package intercom

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// TestErrOutcomeUnknown: a write whose connection drops after the server read
// it is not retried and its error says the outcome is unknown; a read that
// fails the same way is retried and, once retries run out, is not marked.
func TestErrOutcomeUnknown(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close() // the request arrived; the response is lost
		}
	}))
	defer srv.Close()
	c, err := NewClient("tok", WithBaseURL(srv.URL), WithMaxRetries(2), withSleeper(func(ctx context.Context, _ time.Duration) error { return ctx.Err() }))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Contacts.Create(context.Background(), CreateContactRequest{Email: Ptr("a@example.com")})
	if !errors.Is(err, ErrOutcomeUnknown) {
		t.Fatalf("create: want ErrOutcomeUnknown, got %v", err)
	}
	if n := hits.Load(); n != 1 {
		t.Fatalf("create was sent %d times, want 1", n)
	}
	hits.Store(0)
	_, err = c.Contacts.Get(context.Background(), "1")
	if err == nil || errors.Is(err, ErrOutcomeUnknown) {
		t.Fatalf("get: want a plain transport error, got %v", err)
	}
	if n := hits.Load(); n != 3 {
		t.Fatalf("get was sent %d times, want 3", n)
	}
}
