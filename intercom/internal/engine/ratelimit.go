package engine

import (
	"net/http"
	"strconv"
	"time"
)

// RateLimit is the rate-limit state Intercom reports in the X-RateLimit-Limit,
// X-RateLimit-Remaining and X-RateLimit-Reset headers of a response.
//
// HasLimit, HasRemaining and HasReset say which headers were present with a
// valid value; a field whose header was absent or malformed is zero and
// means nothing (a Remaining of 0 with HasRemaining false is not "none
// left"). Code that acts on the state, such as a [RateLimiter], must check
// them.
type RateLimit struct {
	// Limit is the number of requests allowed in the current window.
	Limit int
	// Remaining is the number of requests left in the current window.
	Remaining int
	// Reset is when the window resets (X-RateLimit-Reset, in Unix seconds).
	// The client checks it against its clock before keeping it: a value in
	// milliseconds is converted, a small value (under a day) is taken as
	// seconds from now, and a reset more than 30 seconds in the past or more
	// than 5 minutes ahead is dropped, with HasReset false.
	Reset time.Time

	// HasLimit reports that X-RateLimit-Limit was present and valid.
	HasLimit bool
	// HasRemaining reports that X-RateLimit-Remaining was present and valid.
	HasRemaining bool
	// HasReset reports that X-RateLimit-Reset was present and valid.
	HasReset bool
}

// IsZero reports whether no rate-limit header was seen.
func (r RateLimit) IsZero() bool {
	return !r.HasLimit && !r.HasRemaining && !r.HasReset &&
		r.Limit == 0 && r.Remaining == 0 && r.Reset.IsZero()
}

// Canonical header keys, looked up directly in the header map.
const (
	hdrRateLimitLimit     = "X-Ratelimit-Limit"
	hdrRateLimitRemaining = "X-Ratelimit-Remaining"
	hdrRateLimitReset     = "X-Ratelimit-Reset"
	hdrRetryAfter         = "Retry-After"
	hdrRequestID          = "X-Request-Id"
)

// parseRateLimit reads the X-RateLimit-* headers. found reports whether any
// was present with a valid value.
func parseRateLimit(h http.Header) (rl RateLimit, found bool) {
	if v, ok := headerInt(h, hdrRateLimitLimit); ok {
		rl.Limit, rl.HasLimit = v, true
	}
	if v, ok := headerInt(h, hdrRateLimitRemaining); ok {
		rl.Remaining, rl.HasRemaining = v, true
	}
	if v, ok := headerInt(h, hdrRateLimitReset); ok && v > 0 {
		rl.Reset, rl.HasReset = time.Unix(int64(v), 0), true
	}
	return rl, rl.HasLimit || rl.HasRemaining || rl.HasReset
}

func headerInt(h http.Header, key string) (int, bool) {
	vs := h[key]
	if len(vs) == 0 {
		return 0, false
	}
	n, err := strconv.Atoi(vs[0])
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}

// RateLimit returns the most recent rate-limit state reported by the
// responses that carried X-RateLimit headers, or the zero RateLimit before
// any did. The state of the response to the request sent last replaces any
// older one, so one odd response cannot stick: the next one heals it. The
// exception is concurrent responses of the same window (same
// X-RateLimit-Reset), processed in any order: there, fewer remaining
// requests is the more recent state, whichever request was sent first.
//
// A reset time is checked before it is kept (see [RateLimit.Reset]): one
// sent in milliseconds is read as such, a small number as seconds from now,
// and a reset in the past or more than a few minutes ahead is dropped
// (HasReset is false), since no Intercom window is that long.
func (c *Client) RateLimit() RateLimit {
	c.rlMu.Lock()
	defer c.rlMu.Unlock()
	return c.rl
}

// observeRateLimit records the state of the response to the attempt numbered
// seq, unless the state already recorded is more recent.
func (c *Client) observeRateLimit(rl RateLimit, seq uint64) {
	c.rlMu.Lock()
	if c.rlSeq == 0 || newerRateLimit(rl, seq, c.rl, c.rlSeq) {
		c.rl, c.rlSeq = rl, seq
	}
	c.rlMu.Unlock()
}

// newerRateLimit reports whether the state a (from the response to attempt
// seqA) is more recent than b (from attempt seqB): in the same window, the
// one with fewer remaining requests; otherwise the later attempt's.
func newerRateLimit(a RateLimit, seqA uint64, b RateLimit, seqB uint64) bool {
	if a.HasReset && b.HasReset && a.Reset.Equal(b.Reset) &&
		a.HasRemaining && b.HasRemaining && a.Remaining != b.Remaining {
		return a.Remaining < b.Remaining
	}
	return seqA > seqB
}

// rateLimitWait returns how long to wait before the next request when the
// most recent state says none remain (both X-RateLimit-Remaining and
// X-RateLimit-Reset known), or 0.
func (c *Client) rateLimitWait(now time.Time) time.Duration {
	c.rlMu.Lock()
	rl := c.rl
	c.rlMu.Unlock()
	if !rl.HasRemaining || !rl.HasReset || rl.Remaining > 0 {
		return 0
	}
	if d := rl.Reset.Sub(now); d > 0 {
		return d
	}
	return 0
}
