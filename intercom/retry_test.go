package intercom

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/gen"
)

// scripted returns a handler answering the n-th request (from 0) with
// steps[n] (the last step repeats) and counting requests.
type scriptStep struct {
	status int
	header map[string]string
	body   string
	reset  bool // close the connection with a TCP reset instead of answering
}

type scripted struct {
	mu     sync.Mutex
	steps  []scriptStep
	n      int
	bodies [][]byte
}

func (s *scripted) hits() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

func (s *scripted) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	step := s.steps[min(s.n, len(s.steps)-1)]
	s.n++
	s.bodies = append(s.bodies, body)
	s.mu.Unlock()
	if step.reset {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			panic(err)
		}
		if tc, ok := conn.(*net.TCPConn); ok {
			_ = tc.SetLinger(0)
		}
		conn.Close()
		return
	}
	for k, v := range step.header {
		w.Header().Set(k, v)
	}
	b := step.body
	if b == "" {
		b = `{"type":"admin","id":"1"}`
		if step.status >= 300 {
			b = `{"type":"error.list","request_id":"req-1","errors":[{"code":"server_error","message":"oops"}]}`
		}
	}
	coreJSON(w, step.status, b)
}

func newScripted(t *testing.T, steps ...scriptStep) (*scripted, string) {
	s := &scripted{steps: steps}
	srv := coreServer(t, s.ServeHTTP)
	return s, srv.URL
}

func TestRetryAfterSeconds(t *testing.T) {
	s, url := newScripted(t,
		scriptStep{status: 429, header: map[string]string{"Retry-After": "3"}},
		scriptStep{status: 200})
	c, sl := coreClient(t, url)
	resp, err := coreDo(context.Background(), c, "GET", "/me", "")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || s.hits() != 2 {
		t.Errorf("status %d after %d requests, want 200 after 2", resp.StatusCode, s.hits())
	}
	if got := sl.recorded(); len(got) != 1 || got[0] != 3*time.Second {
		t.Errorf("waits = %v, want [3s]", got)
	}
}

func TestRetryAfterHTTPDate(t *testing.T) {
	at := coreNow.Add(5 * time.Second).Format(http.TimeFormat)
	s, url := newScripted(t,
		scriptStep{status: 503, header: map[string]string{"Retry-After": at}},
		scriptStep{status: 200})
	c, sl := coreClient(t, url)
	if _, err := coreDo(context.Background(), c, "GET", "/me", ""); err != nil {
		t.Fatal(err)
	}
	if got := sl.recorded(); s.hits() != 2 || len(got) != 1 || got[0] != 5*time.Second {
		t.Errorf("hits %d waits %v, want 2 and [5s]", s.hits(), got)
	}
}

func TestRetryWaitsForRateLimitReset(t *testing.T) {
	reset := strconv.FormatInt(coreNow.Add(7*time.Second).Unix(), 10)
	s, url := newScripted(t,
		scriptStep{status: 429, header: map[string]string{"X-RateLimit-Limit": "1000", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}},
		scriptStep{status: 200, header: map[string]string{"X-RateLimit-Limit": "1000", "X-RateLimit-Remaining": "999"}})
	c, sl := coreClient(t, url)
	if _, err := coreDo(context.Background(), c, "GET", "/me", ""); err != nil {
		t.Fatal(err)
	}
	if got := sl.recorded(); s.hits() != 2 || len(got) != 1 || got[0] != 7*time.Second {
		t.Errorf("hits %d waits %v, want 2 and [7s]", s.hits(), got)
	}
}

func TestRetryDelayCapped(t *testing.T) {
	_, url := newScripted(t,
		scriptStep{status: 429, header: map[string]string{"Retry-After": "3600"}},
		scriptStep{status: 200})
	c, sl := coreClient(t, url, WithMaxRetryDelay(10*time.Second))
	if _, err := coreDo(context.Background(), c, "GET", "/me", ""); err != nil {
		t.Fatal(err)
	}
	if got := sl.recorded(); len(got) != 1 || got[0] != 10*time.Second {
		t.Errorf("waits = %v, want [10s]", got)
	}
}

