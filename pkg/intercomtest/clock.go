package intercomtest

import (
	"context"
	"sync"
	"time"
)

// Clock is the server's source of time. It dates the resources the server
// creates, drives the rate-limit windows and the scroll expiry, and waits out
// injected latency ([Fault.Latency]); the clients made by [Server.Client] and
// [Server.NewClient] wait on it too (retry delays, Retry-After), through
// intercom.WithClock. The default reads the wall clock but never waits: a
// Sleep moves it forward and returns at once, so injected faults and the
// retries they cause take no real time. A [ManualClock] also fixes the time;
// [WallClock] waits for real.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// Sleep waits for d, or until ctx is done, in which case it returns
	// ctx.Err().
	Sleep(ctx context.Context, d time.Duration) error
}

// WallClock returns the wall clock: Now is time.Now and Sleep waits in real
// time (on a timer, or until the context is done). Give it with [WithClock]
// when a test needs injected latency to take real time, for example to
// trigger a client's per-attempt timeout.
func WallClock() Clock { return realClock{} }

// skipClock is the default clock: it reads the wall clock, but a Sleep
// returns at once and moves the clock forward instead, so waits cost no real
// time while timestamps stay current.
type skipClock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *skipClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *skipClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d > 0 {
		c.mu.Lock()
		c.offset += d
		c.mu.Unlock()
	}
	return nil
}

// realClock is the wall clock; Sleep waits on a timer or the context.
type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ManualClock is a [Clock] that only moves when told to: [ManualClock.Advance],
// [ManualClock.Set], or a Sleep, which advances the clock by the duration and
// returns at once. With it, injected latency and rate-limit windows cost no
// real time. It is safe for concurrent use.
type ManualClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewManualClock returns a [ManualClock] showing t.
func NewManualClock(t time.Time) *ManualClock {
	return &ManualClock{now: t}
}

// Now returns the clock's time.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d (a negative d moves it back).
func (c *ManualClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// Set moves the clock to t.
func (c *ManualClock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

// Sleep advances the clock by d and returns immediately, or returns ctx.Err()
// without advancing when ctx is already done.
func (c *ManualClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d > 0 {
		c.Advance(d)
	}
	return nil
}
