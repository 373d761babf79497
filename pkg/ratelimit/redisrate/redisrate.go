// Package redisrate provides an [intercom.RateLimiter] shared by every process
// that calls the same Intercom app, with its state in Redis.
//
// It is a separate Go module, so that programs which do not use it do not
// depend on a Redis client. It paces requests with the GCRA of
// github.com/go-redis/redis_rate/v10 on github.com/redis/go-redis/v9, by the
// same rules as the in-process [ratelimit.Local]: no window sees more than
// Share × Limit requests (see [ratelimit.Pace]); a 429 or an exhausted window
// pauses every process until the window's reset (see [ratelimit.PauseUntil]);
// the X-RateLimit-Limit header adjusts the budget.
//
// # Window edges
//
// Intercom counts requests when they arrive, in its own fixed windows; the
// pace grants them a little earlier, and a request granted at the end of one
// window can arrive in the next, on top of that window's budget. Each
// limiter therefore measures how long after a grant the response comes back
// (the longest delay of the last two windows, from the moment it asked
// Redis) and holds back from each window's pace the requests that fit in
// that delay, plus a quarter. On a quiet machine that is a request or two of
// a 10-second window; under load the margin grows with the delay, so a run
// at the full budget gets no 429.
//
// # Keys
//
// A limiter named key uses two Redis keys: "rate:"+key (the GCRA state, kept
// by redis_rate) and key+":pause", which exists, with an expiry, while a
// pause learned from a response is in force. Every process limiting the same
// Intercom app must use the same key (for example "intercom:" plus the app
// id) and the same Redis. Both keys expire by themselves.
//
// # When Redis is unreachable
//
// Wait needs Redis for every request. When a Redis command fails (connection
// refused, timeout, a Redis error) the limiter does what its [FailureMode]
// says:
//
//   - [FailOpen] (the default): the process goes on under its own share of
//     the budget, paced in process: Share × Limit divided by the number of
//     processes that used the key lately (each limiter records itself in
//     Redis, key+":procs", every few seconds while Redis answers; see
//     [WithProcesses] to set the number). Pauses this process learned itself
//     from a 429 are honoured. So an outage neither stops the work nor lets
//     the processes together exceed the budget (as long as the number of
//     processes does not grow during it).
//   - [FailClosed]: Wait waits for Redis to answer again, trying it with
//     exponential backoff up to the retry interval ([WithRetryInterval]),
//     for as long as its context allows: no request is sent while the
//     limiter cannot be consulted, and none fails because of the outage.
//     When the context ends first, the error wraps the context's error and
//     [ErrUnavailable].
//
// Either way the outage is logged through log/slog once (a warning, and an
// informational message when Redis answers again). After a failed command
// the limiter leaves Redis alone for a while (the retry interval when
// failing open, the backoff when failing closed), so that an outage does
// not add a timeout to every request. Observe cannot return an error: when
// it cannot record a pause in Redis it keeps the pause for its own process.
//
// How fast a command fails is up to the Redis client: a refused connection
// fails at once, a host that does not answer takes the client's DialTimeout
// (times DialerRetries and MaxRetries) unless the limiter's timeout
// ([WithTimeout]) cuts it short, which needs ContextTimeoutEnabled on the
// client for a connection already open.
package redisrate

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/ratelimit"
)

// ErrUnavailable is wrapped, with the context's error, by the error Wait
// returns when its context ends while it waits for Redis to answer again
// (a limiter that fails closed).
var ErrUnavailable = errors.New("redisrate: redis unavailable")

// FailureMode is what a limiter does when Redis cannot be used.
type FailureMode int

const (
	// FailOpen paces requests in process, at this process's share of the
	// budget, while Redis cannot be used.
	FailOpen FailureMode = iota
	// FailClosed makes Wait wait, inside its context, until Redis answers.
	FailClosed
)

// String returns "fail open" or "fail closed".
func (m FailureMode) String() string {
	switch m {
	case FailOpen:
		return "fail open"
	case FailClosed:
		return "fail closed"
	}
	return fmt.Sprintf("FailureMode(%d)", int(m))
}

