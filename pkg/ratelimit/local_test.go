package ratelimit_test

import (
	"context"
	"errors"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/ratelimit"
	"github.com/intercomkit/intercom-go/pkg/ratelimit/internal/clocktest"
)

var epoch = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// testCtx bounds a test that blocks on a fake clock, so that a bug shows as
// a failure rather than a hung test.
func testCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func newLocal(t *testing.T, opts ...ratelimit.Option) *ratelimit.Local {
	t.Helper()
	l, err := ratelimit.NewLocal(opts...)
	if err != nil {
		t.Fatalf("NewLocal: %v", err)
	}
	return l
}

// admit calls Wait n times in a row and returns the virtual time at which each
// request was let through.
func admit(t *testing.T, l *ratelimit.Local, clk *clocktest.Virtual, n int) []time.Time {
	t.Helper()
	times := make([]time.Time, n)
	for i := range times {
		if err := l.Wait(context.Background()); err != nil {
			t.Fatalf("Wait #%d: %v", i, err)
		}
		times[i] = clk.Now()
	}
	return times
}

// maxInWindow returns the most of the (sorted) times that fall in one
// half-open interval of length window.
func maxInWindow(times []time.Time, window time.Duration) int {
	most, j := 0, 0
	for i := range times {
		for j < len(times) && times[j].Before(times[i].Add(window)) {
			j++
		}
		most = max(most, j-i)
	}
	return most
}

func TestNewLocalRejectsBadOptions(t *testing.T) {
	for name, opt := range map[string]ratelimit.Option{
		"zero limit":      ratelimit.WithLimit(0, time.Second),
		"negative limit":  ratelimit.WithLimit(-1, time.Second),
		"zero window":     ratelimit.WithLimit(100, 0),
		"negative window": ratelimit.WithLimit(100, -time.Second),
		"zero share":      ratelimit.WithShare(0),
		"share above 1":   ratelimit.WithShare(1.5),
		"NaN share":       ratelimit.WithShare(math.NaN()),
		"zero burst":      ratelimit.WithBurst(0),
		"nil clock":       ratelimit.WithClock(nil),
	} {
		t.Run(name, func(t *testing.T) {
			l, err := ratelimit.NewLocal(opt)
			if err == nil || l != nil {
				t.Fatalf("NewLocal = (%v, %v), want an error", l, err)
			}
		})
	}
}

