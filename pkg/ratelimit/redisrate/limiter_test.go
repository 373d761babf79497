package redisrate_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"math"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/ratelimit/internal/clocktest"
	"github.com/intercomkit/intercom-go/pkg/ratelimit/redisrate"
)

var epoch = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func newLimiter(t *testing.T, rdb redis.UniversalClient, key string, opts ...redisrate.Option) *redisrate.Limiter {
	t.Helper()
	l, err := redisrate.New(rdb, key, opts...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return l
}

// waitAsync runs l.Wait(ctx) in a goroutine and returns its result channel.
func waitAsync(l *redisrate.Limiter, ctx context.Context) <-chan error {
	done := make(chan error, 1)
	go func() { done <- l.Wait(ctx) }()
	return done
}

// sleeping returns the one sleep a goroutine is blocked in on clk.
func sleeping(t *testing.T, ctx context.Context, clk *clocktest.Manual) time.Duration {
	t.Helper()
	left, err := clk.Sleepers(ctx, 1)
	if err != nil {
		t.Fatalf("no goroutine sleeps on the clock: %v", err)
	}
	if len(left) != 1 {
		t.Fatalf("sleepers %v, want one", left)
	}
	return left[0]
}

// within fails unless got is in [want-slack, want].
func within(t *testing.T, what string, got, want, slack time.Duration) {
	t.Helper()
	if got > want || got < want-slack {
		t.Errorf("%s = %v, want %v (at most %v less)", what, got, want, slack)
	}
}

// cancelAndExpect cancels a Wait and checks it returns context.Canceled.
func cancelAndExpect(t *testing.T, cancel context.CancelFunc, done <-chan error) {
	t.Helper()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Wait = %v, want context.Canceled", err)
	}
}

func TestNewRejectsBadInput(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: deadAddr(t)}) // never used
	defer rdb.Close()
	if l, err := redisrate.New(nil, "k"); err == nil || l != nil {
		t.Errorf("New(nil client) = (%v, %v), want an error", l, err)
	}
	if l, err := redisrate.New(rdb, ""); err == nil || l != nil {
		t.Errorf("New(empty key) = (%v, %v), want an error", l, err)
	}
	for name, opt := range map[string]redisrate.Option{
		"zero limit":              redisrate.WithLimit(0, time.Second),
		"zero window":             redisrate.WithLimit(10, 0),
		"zero share":              redisrate.WithShare(0),
		"NaN share":               redisrate.WithShare(math.NaN()),
		"share > 1":               redisrate.WithShare(1.2),
		"zero burst":              redisrate.WithBurst(0),
		"bad mode":                redisrate.WithFailureMode(redisrate.FailureMode(7)),
		"nil logger":              redisrate.WithLogger(nil),
		"zero timeout":            redisrate.WithTimeout(0),
		"negative retry interval": redisrate.WithRetryInterval(-time.Second),
		"nil clock":               redisrate.WithClock(nil),
	} {
		if l, err := redisrate.New(rdb, "k", opt); err == nil || l != nil {
			t.Errorf("%s: New = (%v, %v), want an error", name, l, err)
		}
	}
}

func TestFailureModeString(t *testing.T) {
	for m, want := range map[redisrate.FailureMode]string{
		redisrate.FailOpen: "fail open", redisrate.FailClosed: "fail closed", 9: "FailureMode(9)",
	} {
		if got := m.String(); got != want {
			t.Errorf("FailureMode(%d).String() = %q, want %q", int(m), got, want)
		}
	}
}

// TestPaceIsShared checks that two limiters with their own Redis clients
// (two processes, in effect) draw on one budget.
func TestPaceIsShared(t *testing.T) {
	addr := redisAddr(t)
	key := uniqueKey(t)
	ctx := testCtx(t)
	clk := clocktest.NewManual(epoch)
	// 6 an hour with a burst of 3: Pace gives 4 an hour, i.e. one every 15 min.
	opts := []redisrate.Option{redisrate.WithLimit(6, time.Hour), redisrate.WithShare(1), redisrate.WithBurst(3),
		redisrate.WithClock(clk)}
	a := newLimiter(t, newClient(t, addr), key, opts...)
	b := newLimiter(t, newClient(t, addr), key, opts...)
	for i, l := range []*redisrate.Limiter{a, b, a} { // the burst, shared
		if err := l.Wait(ctx); err != nil {
			t.Fatalf("Wait #%d: %v", i, err)
		}
	}
	wctx, cancel := context.WithCancel(ctx)
	done := waitAsync(b, wctx)
	within(t, "b's wait for the 4th request", sleeping(t, ctx, clk), 15*time.Minute, 2*time.Second)
	cancelAndExpect(t, cancel, done)
}