func TestRetryStatusPolicy(t *testing.T) {
	tests := []struct {
		name      string
		method    string
		status    int
		opts      []Option
		wantHits  int
		wantRetry bool
	}{
		{"GET 503", "GET", 503, nil, 2, true},
		{"GET 500", "GET", 500, nil, 2, true},
		{"GET 502", "GET", 502, nil, 2, true},
		{"GET 504", "GET", 504, nil, 2, true},
		{"GET 408", "GET", 408, nil, 2, true},
		{"DELETE 503", "DELETE", 503, nil, 2, true},
		{"POST 500 default", "POST", 500, nil, 1, false},
		{"POST 503 default", "POST", 503, nil, 1, false},
		{"PUT 502 default", "PUT", 502, nil, 1, false},
		{"PATCH 504 default", "PATCH", 504, nil, 1, false},
		{"POST 500 opted in", "POST", 500, []Option{WithRetryNonIdempotent(true)}, 2, true},
		{"POST 429", "POST", 429, nil, 2, true},
		{"POST 408", "POST", 408, nil, 2, true},
		{"GET 400", "GET", 400, nil, 1, false},
		{"GET 401", "GET", 401, nil, 1, false},
		{"GET 403", "GET", 403, nil, 1, false},
		{"GET 404", "GET", 404, nil, 1, false},
		{"GET 409", "GET", 409, nil, 1, false},
		{"GET 422", "GET", 422, nil, 1, false},
		{"POST 400", "POST", 400, nil, 1, false},
		{"GET 503 retries off", "GET", 503, []Option{WithMaxRetries(0)}, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, url := newScripted(t, scriptStep{status: tt.status}, scriptStep{status: 200})
			c, sl := coreClient(t, url, tt.opts...)
			body := ""
			if tt.method != "GET" && tt.method != "DELETE" {
				body = `{"email":"a@example.com"}`
			}
			resp, err := coreDo(context.Background(), c, tt.method, "/x", body)
			if s.hits() != tt.wantHits {
				t.Errorf("server saw %d requests, want %d", s.hits(), tt.wantHits)
			}
			if tt.wantRetry {
				if err != nil || resp.StatusCode != 200 {
					t.Fatalf("want success after retry, got %v", err)
				}
				if len(sl.recorded()) != 1 {
					t.Errorf("waits = %v, want one", sl.recorded())
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if e.StatusCode != tt.status || e.Attempts != 1 {
				t.Errorf("Error status %d attempts %d, want %d and 1", e.StatusCode, e.Attempts, tt.status)
			}
			if len(sl.recorded()) != 0 {
				t.Errorf("waited %v without retrying", sl.recorded())
			}
		})
	}
}

// The opt-in for retrying writes after a 5xx also works per call.
func TestRetryNonIdempotentPerCall(t *testing.T) {
	s, url := newScripted(t, scriptStep{status: 502}, scriptStep{status: 200})
	c, _ := coreClient(t, url)
	ctx := ContextWithOptions(context.Background(), WithRetryNonIdempotent(true))
	if _, err := c.Raw().CreateContactWithResponse(ctx, gen.CreateContactJSONRequestBody{Email: Ptr("a@example.com")}); err != nil {
		t.Fatal(err)
	}
	if s.hits() != 2 {
		t.Errorf("hits = %d, want 2", s.hits())
	}
}

func TestRetriesExhausted(t *testing.T) {
	s, url := newScripted(t, scriptStep{status: 503, header: map[string]string{"X-RateLimit-Remaining": "50", "X-RateLimit-Limit": "100"}})
	c, sl := coreClient(t, url)
	_, err := c.Raw().IdentifyAdminWithResponse(context.Background())
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want *Error", err)
	}
	if e.StatusCode != 503 || e.Attempts != 3 || s.hits() != 3 {
		t.Errorf("status %d attempts %d hits %d, want 503, 3, 3", e.StatusCode, e.Attempts, s.hits())
	}
	if e.RateLimit.Remaining != 50 || e.RateLimit.Limit != 100 {
		t.Errorf("RateLimit = %+v", e.RateLimit)
	}
	if !strings.Contains(e.Error(), "after 3 attempts") {
		t.Errorf("message %q lacks the attempt count", e.Error())
	}
	waits := sl.recorded()
	if len(waits) != 2 {
		t.Fatalf("waits = %v, want 2", waits)
	}
	// Exponential with ±50% jitter: 500ms then 1s.
	for i, w := range waits {
		base := backoffInitial << i
		if w < base/2 || w > base*3/2 {
			t.Errorf("wait %d = %v, want within [%v, %v]", i, w, base/2, base*3/2)
		}
	}
	// A fresh backoff per request: the next request starts again at ~500ms.
	_, _ = coreDo(context.Background(), c, "GET", "/me", "")
	waits = sl.recorded()
	if w := waits[2]; w < backoffInitial/2 || w > backoffInitial*3/2 {
		t.Errorf("first wait of the second request = %v, want around %v", w, backoffInitial)
	}
}

