package ratelimit

import (
	"fmt"
	"math"
	"net/http"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
)

// Defaults of Intercom's public API, used by the limiters of this package
// and of redisrate unless options say otherwise.
const (
	// DefaultLimit is the budget of one window: Intercom's default of
	// 10,000 calls a minute counted in 10-second windows.
	DefaultLimit = 1666
	// DefaultWindow is the length of Intercom's rate-limit window.
	DefaultWindow = 10 * time.Second
	// DefaultShare is the share of the window budget a limiter uses. The
	// rest is headroom for the delay between a request leaving the limiter
	// and reaching the server, which can move it into the next window.
	DefaultShare = 0.95
	// DefaultBurst is the number of requests a limiter lets through at once
	// after an idle time. 2 rather than 1 lets a request whose wake-up came
	// late (timers and the scheduler are often a millisecond late) make up for
	// it instead of losing its turn; it costs one request of each window's
	// steady rate (see [Pace]).
	DefaultBurst = 2
)

// PauseUntil applies the pause rule to one response and reports until when
// every request should be held back; the zero Time means no pause.
//
// A 429 (Too Many Requests), or a response whose X-RateLimit-Remaining was
// present and says nothing is left (rl.HasRemaining and rl.Remaining <= 0;
// an absent or unparseable header is not "nothing left"), pauses until
// rl.Reset, but at most maxPause after now: Reset is read on the server's
// clock, and the cap bounds what a skewed clock can do. A 429 without a
// future Reset pauses for maxPause; any other response does not pause.
func PauseUntil(now time.Time, status int, rl intercom.RateLimit, maxPause time.Duration) time.Time {
	tooMany := status == http.StatusTooManyRequests
	spent := rl.HasRemaining && rl.Remaining <= 0
	if (!tooMany && !spent) || maxPause <= 0 {
		return time.Time{}
	}
	latest := now.Add(maxPause)
	switch {
	case rl.Reset.After(latest):
		return latest
	case rl.Reset.After(now):
		return rl.Reset
	case tooMany:
		return latest
	default:
		return time.Time{}
	}
}

// Pace turns a budget of limit requests a window into the parameters of a
// token bucket (or GCRA) limiter: a burst and a rate of events per window.
//
// A bucket of size burst that refills rate tokens per window admits at most
// burst + rate - 1 requests in any window (a half-open interval of the
// window's length). Pace chooses them so that this is floor(share × limit),
// at least 1: burst is clamped to [1, that target] and rate = target - burst + 1.
// It returns an error when limit < 1, share is not in (0, 1] or burst < 1.
func Pace(limit int, share float64, burst int) (rate, clampedBurst int, err error) {
	if err := checkBudget(limit, share, burst); err != nil {
		return 0, 0, err
	}
	target := int(math.Floor(share * float64(limit)))
	target = max(target, 1)
	clampedBurst = min(burst, target)
	return target - clampedBurst + 1, clampedBurst, nil
}

func checkBudget(limit int, share float64, burst int) error {
	switch {
	case limit < 1:
		return fmt.Errorf("ratelimit: limit must be at least 1, got %d", limit)
	case !(share > 0 && share <= 1): // also rejects NaN
		return fmt.Errorf("ratelimit: share must be in (0, 1], got %v", share)
	case burst < 1:
		return fmt.Errorf("ratelimit: burst must be at least 1, got %d", burst)
	}
	return nil
}