func TestLocalPacesWithinWindowBudget(t *testing.T) {
	tests := []struct {
		limit  int
		window time.Duration
		share  float64
		burst  int
	}{
		{100, 200 * time.Millisecond, 0.95, 1},
		{ratelimit.DefaultLimit, ratelimit.DefaultWindow, ratelimit.DefaultShare, ratelimit.DefaultBurst},
		{10, time.Second, 1, 1},
		{10, time.Second, 1, 5},
		{100, 200 * time.Millisecond, 0.95, 20},
	}
	for _, tt := range tests {
		clk := clocktest.NewVirtual(epoch)
		l := newLocal(t, ratelimit.WithLimit(tt.limit, tt.window), ratelimit.WithShare(tt.share),
			ratelimit.WithBurst(tt.burst), ratelimit.WithClock(clk))
		rate, burst, err := ratelimit.Pace(tt.limit, tt.share, tt.burst)
		if err != nil {
			t.Fatal(err)
		}
		target := burst + rate - 1
		n := 5 * target
		times := admit(t, l, clk, n)

		if got := maxInWindow(times, tt.window); got != target {
			t.Errorf("%+v: most requests in one window = %d, want exactly %d", tt, got, target)
		}
		// After the first burst, requests follow each other at window/rate
		// (rounded up by up to 2ns, see Local).
		wantSpan := time.Duration(float64(n-burst) * float64(tt.window) / float64(rate))
		if span := times[n-1].Sub(times[0]); absDur(span-wantSpan) > time.Duration(2*n)*time.Nanosecond+time.Microsecond {
			t.Errorf("%+v: %d requests took %v, want %v", tt, n, span, wantSpan)
		}
	}
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func TestLocalFirstRequestDoesNotWait(t *testing.T) {
	clk := clocktest.NewVirtual(epoch)
	l := newLocal(t, ratelimit.WithClock(clk))
	if err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if s := clk.Slept(); len(s) != 0 {
		t.Errorf("first Wait slept %v, want no sleep", s)
	}
}

func TestLocalPauses(t *testing.T) {
	const window = 200 * time.Millisecond
	tests := []struct {
		name   string
		status int
		rl     func(now time.Time) intercom.RateLimit
		want   time.Duration // pause before the next request; 0 = none
	}{
		{"429 until reset", 429, func(now time.Time) intercom.RateLimit {
			return intercom.RateLimit{Limit: 100, Reset: now.Add(150 * time.Millisecond)}
		}, 150 * time.Millisecond},
		{"window spent until reset", 200, func(now time.Time) intercom.RateLimit {
			return intercom.RateLimit{Limit: 100, Remaining: 0, HasRemaining: true, Reset: now.Add(120 * time.Millisecond)}
		}, 120 * time.Millisecond},
		{"far reset capped at one window", 429, func(now time.Time) intercom.RateLimit {
			return intercom.RateLimit{Limit: 100, Reset: now.Add(time.Hour)}
		}, window},
		{"429 without headers pauses one window", 429, func(time.Time) intercom.RateLimit {
			return intercom.RateLimit{}
		}, window},
		{"budget left, no pause", 200, func(now time.Time) intercom.RateLimit {
			return intercom.RateLimit{Limit: 100, Remaining: 1, Reset: now.Add(150 * time.Millisecond)}
		}, 0},
		{"no headers, no pause", 200, func(time.Time) intercom.RateLimit { return intercom.RateLimit{} }, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := clocktest.NewVirtual(epoch)
			l := newLocal(t, ratelimit.WithLimit(100, window), ratelimit.WithShare(1), ratelimit.WithClock(clk))
			l.Observe(tt.status, tt.rl(clk.Now()))
			if err := l.Wait(context.Background()); err != nil {
				t.Fatal(err)
			}
			var want []time.Duration
			if tt.want > 0 {
				want = []time.Duration{tt.want}
			}
			if got := clk.Slept(); !equalDurations(got, want) {
				t.Errorf("Wait slept %v, want %v", got, want)
			}
		})
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestLocalLaterResetExtendsPauseEarlierDoesNotShorten(t *testing.T) {
	clk := clocktest.NewVirtual(epoch)
	l := newLocal(t, ratelimit.WithLimit(100, time.Second), ratelimit.WithClock(clk))
	now := clk.Now()
	l.Observe(429, intercom.RateLimit{Reset: now.Add(500 * time.Millisecond)})
	l.Observe(429, intercom.RateLimit{Reset: now.Add(300 * time.Millisecond)})
	l.Observe(429, intercom.RateLimit{Reset: now.Add(700 * time.Millisecond)})
	if err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got, want := clk.Now().Sub(now), 700*time.Millisecond; got != want {
		t.Errorf("request went after %v, want %v", got, want)
	}
}

// expectNone fails if a Wait has returned.
func expectNone(t *testing.T, done <-chan error, when string) {
	t.Helper()
	select {
	case err := <-done:
		t.Fatalf("%s: a Wait returned (%v), want all still waiting", when, err)
	default:
	}
}

// expectDone waits for one Wait to return and fails unless it returned nil.
func expectDone(t *testing.T, ctx context.Context, done <-chan error) {
	t.Helper()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Wait: %v", err)
		}
	case <-ctx.Done():
		t.Fatal("no Wait returned")
	}
}

