// Package windowfake is a loopback stand-in for Intercom's rate limiting,
// used by the limiters' integration tests: it allows a fixed number of calls
// in each fixed window and answers 429 beyond it, with Intercom's
// X-RateLimit-* headers.
package windowfake

import (
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"time"
)

// Server counts calls in fixed windows of Window, starting when it was made.
type Server struct {
	limit  int
	window time.Duration
	srv    *httptest.Server

	mu        sync.Mutex
	start     time.Time
	perWindow map[int64]int // calls allowed in each window
	ok        int
	limited   int
	first     time.Time // first allowed call
	last      time.Time // last allowed call
}

// Stats is what the server saw.
type Stats struct {
	OK           int           // calls answered 200
	Limited      int           // calls answered 429
	First, Last  time.Time     // arrival of the first and last call answered 200
	MaxPerWindow int           // most calls answered 200 in one window
	Windows      int           // windows with at least one call answered 200
	Window       time.Duration // the window length
	Limit        int           // the budget of one window
	PerWindow    []int         // calls answered 200 in each window, from the first such window to the last
}

// Span is the time from the first to the last call answered 200.
func (s Stats) Span() time.Duration { return s.Last.Sub(s.First) }

// Throughput is the rate of calls answered 200, per window.
func (s Stats) Throughput() float64 {
	if s.OK < 2 || s.Span() <= 0 {
		return 0
	}
	// OK-1 intervals between OK calls spread over the span.
	return float64(s.OK-1) / s.Span().Seconds() * s.Window.Seconds()
}

// New starts a server on 127.0.0.1 that allows limit calls per window.
func New(limit int, window time.Duration) *Server {
	s := &Server{limit: limit, window: window, perWindow: map[int64]int{}}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.start = time.Now()
	s.srv.Start()
	return s
}

// URL is the server's base URL.
func (s *Server) URL() string { return s.srv.URL }

// Close shuts the server down.
func (s *Server) Close() { s.srv.Close() }

// Stats returns what the server saw so far.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := Stats{OK: s.ok, Limited: s.limited, First: s.first, Last: s.last,
		Windows: len(s.perWindow), Window: s.window, Limit: s.limit}
	lo, hi := int64(-1), int64(-1)
	for idx, n := range s.perWindow {
		st.MaxPerWindow = max(st.MaxPerWindow, n)
		if lo < 0 || idx < lo {
			lo = idx
		}
		hi = max(hi, idx)
	}
	for idx := lo; lo >= 0 && idx <= hi; idx++ {
		st.PerWindow = append(st.PerWindow, s.perWindow[idx])
	}
	return st
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	now := time.Now()
	s.mu.Lock()
	idx := int64(now.Sub(s.start) / s.window)
	used := s.perWindow[idx]
	allowed := used < s.limit
	if allowed {
		used++
		s.perWindow[idx] = used
		s.ok++
		if s.first.IsZero() {
			s.first = now
		}
		s.last = now
	} else {
		s.limited++
	}
	s.mu.Unlock()

	// X-RateLimit-Reset is in whole Unix seconds, as Intercom sends it: the
	// end of the window, rounded up.
	end := s.start.Add(time.Duration(idx+1) * s.window)
	reset := int64(math.Ceil(float64(end.UnixNano()) / 1e9))
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("X-RateLimit-Limit", strconv.Itoa(s.limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(s.limit-used))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(reset, 10))
	if !allowed {
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprintf(w, `{"type":"error.list","errors":[{"code":"rate_limit_exceeded","message":"Exceeded rate limit of %d in %s"}]}`, s.limit, s.window)
		return
	}
	fmt.Fprint(w, `{"type":"admin","id":"1","email":"admin@example.com","name":"Admin"}`)
}
