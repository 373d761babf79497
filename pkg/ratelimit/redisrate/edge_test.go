package redisrate_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/ratelimit/internal/windowfake"
	"github.com/intercomkit/intercom-go/pkg/ratelimit/redisrate"
)

// Requests granted by the shared pace in the last 30 ms of every other
// window of the server reach it 30 ms later (a middleware holds them, as a
// loaded machine does), in the next window, on top of that window's own
// grants, whose own tail is not held. At the full budget the limiter keeps a margin at the window edges
// and the server refuses none; without it (main) the next window overran
// the budget by about 15 requests. Real time, like the load tests: skipped
// with -short.
func TestEdgeMarginAbsorbsLateArrivals(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: runs about 8s of real time; run without -short")
	}
	const hold = 30 * time.Millisecond
	addr := redisAddr(t)
	fake := windowfake.New(loadBudget, loadWindow)
	defer fake.Close()
	start := time.Now() // the fake's windows start about now
	late := func(r *http.Request, next intercom.MiddlewareNext) (*http.Response, error) {
		since := time.Since(start)
		if since/loadWindow%2 == 0 && since%loadWindow >= loadWindow-hold {
			time.Sleep(hold)
		}
		return next(r)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	key := uniqueKey(t)
	var wg sync.WaitGroup
	for w := range loadWorkers {
		wg.Go(func() {
			rdb := redis.NewClient(&redis.Options{Addr: addr})
			defer rdb.Close()
			lim, err := redisrate.New(rdb, key, redisrate.WithLimit(loadBudget, loadWindow),
				redisrate.WithFailureMode(redisrate.FailClosed), redisrate.WithTimeout(10*time.Second))
			if err != nil {
				t.Error(err)
				return
			}
			if _, err := windowfake.Work(ctx, fake.URL(), 300, 8, intercom.WithRateLimiter(lim), intercom.WithMiddleware(late)); err != nil {
				t.Errorf("worker %d: %v", w, err)
			}
		})
	}
	wg.Wait()
	st := fake.Stats()
	t.Logf("%d OK, %d refused with 429; busiest window %d of %d; per window %v", st.OK, st.Limited, st.MaxPerWindow, loadBudget, st.PerWindow)
	if st.Limited != 0 || st.MaxPerWindow > loadBudget {
		t.Errorf("the server refused %d requests (busiest window %d, budget %d)", st.Limited, st.MaxPerWindow, loadBudget)
	}
}

// The zero Limiter fails with a clear error instead of hanging or
// panicking; its Observe does nothing.
func TestZeroLimiter(t *testing.T) {
	var l redisrate.Limiter
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := l.Wait(ctx); err == nil || errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Wait: %v, want an error saying to use New", err)
	}
	l.Observe(429, intercom.RateLimit{})
}
