package bulk

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/ratelimit"
)

// Defaults of a [Job].
const (
	// DefaultWorkers is how many items run at once unless Job.Workers says
	// otherwise: enough to fill Intercom's default budget at about 100 ms
	// a call.
	DefaultWorkers = 16
	// DefaultProgressInterval is the time between two progress reports.
	DefaultProgressInterval = time.Second
	// DefaultDrain is how long started items may run on after the context
	// of Run is cancelled.
	DefaultDrain = 30 * time.Second
)

// Errors of items that the runner fails without running them.
var (
	// ErrNoKey fails an item whose key is empty when the job has a checkpoint.
	ErrNoKey = errors.New("bulk: the item's key is empty; a checkpointed job needs a key for every item")
	// ErrDuplicateKey fails an item whose key is that of an item still
	// running: the input holds the same item twice.
	ErrDuplicateKey = errors.New("bulk: another item with the same key is running")
)

// Job describes bulk work over items of type T. Do is required; every other
// field is optional. A Job may be run more than once (for example over
// [Summary.Rerun] of a previous run); its fields must not change while it
// runs.
type Job[T any] struct {
	// Do performs one item with c, passing ctx to every call. Its calls go
	// through the job's rate limiter and are counted in the progress. Do is
	// called from several goroutines at once, at most once per item. Return
	// nil when the item is done, the error otherwise.
	Do func(ctx context.Context, c *intercom.Client, item T) error

	// Key returns an item's stable, unique key, such as its external id or
	// email. It is required with a Checkpoint, and fills Result.Key and
	// Failure.Key.
	Key func(item T) string

	// Workers is how many items run at once (default [DefaultWorkers]).
	Workers int

	// RateLimiter paces the job's calls. Nil uses the client's (see
	// intercom.WithRateLimiter) or, when the client has none, a
	// ratelimit.Local at Intercom's defaults made for the run.
	RateLimiter intercom.RateLimiter

	// Checkpoint, if set, records the key of each done item and makes the
	// runner skip items whose key it holds. See [OpenFile].
	Checkpoint Checkpoint

	// Progress, if set, is called every ProgressInterval, also while no
	// item finishes (a stall shows as a falling rate), and once at the end
	// with Final set. See [ProgressLine].
	Progress func(Progress)
	// ProgressInterval is the time between progress reports (default
	// [DefaultProgressInterval]), on the Ticker.
	ProgressInterval time.Duration

	// OnResult, if set, is told the outcome of every item the runner took
	// from the input, exactly once per item. It and Progress are never
	// called concurrently; keep them quick, the workers wait for them.
	OnResult func(Result[T])

	// Total, if known, is the number of items in the input; the progress
	// then shows a percentage and an estimated time left.
	Total int

	// Drain is how long the items already running may go on after the
	// context of Run is cancelled (default [DefaultDrain]); after it their
	// context is cancelled too. A negative Drain cancels them at once.
	Drain time.Duration

	// Clock reads the time for the progress: elapsed time, rates and the
	// estimate (default time.Now). Tests pass a fake clock's Now.
	Clock func() time.Time

	// Ticker, if set, makes the ticker that drives the progress reports:
	// it returns a channel that receives a value every d and a function
	// that stops it. Nil uses a time.Ticker. Tests pass a channel they
	// send on, together with Clock.
	Ticker func(d time.Duration) (c <-chan time.Time, stop func())

	// Reconcile, if set, finds out whether the write of an item whose
	// outcome was unknown in an earlier run of this Job was applied after
	// all (see [OutcomeUnknown]). The runner calls it, instead of going
	// straight to Do, for each item whose key an earlier Run of this Job
	// value ended as OutcomeUnknown: done reports that the item needs
	// nothing more (it ends as Done, and is added to the checkpoint);
	// otherwise Do runs. An error fails the item. It needs a Key. With a
	// Reconcile, [Summary.Rerun] includes the items of unknown outcome.
	// The Job value remembers their keys in memory only: another process
	// running the input again calls Do for them directly, so where that
	// matters make Do itself find before it creates.
	// See [FindContact] and [Repeatable] for the patterns of contacts.
	Reconcile func(ctx context.Context, c *intercom.Client, item T) (done bool, err error)

	// unknown holds the keys of the items whose outcome was unknown in a
	// run of this Job and is not settled yet; guarded by unknownMu.
	unknown map[string]struct{}
}

