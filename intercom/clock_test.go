package intercom

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

// stepClock is a Clock whose Sleep records the wait and moves the time.
type stepClock struct {
	mu    sync.Mutex
	now   time.Time
	waits []time.Duration
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *stepClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.waits = append(c.waits, d)
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return ctx.Err()
}

func TestWithClockDrivesRetryWaits(t *testing.T) {
	s, u := newScripted(t,
		scriptStep{status: 429, header: map[string]string{"Retry-After": "12"}},
		scriptStep{status: 200})
	clock := &stepClock{now: coreNow}
	c, err := NewClient(coreToken, WithBaseURL(u), WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.CloseIdleConnections)
	start := time.Now()
	if _, err := c.Admins.Me(context.Background()); err != nil {
		t.Fatal(err)
	}
	if real := time.Since(start); real > 5*time.Second {
		t.Errorf("the retry waited %v of real time", real)
	}
	if s.hits() != 2 || len(clock.waits) != 1 || clock.waits[0] != 12*time.Second {
		t.Errorf("hits %d, waits %v; want 2 and [12s]", s.hits(), clock.waits)
	}

	// As a call option, and nil is refused.
	clock2 := &stepClock{now: coreNow}
	s2, u2 := newScripted(t, scriptStep{status: 503, header: map[string]string{"Retry-After": "3"}}, scriptStep{status: 200})
	c2, err := NewClient(coreToken, WithBaseURL(u2))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c2.CloseIdleConnections)
	if _, err := c2.Admins.Me(context.Background(), WithClock(clock2)); err != nil || s2.hits() != 2 || len(clock2.waits) != 1 {
		t.Errorf("call option: err %v, hits %d, waits %v", err, s2.hits(), clock2.waits)
	}
	if _, err := NewClient(coreToken, WithClock(nil)); err == nil || !strings.Contains(err.Error(), "nil clock") {
		t.Errorf("nil clock: %v", err)
	}
}