// TestPauseIsShared checks that a 429 seen by one process holds the others
// until the reset, through the pause key in Redis.
func TestPauseIsShared(t *testing.T) {
	addr := redisAddr(t)
	key := uniqueKey(t)
	ctx := testCtx(t)
	clk := clocktest.NewManual(epoch)
	rdb := newClient(t, addr)
	opts := []redisrate.Option{redisrate.WithLimit(100, 10*time.Second), redisrate.WithClock(clk)}
	a := newLimiter(t, newClient(t, addr), key, opts...)
	b := newLimiter(t, newClient(t, addr), key, opts...)
	pttl := func() time.Duration {
		t.Helper()
		d, err := rdb.PTTL(ctx, key+":pause").Result()
		if err != nil {
			t.Fatal(err)
		}
		return d
	}

	a.Observe(200, intercom.RateLimit{Limit: 100, Remaining: 3, Reset: clk.Now().Add(3 * time.Second)})
	if d := pttl(); d > 0 {
		t.Fatalf("a response with budget left set a pause of %v", d)
	}
	// An absent or unparseable X-RateLimit-Remaining is not "nothing left".
	a.Observe(200, intercom.RateLimit{Limit: 100, HasLimit: true, Reset: clk.Now().Add(8 * time.Second), HasReset: true})
	if d := pttl(); d > 0 {
		t.Fatalf("a response whose remaining count was unknown set a pause of %v", d)
	}
	a.Observe(429, intercom.RateLimit{Limit: 100, Reset: clk.Now().Add(3 * time.Second)})
	within(t, "pause key expiry", pttl(), 3*time.Second, time.Second)

	wctx, cancel := context.WithCancel(ctx)
	done := waitAsync(b, wctx)
	within(t, "other limiter's wait", sleeping(t, ctx, clk), 3*time.Second, time.Second)
	cancelAndExpect(t, cancel, done)

	// An earlier reset does not shorten the pause; a later one extends it,
	// up to one window; an exhausted window pauses like a 429.
	a.Observe(429, intercom.RateLimit{Reset: clk.Now().Add(time.Second)})
	within(t, "after an earlier reset", pttl(), 3*time.Second, time.Second)
	a.Observe(200, intercom.RateLimit{Limit: 100, Remaining: 0, HasRemaining: true, Reset: clk.Now().Add(5 * time.Second)})
	within(t, "after a spent window", pttl(), 5*time.Second, time.Second)
	a.Observe(429, intercom.RateLimit{Reset: clk.Now().Add(time.Hour)})
	within(t, "after a far reset", pttl(), 10*time.Second, time.Second)

	// Once the key is gone (it expires by itself), requests go again.
	if err := rdb.Del(ctx, key+":pause").Err(); err != nil {
		t.Fatal(err)
	}
	if err := b.Wait(ctx); err != nil {
		t.Fatalf("Wait after the pause: %v", err)
	}
}

func TestLearnsLimitFromHeaders(t *testing.T) {
	addr := redisAddr(t)
	for _, tt := range []struct {
		name  string
		learn bool
		want  time.Duration
	}{
		// Configured 100 an hour (36s apart); the headers say 10 (6min apart).
		{"learning", true, 6 * time.Minute},
		{"without learning", false, 36 * time.Second},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := testCtx(t)
			clk := clocktest.NewManual(epoch)
			opts := []redisrate.Option{redisrate.WithLimit(100, time.Hour), redisrate.WithShare(1),
				redisrate.WithBurst(1), redisrate.WithClock(clk)}
			if !tt.learn {
				opts = append(opts, redisrate.WithoutLimitLearning())
			}
			l := newLimiter(t, newClient(t, addr), uniqueKey(t), opts...)
			l.Observe(200, intercom.RateLimit{Limit: 10, Remaining: 9, Reset: clk.Now().Add(time.Minute)})
			if err := l.Wait(ctx); err != nil {
				t.Fatal(err)
			}
			wctx, cancel := context.WithCancel(ctx)
			done := waitAsync(l, wctx)
			within(t, "wait for the second request", sleeping(t, ctx, clk), tt.want, 2*time.Second)
			cancelAndExpect(t, cancel, done)
		})
	}
}

