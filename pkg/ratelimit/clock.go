package ratelimit

import (
	"context"
	"time"
)

// Clock tells the time and waits. Limiters use it for every reading of the
// time and every wait, so tests can drive them with a fake clock instead of
// real time.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// Sleep waits for d, or until ctx is done, in which case it returns
	// ctx.Err(). A d of zero or less returns nil at once.
	Sleep(ctx context.Context, d time.Duration) error
}

// SystemClock returns the Clock of the real time: time.Now and a timer.
func SystemClock() Clock { return systemClock{} }

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

func (systemClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
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