func TestRetryConnectionReset(t *testing.T) {
	s, url := newScripted(t, scriptStep{reset: true}, scriptStep{status: 200})
	c, sl := coreClient(t, url)
	resp, err := coreDo(context.Background(), c, "GET", "/me", "")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || s.hits() != 2 || len(sl.recorded()) != 1 {
		t.Errorf("status %d hits %d waits %v", resp.StatusCode, s.hits(), sl.recorded())
	}
}

func TestConnectionResetAfterPOSTWritten(t *testing.T) {
	t.Run("default", func(t *testing.T) {
		s, url := newScripted(t, scriptStep{reset: true}, scriptStep{status: 200})
		c, _ := coreClient(t, url)
		_, err := coreDo(context.Background(), c, "POST", "/contacts", `{"email":"a@example.com"}`)
		if err == nil || s.hits() != 1 {
			t.Fatalf("err %v hits %d, want an error after 1 request", err, s.hits())
		}
		var e *Error
		if errors.As(err, &e) {
			t.Errorf("a connection failure is not an *Error: %v", err)
		}
	})
	t.Run("opted in", func(t *testing.T) {
		s, url := newScripted(t, scriptStep{reset: true}, scriptStep{status: 200})
		c, _ := coreClient(t, url, WithRetryNonIdempotent(true))
		if _, err := coreDo(context.Background(), c, "POST", "/contacts", `{"email":"a@example.com"}`); err != nil {
			t.Fatal(err)
		}
		if s.hits() != 2 {
			t.Errorf("hits = %d, want 2", s.hits())
		}
	})
}

// A POST whose connection fails before the request is written is retried.
func TestRetryPOSTConnectionRefused(t *testing.T) {
	s, url := newScripted(t, scriptStep{status: 201})
	var dials atomic.Int32
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dials.Add(1) == 1 {
			return nil, &net.OpError{Op: "dial", Net: network, Err: syscall.ECONNREFUSED}
		}
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}}
	c, sl := coreClient(t, url, WithHTTPClient(&http.Client{Transport: tr}))
	resp, err := coreDo(context.Background(), c, "POST", "/contacts", `{"email":"a@example.com"}`)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 201 || s.hits() != 1 || dials.Load() != 2 || len(sl.recorded()) != 1 {
		t.Errorf("status %d hits %d dials %d waits %v", resp.StatusCode, s.hits(), dials.Load(), sl.recorded())
	}
}

func TestRetryConnectionErrorsExhausted(t *testing.T) {
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		return nil, &net.OpError{Op: "dial", Net: network, Err: syscall.ECONNREFUSED}
	}}
	c, sl := coreClient(t, "http://127.0.0.1:1", WithHTTPClient(&http.Client{Transport: tr}))
	_, err := coreDo(context.Background(), c, "GET", "/me", "")
	if !errors.Is(err, syscall.ECONNREFUSED) || !strings.Contains(err.Error(), "after 3 attempts") {
		t.Errorf("err = %v, want ECONNREFUSED after 3 attempts", err)
	}
	if len(sl.recorded()) != 2 {
		t.Errorf("waits = %v", sl.recorded())
	}
}

// Non-network errors (here a certificate-like failure from a middleware) are
// not retried.
func TestNoRetryOnOtherErrors(t *testing.T) {
	var calls atomic.Int32
	boom := errors.New("boom")
	c, _ := coreClient(t, "http://127.0.0.1:1", WithMiddleware(func(r *http.Request, next MiddlewareNext) (*http.Response, error) {
		calls.Add(1)
		return nil, boom
	}))
	_, err := coreDo(context.Background(), c, "GET", "/me", "")
	if !errors.Is(err, boom) || calls.Load() != 1 {
		t.Errorf("err %v after %d calls, want boom after 1", err, calls.Load())
	}
}

