package intercom

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

// A union body never set with one of its From... methods is refused before
// any request: it would be sent as null.
func TestZeroUnionBodyRefused(t *testing.T) {
	c, seen := svcServer(t, nil)
	ctx := context.Background()
	calls := map[string]func() error{
		"Conversations.Reply": func() error {
			_, err := c.Conversations.Reply(ctx, "1", gen.ReplyConversationRequest{})
			return err
		},
		"Conversations.Redact": func() error {
			_, err := c.Conversations.Redact(ctx, gen.RedactConversationRequest{})
			return err
		},
		"Conversations.Manage": func() error {
			_, err := c.Conversations.Manage(ctx, "1", gen.ManageConversationRequest{})
			return err
		},
	}
	for name, call := range calls {
		if err := call(); err == nil || !strings.Contains(err.Error(), "From...") {
			t.Errorf("%s: err = %v, want the empty-body error", name, err)
		}
	}
	if n := len(seen()); n != 0 {
		t.Errorf("%d requests sent for empty bodies", n)
	}
	// A body that was set goes out.
	if _, err := c.Conversations.RedactPart(ctx, "1", "2"); err != nil {
		t.Fatal(err)
	}
	if n := len(seen()); n != 1 {
		t.Errorf("%d requests for a valid body, want 1", n)
	}
}

// A middleware returning neither a response nor an error gets a clear error
// instead of a panic inside the SDK, and is not retried.
func TestMiddlewareNilResponse(t *testing.T) {
	var calls atomic.Int32
	c, _ := coreClient(t, "http://127.0.0.1:1", WithMiddleware(func(*http.Request, MiddlewareNext) (*http.Response, error) {
		calls.Add(1)
		return nil, nil
	}))
	_, err := c.Contacts.Get(context.Background(), "1")
	if err == nil || !strings.Contains(err.Error(), "nil *http.Response") {
		t.Fatalf("err = %v", err)
	}
	if calls.Load() != 1 {
		t.Errorf("%d attempts, want 1", calls.Load())
	}
}

// The response stored by WithResponseInto keeps its whole body, even after a
// raw generated call parsed (and so read) the response it returned.
func TestResponseIntoReadableAfterRawCall(t *testing.T) {
	const body = `{"type":"admin","id":"1","email":"a@example.com"}`
	_, u := newScripted(t, scriptStep{status: 200, body: body})
	c, _ := coreClient(t, u)
	var resp *http.Response
	got, err := c.Raw().IdentifyAdminWithResponse(ContextWithOptions(context.Background(), WithResponseInto(&resp)))
	if err != nil || got.JSON200 == nil {
		t.Fatalf("raw call: %v", err)
	}
	if resp == nil {
		t.Fatal("no response stored")
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil || string(b) != body {
		t.Errorf("stored body %q (%v), want the whole body", b, err)
	}
}

// A 422 whose JSON body ends early is described as truncated JSON, not as a
// non-JSON body.
func TestErrorTruncatedJSONBody(t *testing.T) {
	tests := []struct {
		name, ct, body, want, notWant string
	}{
		{"truncated JSON", "application/json; charset=utf-8", `{"type":"error.list","errors":[{"code":"parameter_invalid","mess`,
			"truncated JSON response body", "non-JSON"},
		{"malformed JSON", "application/json", `{"type":"error.list",,}`, "malformed JSON response body", "non-JSON"},
		{"HTML", "text/html", `<html><title>502</title></html>`, "unexpected non-JSON response body (text/html)", "truncated"},
		{"JSON without content type", "", `{"errors":[`, "truncated JSON response body", "non-JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header()["Content-Type"] = []string{tt.ct}
				w.WriteHeader(http.StatusUnprocessableEntity)
				io.WriteString(w, tt.body)
			})
			c, _ := coreClient(t, srv.URL)
			_, err := c.Contacts.Get(context.Background(), "1")
			var e *Error
			if !errors.As(err, &e) || e.StatusCode != 422 || string(e.Body) != tt.body {
				t.Fatalf("err = %v, want a 422 *Error keeping the body", err)
			}
			if msg := err.Error(); !strings.Contains(msg, tt.want) || strings.Contains(msg, tt.notWant) {
				t.Errorf("message %q: want %q, not %q", msg, tt.want, tt.notWant)
			}
		})
	}
}

