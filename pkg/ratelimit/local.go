package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/intercomkit/intercom-go/intercom"
)

// Local is an in-process [intercom.RateLimiter] built on golang.org/x/time/rate.
//
// Create one per process and give the same *Local to every client (with
// intercom.WithRateLimiter) and goroutine that calls the same Intercom app: it
// paces them together, so the process as a whole stays within the budget. It
// is safe for concurrent use. For several processes, use the Redis-backed
// limiter of github.com/intercomkit/intercom-go/pkg/ratelimit/redisrate.
//
// Wait paces requests so that no window sees more than Share × Limit of them
// (see [Pace]); Observe applies [PauseUntil] with a cap of one window, and
// takes the budget from the X-RateLimit-Limit header unless
// [WithoutLimitLearning] is set.
//
// The zero Local (declared with var, or embedded by value) is ready to use:
// it has the settings of NewLocal() with no option. A Local must not be
// copied after first use.
type Local struct {
	setup sync.Once // fills in the defaults of a zero Local

	clock  Clock
	window time.Duration
	share  float64
	burst  int
	learn  bool

	turn chan struct{} // held by the request at the head of the queue

	mu          sync.Mutex
	limit       int // current budget of one window
	lim         *rate.Limiter
	pausedUntil time.Time
}

var _ intercom.RateLimiter = (*Local)(nil)

// Option configures a [Local] limiter. An invalid option makes NewLocal
// return an error.
type Option func(*settings) error

type settings struct {
	limit  int
	window time.Duration
	share  float64
	burst  int
	clock  Clock
	learn  bool
}

// WithLimit sets the budget: limit requests per window (default
// [DefaultLimit] per [DefaultWindow]). The window must match the server's;
// responses' X-RateLimit-Limit headers later replace limit unless
// [WithoutLimitLearning] is set.
func WithLimit(limit int, window time.Duration) Option {
	return func(s *settings) error {
		if limit < 1 {
			return fmt.Errorf("ratelimit: limit must be at least 1, got %d", limit)
		}
		if window <= 0 {
			return fmt.Errorf("ratelimit: window must be positive, got %v", window)
		}
		s.limit, s.window = limit, window
		return nil
	}
}

// WithShare sets the share of each window's budget the limiter uses, in
// (0, 1] (default [DefaultShare]). Use a smaller share to leave room for
// other programs calling the same app.
func WithShare(share float64) Option {
	return func(s *settings) error {
		if !(share > 0 && share <= 1) {
			return fmt.Errorf("ratelimit: share must be in (0, 1], got %v", share)
		}
		s.share = share
		return nil
	}
}

// WithBurst sets how many requests may go at once after an idle time
// (default [DefaultBurst]). A larger burst lowers the steady rate so that a
// window still holds at most Share × Limit requests (see [Pace]).
func WithBurst(burst int) Option {
	return func(s *settings) error {
		if burst < 1 {
			return fmt.Errorf("ratelimit: burst must be at least 1, got %d", burst)
		}
		s.burst = burst
		return nil
	}
}

// WithClock sets the clock used to read the time and to wait (default
// [SystemClock]); tests pass a fake one.
func WithClock(c Clock) Option {
	return func(s *settings) error {
		if c == nil {
			return errors.New("ratelimit: clock must not be nil")
		}
		s.clock = c
		return nil
	}
}

// WithoutLimitLearning keeps the configured limit: the X-RateLimit-Limit
// header of responses no longer changes it. Pauses after a 429 or an
// exhausted window still apply.
func WithoutLimitLearning() Option {
	return func(s *settings) error {
		s.learn = false
		return nil
	}
}

// NewLocal returns an in-process limiter configured by opts. With no option
// it uses Intercom's defaults: 95% of 1,666 requests per 10-second window,
// learning the real budget from the responses.
func NewLocal(opts ...Option) (*Local, error) {
	s := defaultSettings()
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&s); err != nil {
			return nil, err
		}
	}
	l := &Local{}
	if err := l.init(s); err != nil {
		return nil, err
	}
	return l, nil
}

// defaultSettings are the settings of NewLocal() with no option.
func defaultSettings() settings {
	return settings{
		limit:  DefaultLimit,
		window: DefaultWindow,
		share:  DefaultShare,
		burst:  DefaultBurst,
		clock:  SystemClock(),
		learn:  true,
	}
}

// init configures l with s.
func (l *Local) init(s settings) error {
	r, b, err := Pace(s.limit, s.share, s.burst)
	if err != nil {
		return err
	}
	l.clock, l.window, l.share, l.burst, l.learn, l.limit = s.clock, s.window, s.share, s.burst, s.learn, s.limit
	l.turn = make(chan struct{}, 1)
	l.lim = rate.NewLimiter(l.perSecond(r), b)
	return nil
}

// ready gives a zero Local the defaults of NewLocal(); a Local made by
// NewLocal is left as it is.
func (l *Local) ready() {
	l.setup.Do(func() {
		if l.turn != nil {
			return
		}
		_ = l.init(defaultSettings()) // the defaults are valid: init cannot fail
	})
}

// perSecond converts a rate per window to the limiter's unit. The interval
// between tokens is rounded up, plus a nanosecond, so that float rounding in
// the limiter can never fit one more request into a window than Pace allows.
func (l *Local) perSecond(ratePerWindow int) rate.Limit {
	n := time.Duration(ratePerWindow)
	return rate.Every((l.window+n-1)/n + time.Nanosecond)
}

// Wait blocks until one request may be sent, or ctx is done (then it
// returns ctx.Err()). It first waits out any pause learned by Observe, then
// for a token of the pace.
//
// Waiting requests are served one at a time, in the order they called Wait,
// and each is admitted by the state of the bucket at the moment it goes: a
// process that was not scheduled for a while (CPU contention, a long GC)
// then lets through at most the burst, not every request whose turn passed
// in the meantime.
func (l *Local) Wait(ctx context.Context) error {
	l.ready()
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
		var d time.Duration
		if pause := l.pausedUntil.Sub(now); pause > 0 {
			d = pause
		} else if l.lim.AllowN(now, 1) {
			l.mu.Unlock()
			return nil
		} else {
			d = untilToken(l.lim, now)
		}
		l.mu.Unlock()
		if err := l.clock.Sleep(ctx, d); err != nil {
			return err
		}
	}
}

// untilToken returns how long after now the bucket holds one whole token
// (at least 1ns, so that a float rounding cannot make a caller spin).
func untilToken(lim *rate.Limiter, now time.Time) time.Duration {
	missing := 1 - lim.TokensAt(now)
	d := time.Duration(math.Ceil(missing / float64(lim.Limit()) * float64(time.Second)))
	return max(d, time.Nanosecond)
}

// Observe learns from one response: a 429 or an exhausted window pauses all
// waiting and future requests until the window's reset (at most one window),
// and the X-RateLimit-Limit header replaces the budget.
func (l *Local) Observe(status int, rl intercom.RateLimit) {
	l.ready()
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock.Now()
	if until := PauseUntil(now, status, rl, l.window); until.After(l.pausedUntil) {
		l.pausedUntil = until
	}
	if l.learn && rl.Limit > 0 && rl.Limit != l.limit {
		r, b, err := Pace(rl.Limit, l.share, l.burst)
		if err != nil { // cannot happen: all inputs were checked
			return
		}
		l.limit = rl.Limit
		l.lim.SetLimitAt(now, l.perSecond(r))
		l.lim.SetBurstAt(now, b)
	}
}