// TestLocalPauseHoldsEveryWaiterThenPaces checks that a 429 holds every
// goroutine until the reset, and that at the reset they go one by one at the
// pace, not all at once.
func TestLocalPauseHoldsEveryWaiterThenPaces(t *testing.T) {
	const workers = 5
	ctx := testCtx(t)
	clk := clocktest.NewManual(epoch)
	l := newLocal(t, ratelimit.WithLimit(10, time.Second), ratelimit.WithShare(1), ratelimit.WithBurst(1),
		ratelimit.WithClock(clk))
	l.Observe(429, intercom.RateLimit{Limit: 10, Reset: clk.Now().Add(400 * time.Millisecond)})

	done := make(chan error, workers)
	for range workers {
		go func() { done <- l.Wait(ctx) }()
	}
	left, err := clk.Sleepers(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if left[0] != 400*time.Millisecond {
		t.Fatalf("first waiter sleeps %v, want the 400ms pause", left[0])
	}
	expectNone(t, done, "during the pause")
	clk.Advance(400 * time.Millisecond)
	expectDone(t, ctx, done) // the bucket is full: one goes at once
	// The others go one at a time, 100ms apart (plus the nanosecond Local
	// adds to each interval).
	turn := 100*time.Millisecond + time.Nanosecond
	for i := 1; i < workers; i++ {
		left, err := clk.Sleepers(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(left) != 1 || left[0] != turn {
			t.Fatalf("waiter %d: sleepers %v, want one sleeping %v", i, left, turn)
		}
		expectNone(t, done, "before the next turn")
		clk.Advance(turn)
		expectDone(t, ctx, done)
	}
}

// TestLocalStallLetsThroughOnlyTheBurst checks that after the process (here:
// the clock) stood still far longer than the pace, the queued requests do
// not all go at once: the burst goes, the rest keep the pace.
func TestLocalStallLetsThroughOnlyTheBurst(t *testing.T) {
	ctx := testCtx(t)
	clk := clocktest.NewManual(epoch)
	l := newLocal(t, ratelimit.WithLimit(10, time.Second), ratelimit.WithShare(1), ratelimit.WithBurst(2),
		ratelimit.WithClock(clk))
	for range 2 { // spend the initial burst
		if err := l.Wait(ctx); err != nil {
			t.Fatal(err)
		}
	}
	const queued = 5
	done := make(chan error, queued)
	for range queued {
		go func() { done <- l.Wait(ctx) }()
	}
	if _, err := clk.Sleepers(ctx, 1); err != nil {
		t.Fatal(err)
	}
	clk.Advance(10 * time.Second) // a stall: every queued request's turn has passed
	expectDone(t, ctx, done)
	expectDone(t, ctx, done)
	// Pace(10, 1, 2): 9 tokens a second, so the third waits a full interval.
	turn := time.Second/9 + time.Nanosecond
	left, err := clk.Sleepers(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 1 || absDur(left[0]-turn) > time.Nanosecond {
		t.Fatalf("after the stall: sleepers %v, want one sleeping %v", left, turn)
	}
	expectNone(t, done, "after the burst")
	for range queued - 2 {
		left, err := clk.Sleepers(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		clk.Advance(left[0])
		expectDone(t, ctx, done)
	}
}

// TestLocalPauseLearnedWhileWaitingForTurn checks that a request already
// queued for its turn is held by a pause that starts meanwhile.
func TestLocalPauseLearnedWhileWaitingForTurn(t *testing.T) {
	ctx := testCtx(t)
	clk := clocktest.NewManual(epoch)
	l := newLocal(t, ratelimit.WithLimit(10, time.Second), ratelimit.WithShare(1), ratelimit.WithBurst(1),
		ratelimit.WithClock(clk))
	if err := l.Wait(ctx); err != nil { // spends the burst
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- l.Wait(ctx) }()
	left, err := clk.Sleepers(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	turn := 100*time.Millisecond + time.Nanosecond
	if left[0] != turn {
		t.Fatalf("queued request sleeps %v, want %v", left[0], turn)
	}
	l.Observe(429, intercom.RateLimit{Limit: 10, Reset: clk.Now().Add(700 * time.Millisecond)})
	clk.Advance(turn)
	left, err = clk.Sleepers(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := 700*time.Millisecond - turn; left[0] != want {
		t.Errorf("after its turn came the request sleeps %v, want the %v left of the pause", left[0], want)
	}
	select {
	case err := <-done:
		t.Fatalf("Wait returned %v during the pause", err)
	default:
	}
	clk.Advance(left[0])
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestLocalWaitHonoursContext(t *testing.T) {
	t.Run("already done", func(t *testing.T) {
		clk := clocktest.NewVirtual(epoch)
		l := newLocal(t, ratelimit.WithClock(clk))
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := l.Wait(ctx); !errors.Is(err, context.Canceled) {
			t.Fatalf("Wait = %v, want context.Canceled", err)
		}
	})
	t.Run("canceled during pause", func(t *testing.T) {
		clk := clocktest.NewManual(epoch)
		l := newLocal(t, ratelimit.WithClock(clk))
		l.Observe(429, intercom.RateLimit{})
		ctx, cancel := context.WithCancel(testCtx(t))
		done := make(chan error, 1)
		go func() { done <- l.Wait(ctx) }()
		if _, err := clk.Sleepers(testCtx(t), 1); err != nil {
			t.Fatal(err)
		}
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Fatalf("Wait = %v, want context.Canceled", err)
		}
	})
	t.Run("canceled while queued", func(t *testing.T) {
		ctx := testCtx(t)
		clk := clocktest.NewManual(epoch)
		l := newLocal(t, ratelimit.WithClock(clk))
		l.Observe(429, intercom.RateLimit{})
		head := make(chan error, 1)
		go func() { head <- l.Wait(ctx) }()
		if _, err := clk.Sleepers(ctx, 1); err != nil {
			t.Fatal(err)
		}
		// The head of the queue sleeps through the pause; a second caller
		// queues behind it, and leaves as soon as its context is done.
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if err := l.Wait(cctx); !errors.Is(err, context.Canceled) {
			t.Fatalf("queued Wait = %v, want context.Canceled", err)
		}
		clk.Advance(ratelimit.DefaultWindow)
		expectDone(t, ctx, head)
	})
	t.Run("canceled turn is given back", func(t *testing.T) {
		ctx := testCtx(t)
		clk := clocktest.NewManual(epoch)
		l := newLocal(t, ratelimit.WithLimit(10, time.Second), ratelimit.WithShare(1), ratelimit.WithBurst(1),
			ratelimit.WithClock(clk))
		if err := l.Wait(ctx); err != nil {
			t.Fatal(err)
		}
		cctx, cancel := context.WithCancel(ctx)
		done := make(chan error, 1)
		go func() { done <- l.Wait(cctx) }()
		if _, err := clk.Sleepers(ctx, 1); err != nil {
			t.Fatal(err)
		}
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Fatalf("Wait = %v, want context.Canceled", err)
		}
		// The canceled request's turn (one interval on) is free again: the
		// next request waits one interval, not two.
		go func() { done <- l.Wait(ctx) }()
		left, err := clk.Sleepers(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if turn := 100*time.Millisecond + time.Nanosecond; left[0] != turn {
			t.Errorf("next request sleeps %v, want %v", left[0], turn)
		}
		clk.Advance(left[0])
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	})
}

func TestLocalLearnsLimitFromHeaders(t *testing.T) {
	const window = time.Second
	clk := clocktest.NewVirtual(epoch)
	l := newLocal(t, ratelimit.WithLimit(100, window), ratelimit.WithShare(0.9), ratelimit.WithClock(clk))
	l.Observe(200, intercom.RateLimit{Limit: 20, Remaining: 19, Reset: clk.Now().Add(window)})
	times := admit(t, l, clk, 100)
	if got, want := maxInWindow(times, window), 18; got != want { // floor(0.9 * 20)
		t.Errorf("most requests in one window = %d, want %d (learned limit 20, share 0.9)", got, want)
	}

	clk = clocktest.NewVirtual(epoch)
	l = newLocal(t, ratelimit.WithLimit(100, window), ratelimit.WithShare(0.9), ratelimit.WithClock(clk),
		ratelimit.WithoutLimitLearning())
	l.Observe(200, intercom.RateLimit{Limit: 20, Remaining: 19, Reset: clk.Now().Add(window)})
	times = admit(t, l, clk, 400)
	if got, want := maxInWindow(times, window), 90; got != want {
		t.Errorf("without learning, most requests in one window = %d, want %d", got, want)
	}
}

// TestLocalConcurrentUse runs many goroutines through one limiter at once
// (for the race detector) and checks every request got through.
func TestLocalConcurrentUse(t *testing.T) {
	clk := clocktest.NewVirtual(epoch)
	l := newLocal(t, ratelimit.WithLimit(1000, time.Second), ratelimit.WithClock(clk))
	var wg sync.WaitGroup
	var mu sync.Mutex
	admitted := 0
	for range 8 {
		wg.Go(func() {
			for i := range 50 {
				if err := l.Wait(context.Background()); err != nil {
					t.Error(err)
					return
				}
				l.Observe(200, intercom.RateLimit{Limit: 1000 + i%2, Remaining: 500, Reset: clk.Now().Add(time.Second)})
				mu.Lock()
				admitted++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if admitted != 400 {
		t.Errorf("admitted %d requests, want 400", admitted)
	}
}

// An unparseable X-RateLimit-Remaining on a 200 is not "nothing left": the
// limiter, fed by a real client, does not pause (it used to pause until the
// window's reset, 8s later).
func TestLocalIgnoresUnparseableRemaining(t *testing.T) {
	clk := clocktest.NewVirtual(epoch)
	reset := strconv.FormatInt(clk.Now().Add(8*time.Second).Unix(), 10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-RateLimit-Limit", "100")
		w.Header().Set("X-RateLimit-Remaining", "n/a")
		w.Header().Set("X-RateLimit-Reset", reset)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"type":"admin","id":"1"}`)
	}))
	defer srv.Close()
	l := newLocal(t, ratelimit.WithLimit(100, 10*time.Second), ratelimit.WithClock(clk))
	c, err := intercom.NewClient("tok", intercom.WithBaseURL(srv.URL), intercom.WithRateLimiter(l))
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	for range 2 {
		if _, err := c.Admins.Me(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if got := clk.Slept(); len(got) != 0 {
		t.Errorf("the limiter slept %v after 200s whose remaining count was unparseable", got)
	}
}