// Defaults of the options about Redis.
const (
	// DefaultTimeout bounds each Redis command of a limiter.
	DefaultTimeout = time.Second
	// DefaultRetryInterval is how long a limiter that fails open leaves
	// Redis alone after a failed command, and the longest backoff of one
	// that fails closed.
	DefaultRetryInterval = time.Second
	// heartbeat is how often a limiter records itself in Redis, for the
	// count of processes sharing the key; an entry older than three
	// heartbeats no longer counts.
	heartbeat = 2 * time.Second
	// minBackoff and firstBackoff bound the first waits of a limiter that
	// fails closed.
	minBackoff, firstBackoff = 10 * time.Millisecond, 50 * time.Millisecond
)

// Limiter is an [intercom.RateLimiter] whose state lives in Redis, so that
// every process using the same Redis and key shares one budget. Give one
// Limiter to every client of a process (it serves its own waiting goroutines
// one at a time, so that only one of them polls Redis). It is safe for
// concurrent use.
type Limiter struct {
	rdb      redis.UniversalClient
	gcra     *redis_rate.Limiter
	key      string
	pauseKey string
	procsKey string
	id       string // this limiter's member in procsKey
	procs    int    // WithProcesses, or 0 to count them in Redis

	window  time.Duration
	share   float64
	burst   int
	learn   bool
	mode    FailureMode
	logger  *slog.Logger
	clock   ratelimit.Clock
	timeout time.Duration
	retry   time.Duration

	turn chan struct{} // held by the goroutine at the head of the queue

	mu          sync.Mutex
	limit       int              // current budget of one window
	pace        redis_rate.Limit // derived from limit and margin
	margin      int              // requests held back from each window (edge.go)
	edge        edgeGuard
	pausedUntil time.Time        // pause this process learned itself
	retryAt     time.Time        // after a failure: Redis is left alone until then
	lastErr     error            // the failure
	backoff     time.Duration    // the next wait of a limiter failing closed
	peers       int              // processes sharing the key, as last counted
	nextBeat    time.Time        // when to record this process in Redis again
	fallback    *ratelimit.Local // the in-process pace while failing open
	fallbackFor [2]int           // limit and peers fallback was made for

	down atomic.Bool // the last Redis command failed (for logging once)
}

var _ intercom.RateLimiter = (*Limiter)(nil)

// Option configures a [Limiter]. An invalid option makes New return an error.
type Option func(*settings) error

type settings struct {
	limit   int
	window  time.Duration
	share   float64
	burst   int
	learn   bool
	mode    FailureMode
	logger  *slog.Logger
	clock   ratelimit.Clock
	timeout time.Duration
	retry   time.Duration
	procs   int
}

// WithProcesses sets the number of processes sharing the budget, for the
// share each takes while Redis is unreachable and the limiter fails open
// (it then paces at Share × Limit / n). By default the limiters count
// themselves in Redis.
func WithProcesses(n int) Option {
	return func(s *settings) error {
		if n < 1 {
			return fmt.Errorf("redisrate: processes must be at least 1, got %d", n)
		}
		s.procs = n
		return nil
	}
}

// WithLimit sets the budget: limit requests per window (default
// [ratelimit.DefaultLimit] per [ratelimit.DefaultWindow]). The window must
// match the server's; responses' X-RateLimit-Limit headers later replace
// limit unless [WithoutLimitLearning] is set.
func WithLimit(limit int, window time.Duration) Option {
	return func(s *settings) error {
		if limit < 1 {
			return fmt.Errorf("redisrate: limit must be at least 1, got %d", limit)
		}
		if window <= 0 {
			return fmt.Errorf("redisrate: window must be positive, got %v", window)
		}
		s.limit, s.window = limit, window
		return nil
	}
}

// WithShare sets the share of each window's budget the processes together
// use, in (0, 1] (default [ratelimit.DefaultShare]).
func WithShare(share float64) Option {
	return func(s *settings) error {
		if !(share > 0 && share <= 1) {
			return fmt.Errorf("redisrate: share must be in (0, 1], got %v", share)
		}
		s.share = share
		return nil
	}
}

// WithBurst sets how many requests may go at once after an idle time
// (default [ratelimit.DefaultBurst]); see [ratelimit.Pace].
func WithBurst(burst int) Option {
	return func(s *settings) error {
		if burst < 1 {
			return fmt.Errorf("redisrate: burst must be at least 1, got %d", burst)
		}
		s.burst = burst
		return nil
	}
}

// WithoutLimitLearning keeps the configured limit: the X-RateLimit-Limit
// header of responses no longer changes it.
func WithoutLimitLearning() Option {
	return func(s *settings) error {
		s.learn = false
		return nil
	}
}