// syncBuffer is a log destination safe for concurrent writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func testLogger() (*slog.Logger, *syncBuffer) {
	buf := &syncBuffer{}
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelInfo})), buf
}

// deadClient returns a Redis client for an address where nothing listens,
// set to fail at once (no retries), counting its dials.
func deadClient(t *testing.T) (*redis.Client, *atomic.Int64) {
	t.Helper()
	addr := deadAddr(t)
	dials := &atomic.Int64{}
	var d net.Dialer
	c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, DialerRetries: 1,
		Dialer: func(ctx context.Context, network, addr string) (net.Conn, error) {
			dials.Add(1)
			return d.DialContext(ctx, network, addr)
		}})
	t.Cleanup(func() { _ = c.Close() })
	return c, dials
}

// TestFailClosedBacksOff: with Redis unreachable, a limiter that fails
// closed waits (it returned ErrUnavailable at once, failing every request),
// trying Redis again after 50 ms, 100 ms, ... up to the retry interval; when
// its context ends, the error wraps the context's error, ErrUnavailable and
// Redis's error. One warning is logged for the outage.
func TestFailClosedBacksOff(t *testing.T) {
	logger, logs := testLogger()
	clk := clocktest.NewManual(epoch)
	rdb, dials := deadClient(t)
	l := newLimiter(t, rdb, uniqueKey(t), redisrate.WithFailureMode(redisrate.FailClosed), redisrate.WithLogger(logger),
		redisrate.WithRetryInterval(400*time.Millisecond), redisrate.WithClock(clk))
	ctx, cancel := context.WithCancel(testCtx(t))
	done := waitAsync(l, ctx)
	for i, want := range []time.Duration{50, 100, 200, 400, 400} {
		if got := sleeping(t, ctx, clk); got != want*time.Millisecond {
			t.Fatalf("wait %d: sleeps %v, want %v", i+1, got, want*time.Millisecond)
		}
		if n := dials.Load(); n != int64(i+1) {
			t.Fatalf("wait %d: %d tries of Redis, want %d", i+1, n, i+1)
		}
		clk.Advance(want * time.Millisecond)
	}
	sleeping(t, ctx, clk)
	select {
	case err := <-done:
		t.Fatalf("Wait returned %v during the outage, want it to wait", err)
	default:
	}
	cancel()
	err := <-done
	if !errors.Is(err, context.Canceled) || !errors.Is(err, redisrate.ErrUnavailable) || !strings.Contains(err.Error(), "refused") {
		t.Errorf("Wait = %v, want context.Canceled, ErrUnavailable and the Redis error", err)
	}
	if n := strings.Count(logs.String(), "level=WARN"); n != 1 || !strings.Contains(logs.String(), "fail closed") {
		t.Errorf("want one warning saying the limiter fails closed, got:\n%s", logs)
	}
}

func TestFailOpenKeepsLocalPause(t *testing.T) {
	logger, logs := testLogger()
	ctx := testCtx(t)
	clk := clocktest.NewManual(epoch)
	rdb, _ := deadClient(t)
	l := newLimiter(t, rdb, uniqueKey(t), redisrate.WithLimit(100, 10*time.Second), redisrate.WithLogger(logger),
		redisrate.WithClock(clk))
	for range 2 { // the burst of the in-process pace: no wait
		if err := l.Wait(ctx); err != nil {
			t.Fatalf("Wait = %v, want nil (fail open)", err)
		}
	}
	if n := strings.Count(logs.String(), "level=WARN"); n != 1 || !strings.Contains(logs.String(), "fail open") {
		t.Errorf("want one warning saying the limiter fails open, got:\n%s", logs)
	}
	// A 429 this process saw still pauses it, though Redis cannot share it.
	l.Observe(429, intercom.RateLimit{Limit: 100, Reset: clk.Now().Add(4 * time.Second)})
	done := waitAsync(l, ctx)
	if got := sleeping(t, ctx, clk); got != 4*time.Second {
		t.Errorf("Wait sleeps %v, want the 4s pause", got)
	}
	clk.Advance(4 * time.Second)
	if err := <-done; err != nil {
		t.Errorf("Wait after the pause = %v, want nil (fail open)", err)
	}
	if n := strings.Count(logs.String(), "level=WARN"); n != 1 {
		t.Errorf("logged %d warnings for one outage, want 1:\n%s", n, logs)
	}
}

