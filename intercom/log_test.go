package intercom

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// lockedBuffer is a bytes.Buffer safe for the logger and the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestDebugLogNeverShowsToken(t *testing.T) {
	for _, kind := range []string{"text", "json"} {
		t.Run(kind, func(t *testing.T) {
			var buf lockedBuffer
			hopts := &slog.HandlerOptions{Level: slog.LevelDebug}
			var h slog.Handler = slog.NewTextHandler(&buf, hopts)
			if kind == "json" {
				h = slog.NewJSONHandler(&buf, hopts)
			}
			// The server echoes the Authorization header in headers and bodies.
			var n int
			var mu sync.Mutex
			srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				n++
				first := n == 1
				mu.Unlock()
				auth := r.Header.Get("Authorization")
				w.Header().Set("X-Request-Id", auth)
				w.Header().Set("X-RateLimit-Remaining", "3")
				if first {
					coreJSON(w, 503, `{"errors":[{"code":"x","message":"`+auth+`"}]}`)
					return
				}
				coreJSON(w, 200, `{"echo":"`+auth+`"}`)
			})
			c, _ := coreClient(t, srv.URL, WithLogger(slog.New(h)))
			if _, err := coreDo(context.Background(), c, "POST", "/contacts?token=no", `{"email":"a@example.com"}`); err == nil {
				t.Fatal("POST 503 should fail without the opt-in")
			}
			if _, err := coreDo(context.Background(), c, "GET", "/me", ""); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if strings.Contains(out, coreToken) {
				t.Fatalf("debug log holds the token:\n%s", out)
			}
			for _, want := range []string{"intercom: request", "intercom: response", "Bearer [REDACTED]", "/contacts", "503", "200", "User-Agent", "Intercom-Version"} {
				if !strings.Contains(out, want) {
					t.Errorf("log lacks %q:\n%s", want, out)
				}
			}
		})
	}
}

func TestDebugLogRetryAndQuietWhenDisabled(t *testing.T) {
	var buf lockedBuffer
	_, u := newScripted(t, scriptStep{status: 503}, scriptStep{status: 200})
	c, _ := coreClient(t, u, WithLogger(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	if _, err := coreDo(context.Background(), c, "GET", "/me", ""); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); !strings.Contains(out, "intercom: retrying") || !strings.Contains(out, "reason=backoff") {
		t.Errorf("no retry logged:\n%s", out)
	}
	// Info level: nothing is logged; per-call WithLogger(nil) turns it off too.
	var quiet lockedBuffer
	c2, _ := coreClient(t, u, WithLogger(slog.New(slog.NewTextHandler(&quiet, nil))))
	if _, err := coreDo(context.Background(), c2, "GET", "/me", ""); err != nil {
		t.Fatal(err)
	}
	before := len(buf.String())
	if _, err := coreDo(ContextWithOptions(context.Background(), WithLogger(nil)), c, "GET", "/me", ""); err != nil {
		t.Fatal(err)
	}
	if quiet.String() != "" || len(buf.String()) != before {
		t.Errorf("logged although disabled: %q", quiet.String())
	}
}

func TestRedactAuth(t *testing.T) {
	if got := redactAuth("Bearer abc"); got != "Bearer [REDACTED]" {
		t.Error(got)
	}
	if got := redactAuth("abc"); got != "[REDACTED]" {
		t.Error(got)
	}
}
