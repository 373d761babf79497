package intercom

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
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

// A write is retried only when its error proves it never left, whatever the
// transport reports through httptrace (these transports report nothing):
// otherwise it is sent once and its error says the outcome is unknown. A 5xx
// answer to a write is outcome-unknown too; a read's errors never are.
func TestWriteRetriedOnlyWhenProvablyUnsent(t *testing.T) {
	dialRefused := &net.OpError{Op: "dial", Net: "tcp", Err: &os.SyscallError{Syscall: "connect", Err: syscall.ECONNREFUSED}}
	tests := []struct {
		name    string
		err     error // the transport's error; nil: a 503 response
		sends   int   // how often the write reaches the transport (2 retries allowed)
		unknown bool
	}{
		{"dial refused", dialRefused, 3, false},
		{"DNS failure", &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "api.intercom.io", IsTimeout: true}}, 3, false},
		{"TLS handshake timeout", errors.New("net/http: TLS handshake timeout"), 1, false},
		{"HTTP/2 REFUSED_STREAM", h2StreamError{StreamID: 1, Code: h2ErrCodeRefusedStream}, 3, false},
		{"connection reset", &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}, 1, true},
		{"EOF", io.EOF, 1, true},
		{"HTTP/2 INTERNAL_ERROR", h2StreamError{StreamID: 1, Code: 0x2}, 1, true},
		{"a middleware's own error", errors.New("proxy: upstream went away"), 1, true},
		{"503 answer", nil, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sends atomic.Int32
			rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
				sends.Add(1)
				if tt.err != nil {
					return nil, tt.err
				}
				return &http.Response{StatusCode: 503, Header: http.Header{"Content-Type": {"application/json"}},
					Body: io.NopCloser(strings.NewReader(`{"type":"error.list","errors":[{"code":"server_error"}]}`)), Request: r}, nil
			})
			c, _ := coreClient(t, "https://api.intercom.io", WithHTTPClient(&http.Client{Transport: rt}))
			_, err := c.Contacts.Create(context.Background(), CreateContactRequest{Email: Ptr("a@example.com")})
			if err == nil {
				t.Fatal("no error")
			}
			if n := int(sends.Load()); n != tt.sends {
				t.Errorf("the write was sent %d times, want %d (err %v)", n, tt.sends, err)
			}
			if got := errors.Is(err, ErrOutcomeUnknown); got != tt.unknown {
				t.Errorf("errors.Is(err, ErrOutcomeUnknown) = %v, want %v: %v", got, tt.unknown, err)
			}
			if tt.err == nil {
				var e *Error
				if !errors.As(err, &e) || e.StatusCode != 503 {
					t.Errorf("the 503's *Error is lost: %v", err)
				}
			}
			// The same failure on a read is never outcome-unknown.
			sends.Store(0)
			if _, err := c.Contacts.Get(context.Background(), "c1"); err == nil || errors.Is(err, ErrOutcomeUnknown) {
				t.Errorf("read: err %v, want an error that is not ErrOutcomeUnknown", err)
			}
		})
	}
}

// A write whose call is cancelled while it is in flight may have been
// applied: its error says so, besides wrapping the context's error.
func TestWriteCancelledInFlightOutcomeUnknown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		cancel()
		return nil, r.Context().Err()
	})
	c, _ := coreClient(t, "https://api.intercom.io", WithHTTPClient(&http.Client{Transport: rt}))
	_, err := c.Contacts.Create(ctx, CreateContactRequest{Email: Ptr("a@example.com")})
	if !errors.Is(err, context.Canceled) || !errors.Is(err, ErrOutcomeUnknown) {
		t.Errorf("err %v: want context.Canceled and ErrOutcomeUnknown", err)
	}
}