// WithFailureMode sets what happens when Redis cannot be used (default
// [FailOpen]); see the package documentation.
func WithFailureMode(m FailureMode) Option {
	return func(s *settings) error {
		if m != FailOpen && m != FailClosed {
			return fmt.Errorf("redisrate: unknown failure mode %d", int(m))
		}
		s.mode = m
		return nil
	}
}

// WithLogger sets where outages of Redis are logged (default slog.Default()).
func WithLogger(l *slog.Logger) Option {
	return func(s *settings) error {
		if l == nil {
			return errors.New("redisrate: logger must not be nil")
		}
		s.logger = l
		return nil
	}
}

// WithTimeout bounds each Redis command (default [DefaultTimeout]). For a
// command stuck on a dead connection to be cut short, the Redis client needs
// ContextTimeoutEnabled; otherwise its own read and write timeouts apply.
func WithTimeout(d time.Duration) Option {
	return func(s *settings) error {
		if d <= 0 {
			return fmt.Errorf("redisrate: timeout must be positive, got %v", d)
		}
		s.timeout = d
		return nil
	}
}

// WithRetryInterval sets how long after a failed Redis command a limiter
// that fails open paces in process without trying Redis, and the longest
// wait between two tries of a limiter that fails closed (default
// [DefaultRetryInterval]). This keeps an outage from adding a timeout to
// every request; the first command after the interval probes Redis again.
func WithRetryInterval(d time.Duration) Option {
	return func(s *settings) error {
		if d < 0 {
			return fmt.Errorf("redisrate: retry interval must not be negative, got %v", d)
		}
		s.retry = d
		return nil
	}
}

// WithClock sets the clock used to read the time and to wait (default
// [ratelimit.SystemClock]); tests pass a fake one. The pace itself is
// computed on Redis's clock.
func WithClock(c ratelimit.Clock) Option {
	return func(s *settings) error {
		if c == nil {
			return errors.New("redisrate: clock must not be nil")
		}
		s.clock = c
		return nil
	}
}

// New returns a limiter that keeps its state in rdb under key (see the
// package documentation for the keys used). With no option it uses
// Intercom's defaults, like [ratelimit.NewLocal], and fails open.
func New(rdb redis.UniversalClient, key string, opts ...Option) (*Limiter, error) {
	if rdb == nil {
		return nil, errors.New("redisrate: nil Redis client")
	}
	if key == "" {
		return nil, errors.New("redisrate: empty key")
	}
	s := settings{
		limit:   ratelimit.DefaultLimit,
		window:  ratelimit.DefaultWindow,
		share:   ratelimit.DefaultShare,
		burst:   ratelimit.DefaultBurst,
		learn:   true,
		mode:    FailOpen,
		clock:   ratelimit.SystemClock(),
		timeout: DefaultTimeout,
		retry:   DefaultRetryInterval,
	}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&s); err != nil {
			return nil, err
		}
	}
	if s.logger == nil {
		s.logger = slog.Default()
	}
	l := &Limiter{
		rdb:      rdb,
		gcra:     redis_rate.NewLimiter(rdb),
		key:      key,
		pauseKey: key + ":pause",
		procsKey: key + ":procs",
		id:       newID(),
		procs:    s.procs,
		peers:    max(s.procs, 1),
		window:   s.window,
		share:    s.share,
		burst:    s.burst,
		learn:    s.learn,
		mode:     s.mode,
		logger:   s.logger,
		clock:    s.clock,
		timeout:  s.timeout,
		retry:    s.retry,
		turn:     make(chan struct{}, 1),
	}
	if err := l.setLimit(s.limit); err != nil {
		return nil, err
	}
	return l, nil
}

// gcraGrain is the resolution at which redis_rate stores its state (it
// writes a float of 14 significant digits, seconds since 2017).
const gcraGrain = 10 * time.Microsecond

// setLimit sets the budget of one window. Callers hold l.mu or own l.
func (l *Limiter) setLimit(limit int) error {
	if _, _, err := ratelimit.Pace(limit, l.share, l.burst); err != nil {
		return err
	}
	l.limit = limit
	l.setPace()
	return nil
}

