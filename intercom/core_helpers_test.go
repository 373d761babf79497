package intercom

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/gen"
)

// coreToken is the access token of test clients; tests assert it never leaks.
const coreToken = "dG9rOnNlY3JldC10b2tlbi0xMjM0NTY3ODkw"

// coreNow is the fixed time of test clients' clock.
var coreNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// coreSleeper records the waits the HTTP layer asks for instead of sleeping.
type coreSleeper struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *coreSleeper) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.waits = append(s.waits, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *coreSleeper) recorded() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.waits...)
}

// coreServer starts an httptest server closed at the end of the test.
func coreServer(t testing.TB, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// coreClient returns a client for srv with a fixed clock and a recording
// sleeper; opts come last so they can override those.
func coreClient(t *testing.T, baseURL string, opts ...Option) (*Client, *coreSleeper) {
	t.Helper()
	s := &coreSleeper{}
	all := append([]Option{WithBaseURL(baseURL), withSleeper(s.sleep), withClock(func() time.Time { return coreNow })}, opts...)
	c, err := NewClient(coreToken, all...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	t.Cleanup(c.CloseIdleConnections)
	return c, s
}

// coreDo sends a request through the client's HTTP layer.
func coreDo(ctx context.Context, c *Client, method, path, body string) (*http.Response, error) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.BaseURL()+path, rd)
	if err != nil {
		return nil, err
	}
	return c.e.Doer().Do(req)
}

// coreJSON writes a JSON response.
func coreJSON(w http.ResponseWriter, status int, body string) {
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// roundTripFunc is a fake http.RoundTripper.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// fakeResponse builds a response for a fake transport.
func fakeResponse(r *http.Request, status int, body string) *http.Response {
	return &http.Response{
		StatusCode:    status,
		Status:        http.StatusText(status),
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(strings.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       r,
	}
}

// adminReq builds the request of GET /me with gen's request builder, as a
// generated method does before it hands the request to the engine.
func adminReq(t testing.TB, c *Client) *http.Request {
	t.Helper()
	req, err := gen.NewIdentifyAdminRequest(c.server)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// pathReq builds a request of method and path on c's base URL.
func pathReq(t testing.TB, c *Client, method, path string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, c.BaseURL()+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// getURL sends the GET of a next-page link through the engine, as an
// iterator does for a later page.
func (c *Client) getURL(ctx context.Context, rawURL string) (*http.Response, error) {
	req, err := c.nextPageRequest(rawURL)
	if err != nil {
		return nil, err
	}
	return c.do(ctx, nil, nil, req)
}
