package intercom

import (
	"net/http"
	"strconv"
	"time"
)

// RateLimit is the rate-limit state Intercom reports in the X-RateLimit-Limit,
// X-RateLimit-Remaining and X-RateLimit-Reset headers of a response. Fields
// whose header was absent or malformed are zero.
type RateLimit struct {
	// Limit is the number of requests allowed in the current window.
	Limit int
	// Remaining is the number of requests left in the current window.
	Remaining int
	// Reset is when the window resets (X-RateLimit-Reset, in Unix seconds).
	Reset time.Time
}

// IsZero reports whether no rate-limit header was seen.
func (r RateLimit) IsZero() bool { return r.Limit == 0 && r.Remaining == 0 && r.Reset.IsZero() }

// Canonical header keys, looked up directly in the header map.
const (
	hdrRateLimitLimit     = "X-Ratelimit-Limit"
	hdrRateLimitRemaining = "X-Ratelimit-Remaining"
	hdrRateLimitReset     = "X-Ratelimit-Reset"
	hdrRetryAfter         = "Retry-After"
	hdrRequestID          = "X-Request-Id"
)

// parseRateLimit reads the X-RateLimit-* headers. found reports whether any
// was present, remainingKnown whether X-RateLimit-Remaining parsed.
func parseRateLimit(h http.Header) (rl RateLimit, found, remainingKnown bool) {
	if v, ok := headerInt(h, hdrRateLimitLimit); ok {
		rl.Limit, found = v, true
	}
	if v, ok := headerInt(h, hdrRateLimitRemaining); ok {
		rl.Remaining, found, remainingKnown = v, true, true
	}
	if v, ok := headerInt(h, hdrRateLimitReset); ok && v > 0 {
		rl.Reset, found = time.Unix(int64(v), 0), true
	}
	return rl, found, remainingKnown
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

// RateLimit returns the rate-limit state reported by the most recent response
// that carried X-RateLimit headers, or the zero RateLimit before any did.
func (c *Client) RateLimit() RateLimit {
	c.rlMu.Lock()
	defer c.rlMu.Unlock()
	return c.rl
}

// observeRateLimit records the state of one response.
func (c *Client) observeRateLimit(rl RateLimit, remainingKnown bool) {
	c.rlMu.Lock()
	c.rl, c.rlKnown = rl, remainingKnown
	c.rlMu.Unlock()
}

// rateLimitWait returns how long to wait before the next request when the
// last response said none remain, or 0.
func (c *Client) rateLimitWait(now time.Time) time.Duration {
	c.rlMu.Lock()
	rl, known := c.rl, c.rlKnown
	c.rlMu.Unlock()
	if !known || rl.Remaining > 0 || rl.Reset.IsZero() {
		return 0
	}
	if d := rl.Reset.Sub(now); d > 0 {
		return d
	}
	return 0
}