// unknownMu guards Job.unknown of every Job (a mutex in the Job would
// make copying a Job value, before it runs, an error for go vet).
var unknownMu sync.Mutex

// Status is how an item ended.
type Status int

// The statuses of an item.
const (
	// Done: Do returned nil.
	Done Status = iota + 1
	// Failed: Do returned an error, or the runner refused the item (ErrNoKey,
	// ErrDuplicateKey).
	Failed
	// Skipped: the checkpoint holds the item's key from an earlier run.
	Skipped
	// NotStarted: the run stopped (context cancelled, checkpoint failure)
	// before the item began.
	NotStarted
	// OutcomeUnknown: Do failed with an error for which
	// errors.Is(err, intercom.ErrOutcomeUnknown) holds: a write may have
	// been applied although its response was lost. Running Do again could
	// apply it twice (a second lead, a second note); reconcile first (see
	// [Job.Reconcile]).
	OutcomeUnknown
)

// String returns "done", "failed", "skipped" or "not started".
func (s Status) String() string {
	switch s {
	case Done:
		return "done"
	case Failed:
		return "failed"
	case Skipped:
		return "skipped"
	case NotStarted:
		return "not started"
	case OutcomeUnknown:
		return "outcome unknown"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Result is the outcome of one item.
type Result[T any] struct {
	// Item is the item as taken from the input.
	Item T
	// Key is Job.Key(Item), or "" without a Key function.
	Key string
	// Status is how the item ended.
	Status Status
	// Err is the item's error when Status is Failed or OutcomeUnknown,
	// else nil.
	Err error
}

// Failure is an item that failed, and why.
type Failure[T any] struct {
	// Item is the item as taken from the input.
	Item T
	// Key is Job.Key(Item), or "" without a Key function.
	Key string
	// Err is the error Do returned (or ErrNoKey, ErrDuplicateKey, a
	// *PanicError).
	Err error
}

// Summary is the outcome of a run.
type Summary[T any] struct {
	// Done, Failed, Skipped, NotStarted and Unknown (OutcomeUnknown) count
	// the items taken from the input by status.
	Done, Failed, Skipped, NotStarted, Unknown int
	// Calls counts the HTTP requests the job's calls sent (retries
	// included); Retries the attempts that were followed by another;
	// RateLimited the 429 responses.
	Calls, Retries, RateLimited int64
	// Elapsed is the run's duration on Job.Clock.
	Elapsed time.Duration
	// Failures lists the failed items in the order they failed.
	Failures []Failure[T]
	// Unknowns lists the items whose outcome is unknown (their write may
	// have been applied), in the order they ended.
	Unknowns []Failure[T]
	// LimiterFailed counts the failed items whose error came from the rate
	// limiter (it could not be consulted, for example Redis was down with a
	// limiter that fails closed): the run then returns an error.
	LimiterFailed int
	// NotStartedItems lists the items taken from the input that never began.
	// Items the run never took from the input are not listed: run the same
	// input again (with a checkpoint, the done ones are skipped).
	NotStartedItems []T

	reconcile bool // the job has a Reconcile step
}

// Items returns the number of items taken from the input.
func (s *Summary[T]) Items() int {
	return s.Done + s.Failed + s.Skipped + s.NotStarted + s.Unknown
}

// Rerun returns the failed items, then the items that never began, as a
// sequence to run again with the same Job. The items whose outcome is
// unknown come last, and only when the job has a [Job.Reconcile] step,
// which the runner then calls for them before Do: without one, running
// them again could apply their writes twice. Handle them yourself from
// [Summary.Unknowns] in that case.
func (s *Summary[T]) Rerun() iter.Seq[T] {
	return func(yield func(T) bool) {
		for _, f := range s.Failures {
			if !yield(f.Item) {
				return
			}
		}
		for _, it := range s.NotStartedItems {
			if !yield(it) {
				return
			}
		}
		if !s.reconcile {
			return
		}
		for _, u := range s.Unknowns {
			if !yield(u.Item) {
				return
			}
		}
	}
}

// String describes the run in one line, e.g. "10000 items: 9800 done, 150
// failed, 0 skipped, 0 not started; 10412 calls (212 retries, 0 rate-limited)
// in 1m47s", with ", 50 outcome unknown" after the failed count when there
// are any.
func (s *Summary[T]) String() string {
	unknown := ""
	if s.Unknown > 0 {
		unknown = fmt.Sprintf(", %d outcome unknown", s.Unknown)
	}
	return fmt.Sprintf("%d items: %d done, %d failed%s, %d skipped, %d not started; %d calls (%d retries, %d rate-limited) in %v",
		s.Items(), s.Done, s.Failed, unknown, s.Skipped, s.NotStarted, s.Calls, s.Retries, s.RateLimited, s.Elapsed.Round(time.Millisecond))
}

// task is one item on its way to a worker.
type task[T any] struct {
	item T
	key  string
}

// Run performs Do for every item of items with c, as the Job describes, and
// returns the summary. It returns when every item it took from the input has
// ended.
//
// The error is nil when the whole input was consumed, whatever failed: the
// failures are in the summary. It is non-nil, with the summary of what was
// done, when the run stopped early: ctx was cancelled (errors.Is(err,
// ctx.Err()) holds), or the checkpoint failed. An invalid Job or a nil
// argument is an error with a nil summary.
func (j *Job[T]) Run(ctx context.Context, c *intercom.Client, items iter.Seq[T]) (*Summary[T], error) {
	switch {
	case c == nil:
		return nil, errors.New("bulk: Run: nil client")
	case items == nil:
		return nil, errors.New("bulk: Run: nil items")
	case j.Do == nil:
		return nil, errors.New("bulk: Run: Job.Do is nil")
	case j.Checkpoint != nil && j.Key == nil:
		return nil, errors.New("bulk: Run: a Job with a Checkpoint needs a Key function")
	case j.Reconcile != nil && j.Key == nil:
		return nil, errors.New("bulk: Run: a Job with a Reconcile step needs a Key function")
	case j.Workers < 0:
		return nil, fmt.Errorf("bulk: Run: negative Workers %d", j.Workers)
	case j.Total < 0:
		return nil, fmt.Errorf("bulk: Run: negative Total %d", j.Total)
	}
	r, err := j.newRun(c)
	if err != nil {
		return nil, err
	}

	// The items' context outlives ctx by the drain time, so that items
	// already running finish instead of ending half-done.
	itemCtx, cancelItems := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelItems()
	var drainTimer atomic.Pointer[time.Timer]
	stopDrain := context.AfterFunc(ctx, func() {
		switch d := j.drain(); {
		case d < 0:
			cancelItems()
		default:
			drainTimer.Store(time.AfterFunc(d, cancelItems))
		}
	})
	defer func() {
		stopDrain()
		if t := drainTimer.Load(); t != nil {
			t.Stop()
		}
	}()
	itemCtx = intercom.ContextWithOptions(itemCtx, r.callOpts...)

	stopReports := r.startReports()

	work := make(chan task[T])
	var wg sync.WaitGroup
	for range j.workers() {
		wg.Go(func() {
			for t := range work {
				r.inFlight.Add(1)
				r.perform(itemCtx, c, t)
			}
		})
	}

	var stopErr error
	for item := range items {
		if err := r.stopped(ctx); err != nil {
			r.end(task[T]{item: item, key: j.key(item)}, NotStarted, nil)
			stopErr = err
			break
		}
		t := task[T]{item: item, key: j.key(item)}
		if j.Checkpoint != nil {
			if skip, refuse := r.screen(ctx, t); refuse != nil {
				if r.fatal.Load() != nil {
					r.end(t, NotStarted, nil)
					stopErr = r.stopped(ctx)
					break
				}
				r.end(t, Failed, refuse)
				continue
			} else if skip {
				r.end(t, Skipped, nil)
				continue
			}
		}
		select {
		case work <- t:
			continue
		case <-ctx.Done():
		case <-r.fatalCh:
		}
		r.release(t.key)
		r.end(t, NotStarted, nil)
		stopErr = r.stopped(ctx)
		break
	}
	close(work)
	wg.Wait()
	stopReports()
	if stopErr == nil {
		// A checkpoint failure of the last items, or a cancellation after
		// the input ended, leaves the run complete: only a failure counts.
		if e := r.fatal.Load(); e != nil {
			stopErr = *e
		}
	}
	sum := r.finish()
	if stopErr == nil && sum.LimiterFailed > 0 {
		stopErr = fmt.Errorf("bulk: %d items failed because the rate limiter failed (first: %w)", sum.LimiterFailed, r.limiterErr)
	}
	return sum, stopErr
}

func (j *Job[T]) key(item T) string {
	if j.Key == nil {
		return ""
	}
	return j.Key(item)
}

func (j *Job[T]) workers() int {
	if j.Workers == 0 {
		return DefaultWorkers
	}
	return j.Workers
}

func (j *Job[T]) drain() time.Duration {
	if j.Drain == 0 {
		return DefaultDrain
	}
	return j.Drain
}

// run is the state of one Run.
type run[T any] struct {
	job      *Job[T]
	now      func() time.Time
	start    time.Time
	callOpts []intercom.Option
	counter  *callCounter
	inFlight atomic.Int64

	fatal     atomic.Pointer[error]
	fatalOnce sync.Once
	fatalCh   chan struct{}

	keysMu  sync.Mutex
	running map[string]struct{} // keys of running items, with a checkpoint

	mu         sync.Mutex // guards sum, samples, limiterErr, and serialises callbacks
	sum        Summary[T]
	samples    []sample // recent counts, for the current rates
	limiterErr error    // the first item error caused by the rate limiter
}

// sample is the counts of a run at one moment, for the current rates.
type sample struct {
	at           time.Time
	calls, items int64
}

// RateWindow is the span of time over which [Progress] computes the current
// rates and the estimate.
const RateWindow = 10 * time.Second

func (j *Job[T]) newRun(c *intercom.Client) (*run[T], error) {
	r := &run[T]{job: j, now: j.Clock, counter: &callCounter{}, fatalCh: make(chan struct{})}
	if r.now == nil {
		r.now = time.Now
	}
	r.start = r.now()
	r.sum.reconcile = j.Reconcile != nil
	r.samples = []sample{{at: r.start}}
	r.callOpts = []intercom.Option{intercom.WithObserver(r.counter)}
	lim := j.RateLimiter
	if lim == nil {
		lim = c.RateLimiter()
	}
	if lim == nil {
		l, err := ratelimit.NewLocal()
		if err != nil {
			return nil, fmt.Errorf("bulk: default rate limiter: %w", err)
		}
		lim = l
	}
	r.callOpts = append(r.callOpts, intercom.WithRateLimiter(limiterProbe{lim}))
	if j.Checkpoint != nil {
		r.running = make(map[string]struct{})
	}
	return r, nil
}

// ErrRateLimiter is wrapped by the error of a call whose rate limiter
// failed (its Wait returned an error other than the context's), for
// example a Redis-backed limiter that could not reach Redis. An item that
// fails with it is counted in [Summary.LimiterFailed], and makes Run return
// an error.
var ErrRateLimiter = errors.New("bulk: the rate limiter failed")

// limiterProbe marks the errors of a rate limiter with ErrRateLimiter.
type limiterProbe struct{ intercom.RateLimiter }

func (p limiterProbe) Wait(ctx context.Context) error {
	err := p.RateLimiter.Wait(ctx)
	if err != nil && ctx.Err() == nil {
		return fmt.Errorf("%w: %w", ErrRateLimiter, err)
	}
	return err
}

// PanicError is the error of an item whose Do (or Reconcile) panicked: the
// runner recovers the panic, fails that item with a PanicError, and goes
// on with the others.
type PanicError struct {
	// Value is the value passed to panic.
	Value any
	// Stack is the goroutine's stack trace at the panic.
	Stack []byte
}

// Error returns "bulk: item panicked: " and the panic value.
func (e *PanicError) Error() string { return fmt.Sprintf("bulk: item panicked: %v", e.Value) }

// Unwrap returns the panic value when it is an error, else nil.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// ticker returns the progress ticker.
func (j *Job[T]) ticker(d time.Duration) (<-chan time.Time, func()) {
	if j.Ticker != nil {
		return j.Ticker(d)
	}
	t := time.NewTicker(d)
	return t.C, t.Stop
}

// startReports starts the progress reports on the ticker, if the job has
// a Progress; the returned function stops them.
func (r *run[T]) startReports() func() {
	if r.job.Progress == nil {
		return func() {}
	}
	iv := r.job.ProgressInterval
	if iv <= 0 {
		iv = DefaultProgressInterval
	}
	tick, stopTick := r.job.ticker(iv)
	quit, exited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited)
		for {
			select {
			case <-tick:
				r.mu.Lock()
				r.job.Progress(r.progress(r.now(), false))
				r.mu.Unlock()
			case <-quit:
				return
			}
		}
	}()
	return func() {
		close(quit)
		<-exited
		stopTick()
	}
}

