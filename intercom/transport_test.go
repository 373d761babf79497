package intercom

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/gen"
)

func TestDefaultTransport(t *testing.T) {
	c, err := NewClient(coreToken)
	if err != nil {
		t.Fatal(err)
	}
	if c.e.HTTPClient().Timeout != 0 {
		t.Errorf("http.Client.Timeout = %v, want 0 (the context bounds a call)", c.e.HTTPClient().Timeout)
	}
	lt, ok := c.e.HTTPClient().Transport.(*lazyTransport)
	if !ok {
		t.Fatalf("transport is %T", c.e.HTTPClient().Transport)
	}
	if lt.Built() != nil {
		t.Error("NewClient built the transport: the first request should")
	}
	c.CloseIdleConnections() // before any request: nothing to close, nothing built
	tr := lt.Transport()
	if lt.Transport() != tr || lt.Built() != tr {
		t.Error("the transport is built more than once")
	}
	if tr == http.DefaultTransport {
		t.Error("the default transport is shared, not cloned")
	}
	if tr.MaxIdleConnsPerHost < 16 || tr.MaxConnsPerHost != 0 && tr.MaxConnsPerHost < tr.MaxIdleConnsPerHost || tr.ResponseHeaderTimeout <= 0 || tr.Proxy == nil || tr.DialContext == nil {
		t.Errorf("MaxIdleConnsPerHost %d ResponseHeaderTimeout %v proxy %v", tr.MaxIdleConnsPerHost, tr.ResponseHeaderTimeout, tr.Proxy != nil)
	}
	if tr.MaxIdleConns != 0 && tr.MaxIdleConns < tr.MaxIdleConnsPerHost {
		t.Errorf("MaxIdleConns %d < per host %d", tr.MaxIdleConns, tr.MaxIdleConnsPerHost)
	}
}

func TestMiddlewareOrderPerAttempt(t *testing.T) {
	_, u := newScripted(t, scriptStep{status: 503}, scriptStep{status: 200})
	var mu sync.Mutex
	var trace []string
	mw := func(name string) Middleware {
		return func(r *http.Request, next MiddlewareNext) (*http.Response, error) {
			mu.Lock()
			trace = append(trace, name+":"+r.Header.Get("Intercom-Version"))
			mu.Unlock()
			resp, err := next(r)
			if err == nil {
				mu.Lock()
				trace = append(trace, name+"<"+resp.Status[:3])
				mu.Unlock()
			}
			return resp, err
		}
	}
	c, _ := coreClient(t, u, WithMiddleware(mw("a")), WithMiddleware(mw("b")))
	ctx := ContextWithOptions(context.Background(), WithMiddleware(mw("call")), WithAPIVersion("2.9"))
	if _, err := coreDo(ctx, c, "GET", "/me", ""); err != nil {
		t.Fatal(err)
	}
	want := []string{"a:2.9", "b:2.9", "call:2.9", "call<503", "b<503", "a<503", "a:2.9", "b:2.9", "call:2.9", "call<200", "b<200", "a<200"}
	if !slices.Equal(trace, want) {
		t.Errorf("trace = %v\nwant    %v", trace, want)
	}
	// The per-call middleware did not stick to the client.
	trace = nil
	if _, err := coreDo(context.Background(), c, "GET", "/me", ""); err != nil {
		t.Fatal(err)
	}
	if len(trace) != 4 {
		t.Errorf("trace = %v, want only a and b", trace)
	}
}