// setPace derives the pace from the budget, less the margin kept at the
// window edges (see edge.go). Callers hold l.mu or own l.
func (l *Limiter) setPace() {
	rate, burst, _ := ratelimit.Pace(l.limit, l.share, l.burst) // checked by setLimit
	rate = max(rate-l.margin, 1)
	// The emission interval is rounded up to redis_rate's grain, so that its
	// rounding cannot fit one more request into a window than Pace allows.
	interval := l.window / time.Duration(rate)
	interval = (interval + gcraGrain - 1) / gcraGrain * gcraGrain
	if interval*time.Duration(rate) < l.window {
		interval += gcraGrain
	}
	l.pace = redis_rate.Limit{Rate: rate, Burst: burst, Period: interval * time.Duration(rate)}
}

// Wait blocks until one request may be sent, or ctx is done (then it returns
// an error wrapping ctx.Err()). It waits out a pause learned by this process
// or, through Redis, by any other, then for the request's turn in the shared
// pace. When Redis cannot be used it paces in process (fail open) or waits
// for Redis (fail closed), as configured.
func (l *Limiter) Wait(ctx context.Context) error {
	if l.rdb == nil {
		return errZeroLimiter
	}
	select {
	case l.turn <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-l.turn }()
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		l.mu.Lock()
		now := l.clock.Now()
		pause := l.pausedUntil.Sub(now)
		pace := l.pace
		down, lastErr, retryAt := now.Before(l.retryAt), l.lastErr, l.retryAt
		l.mu.Unlock()

		if pause <= 0 {
			if down {
				if l.mode == FailOpen {
					return l.fallbackWait(ctx)
				}
				if err := l.clock.Sleep(ctx, retryAt.Sub(now)); err != nil {
					return fmt.Errorf("%w while %w: %w", err, ErrUnavailable, lastErr)
				}
				continue
			}
			var err error
			pause, err = l.sharedPause(ctx)
			if err != nil {
				if cerr := l.unavailable(ctx, err); cerr != nil {
					return cerr
				}
				continue
			}
		}
		if pause > 0 {
			if err := l.clock.Sleep(ctx, pause); err != nil {
				return err
			}
			continue
		}

		asked := l.clock.Now()
		rctx, cancel := context.WithTimeout(ctx, l.timeout)
		res, err := l.gcra.Allow(rctx, l.key, pace)
		cancel()
		if err != nil {
			if cerr := l.unavailable(ctx, err); cerr != nil {
				return cerr
			}
			continue
		}
		l.available()
		l.beat(ctx, now)
		if res.Allowed > 0 {
			l.mu.Lock()
			l.edge.granted(asked)
			l.mu.Unlock()
			return nil
		}
		if err := l.clock.Sleep(ctx, max(res.RetryAfter, time.Microsecond)); err != nil {
			return err
		}
	}
}

// fallbackWait paces a request in process, at this process's share of the
// budget, while Redis cannot be used (fail open).
func (l *Limiter) fallbackWait(ctx context.Context) error {
	l.mu.Lock()
	want := [2]int{max(l.limit/l.peers, 1), l.peers}
	if l.fallback == nil || l.fallbackFor != want {
		fb, err := ratelimit.NewLocal(ratelimit.WithLimit(want[0], l.window), ratelimit.WithShare(l.share),
			ratelimit.WithBurst(max(min(l.burst, want[0]), 1)), ratelimit.WithClock(l.clock), ratelimit.WithoutLimitLearning())
		if err != nil { // cannot happen: the inputs were checked
			l.mu.Unlock()
			return nil
		}
		l.fallback, l.fallbackFor = fb, want
	}
	fb := l.fallback
	l.mu.Unlock()
	return fb.Wait(ctx)
}

// beat records this process in Redis (at most once per heartbeat) and
// learns how many processes share the key.
func (l *Limiter) beat(ctx context.Context, now time.Time) {
	if l.procs > 0 {
		return
	}
	l.mu.Lock()
	due := !now.Before(l.nextBeat)
	if due {
		l.nextBeat = now.Add(heartbeat)
	}
	l.mu.Unlock()
	if !due {
		return
	}
	rctx, cancel := context.WithTimeout(ctx, l.timeout)
	defer cancel()
	n, err := countProcs.Run(rctx, l.rdb, []string{l.procsKey}, now.UnixMilli(), l.id, (3 * heartbeat).Milliseconds()).Int()
	if err != nil || n < 1 {
		return // the count is a hint: keep the last one
	}
	l.mu.Lock()
	l.peers = n
	l.mu.Unlock()
}