// wasUnknown reports whether the item with key ended as OutcomeUnknown in
// an earlier run of the job.
func (j *Job[T]) wasUnknown(key string) bool {
	unknownMu.Lock()
	defer unknownMu.Unlock()
	_, ok := j.unknown[key]
	return ok
}

// setUnknown records (or forgets) that the item with key has an unknown
// outcome.
func (j *Job[T]) setUnknown(key string, unknown bool) {
	if key == "" {
		return
	}
	unknownMu.Lock()
	defer unknownMu.Unlock()
	if !unknown {
		delete(j.unknown, key)
		return
	}
	if j.unknown == nil {
		j.unknown = make(map[string]struct{})
	}
	j.unknown[key] = struct{}{}
}

// stopped returns why the run must take no more items, or nil.
func (r *run[T]) stopped(ctx context.Context) error {
	if e := r.fatal.Load(); e != nil {
		return *e
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("bulk: run stopped: %w", err)
	}
	return nil
}

// fail stops the run for good (a checkpoint failure).
func (r *run[T]) fail(err error) {
	r.fatalOnce.Do(func() {
		r.fatal.Store(&err)
		close(r.fatalCh)
	})
}

// screen decides, with a checkpoint, whether an item is skipped, refused
// (ErrNoKey, ErrDuplicateKey, or a checkpoint failure, which also stops the
// run) or run; a run item's key is marked running.
func (r *run[T]) screen(ctx context.Context, t task[T]) (skip bool, refuse error) {
	if t.key == "" {
		return false, ErrNoKey
	}
	done, err := r.job.Checkpoint.Contains(ctx, t.key)
	if err != nil {
		err = fmt.Errorf("bulk: checkpoint: %w", err)
		r.fail(err)
		return false, err
	}
	if done {
		return true, nil
	}
	r.keysMu.Lock()
	defer r.keysMu.Unlock()
	if _, dup := r.running[t.key]; dup {
		return false, ErrDuplicateKey
	}
	r.running[t.key] = struct{}{}
	return false, nil
}

