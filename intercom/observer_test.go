package intercom

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// obsClock is a clock that moves only when told to.
type obsClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *obsClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *obsClock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// clockLimiter is a RateLimiter whose Wait takes wait on the test clock.
type clockLimiter struct {
	clk  *obsClock
	wait time.Duration
	err  error
}

func (l *clockLimiter) Wait(ctx context.Context) error {
	if l.err != nil {
		return l.err
	}
	l.clk.advance(l.wait)
	return ctx.Err()
}

func (l *clockLimiter) Observe(int, RateLimit) {}

// recObserver records what it is told; ObserveCall adds a context value.
type recObserver struct {
	mu       sync.Mutex
	calls    []CallInfo
	attempts []AttemptInfo
	results  []CallResult
	ignore   bool
}

type obsCtxKey struct{}

func (o *recObserver) ObserveCall(ctx context.Context, call CallInfo) (context.Context, CallObserver) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.calls = append(o.calls, call)
	if o.ignore {
		return ctx, nil
	}
	return context.WithValue(ctx, obsCtxKey{}, "observed"), o
}

func (o *recObserver) AttemptDone(a AttemptInfo) {
	o.mu.Lock()
	o.attempts = append(o.attempts, a)
	o.mu.Unlock()
}

func (o *recObserver) CallDone(r CallResult) {
	o.mu.Lock()
	o.results = append(o.results, r)
	o.mu.Unlock()
}

func TestObserverRetryThenSuccess(t *testing.T) {
	var n int
	var mu sync.Mutex
	var sawCtx []any
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n++
		k := n
		mu.Unlock()
		w.Header().Set("X-Request-Id", "req-"+strconv.Itoa(k))
		if k == 1 {
			coreJSON(w, 503, `{"type":"error.list","errors":[{"code":"service_unavailable"}]}`)
			return
		}
		w.Header().Set("X-RateLimit-Limit", "100")
		w.Header().Set("X-RateLimit-Remaining", "42")
		coreJSON(w, 200, `{"type":"admin"}`)
	})
	clk := &obsClock{now: coreNow}
	obs := &recObserver{}
	mw := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		mu.Lock()
		sawCtx = append(sawCtx, req.Context().Value(obsCtxKey{}))
		mu.Unlock()
		return next(req)
	}
	c, sl := coreClient(t, srv.URL, withClock(clk.Now), WithRateLimiter(&clockLimiter{clk: clk, wait: 250 * time.Millisecond}),
		WithObserver(obs), WithMiddleware(mw))

	op := &Operation{ID: "ShowAdmin", Service: "Admins", Method: "Get", HTTPMethod: "GET", Path: "/admins/{id}", RetrySafe: true}
	resp, err := c.do(context.Background(), op, nil, pathReq(t, c, "GET", "/admins/1"))
	if err != nil {
		t.Fatal(err)
	}
	_ = resp

	waits := sl.recorded()
	if len(waits) != 1 {
		t.Fatalf("retry waits = %v, want one", waits)
	}
	if len(obs.calls) != 1 {
		t.Fatalf("ObserveCall called %d times, want 1", len(obs.calls))
	}
	ci := obs.calls[0]
	if ci.Operation != op || ci.Method != "GET" || ci.Host != "127.0.0.1" || ci.Port == 0 || !ci.Start.Equal(coreNow) {
		t.Errorf("CallInfo = %+v", ci)
	}
	if len(obs.attempts) != 2 {
		t.Fatalf("AttemptDone called %d times, want 2: %+v", len(obs.attempts), obs.attempts)
	}
	a1, a2 := obs.attempts[0], obs.attempts[1]
	if a1.Attempt != 1 || !a1.Sent || a1.StatusCode != 503 || !a1.Retry || a1.RetryDelay != waits[0] || a1.RequestID != "req-1" || a1.RateLimitWait != 250*time.Millisecond {
		t.Errorf("attempt 1 = %+v", a1)
	}
	if a2.Attempt != 2 || a2.StatusCode != 200 || a2.Retry || a2.RequestID != "req-2" || a2.RateLimit.Remaining != 42 || a2.Err != nil {
		t.Errorf("attempt 2 = %+v", a2)
	}
	if len(obs.results) != 1 {
		t.Fatalf("CallDone called %d times, want 1", len(obs.results))
	}
	r := obs.results[0]
	if r.StatusCode != 200 || r.Err != nil || r.Attempts != 2 || r.RetryWait != waits[0] ||
		r.RateLimitWait != 500*time.Millisecond || r.RequestID != "req-2" || r.RateLimit.Limit != 100 || r.Duration != 500*time.Millisecond {
		t.Errorf("CallResult = %+v", r)
	}
	for i, v := range sawCtx {
		if v != "observed" {
			t.Errorf("attempt %d: the middleware did not see the observer's context (%v)", i+1, v)
		}
	}
}

