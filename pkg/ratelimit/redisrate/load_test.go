package redisrate_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/ratelimit/internal/windowfake"
	"github.com/intercomkit/intercom-go/pkg/ratelimit/redisrate"
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

// workerConfig is what one worker needs; a worker process gets it through
// the environment.
type workerConfig struct {
	URL       string // the fake's base URL
	RedisAddr string // "" runs without a limiter (and without retries)
	Key       string
}

const workerEnv = "REDISRATE_TEST_WORKER"

func (c workerConfig) environ() []string {
	return append(os.Environ(), workerEnv+"=1", "RRW_URL="+c.URL, "RRW_REDIS="+c.RedisAddr, "RRW_KEY="+c.Key)
}

// runWorker is one worker: its own Redis client and limiter (as a separate
// process would have) and its own intercom.Client.
func runWorker(ctx context.Context, c workerConfig) (windowfake.Result, error) {
	opts := []intercom.Option{intercom.WithMaxRetries(0)}
	if c.RedisAddr != "" {
		rdb := redis.NewClient(&redis.Options{Addr: c.RedisAddr})
		defer rdb.Close()
		// Fail closed, so that a Redis failure shows as an error rather than
		// as unpaced calls; a generous timeout, for a loaded test machine.
		lim, err := redisrate.New(rdb, c.Key, redisrate.WithLimit(loadBudget, loadWindow),
			redisrate.WithFailureMode(redisrate.FailClosed), redisrate.WithTimeout(10*time.Second))
		if err != nil {
			return windowfake.Result{}, err
		}
		opts = []intercom.Option{intercom.WithRateLimiter(lim)} // default retries
	}
	return windowfake.Work(ctx, c.URL, loadCalls, loadGoroutines, opts...)
}

// workerMain is the body of a worker process.
func workerMain() int {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := runWorker(ctx, workerConfig{URL: os.Getenv("RRW_URL"), RedisAddr: os.Getenv("RRW_REDIS"), Key: os.Getenv("RRW_KEY")})
	if err != nil {
		fmt.Fprintln(os.Stderr, "worker:", err)
		return 1
	}
	fmt.Printf("RESULT %d %d\n", res.OK, res.Limited)
	return 0
}

// runGoroutineWorkers runs the workers as goroutine groups of this process.
func runGoroutineWorkers(t *testing.T, c workerConfig) windowfake.Result {
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
			res, err := runWorker(ctx, c)
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

// runProcessWorkers runs the workers as processes: this test binary,
// re-executed.
func runProcessWorkers(t *testing.T, c workerConfig) windowfake.Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var (
		mu    sync.Mutex
		total windowfake.Result
		wg    sync.WaitGroup
	)
	for w := range loadWorkers {
		cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
		cmd.Env = c.environ()
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Start(); err != nil {
			t.Fatalf("starting worker %d: %v", w, err)
		}
		wg.Go(func() {
			err := cmd.Wait()
			var ok, limited int
			if err == nil {
				_, err = fmt.Sscanf(lastLine(stdout.String(), "RESULT "), "RESULT %d %d", &ok, &limited)
			}
			if err != nil {
				t.Errorf("worker process %d: %v\nstdout: %s\nstderr: %s", w, err, stdout.String(), stderr.String())
			}
			mu.Lock()
			total.OK += ok
			total.Limited += limited
			mu.Unlock()
		})
	}
	wg.Wait()
	return total
}

func lastLine(s, prefix string) string {
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, prefix) {
			return line
		}
	}
	return ""
}

// loadTest runs the workers with run, first without a limiter, then sharing
// one budget through Redis, and checks issue 9's acceptance criteria: no
// 429 with the shared limiter, throughput within 10% of the budget.
func loadTest(t *testing.T, how string, run func(*testing.T, workerConfig) windowfake.Result) {
	if testing.Short() {
		t.Skip("skipping: the load test takes about 12s of real time; run without -short")
	}
	addr := redisAddr(t)
	total := loadWorkers * loadCalls

	bare := windowfake.New(loadBudget, loadWindow)
	defer bare.Close()
	start := time.Now()
	got := run(t, workerConfig{URL: bare.URL()})
	bareElapsed := time.Since(start)
	bs := bare.Stats()
	if got.OK+got.Limited != total || bs.OK+bs.Limited != total {
		t.Fatalf("without limiter: client saw %+v, server %d OK + %d 429; want %d calls in all", got, bs.OK, bs.Limited, total)
	}
	if bs.Limited == 0 {
		t.Errorf("without limiter: no 429 at all; the load does not exceed the budget, so the test proves nothing")
	}
	t.Logf("%s, no limiter, retries off: %d of %d calls got 429 (server count %d), %d OK, in %v",
		how, got.Limited, total, bs.Limited, got.OK, bareElapsed.Round(time.Millisecond))

	fake := windowfake.New(loadBudget, loadWindow)
	defer fake.Close()
	start = time.Now()
	probe := windowfake.StartProbe(5 * time.Millisecond)
	got = run(t, workerConfig{URL: fake.URL(), RedisAddr: addr, Key: uniqueKey(t)})
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
	t.Logf("%s, shared Redis limiter: %d 429s, %d OK in %v; throughput %.1f calls per %v window (%.1f%% of budget %d); busiest window %d",
		how, st.Limited, st.OK, elapsed.Round(time.Millisecond), thr, loadWindow, 100*thr/loadBudget, loadBudget, st.MaxPerWindow)
}

// TestLoadGoroutineWorkers is issue 9's acceptance test with 8 workers in
// this process, each with its own intercom.Client, Redis client and Limiter.
func TestLoadGoroutineWorkers(t *testing.T) {
	loadTest(t, "8 goroutine workers", runGoroutineWorkers)
}

// TestLoadProcessWorkers is issue 9's acceptance test with 8 worker
// processes, each with its own intercom.Client, Redis client and Limiter.
func TestLoadProcessWorkers(t *testing.T) {
	loadTest(t, "8 worker processes", runProcessWorkers)
}
