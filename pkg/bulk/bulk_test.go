package bulk_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/bulk"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

// offlineClient is a client for jobs whose Do makes no call.
func offlineClient(t *testing.T) *intercom.Client {
	t.Helper()
	c, err := intercom.NewClient("tok-offline")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func ints(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

// pulled wraps seq and counts the items taken from it.
func pulled(seq iter.Seq[int], n *atomic.Int64) iter.Seq[int] {
	return func(yield func(int) bool) {
		for v := range seq {
			n.Add(1)
			if !yield(v) {
				return
			}
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

var errOdd = errors.New("odd item")

func TestRunValidates(t *testing.T) {
	c := offlineClient(t)
	do := func(context.Context, *intercom.Client, int) error { return nil }
	cp := &memCheckpoint{}
	for name, tc := range map[string]struct {
		job   bulk.Job[int]
		c     *intercom.Client
		items iter.Seq[int]
	}{
		"nil client":             {bulk.Job[int]{Do: do}, nil, ints(1)},
		"nil items":              {bulk.Job[int]{Do: do}, c, nil},
		"nil Do":                 {bulk.Job[int]{}, c, ints(1)},
		"checkpoint without key": {bulk.Job[int]{Do: do, Checkpoint: cp}, c, ints(1)},
		"negative workers":       {bulk.Job[int]{Do: do, Workers: -1}, c, ints(1)},
		"negative total":         {bulk.Job[int]{Do: do, Total: -1}, c, ints(1)},
	} {
		sum, err := tc.job.Run(context.Background(), tc.c, tc.items)
		if err == nil || sum != nil {
			t.Errorf("%s: Run = %v, %v; want an error and no summary", name, sum, err)
		}
	}
}

func TestRunEveryItemOnceWithinWorkers(t *testing.T) {
	const n, workers = 1000, 7
	var running, most atomic.Int64
	var mu sync.Mutex
	seen := map[int]int{}
	job := bulk.Job[int]{
		Workers: workers,
		Key:     itoa,
		Do: func(ctx context.Context, _ *intercom.Client, i int) error {
			r := running.Add(1)
			defer running.Add(-1)
			for {
				m := most.Load()
				if r <= m || most.CompareAndSwap(m, r) {
					break
				}
			}
			if i%2 == 1 {
				return fmt.Errorf("item %d: %w", i, errOdd)
			}
			return nil
		},
		OnResult: func(r bulk.Result[int]) {
			mu.Lock()
			seen[r.Item]++
			mu.Unlock()
			if r.Key != itoa(r.Item) || (r.Status == bulk.Failed) != (r.Err != nil) {
				t.Errorf("result %+v", r)
			}
		},
	}
	sum, err := job.Run(context.Background(), offlineClient(t), ints(n))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Done != n/2 || sum.Failed != n/2 || sum.Items() != n || len(sum.Failures) != n/2 {
		t.Errorf("summary %v", sum)
	}
	for i := range n {
		if seen[i] != 1 {
			t.Fatalf("item %d reported %d times", i, seen[i])
		}
	}
	if most.Load() > workers {
		t.Errorf("%d items ran at once, Workers is %d", most.Load(), workers)
	}
	var rerun []int
	for i := range sum.Rerun() {
		rerun = append(rerun, i)
	}
	slices.Sort(rerun)
	for k, i := range rerun {
		if i != 2*k+1 {
			t.Fatalf("Rerun = %v..., want the odd items", rerun[:min(len(rerun), 5)])
		}
	}
	for _, f := range sum.Failures {
		if !errors.Is(f.Err, errOdd) || f.Key != itoa(f.Item) {
			t.Errorf("failure %+v", f)
		}
	}
}

// blockingJob runs items that wait for release (or their context).
type blockingJob struct {
	started chan int
	release chan struct{}
	ctxErrs sync.Map // item -> ctx.Err() seen when released
}

func newBlockingJob() *blockingJob {
	return &blockingJob{started: make(chan int, 100), release: make(chan struct{})}
}

func (b *blockingJob) do(ctx context.Context, _ *intercom.Client, i int) error {
	b.started <- i
	select {
	case <-b.release:
		b.ctxErrs.Store(i, ctx.Err())
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func TestCancelLetsRunningItemsFinish(t *testing.T) {
	b := newBlockingJob()
	var taken atomic.Int64
	ctx, cancel := context.WithCancel(context.Background())
	results := map[int]bulk.Status{}
	job := bulk.Job[int]{Workers: 2, Do: b.do, OnResult: func(r bulk.Result[int]) { results[r.Item] = r.Status }}
	done := make(chan struct{})
	var sum *bulk.Summary[int]
	var err error
	go func() {
		defer close(done)
		sum, err = job.Run(ctx, offlineClient(t), pulled(ints(100), &taken))
	}()
	<-b.started
	<-b.started
	cancel()
	close(b.release) // the two running items finish after the cancellation
	<-done
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if sum.Done != 2 || sum.Failed != 0 || sum.NotStarted != 1 || len(sum.NotStartedItems) != 1 {
		t.Errorf("summary %v, want 2 done and the one item taken after them not started", sum)
	}
	if got := taken.Load(); got != 3 {
		t.Errorf("%d items taken from the input, want 3: the runner must stop pulling", got)
	}
	b.ctxErrs.Range(func(k, v any) bool {
		if v != nil {
			t.Errorf("item %v saw its context cancelled (%v) within the drain time", k, v)
		}
		return true
	})
	if len(results) != 3 || results[sum.NotStartedItems[0]] != bulk.NotStarted {
		t.Errorf("results %v", results)
	}
}

func TestCancelWithoutDrain(t *testing.T) {
	b := newBlockingJob()
	ctx, cancel := context.WithCancel(context.Background())
	job := bulk.Job[int]{Workers: 2, Do: b.do, Drain: -1}
	done := make(chan struct{})
	var sum *bulk.Summary[int]
	go func() {
		defer close(done)
		sum, _ = job.Run(ctx, offlineClient(t), ints(100))
	}()
	<-b.started
	<-b.started
	cancel() // the running items see their context end at once
	<-done
	if sum.Failed != 2 || sum.Done != 0 {
		t.Fatalf("summary %v, want the 2 running items failed", sum)
	}
	for _, f := range sum.Failures {
		if !errors.Is(f.Err, context.Canceled) {
			t.Errorf("failure %v, want context.Canceled", f.Err)
		}
	}
}

// memCheckpoint is an in-memory Checkpoint whose methods can fail.
type memCheckpoint struct {
	mu          sync.Mutex
	keys        map[string]bool
	addErr      error
	containsErr error
	failAfter   int // Add fails after this many keys when addErr is set
}

func (m *memCheckpoint) Contains(_ context.Context, key string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.containsErr != nil {
		return false, m.containsErr
	}
	return m.keys[key], nil
}

func (m *memCheckpoint) Add(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.addErr != nil && len(m.keys) >= m.failAfter {
		return m.addErr
	}
	if m.keys == nil {
		m.keys = map[string]bool{}
	}
	m.keys[key] = true
	return nil
}

func TestCheckpointSkipsAndRefuses(t *testing.T) {
	cp := &memCheckpoint{keys: map[string]bool{"1": true, "3": true}}
	b := newBlockingJob()
	items := []int{0, 1, 2, 3, 4, 4, -1}
	job := bulk.Job[int]{
		Workers:    3,
		Checkpoint: cp,
		Key: func(i int) string {
			if i < 0 {
				return ""
			}
			return itoa(i)
		},
		Do: func(ctx context.Context, c *intercom.Client, i int) error {
			if i == 4 {
				return b.do(ctx, c, i) // holds key 4 while its duplicate arrives
			}
			return nil
		},
	}
	// Item 4 runs until the duplicate of 4 and the keyless item have been
	// refused, so its key is held while its duplicate arrives.
	var refused int
	job.OnResult = func(r bulk.Result[int]) {
		if r.Status == bulk.Failed {
			if refused++; refused == 2 {
				close(b.release)
			}
		}
	}
	sum, err := job.Run(context.Background(), offlineClient(t), slices.Values(items))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Done != 3 || sum.Skipped != 2 || sum.Failed != 2 {
		t.Errorf("summary %v, want 3 done (0, 2, 4), 2 skipped (1, 3), 2 failed (the duplicate 4, the keyless item)", sum)
	}
	var dup, nokey int
	for _, f := range sum.Failures {
		switch {
		case errors.Is(f.Err, bulk.ErrDuplicateKey) && f.Item == 4:
			dup++
		case errors.Is(f.Err, bulk.ErrNoKey) && f.Item == -1:
			nokey++
		}
	}
	if dup != 1 || nokey != 1 {
		t.Errorf("failures %+v", sum.Failures)
	}
	for _, k := range []string{"0", "2", "4"} {
		if !cp.keys[k] {
			t.Errorf("key %s not recorded in the checkpoint", k)
		}
	}
}

func TestCheckpointFailureStopsTheRun(t *testing.T) {
	broken := errors.New("disk full")
	t.Run("add", func(t *testing.T) {
		cp := &memCheckpoint{addErr: broken, failAfter: 5}
		var taken atomic.Int64
		job := bulk.Job[int]{Workers: 1, Checkpoint: cp, Key: itoa, Do: func(context.Context, *intercom.Client, int) error { return nil }}
		sum, err := job.Run(context.Background(), offlineClient(t), pulled(ints(1000), &taken))
		if !errors.Is(err, broken) {
			t.Fatalf("err = %v, want the checkpoint's error", err)
		}
		// The item whose key could not be recorded is done all the same.
		if sum.Done != 6 || sum.Items() != int(taken.Load()) || taken.Load() > 8 {
			t.Errorf("summary %v after taking %d items", sum, taken.Load())
		}
	})
	t.Run("contains", func(t *testing.T) {
		cp := &memCheckpoint{containsErr: broken}
		job := bulk.Job[int]{Checkpoint: cp, Key: itoa, Do: func(context.Context, *intercom.Client, int) error { return nil }}
		sum, err := job.Run(context.Background(), offlineClient(t), ints(10))
		if !errors.Is(err, broken) || sum.NotStarted != 1 || sum.Items() != 1 {
			t.Errorf("Run = %v, %v; want the checkpoint's error and the first item not started", sum, err)
		}
	})
}

// stepClock is a clock that items move forward.
type stepClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *stepClock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// TestProgressReportsOnTicker drives the reports with an injected ticker
// and clock: a report every tick, also while an item stalls (the current
// rate then falls to 0 and the estimate becomes unknown), and the final one.
func TestProgressReportsOnTicker(t *testing.T) {
	clk := &stepClock{now: t0}
	tick := make(chan time.Time)
	reported := make(chan bulk.Progress)
	var reports []bulk.Progress
	var final bulk.Progress
	var stopped atomic.Bool
	report := func() {
		tick <- clk.Now()
		reports = append(reports, <-reported)
	}
	job := bulk.Job[int]{
		Workers:          1,
		Total:            100,
		Clock:            clk.Now,
		ProgressInterval: 10 * time.Second,
		Ticker: func(d time.Duration) (<-chan time.Time, func()) {
			if d != 10*time.Second {
				t.Errorf("ticker of %v, want the ProgressInterval", d)
			}
			return tick, func() { stopped.Store(true) }
		},
		Progress: func(p bulk.Progress) {
			if p.Final {
				final = p
				return
			}
			reported <- p
		},
		Do: func(_ context.Context, _ *intercom.Client, i int) error {
			if i > 0 && i%10 == 0 {
				report()
			}
			if i == 50 { // a stall: three ticks, 5 s apart, while item 50 runs
				for range 3 {
					clk.advance(5 * time.Second)
					report()
				}
			}
			clk.advance(time.Second) // one item a second
			return nil
		},
	}
	if _, err := job.Run(context.Background(), offlineClient(t), ints(100)); err != nil {
		t.Fatal(err)
	}
	if len(reports) != 12 {
		t.Fatalf("%d reports, want 12", len(reports))
	}
	p := reports[4] // at item 50
	if p.Done != 50 || p.Elapsed != 50*time.Second || p.ItemsPerSecond != 1 || p.ETA != 50*time.Second || p.InFlight != 1 {
		t.Errorf("report at item 50: %+v", p)
	}
	stall := reports[5:8]
	if s := stall[0]; s.Done != 50 || s.Elapsed != 55*time.Second || s.ItemsPerSecond >= 1 || s.ItemsPerSecond <= 0 {
		t.Errorf("5 s into the stall: %+v, want the current rate below 1/s", s)
	}
	for _, s := range stall[1:] {
		if s.Done != 50 || s.ItemsPerSecond != 0 || s.ETA != 0 || s.InFlight != 1 {
			t.Errorf("10 s or more into the stall: %+v, want rate 0 and no estimate", s)
		}
	}
	if r := reports[8]; r.Done != 60 || r.ItemsPerSecond <= 0 {
		t.Errorf("after the stall: %+v", r)
	}
	if !final.Final || final.Done != 100 || final.ETA != 0 || final.InFlight != 0 || final.Elapsed != 115*time.Second {
		t.Errorf("final report: %+v", final)
	}
	if !stopped.Load() {
		t.Error("the ticker was not stopped")
	}
}

func TestProgressString(t *testing.T) {
	p := bulk.Progress{Done: 4713, Failed: 98, InFlight: 16, Total: 10000, CallsPerSecond: 94.83, ETA: 54 * time.Second}
	want := "[=========>          ]  48%  4,811/10,000  done 4,713  failed 98  in flight 16  94.8 calls/s  429s 0  ETA 54s"
	if got := p.String(); got != want {
		t.Errorf("String() =\n%q, want\n%q", got, want)
	}
	p = bulk.Progress{Done: 1234567, Skipped: 3, NotStarted: 1, RateLimited: 2, Elapsed: 90 * time.Second, Final: true}
	want = "1,234,571 items  done 1,234,567  failed 0  skipped 3  not started 1  in flight 0  0.0 calls/s  429s 2  in 1m30s"
	if got := p.String(); got != want {
		t.Errorf("String() =\n%q, want\n%q", got, want)
	}
}

func TestSummaryString(t *testing.T) {
	s := bulk.Summary[int]{Done: 9800, Failed: 200, Calls: 10412, Retries: 212, Elapsed: 107 * time.Second}
	want := "10000 items: 9800 done, 200 failed, 0 skipped, 0 not started; 10412 calls (212 retries, 0 rate-limited) in 1m47s"
	if s.String() != want {
		t.Errorf("String() = %q, want %q", s.String(), want)
	}
	for st, want := range map[bulk.Status]string{bulk.Done: "done", bulk.Failed: "failed", bulk.Skipped: "skipped", bulk.NotStarted: "not started", 0: "Status(0)"} {
		if st.String() != want {
			t.Errorf("Status %d = %q, want %q", int(st), st.String(), want)
		}
	}
}

// countingLimiter counts Wait calls.
type countingLimiter struct{ waits atomic.Int64 }

func (l *countingLimiter) Wait(ctx context.Context) error  { l.waits.Add(1); return ctx.Err() }
func (l *countingLimiter) Observe(int, intercom.RateLimit) {}

func TestJobCallsGoThroughALimiter(t *testing.T) {
	srv := intercomtest.NewServer(t)
	ids := srv.SeedContacts(20)
	items := func(yield func(string) bool) {
		for _, c := range ids {
			if !yield(*c.Id) {
				return
			}
		}
	}
	get := func(ctx context.Context, c *intercom.Client, id string) error {
		_, err := c.Contacts.Get(ctx, id)
		return err
	}

	t.Run("the client's", func(t *testing.T) {
		lim := &countingLimiter{}
		c, err := srv.NewClient(intercom.WithRateLimiter(lim))
		if err != nil {
			t.Fatal(err)
		}
		job := bulk.Job[string]{Do: get}
		sum, err := job.Run(context.Background(), c, items)
		if err != nil || sum.Done != 20 || lim.waits.Load() != 20 || sum.Calls != 20 {
			t.Errorf("Run = %v, %v; the client's limiter waited %d times, want 20", sum, err, lim.waits.Load())
		}
	})
	t.Run("the job's", func(t *testing.T) {
		clientLim, jobLim := &countingLimiter{}, &countingLimiter{}
		c, err := srv.NewClient(intercom.WithRateLimiter(clientLim))
		if err != nil {
			t.Fatal(err)
		}
		job := bulk.Job[string]{Do: get, RateLimiter: jobLim}
		if _, err := job.Run(context.Background(), c, items); err != nil {
			t.Fatal(err)
		}
		if jobLim.waits.Load() != 20 || clientLim.waits.Load() != 0 {
			t.Errorf("job limiter waited %d times, client limiter %d; want 20 and 0", jobLim.waits.Load(), clientLim.waits.Load())
		}
	})
	t.Run("a default one", func(t *testing.T) {
		// A client without a limiter: the job paces itself with a default
		// Local, which learns the budget from the fake's headers.
		c := srv.Client()
		job := bulk.Job[string]{Do: get}
		sum, err := job.Run(context.Background(), c, items)
		if err != nil || sum.Done != 20 || sum.Calls != 20 {
			t.Errorf("Run = %v, %v", sum, err)
		}
	})
}

func TestJobCounts429s(t *testing.T) {
	srv := intercomtest.NewServer(t)
	ids := srv.SeedContacts(3)
	if err := srv.Fail(intercomtest.Fault{Route: "GET /contacts/{contact_id}", Status: 429, Times: 2}); err != nil {
		t.Fatal(err)
	}
	c, err := srv.NewClient(intercom.WithMaxRetryDelay(time.Millisecond), intercom.WithRateLimiter(&countingLimiter{}))
	if err != nil {
		t.Fatal(err)
	}
	job := bulk.Job[string]{Workers: 1, Do: func(ctx context.Context, c *intercom.Client, id string) error {
		_, err := c.Contacts.Get(ctx, id)
		return err
	}}
	sum, err := job.Run(context.Background(), c, slices.Values([]string{*ids[0].Id, *ids[1].Id, *ids[2].Id}))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Done != 3 || sum.RateLimited != 2 || sum.Retries != 2 || sum.Calls != 5 {
		t.Errorf("summary %v, want 3 done, 5 calls, 2 retries, 2 rate-limited", sum)
	}
}