func TestObserverErrors(t *testing.T) {
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		coreJSON(w, 404, `{"type":"error.list","errors":[{"code":"not_found"}]}`)
	})
	obs := &recObserver{}
	c, _ := coreClient(t, srv.URL, WithObserver(obs))
	if _, err := coreDo(context.Background(), c, "GET", "/contacts/x", ""); !IsNotFound(err) {
		t.Fatalf("err = %v, want 404", err)
	}
	if len(obs.attempts) != 1 || obs.attempts[0].StatusCode != 404 || obs.attempts[0].Retry {
		t.Errorf("attempts = %+v", obs.attempts)
	}
	if len(obs.results) != 1 || obs.results[0].StatusCode != 404 || !IsNotFound(obs.results[0].Err) || obs.results[0].Attempts != 1 {
		t.Errorf("results = %+v", obs.results)
	}

	t.Run("connection errors", func(t *testing.T) {
		boom := fmt.Errorf("fake transport: %w", syscall.ECONNRESET)
		hc := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, boom })}
		obs := &recObserver{}
		c, _ := coreClient(t, "https://api.example.test", WithHTTPClient(hc), WithObserver(obs), WithMaxRetries(1))
		_, err := coreDo(context.Background(), c, "GET", "/admins", "")
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v", err)
		}
		if len(obs.attempts) != 2 || !errors.Is(obs.attempts[0].Err, boom) || !obs.attempts[0].Retry || obs.attempts[1].Retry || obs.attempts[1].StatusCode != 0 {
			t.Errorf("attempts = %+v", obs.attempts)
		}
		if len(obs.results) != 1 || obs.results[0].StatusCode != 0 || obs.results[0].Attempts != 2 || !errors.Is(obs.results[0].Err, boom) {
			t.Errorf("results = %+v", obs.results)
		}
		if obs.calls[0].Host != "api.example.test" || obs.calls[0].Port != 443 {
			t.Errorf("call = %+v", obs.calls[0])
		}
	})

	t.Run("rate limiter refuses", func(t *testing.T) {
		refused := errors.New("limiter closed")
		obs := &recObserver{}
		c, _ := coreClient(t, srv.URL, WithObserver(obs), WithRateLimiter(&clockLimiter{err: refused}))
		_, err := coreDo(context.Background(), c, "GET", "/admins", "")
		if !errors.Is(err, refused) {
			t.Fatalf("err = %v", err)
		}
		if len(obs.attempts) != 1 || !errors.Is(obs.attempts[0].Err, refused) || obs.attempts[0].StatusCode != 0 || obs.attempts[0].Sent {
			t.Errorf("attempts = %+v", obs.attempts)
		}
		if len(obs.results) != 1 || !errors.Is(obs.results[0].Err, refused) {
			t.Errorf("results = %+v", obs.results)
		}
	})

	t.Run("invalid call option", func(t *testing.T) {
		obs := &recObserver{}
		c, _ := coreClient(t, srv.URL, WithObserver(obs))
		ctx := ContextWithOptions(context.Background(), WithMaxRetries(-1))
		if _, err := coreDo(ctx, c, "GET", "/admins", ""); err == nil {
			t.Fatal("no error for an invalid option")
		}
		if len(obs.calls) != 0 {
			t.Errorf("a call that never started was observed: %+v", obs.calls)
		}
	})
}

func TestObserverPerCallAndNil(t *testing.T) {
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) { coreJSON(w, 200, `{}`) })
	client, call, ignoring := &recObserver{}, &recObserver{}, &recObserver{ignore: true}
	c, _ := coreClient(t, srv.URL, WithObserver(client, ignoring))
	ctx := ContextWithOptions(context.Background(), WithObserver(call))
	if _, err := coreDo(ctx, c, "GET", "/admins", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := coreDo(context.Background(), c, "GET", "/admins", ""); err != nil {
		t.Fatal(err)
	}
	if len(client.results) != 2 || len(call.results) != 1 {
		t.Errorf("client observer saw %d calls, call observer %d; want 2 and 1", len(client.results), len(call.results))
	}
	if len(ignoring.calls) != 2 || len(ignoring.attempts)+len(ignoring.results) != 0 {
		t.Errorf("an observer returning a nil CallObserver was still told about attempts: %+v", ignoring)
	}
	if _, err := NewClient(coreToken, WithObserver(nil)); err == nil || !strings.Contains(err.Error(), "nil") {
		t.Errorf("WithObserver(nil): err = %v", err)
	}
}

func TestRateLimiterAccessor(t *testing.T) {
	l := &clockLimiter{}
	c, _ := coreClient(t, "https://api.example.test", WithRateLimiter(l))
	if c.RateLimiter() != RateLimiter(l) {
		t.Errorf("RateLimiter() = %v, want the configured limiter", c.RateLimiter())
	}
	c2, _ := coreClient(t, "https://api.example.test")
	if c2.RateLimiter() != nil {
		t.Errorf("RateLimiter() = %v without WithRateLimiter, want nil", c2.RateLimiter())
	}
}
