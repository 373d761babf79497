package redisrate_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/intercomkit/intercom-go/pkg/ratelimit/internal/clocktest"
	"github.com/intercomkit/intercom-go/pkg/ratelimit/redisrate"
)

// quickClient is a client for addr that does not retry a failed command
// (go-redis would wait real time between its retries).
func quickClient(t *testing.T, addr string) *redis.Client {
	t.Helper()
	c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, DialerRetries: 1})
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// TestFailClosedWaitsOutARealOutage stops the real redis-server under a
// limiter that fails closed: Wait neither fails nor lets the request go
// while Redis is down, and returns once Redis answers again on the same
// port.
func TestFailClosedWaitsOutARealOutage(t *testing.T) {
	srv := startRedis(t, 0)
	logger, logs := testLogger()
	ctx := testCtx(t)
	clk := clocktest.NewManual(epoch)
	l := newLimiter(t, quickClient(t, srv.Addr), uniqueKey(t), redisrate.WithFailureMode(redisrate.FailClosed),
		redisrate.WithLogger(logger), redisrate.WithClock(clk))
	if err := l.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	srv.Stop()
	done := waitAsync(l, ctx)
	var slept time.Duration
	for range 4 {
		d := sleeping(t, ctx, clk)
		slept += d
		clk.Advance(d)
	}
	select {
	case err := <-done:
		t.Fatalf("Wait returned %v with Redis down, want it to wait", err)
	default:
	}
	if slept != (50+100+200+400)*time.Millisecond {
		t.Errorf("backoff slept %v, want 50+100+200+400 ms", slept)
	}
	_, port, _ := strings.Cut(srv.Addr, ":")
	startRedis(t, atoi(t, port))
	clk.Advance(sleeping(t, ctx, clk))
	if err := <-done; err != nil {
		t.Fatalf("Wait after Redis came back = %v, want nil", err)
	}
	if !strings.Contains(logs.String(), "fail closed") || !strings.Contains(logs.String(), "Redis available again") {
		t.Errorf("logs:\n%s", logs)
	}
}

// TestFailOpenFallsBackToProcessShare: four limiters share a key on the real
// redis-server (100 requests per 10 s); when Redis stops, one of them goes
// on at its share, 25 per 10 s, paced in process. It let every request go
// (3,151 calls in 10 s against 1,666 for three processes).
func TestFailOpenFallsBackToProcessShare(t *testing.T) {
	srv := startRedis(t, 0)
	logger, _ := testLogger()
	ctx := testCtx(t)
	clk := clocktest.NewManual(epoch)
	key := uniqueKey(t)
	var ls []*redisrate.Limiter
	for range 4 {
		ls = append(ls, newLimiter(t, quickClient(t, srv.Addr), key, redisrate.WithLimit(100, 10*time.Second),
			redisrate.WithShare(1), redisrate.WithBurst(5), redisrate.WithLogger(logger), redisrate.WithClock(clk), redisrate.WithoutLimitLearning()))
	}
	for _, l := range ls {
		if err := l.Wait(ctx); err != nil {
			t.Fatal(err)
		}
	}
	// Two seconds on, the first limiter records itself again and counts 4.
	clk.Advance(2 * time.Second)
	if err := ls[0].Wait(ctx); err != nil {
		t.Fatal(err)
	}
	srv.Stop()

	wctx, cancel := context.WithCancel(ctx)
	var passed atomic.Int64
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		for ls[0].Wait(wctx) == nil {
			passed.Add(1)
		}
	}()
	start := clk.Now()
	for {
		left, err := clk.Sleepers(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if clk.Now().Add(left[0]).Sub(start) >= 10*time.Second {
			break
		}
		clk.Advance(left[0])
	}
	n := passed.Load()
	cancel()
	<-stopped
	if n > 25 || n < 20 {
		t.Errorf("%d requests in the first 10 s of the outage, want this process's share: at most 25 (and not far less)", n)
	}
}