// countProcs records ARGV[2] in the sorted set KEYS[1] at time ARGV[1]
// (ms), drops members older than ARGV[3] ms, and returns how many are left.
var countProcs = redis.NewScript(`
local now = tonumber(ARGV[1])
local ttl = tonumber(ARGV[3])
redis.call("ZADD", KEYS[1], now, ARGV[2])
redis.call("ZREMRANGEBYSCORE", KEYS[1], "-inf", now - ttl)
redis.call("PEXPIRE", KEYS[1], ttl)
return redis.call("ZCARD", KEYS[1])
`)

// newID returns a random member name for this limiter.
func newID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// sharedPause returns what is left of the pause recorded in Redis.
func (l *Limiter) sharedPause(ctx context.Context) (time.Duration, error) {
	rctx, cancel := context.WithTimeout(ctx, l.timeout)
	defer cancel()
	ttl, err := l.rdb.PTTL(rctx, l.pauseKey).Result()
	if err != nil {
		return 0, err
	}
	return ttl, nil // negative when there is no pause (no key, or no expiry)
}

// unavailable records a failed Redis command of Wait. It returns the
// error Wait ends with: nil, for Wait to apply the failure mode, or the
// context's error when the caller gave up (Redis is not to blame).
func (l *Limiter) unavailable(ctx context.Context, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return ctxErr
	}
	l.outage(err)
	return nil
}

// outage records a failed Redis command, and logs the start of an outage
// once. Redis is left alone for the retry interval (fail open) or the next
// backoff (fail closed).
func (l *Limiter) outage(err error) {
	l.mu.Lock()
	wait := l.retry
	if l.mode == FailClosed {
		limit := max(l.retry, minBackoff)
		if l.backoff == 0 {
			l.backoff = min(firstBackoff, limit)
		}
		wait = l.backoff
		l.backoff = min(2*l.backoff, limit)
	}
	l.retryAt, l.lastErr = l.clock.Now().Add(wait), err
	l.mu.Unlock()
	if l.down.CompareAndSwap(false, true) {
		l.logger.Warn("intercom rate limiter: Redis unavailable; "+l.mode.String()+" until it answers again",
			slog.String("key", l.key), slog.String("mode", l.mode.String()), slog.Any("error", err))
	}
}

// available logs the end of an outage once.
func (l *Limiter) available() {
	if l.down.CompareAndSwap(true, false) {
		l.mu.Lock()
		l.retryAt, l.lastErr, l.backoff = time.Time{}, nil, 0
		l.mu.Unlock()
		l.logger.Info("intercom rate limiter: Redis available again", slog.String("key", l.key))
	}
}

// Observe learns from one response. A 429 or an exhausted window pauses
// every process until the window's reset (at most one window): the pause is
// written to Redis as a key with that expiry, and kept by this process too.
// The X-RateLimit-Limit header replaces the budget of this process (every
// process sees the same header, so all of them follow).
func (l *Limiter) Observe(status int, rl intercom.RateLimit) {
	if l.rdb == nil {
		return // the zero Limiter: nothing to learn into
	}
	l.mu.Lock()
	now := l.clock.Now()
	if l.learn && rl.Limit > 0 && rl.Limit != l.limit {
		_ = l.setLimit(rl.Limit) // cannot fail: share and burst were checked
	}
	if rate, _, err := ratelimit.Pace(l.limit, l.share, l.burst); err == nil {
		if m := edgeMargin(rate, l.edge.observed(now, l.window), l.window); m != l.margin {
			l.margin = m
			l.setPace()
		}
	}
	until := ratelimit.PauseUntil(now, status, rl, l.window)
	if until.After(l.pausedUntil) {
		l.pausedUntil = until
	}
	skip := now.Before(l.retryAt)
	l.mu.Unlock()
	if until.IsZero() || skip {
		return
	}
	ms := until.Sub(now).Milliseconds()
	if until.Sub(now)%time.Millisecond != 0 {
		ms++ // round up: never shorten a pause
	}
	ctx, cancel := context.WithTimeout(context.Background(), l.timeout)
	defer cancel()
	if err := extendPause.Run(ctx, l.rdb, []string{l.pauseKey}, ms).Err(); err != nil {
		l.outage(err)
		return
	}
	l.available()
}

// extendPause sets KEYS[1] to expire in ARGV[1] milliseconds, unless it
// already expires later: a pause can be extended, never shortened.
var extendPause = redis.NewScript(`
local ttl = redis.call("PTTL", KEYS[1])
local want = tonumber(ARGV[1])
if ttl < want then
  redis.call("SET", KEYS[1], "1", "PX", want)
  return want
end
return ttl
`)
