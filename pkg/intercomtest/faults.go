package intercomtest

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"time"
)

// Fault is a failure the server injects into matching requests, before it
// checks the token, the rate-limit budget or runs the operation (so a faulted
// request changes no state and spends no budget). Add one with [Server.Fail].
//
// A fault matches a request when Route is empty or names the request's
// operation, and Match, if set, accepts it. When it hits, the server first waits Latency (on its [Clock]),
// then drops the connection if Drop is set, otherwise answers Status with
// Intercom's error body if Status is set, otherwise answers the request
// normally (a latency-only fault).
type Fault struct {
	// Route is the operation to fail, "METHOD /path/template" as listed by
	// [Routes], e.g. "GET /contacts/{contact_id}". Empty matches every
	// request, also those to unknown paths.
	Route string
	// Status is the HTTP status to answer, 400 to 599; 0 answers normally
	// (with Latency) or not at all (with Drop).
	Status int
	// Code is the error code in the body; empty picks the usual one for
	// Status (429 rate_limit_exceeded, 500 server_error,
	// 503 service_unavailable, ...).
	Code string
	// Message is the error message in the body; empty picks one for Status.
	Message string
	// RetryAfter is sent as Retry-After (whole seconds, rounded up) and moves
	// X-RateLimit-Reset to now+RetryAfter. On a 429 with RetryAfter 0 the
	// server sends 1 second; other statuses send no Retry-After unless set.
	RetryAfter time.Duration
	// Latency is waited, on the server's clock, before answering.
	Latency time.Duration
	// Drop closes the connection without an answer (the client sees a
	// connection error such as EOF).
	Drop bool
	// Times is how many requests the fault hits before it is spent; 0 means
	// no limit.
	Times int
	// Probability, between 0 and 1, makes the fault hit each matching request
	// at random with that probability, drawn from the server's seeded source
	// ([WithSeed]); 0 or 1 hits every matching request.
	Probability float64
	// Match, if set, narrows the fault to the requests it accepts, e.g. the
	// requests for one item of a bulk job (by path or body), so a test can
	// decide exactly which requests fail. It sees the request as recorded
	// (Status still 0); it runs with the server's lock held, so it must not
	// call the server's methods, and must not modify the request.
	Match func(r RecordedRequest) bool
}

// faultState is an added fault and how many hits it has left.
type faultState struct {
	f    Fault
	left int // -1: unlimited
}

func (f Fault) validate() error {
	if f.Route != "" && findRoute(f.Route) == nil {
		return fmt.Errorf("intercomtest: fault route %q is not served; see intercomtest.Routes()", f.Route)
	}
	if f.Status != 0 && (f.Status < 400 || f.Status > 599) {
		return fmt.Errorf("intercomtest: fault status %d is not an error status (400-599)", f.Status)
	}
	if f.Status == 0 && !f.Drop && f.Latency == 0 {
		return errors.New("intercomtest: fault has no effect: set Status, Drop or Latency")
	}
	if f.Status != 0 && f.Drop {
		return errors.New("intercomtest: fault sets both Status and Drop")
	}
	if f.Times < 0 {
		return fmt.Errorf("intercomtest: fault Times %d is negative", f.Times)
	}
	if f.Latency < 0 || f.RetryAfter < 0 {
		return errors.New("intercomtest: fault Latency and RetryAfter must not be negative")
	}
	if f.Probability < 0 || f.Probability > 1 || math.IsNaN(f.Probability) {
		return fmt.Errorf("intercomtest: fault Probability %v is not between 0 and 1", f.Probability)
	}
	return nil
}

// Fail adds a fault; faults are tried in the order added and at most one
// hits a request: the first that matches (and, with a Probability, whose
// draw succeeds). An invalid fault (unknown route, non-error status, no
// effect) is not added: Fail returns an error and, on a server made by
// [NewServer], also reports it to the test.
func (s *Server) Fail(f Fault) error {
	if err := f.validate(); err != nil {
		if s.tb != nil {
			s.tb.Helper()
			s.tb.Errorf("%v", err)
		}
		return err
	}
	left := -1
	if f.Times > 0 {
		left = f.Times
	}
	s.mu.Lock()
	s.faults = append(s.faults, &faultState{f: f, left: left})
	s.mu.Unlock()
	return nil
}

// ClearFaults removes every fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	s.faults = nil
	s.mu.Unlock()
}

// pickFault returns the fault hitting the request rec on routeName ("" for
// an unknown route) and spends one of its hits. s.mu is held.
func (s *Server) pickFault(routeName string, rec *RecordedRequest) *Fault {
	for i, fs := range s.faults {
		if fs.f.Route != "" && fs.f.Route != routeName {
			continue
		}
		if fs.f.Match != nil && !fs.f.Match(*rec) {
			continue
		}
		if p := fs.f.Probability; p > 0 && p < 1 && s.rng.Float64() >= p {
			continue
		}
		f := fs.f
		if fs.left > 0 {
			fs.left--
			if fs.left == 0 {
				s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
			}
		}
		return &f
	}
	return nil
}

// faultDefaults returns the error code and message of a fault status.
func faultDefaults(status int) (code, msg string) {
	switch status {
	case http.StatusTooManyRequests:
		return "rate_limit_exceeded", "You have exceeded the rate limit. Please try again later."
	case http.StatusUnauthorized:
		return "unauthorized", "Access Token Invalid"
	case http.StatusForbidden:
		return "action_forbidden", "Action forbidden"
	case http.StatusNotFound:
		return "not_found", "Resource Not Found"
	case http.StatusConflict:
		return "conflict", "Conflict"
	case http.StatusInternalServerError:
		return "server_error", "Internal server error"
	case http.StatusBadGateway:
		return "bad_gateway", "Bad gateway"
	case http.StatusServiceUnavailable:
		return "service_unavailable", "Service unavailable, please try again later"
	case http.StatusGatewayTimeout:
		return "gateway_timeout", "Gateway timeout"
	}
	if status >= 500 {
		return "server_error", http.StatusText(status)
	}
	return "client_error", http.StatusText(status)
}
