package ratelimit_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/ratelimit"
	"github.com/intercomkit/intercom-go/pkg/ratelimit/internal/windowfake"
)

// The load of issue 9, with time scaled down: Intercom's 10-second window
// becomes loadWindow, its budget loadBudget calls.
const (
	loadBudget     = 100
	loadWindow     = 200 * time.Millisecond
	loadWorkers    = 8
	loadCalls      = 500 // per worker
	loadGoroutines = 4   // per worker, sharing its client
)

// runWorkers runs loadWorkers workers at once, each with its own client
// configured by opts, and sums what they saw.
func runWorkers(t *testing.T, baseURL string, opts ...intercom.Option) windowfake.Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var (
		mu    sync.Mutex
		total windowfake.Result
		wg    sync.WaitGroup
	)
	for w := range loadWorkers {
		wg.Go(func() {
			res, err := windowfake.Work(ctx, baseURL, loadCalls, loadGoroutines, opts...)
			if err != nil {
				t.Errorf("worker %d: %v", w, err)
			}
			mu.Lock()
			total.OK += res.OK
			total.Limited += res.Limited
			mu.Unlock()
		})
	}
	wg.Wait()
	return total
}

// TestLocalKeepsWorkersUnderBudget is issue 9's acceptance test for one
// process: 8 workers, each with its own intercom.Client, make 500 calls each
// against a fake that allows 100 calls per 200ms window. Without a limiter
// (and without retries) many calls get a 429; with one Local shared by all
// clients none does, and the throughput stays within 10% of the budget.
func TestLocalKeepsWorkersUnderBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: the load test takes about 10s of real time; run without -short")
	}
	total := loadWorkers * loadCalls

	// Without a limiter: every worker goes as fast as it can.
	bare := windowfake.New(loadBudget, loadWindow)
	defer bare.Close()
	start := time.Now()
	got := runWorkers(t, bare.URL(), intercom.WithMaxRetries(0))
	bareElapsed := time.Since(start)
	bareStats := bare.Stats()
	if got.OK+got.Limited != total || bareStats.OK+bareStats.Limited != total {
		t.Fatalf("without limiter: client saw %+v, server %+v; want %d calls in all", got, bareStats, total)
	}
	if bareStats.Limited == 0 {
		t.Errorf("without limiter: no 429 at all; the load does not exceed the budget, so the test proves nothing")
	}
	t.Logf("without limiter (retries off): %d of %d calls got 429 (server count %d), %d OK, in %v",
		got.Limited, total, bareStats.Limited, got.OK, bareElapsed.Round(time.Millisecond))

	// With one Local shared by every client of the process.
	lim, err := ratelimit.NewLocal(ratelimit.WithLimit(loadBudget, loadWindow))
	if err != nil {
		t.Fatal(err)
	}
	fake := windowfake.New(loadBudget, loadWindow)
	defer fake.Close()
	start = time.Now()
	probe := windowfake.StartProbe(5 * time.Millisecond)
	got = runWorkers(t, fake.URL(), intercom.WithRateLimiter(lim))
	late := probe.Stop()
	elapsed := time.Since(start)
	st := fake.Stats()
	if st.Limited != 0 {
		t.Errorf("with shared limiter: server answered %d calls with 429, want 0", st.Limited)
	}
	if got.OK != total || st.OK != total {
		t.Errorf("with shared limiter: client saw %d OK, server %d, want %d", got.OK, st.OK, total)
	}
	thr := st.Throughput()
	windowfake.CheckThroughput(t, st, late)
	t.Logf("with shared Local: %d 429s, %d OK in %v; throughput %.1f calls per %v window (%.1f%% of budget %d); busiest window %d",
		st.Limited, st.OK, elapsed.Round(time.Millisecond), thr, loadWindow, 100*thr/loadBudget, loadBudget, st.MaxPerWindow)
}