// TestRetryIntervalSparesRedis checks that after a failure a limiter that
// fails open does not try Redis again before the retry interval has passed.
func TestRetryIntervalSparesRedis(t *testing.T) {
	logger, _ := testLogger()
	ctx := testCtx(t)
	clk := clocktest.NewManual(epoch)
	rdb, dials := deadClient(t)
	l := newLimiter(t, rdb, uniqueKey(t), redisrate.WithLogger(logger),
		redisrate.WithRetryInterval(2*time.Second), redisrate.WithClock(clk))
	check := func(wantDials int64) {
		t.Helper()
		if err := l.Wait(ctx); err != nil {
			t.Fatalf("Wait = %v", err)
		}
		if got := dials.Load(); got != wantDials {
			t.Fatalf("dials = %d, want %d", got, wantDials)
		}
	}
	check(1)
	check(1) // within the interval: Redis left alone
	clk.Advance(time.Second)
	check(1)
	clk.Advance(time.Second)
	check(2) // the interval has passed: probe again
}

// TestRecoversWhenRedisComesBack stops and restarts a real redis-server.
func TestRecoversWhenRedisComesBack(t *testing.T) {
	srv := startRedis(t, 0)
	logger, logs := testLogger()
	ctx := testCtx(t)
	clk := clocktest.NewManual(epoch)
	l := newLimiter(t, newClient(t, srv.Addr), uniqueKey(t), redisrate.WithLogger(logger), redisrate.WithClock(clk))
	if err := l.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if logs.String() != "" {
		t.Fatalf("logged while Redis was up:\n%s", logs)
	}
	srv.Stop()
	if err := l.Wait(ctx); err != nil {
		t.Fatalf("Wait with Redis down = %v, want nil (fail open)", err)
	}
	if !strings.Contains(logs.String(), "level=WARN") {
		t.Fatalf("no warning logged with Redis down:\n%s", logs)
	}
	_, port, _ := strings.Cut(srv.Addr, ":")
	startRedis(t, atoi(t, port))
	clk.Advance(redisrate.DefaultRetryInterval)
	if err := l.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "Redis available again") {
		t.Errorf("no message logged when Redis came back:\n%s", logs)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			t.Fatalf("not a port: %q", s)
		}
		n = n*10 + int(r-'0')
	}
	return n
}

func TestWaitHonoursContext(t *testing.T) {
	addr := redisAddr(t)
	l := newLimiter(t, newClient(t, addr), uniqueKey(t), redisrate.WithFailureMode(redisrate.FailClosed))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := l.Wait(ctx); !errors.Is(err, context.Canceled) || errors.Is(err, redisrate.ErrUnavailable) {
		t.Errorf("Wait = %v, want context.Canceled and not ErrUnavailable", err)
	}
}

// TestConcurrentUse runs many goroutines through limiters on one key (for
// the race detector) with a budget large enough not to wait.
func TestConcurrentUse(t *testing.T) {
	addr := redisAddr(t)
	key := uniqueKey(t)
	ctx := testCtx(t)
	var wg sync.WaitGroup
	for range 2 {
		l := newLimiter(t, newClient(t, addr), key, redisrate.WithLimit(1000, time.Hour), redisrate.WithShare(1),
			redisrate.WithBurst(1000))
		for range 4 {
			wg.Go(func() {
				for range 20 {
					if err := l.Wait(ctx); err != nil {
						t.Error(err)
						return
					}
					l.Observe(200, intercom.RateLimit{Limit: 1000, Remaining: 500})
				}
			})
		}
	}
	wg.Wait()
}
