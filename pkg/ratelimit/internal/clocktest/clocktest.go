// Package clocktest provides fake clocks for the limiters' tests, so that no
// test of the limiters' logic waits for real time.
package clocktest

import (
	"context"
	"slices"
	"sync"
	"time"
)

// Virtual is a clock whose Sleep advances its time at once by the duration
// asked for. It suits a simulation run by one goroutine: every Sleep is
// recorded and the time moves as if the sleep had happened.
type Virtual struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

// NewVirtual returns a Virtual clock that reads start.
func NewVirtual(start time.Time) *Virtual { return &Virtual{now: start} }

// Now returns the clock's time.
func (v *Virtual) Now() time.Time {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.now
}

// Sleep moves the clock forward by d (if positive) and records d. It returns
// ctx.Err() without moving if ctx is done.
func (v *Virtual) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d <= 0 {
		return nil
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.now = v.now.Add(d)
	v.slept = append(v.slept, d)
	return nil
}

// Advance moves the clock forward by d.
func (v *Virtual) Advance(d time.Duration) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.now = v.now.Add(d)
}

// Slept returns the durations of the sleeps so far, oldest first.
func (v *Virtual) Slept() []time.Duration {
	v.mu.Lock()
	defer v.mu.Unlock()
	return slices.Clone(v.slept)
}

// Manual is a clock that moves only when Advance is called. Sleep blocks
// until the clock has moved past the sleep's end, or its context is done;
// Sleepers lets a test wait until goroutines are blocked in Sleep, without
// waiting for real time.
type Manual struct {
	mu       sync.Mutex
	now      time.Time
	sleepers map[*sleeper]struct{}
	changed  chan struct{} // closed and replaced whenever sleepers change
}

type sleeper struct {
	until time.Time
	wake  chan struct{}
}

// NewManual returns a Manual clock that reads start.
func NewManual(start time.Time) *Manual {
	return &Manual{now: start, sleepers: map[*sleeper]struct{}{}, changed: make(chan struct{})}
}

// Now returns the clock's time.
func (m *Manual) Now() time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.now
}

func (m *Manual) notifyLocked() {
	close(m.changed)
	m.changed = make(chan struct{})
}

// Sleep blocks until Advance has moved the clock d past the time of the
// call, or ctx is done (then it returns ctx.Err()).
func (m *Manual) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	m.mu.Lock()
	s := &sleeper{until: m.now.Add(d), wake: make(chan struct{})}
	m.sleepers[s] = struct{}{}
	m.notifyLocked()
	m.mu.Unlock()
	select {
	case <-s.wake:
		return nil
	case <-ctx.Done():
		m.mu.Lock()
		if _, ok := m.sleepers[s]; ok {
			delete(m.sleepers, s)
			m.notifyLocked()
		}
		m.mu.Unlock()
		return ctx.Err()
	}
}

// Advance moves the clock forward by d and wakes the sleepers whose end has
// come.
func (m *Manual) Advance(d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.now = m.now.Add(d)
	woke := false
	for s := range m.sleepers {
		if !s.until.After(m.now) {
			delete(m.sleepers, s)
			close(s.wake)
			woke = true
		}
	}
	if woke {
		m.notifyLocked()
	}
}

// Sleepers blocks until at least n goroutines are blocked in Sleep, and
// returns how long each of them still has to sleep, shortest first. It
// returns ctx.Err() if ctx is done first.
func (m *Manual) Sleepers(ctx context.Context, n int) ([]time.Duration, error) {
	for {
		m.mu.Lock()
		if len(m.sleepers) >= n {
			left := make([]time.Duration, 0, len(m.sleepers))
			for s := range m.sleepers {
				left = append(left, s.until.Sub(m.now))
			}
			m.mu.Unlock()
			slices.Sort(left)
			return left, nil
		}
		changed := m.changed
		m.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}