// release forgets that the item with key is running.
func (r *run[T]) release(key string) {
	if r.running == nil {
		return
	}
	r.keysMu.Lock()
	delete(r.running, key)
	r.keysMu.Unlock()
}

// perform runs one item and records its end.
func (r *run[T]) perform(ctx context.Context, c *intercom.Client, t task[T]) {
	unsettled, err := r.do(ctx, c, t)
	if err == nil && r.job.Checkpoint != nil {
		// Record even when the run's context is cancelled: the item is done.
		if cerr := r.job.Checkpoint.Add(context.WithoutCancel(ctx), t.key); cerr != nil {
			r.fail(fmt.Errorf("bulk: checkpoint: %w", cerr))
		}
	}
	r.release(t.key)
	r.inFlight.Add(-1)
	st := Done
	switch {
	case err == nil:
	case errors.Is(err, intercom.ErrOutcomeUnknown):
		st = OutcomeUnknown
	default:
		st = Failed
	}
	if r.job.Reconcile != nil {
		r.job.setUnknown(t.key, st == OutcomeUnknown || unsettled)
	}
	r.end(t, st, err)
}

// do reconciles the item if an earlier run left its outcome unknown, then
// runs Do unless it is done; a panic becomes the item's *PanicError.
// unsettled reports that reconciling failed: the outcome is still unknown
// and the next run must reconcile again.
func (r *run[T]) do(ctx context.Context, c *intercom.Client, t task[T]) (unsettled bool, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &PanicError{Value: v, Stack: debug.Stack()}
		}
	}()
	if r.job.Reconcile != nil && r.job.wasUnknown(t.key) {
		unsettled = true
		done, err := r.job.Reconcile(ctx, c, t.item)
		if err != nil {
			return true, fmt.Errorf("bulk: reconciling an item of unknown outcome: %w", err)
		}
		if done {
			return false, nil
		}
		unsettled = false
	}
	return false, r.job.Do(ctx, c, t.item)
}