func TestRetryReplaysIdenticalBody(t *testing.T) {
	want := []byte(`{"email":"a@example.com","name":"Zoë ✓"}`)
	t.Run("generated client", func(t *testing.T) {
		s, url := newScripted(t, scriptStep{status: 429}, scriptStep{status: 503}, scriptStep{status: 200})
		c, _ := coreClient(t, url, WithRetryNonIdempotent(true))
		if _, err := c.Raw().CreateContactWithResponse(context.Background(), gen.CreateContactJSONRequestBody{Email: Ptr("a@example.com"), Name: Ptr("Zoë ✓")}); err != nil {
			t.Fatal(err)
		}
		if len(s.bodies) != 3 {
			t.Fatalf("%d bodies", len(s.bodies))
		}
		for i, b := range s.bodies {
			if !bytes.Equal(b, s.bodies[0]) || len(b) == 0 {
				t.Errorf("attempt %d body %q differs from %q", i+1, b, s.bodies[0])
			}
		}
	})
	t.Run("unreplayable reader", func(t *testing.T) {
		s, url := newScripted(t, scriptStep{status: 429}, scriptStep{status: 408}, scriptStep{status: 200})
		c, _ := coreClient(t, url)
		req, _ := http.NewRequest("POST", url+"/contacts", io.NopCloser(bytes.NewReader(want)))
		if req.GetBody != nil {
			t.Fatal("test needs a request without GetBody")
		}
		if _, err := c.e.Doer().Do(req); err != nil {
			t.Fatal(err)
		}
		if len(s.bodies) != 3 {
			t.Fatalf("%d bodies", len(s.bodies))
		}
		for i, b := range s.bodies {
			if !bytes.Equal(b, want) {
				t.Errorf("attempt %d body %q, want %q", i+1, b, want)
			}
		}
	})
}

// signalSleeper waits for real (on a timer or the context) and tells the test
// when a wait starts.
func signalSleeper(started chan<- time.Duration) func(context.Context, time.Duration) error {
	return func(ctx context.Context, d time.Duration) error {
		started <- d
		return sleepCtx(ctx, d)
	}
}

func TestCancelDuringRetryWait(t *testing.T) {
	s, url := newScripted(t, scriptStep{status: 429, header: map[string]string{"Retry-After": "3600"}})
	started := make(chan time.Duration, 1)
	c, _ := coreClient(t, url, WithMaxRetryDelay(time.Hour), withSleeper(signalSleeper(started)))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := coreDo(ctx, c, "GET", "/me", "")
		done <- err
	}()
	if d := <-started; d != time.Hour {
		t.Errorf("wait = %v, want 1h", d)
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("call did not return promptly after cancel")
	}
	if s.hits() != 1 {
		t.Errorf("hits = %d, want 1", s.hits())
	}
}

func TestContextDeadlineDuringWait(t *testing.T) {
	_, url := newScripted(t, scriptStep{status: 503})
	c, _ := coreClient(t, url, withSleeper(sleepCtx), WithMaxRetryDelay(time.Hour))
	// A deadline already in the past: the call ends at once with the context's error.
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	_, err := coreDo(ctx, c, "GET", "/me", "")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want DeadlineExceeded", err)
	}
}

func TestPerAttemptTimeoutRetried(t *testing.T) {
	var n atomic.Int32
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			<-r.Context().Done() // hang until the client gives up
			return
		}
		coreJSON(w, 200, `{"ok":true}`)
	})
	c, sl := coreClient(t, srv.URL, WithRequestTimeout(50*time.Millisecond))
	resp, err := coreDo(context.Background(), c, "GET", "/me", "")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || n.Load() != 2 || len(sl.recorded()) != 1 {
		t.Errorf("status %d hits %d waits %v", resp.StatusCode, n.Load(), sl.recorded())
	}
	// Without retries the timeout is reported, and it is not the caller's context error.
	_, err = coreDo(ContextWithOptions(context.Background(), WithMaxRetries(0)), c, "GET", "/me", "")
	if err != nil {
		t.Fatalf("second call: %v", err)
	}
}