// A small POST goes out in one TCP write: the request body keeps a type
// net/http knows is in memory, so it does not flush the headers on their own.
// (It used to be wrapped to learn whether it was sent, which cost a second
// write; the HTTP layer now learns it from httptrace.)
func TestSmallPOSTOneWrite(t *testing.T) {
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		coreJSON(w, 200, `{"type":"contact","id":"c1"}`)
	})
	tr := defaultTransport()
	var d net.Dialer
	counter := &writeCounter{}
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &countingConn{Conn: c, n: counter}, nil
	}
	t.Cleanup(tr.CloseIdleConnections)
	c, _ := coreClient(t, srv.URL, WithHTTPClient(&http.Client{Transport: tr}))
	ctx := context.Background()
	for i := range 3 {
		before := counter.writes.Load()
		if _, err := c.Contacts.Create(ctx, gen.CreateContactRequest{Email: Ptr("a@example.com"), Name: Ptr("A")}); err != nil {
			t.Fatal(err)
		}
		if n := counter.writes.Load() - before; n != 1 {
			t.Errorf("call %d: %d TCP writes, want 1", i, n)
		}
	}
}

// JSON bodies are capped (WithMaxResponseBytes, 64 MiB by default): a larger
// body fails with ErrResponseTooLarge, whether its length was announced or
// not, and is not retried; the response (status, headers) stays reachable.
func TestJSONBodyCap(t *testing.T) {
	big := `{"type":"contact","id":"c1","name":"` + strings.Repeat("x", 4000) + `"}`
	var hits atomic.Int32
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "req-big")
		if r.URL.Query().Get("chunked") == "" {
			w.Header().Set("Content-Length", "4045")
		} else {
			w.(http.Flusher).Flush() // no Content-Length
		}
		io.WriteString(w, big)
	})
	if cfg, _ := callConfigOf(nil); cfg.MaxResponseBytes != 64<<20 {
		t.Errorf("default cap %d", cfg.MaxResponseBytes)
	}
	c, _ := coreClient(t, srv.URL, WithMaxResponseBytes(1024))
	for _, q := range []string{"", "?chunked=1"} {
		hits.Store(0)
		var resp *http.Response
		_, err := doJSON[gen.Contact](context.Background(), c, nil, []Option{WithResponseInto(&resp)},
			pathReq(t, c, "GET", "/contacts/c1"+q), nil)
		if !errors.Is(err, ErrResponseTooLarge) || !strings.Contains(err.Error(), "1024") {
			t.Errorf("%q: err = %v, want ErrResponseTooLarge naming the limit", q, err)
		}
		if hits.Load() != 1 {
			t.Errorf("%q: %d requests, want 1 (no retry)", q, hits.Load())
		}
		if resp == nil || resp.StatusCode != 200 || resp.Header.Get("X-Request-Id") != "req-big" {
			t.Errorf("%q: stored response %+v", q, resp)
		}
	}
	// Under the cap, and with the cap removed, the body decodes.
	for _, opt := range []Option{WithMaxResponseBytes(4045), WithMaxResponseBytes(0)} {
		got, err := doJSON[gen.Contact](context.Background(), c, nil, []Option{opt},
			pathReq(t, c, "GET", "/contacts/c1?chunked=1"), nil)
		if err != nil || got.Id == nil {
			t.Errorf("err = %v", err)
		}
	}
}

func TestReadLimited(t *testing.T) {
	body := strings.Repeat("a", 100)
	tests := []struct {
		length, limit int64
		tooLarge      bool
	}{
		{100, 100, false},
		{-1, 100, false}, // length unknown
		{100, 0, false},  // no limit
		{-1, -1, false},
		{50, 100, false}, // longer than announced, still within the limit
		{100, 99, true},  // announced over the limit: not read
		{-1, 99, true},
		{50, 99, true}, // longer than announced and over the limit
	}
	for _, tt := range tests {
		b, err := readLimited(strings.NewReader(body), tt.length, tt.limit)
		if tt.tooLarge {
			if !errors.Is(err, ErrResponseTooLarge) {
				t.Errorf("length %d limit %d: err = %v, want ErrResponseTooLarge", tt.length, tt.limit, err)
			}
		} else if err != nil || string(b) != body {
			t.Errorf("length %d limit %d: %d bytes, %v; want the whole body", tt.length, tt.limit, len(b), err)
		}
	}
}