// end records the outcome of one item and reports it.
func (r *run[T]) end(t task[T], st Status, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := &r.sum
	switch st {
	case Done:
		s.Done++
	case Failed:
		s.Failed++
		s.Failures = append(s.Failures, Failure[T]{Item: t.item, Key: t.key, Err: err})
	case Skipped:
		s.Skipped++
	case NotStarted:
		s.NotStarted++
		s.NotStartedItems = append(s.NotStartedItems, t.item)
	case OutcomeUnknown:
		s.Unknown++
		s.Unknowns = append(s.Unknowns, Failure[T]{Item: t.item, Key: t.key, Err: err})
	}
	if st == Failed && errors.Is(err, ErrRateLimiter) {
		s.LimiterFailed++
		if r.limiterErr == nil {
			r.limiterErr = err
		}
	}
	if r.job.OnResult != nil {
		r.job.OnResult(Result[T]{Item: t.item, Key: t.key, Status: st, Err: err})
	}
}

// progress builds a report. r.mu is held.
func (r *run[T]) progress(now time.Time, final bool) Progress {
	s := &r.sum
	p := Progress{
		Done: s.Done, Failed: s.Failed, Skipped: s.Skipped, NotStarted: s.NotStarted, Unknown: s.Unknown,
		InFlight: int(r.inFlight.Load()), Total: r.job.Total,
		Calls: r.counter.calls.Load(), Retries: r.counter.retries.Load(), RateLimited: r.counter.limited.Load(),
		Elapsed: now.Sub(r.start), Final: final,
	}
	items := int64(p.Done + p.Failed + p.Unknown)
	// The current rates: over the samples of the last RateWindow (the
	// oldest kept is the last one older than the window, so a stall shows
	// as a falling rate); the final report gives the averages of the run.
	r.samples = append(r.samples, sample{at: now, calls: p.Calls, items: items})
	cut := 0
	for cut < len(r.samples)-2 && now.Sub(r.samples[cut+1].at) >= RateWindow {
		cut++
	}
	r.samples = r.samples[cut:]
	base := r.samples[0]
	if final {
		base = sample{at: r.start}
	}
	if secs := now.Sub(base.at).Seconds(); secs > 0 {
		p.CallsPerSecond = float64(p.Calls-base.calls) / secs
		p.ItemsPerSecond = float64(items-base.items) / secs
	}
	if left := p.Total - p.Done - p.Failed - p.Skipped - p.NotStarted - p.Unknown; !final && p.Total > 0 && left > 0 && p.ItemsPerSecond > 0 {
		p.ETA = time.Duration(float64(left) / p.ItemsPerSecond * float64(time.Second))
	}
	return p
}

// finish builds the summary and sends the final report.
func (r *run[T]) finish() *Summary[T] {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	sum := r.sum
	sum.Elapsed = now.Sub(r.start)
	sum.Calls, sum.Retries, sum.RateLimited = r.counter.calls.Load(), r.counter.retries.Load(), r.counter.limited.Load()
	if r.job.Progress != nil {
		r.job.Progress(r.progress(now, true))
	}
	return &sum
}

// callCounter counts the job's calls through the client's observer hook.
type callCounter struct {
	calls, retries, limited atomic.Int64
}

func (c *callCounter) ObserveCall(ctx context.Context, _ intercom.CallInfo) (context.Context, intercom.CallObserver) {
	return ctx, c
}

func (c *callCounter) AttemptDone(a intercom.AttemptInfo) {
	if a.Sent {
		c.calls.Add(1)
	}
	if a.Retry {
		c.retries.Add(1)
	}
	if a.StatusCode == 429 {
		c.limited.Add(1)
	}
}

func (c *callCounter) CallDone(intercom.CallResult) {}
