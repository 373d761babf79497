package redisrate

import (
	"errors"
	"time"
)

// A request is granted by the shared pace (on Redis's clock) and reaches
// Intercom a little later: the time to get Redis's answer back, to send the
// request, and whatever a loaded machine adds. The pace guarantees that no
// window of grants holds more than Share × Limit, but Intercom counts
// arrivals in its own fixed windows, so requests granted at the end of one
// window that arrive late land in the next, on top of that window's own
// grants. Under CPU load that overran the budget (one request in 4,000
// refused with a 429 at 100% of the budget).
//
// So the limiter keeps a safety margin at the window edges: it measures how
// long after the pace granted a request (from the moment it asked Redis)
// the response is observed, keeps the longest such delay of the last two
// windows, and holds back from each window's pace the requests that could
// be granted in that time, with a quarter more for headroom:
// margin = ceil(rate × 1.25 × delay / window). An upper
// bound of the spill-over, since a request's response comes after the
// request arrived. On a quiet machine the delay is a few milliseconds and
// the margin a request or two of a 10-second window; it grows with the
// delay, and shrinks again once the delay has been short for two windows.

// maxPending bounds the grants waiting for their response to be observed
// (a limiter whose Observe is never called keeps only the latest).
const maxPending = 4096

// edgeGuard measures the delay between a grant and its observed response.
// Its methods are called with the limiter's mutex held.
type edgeGuard struct {
	pending []time.Time // grant times not yet matched with a response, oldest first

	// The longest delay seen in the current period of one window, and in
	// the one before.
	periodStart    time.Time
	curMax, prvMax time.Duration
}

// granted records a request granted by the pace; asked is when the limiter
// sent the command that granted it.
func (g *edgeGuard) granted(asked time.Time) {
	if len(g.pending) >= maxPending {
		g.pending = g.pending[1:]
	}
	g.pending = append(g.pending, asked)
}

// observed matches a response with the oldest pending grant (responses
// come back about in the order the requests went; a mismatch only
// overestimates the delay) and returns the delay the margin must cover: the
// longest of the last two windows, at most one window. Grants older than a
// window are dropped unmatched (their request failed without a response).
func (g *edgeGuard) observed(now time.Time, window time.Duration) time.Duration {
	if g.periodStart.IsZero() {
		g.periodStart = now
	}
	for now.Sub(g.periodStart) >= window {
		g.periodStart = g.periodStart.Add(window)
		g.prvMax, g.curMax = g.curMax, 0
		if now.Sub(g.periodStart) >= window { // idle for more than a window
			g.periodStart, g.prvMax = now, 0
		}
	}
	for len(g.pending) > 0 && now.Sub(g.pending[0]) > window {
		g.pending = g.pending[1:]
	}
	if len(g.pending) > 0 {
		d := now.Sub(g.pending[0])
		g.pending = g.pending[1:]
		g.curMax = max(g.curMax, d)
	}
	return min(max(g.curMax, g.prvMax), window)
}

// edgeMargin returns how many requests of a pace of rate per window fit in
// delay plus a quarter (headroom for a delay a little longer than any
// measured): the requests to hold back from each window.
func edgeMargin(rate int, delay, window time.Duration) int {
	if delay <= 0 || window <= 0 {
		return 0
	}
	delay += delay / 4
	return int((time.Duration(rate)*delay + window - 1) / window)
}

// errZeroLimiter is the error of Wait on a Limiter that was not made by New.
var errZeroLimiter = errors.New("redisrate: the zero Limiter has no Redis client; create limiters with New")