// WithHTTPClient replaces only the transport: headers, retries and typed
// errors still apply.
func TestWithHTTPClientKeepsBehaviour(t *testing.T) {
	var calls atomic.Int32
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		n := calls.Add(1)
		if r.Header.Get("Authorization") != "Bearer "+coreToken || r.Header.Get("Intercom-Version") != APIVersion || r.Header.Get("User-Agent") == "" {
			return fakeResponse(r, 400, `{"errors":[{"code":"missing_headers"}]}`), nil
		}
		if n == 1 {
			return fakeResponse(r, 429, `{}`), nil
		}
		if r.URL.Path == "/missing" {
			return fakeResponse(r, 404, `{"type":"error.list","errors":[{"code":"not_found","message":"nope"}]}`), nil
		}
		return fakeResponse(r, 200, `{"type":"admin","id":"9"}`), nil
	})}
	c, sl := coreClient(t, "https://api.intercom.io", WithHTTPClient(hc))
	res, err := c.Raw().IdentifyAdminWithResponse(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if res.JSON200 == nil || *res.JSON200.Id != "9" || calls.Load() != 2 || len(sl.recorded()) != 1 {
		t.Errorf("JSON200 %+v calls %d waits %v", res.JSON200, calls.Load(), sl.recorded())
	}
	if _, err := coreDo(context.Background(), c, "GET", "/missing", ""); !IsNotFound(err) {
		t.Errorf("err = %v, want not found", err)
	}
}

// TestConcurrentConnectionReuse runs 64 goroutines and checks the default
// transport reuses connections instead of opening one per request.
func TestConcurrentConnectionReuse(t *testing.T) {
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		coreJSON(w, 200, `{"type":"admin","id":"1"}`)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	c, _ := coreClient(t, srv.URL)
	const workers, each = 64, 15
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				if _, err := c.Raw().IdentifyAdminWithResponse(context.Background()); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := conns.Load(); n > 68 {
		t.Errorf("%d connections for %d requests from %d goroutines, want at most 68", n, workers*each, workers)
	}
}

func TestReadAll(t *testing.T) {
	tests := []struct {
		body    string
		length  int64
		want    string
		wantErr bool
	}{
		{`{"a":1}`, 7, `{"a":1}`, false},
		{`{"a":1}`, -1, `{"a":1}`, false},
		{`{"a":1}xyz`, 7, `{"a":1}xyz`, false}, // longer than announced: nothing is lost
		{`{"a"`, 7, "", true},                  // shorter than announced
		{``, 0, ``, false},
	}
	for _, tt := range tests {
		got, err := readAll(strings.NewReader(tt.body), tt.length)
		if (err != nil) != tt.wantErr || string(got) != tt.want {
			t.Errorf("readAll(%q, %d) = %q, %v", tt.body, tt.length, got, err)
		}
	}
}

// A chunked (unknown-length) success body is read whole.
func TestChunkedSuccessBody(t *testing.T) {
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"type":"admin",`)
		w.(http.Flusher).Flush()
		_, _ = io.WriteString(w, `"id":"77"}`)
	})
	c, _ := coreClient(t, srv.URL)
	a, err := doJSON[gen.AdminWithApp](context.Background(), c, nil, nil, adminReq(t, c), nil)
	if err != nil || a.Id == nil || *a.Id != "77" {
		t.Fatalf("got %+v, %v", a, err)
	}
	// A response not produced by the HTTP layer is read through its body.
	b, err := responseBytes(&http.Response{Body: io.NopCloser(strings.NewReader("plain"))})
	if err != nil || string(b) != "plain" {
		t.Errorf("responseBytes = %q, %v", b, err)
	}
}

func TestSleepCtx(t *testing.T) {
	if err := sleepCtx(context.Background(), time.Nanosecond); err != nil {
		t.Errorf("short sleep: %v", err)
	}
	if err := sleepCtx(context.Background(), 0); err != nil {
		t.Errorf("zero sleep: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := sleepCtx(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled sleep: %v", err)
	}
	if err := sleepCtx(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled zero sleep: %v", err)
	}
}

func TestTruncate(t *testing.T) {
	if got := truncate("short", 10); got != "short" {
		t.Error(got)
	}
	if got := truncate("héllo", 2); got != "h…" { // never cuts inside a rune
		t.Errorf("truncate = %q", got)
	}
	if got := truncate("abcdef", 3); got != "abc…" {
		t.Errorf("truncate = %q", got)
	}
}