func TestRetryAfterParsing(t *testing.T) {
	tests := []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"0", 0, true},
		{" 12 ", 12 * time.Second, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{coreNow.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{coreNow.Add(-90 * time.Second).Format(http.TimeFormat), 0, true},
		{"99999999999", 24 * time.Hour, true},
	}
	for _, tt := range tests {
		got, ok := retryAfter(http.Header{"Retry-After": {tt.v}}, coreNow)
		if got != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.v, got, ok, tt.want, tt.ok)
		}
	}
	if _, ok := retryAfter(http.Header{}, coreNow); ok {
		t.Error("missing header parsed")
	}
}

func TestRetryableErr(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{io.EOF, true},
		{io.ErrUnexpectedEOF, true},
		{fmt.Errorf("x: %w", syscall.ECONNRESET), true},
		{&net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}, true},
		{context.Canceled, false},
		{context.DeadlineExceeded, false},
		{errors.New("other"), false},
	}
	for _, tt := range tests {
		if got := retryableErr(tt.err, false); got != tt.want {
			t.Errorf("retryableErr(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
	if !retryableErr(context.DeadlineExceeded, true) {
		t.Error("a per-attempt timeout should be retryable")
	}
}

// A service method's write carries one write tracker for the whole call
// (installed by the engine): it is reset before each attempt, so an attempt
// that fails before it is written is retried even after an earlier attempt
// was written, and an attempt that was written is not retried.
func TestServiceWriteTrackedPerAttempt(t *testing.T) {
	refuseDials := func(refuse ...int) (*http.Transport, *atomic.Int32) {
		var dials atomic.Int32
		return &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			n := int(dials.Add(1))
			if slices.Contains(refuse, n) {
				return nil, &net.OpError{Op: "dial", Net: network, Err: syscall.ECONNREFUSED}
			}
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		}}, &dials
	}
	created := scriptStep{status: 200, body: `{"type":"contact","id":"c1"}`}
	body := gen.CreateContactRequest{Email: Ptr("a@example.com")}
	t.Run("refused, then created", func(t *testing.T) {
		s, url := newScripted(t, created)
		tr, dials := refuseDials(1)
		c, _ := coreClient(t, url, WithHTTPClient(&http.Client{Transport: tr}))
		got, err := c.Contacts.Create(context.Background(), body)
		if err != nil || got.GetId() != "c1" || s.hits() != 1 || dials.Load() != 2 {
			t.Fatalf("got %+v, err %v, hits %d, dials %d; want c1 after 2 dials and 1 request", got, err, s.hits(), dials.Load())
		}
	})
	t.Run("written then reset: not retried", func(t *testing.T) {
		s, url := newScripted(t, scriptStep{reset: true}, created)
		c, _ := coreClient(t, url)
		if _, err := c.Contacts.Create(context.Background(), body); err == nil || s.hits() != 1 {
			t.Fatalf("err %v, hits %d; want an error after 1 request", err, s.hits())
		}
	})
	t.Run("429 written, refused, then created", func(t *testing.T) {
		s, url := newScripted(t, scriptStep{status: 429, header: map[string]string{"Connection": "close"}}, created)
		tr, dials := refuseDials(2)
		c, sl := coreClient(t, url, WithHTTPClient(&http.Client{Transport: tr}))
		got, err := c.Contacts.Create(context.Background(), body)
		if err != nil || got.GetId() != "c1" || s.hits() != 2 || dials.Load() != 3 || len(sl.recorded()) != 2 {
			t.Fatalf("got %+v, err %v, hits %d, dials %d, waits %v; want c1 after 3 dials, 2 requests, 2 waits",
				got, err, s.hits(), dials.Load(), sl.recorded())
		}
	})
	t.Run("refused, then written and reset: not retried", func(t *testing.T) {
		s, url := newScripted(t, scriptStep{reset: true}, created)
		tr, dials := refuseDials(1)
		c, _ := coreClient(t, url, WithHTTPClient(&http.Client{Transport: tr}))
		if _, err := c.Contacts.Create(context.Background(), body); err == nil || s.hits() != 1 || dials.Load() != 2 {
			t.Fatalf("err %v, hits %d, dials %d; want an error after 2 dials and 1 request", err, s.hits(), dials.Load())
		}
	})
}
