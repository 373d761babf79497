package engine

import "time"

// Bounds of a plausible X-RateLimit-Reset, relative to the client's clock.
// Intercom's windows last 10 seconds to a minute; the bounds leave room for
// clock skew between the client and Intercom.
const (
	maxResetAhead = 5 * time.Minute  // a reset further ahead is dropped
	maxResetPast  = 30 * time.Second // a reset further in the past is dropped
	// A reset value above this many seconds since 1970 (year 5138) is in
	// milliseconds.
	resetMillisAbove = 100_000_000_000
	// A reset value below this many seconds (a day) is seconds from now, as
	// some gateways send it.
	resetDeltaBelow = 86_400
)

// saneRateLimit returns rl with its reset time checked against now (see
// [RateLimit.Reset]): converted from milliseconds or from seconds-from-now
// when it is one of those, and dropped (HasReset false) when it is still
// implausible. found reports whether any header is left.
func saneRateLimit(rl RateLimit, now time.Time) (RateLimit, bool) {
	if rl.HasReset {
		switch v := rl.Reset.Unix(); {
		case v > resetMillisAbove:
			rl.Reset = time.UnixMilli(v)
		case v < resetDeltaBelow:
			rl.Reset = now.Add(time.Duration(v) * time.Second).Truncate(time.Second)
		}
		if rl.Reset.Before(now.Add(-maxResetPast)) || rl.Reset.After(now.Add(maxResetAhead)) {
			rl.Reset, rl.HasReset = time.Time{}, false
		}
	}
	return rl, rl.HasLimit || rl.HasRemaining || rl.HasReset
}
