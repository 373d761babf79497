package intercomtest

import (
	"errors"
	"fmt"
	"math"
	"net/http"
)

// ResponseLoss makes the server run matching requests as usual, changing
// its state, and then drop the connection instead of sending the answer:
// what a client sees when a network failure, a proxy timeout or a crash
// loses a response after the server acted. A write hit by it is applied but
// its client cannot know (the SDK marks the error with
// intercom.ErrOutcomeUnknown). Add one with [Server.LoseResponses]; it is
// tried after the faults of [Server.Fail], on the requests they let
// through.
type ResponseLoss struct {
	// Route is the operation whose responses are lost, "METHOD
	// /path/template" as listed by [Routes]; empty matches every served
	// request.
	Route string
	// Probability, between 0 and 1, loses each matching response at random
	// with that probability, drawn from the server's seeded source
	// ([WithSeed]); 0 or 1 loses every matching response.
	Probability float64
	// Times is how many responses are lost before the loss is spent; 0
	// means no limit.
	Times int
	// Match, if set, narrows the loss to the requests it accepts (see
	// [Fault.Match]; the same rules apply).
	Match func(r RecordedRequest) bool
}

// lossState is an added response loss and how many hits it has left.
type lossState struct {
	l    ResponseLoss
	left int // -1: unlimited
}

// LoseResponses adds a response loss. An invalid one (unknown route,
// probability outside [0, 1], negative Times) is not added: it returns an
// error and, on a server made by [NewServer], also reports it to the test.
func (s *Server) LoseResponses(l ResponseLoss) error {
	var err error
	switch {
	case l.Route != "" && findRoute(l.Route) == nil:
		err = fmt.Errorf("intercomtest: response loss route %q is not served; see intercomtest.Routes()", l.Route)
	case l.Probability < 0 || l.Probability > 1 || math.IsNaN(l.Probability):
		err = fmt.Errorf("intercomtest: response loss Probability %v is not between 0 and 1", l.Probability)
	case l.Times < 0:
		err = errors.New("intercomtest: response loss Times is negative")
	}
	if err != nil {
		if s.tb != nil {
			s.tb.Helper()
			s.tb.Errorf("%v", err)
		}
		return err
	}
	left := -1
	if l.Times > 0 {
		left = l.Times
	}
	s.mu.Lock()
	s.losses = append(s.losses, &lossState{l: l, left: left})
	s.mu.Unlock()
	return nil
}

// pickLoss reports whether the response to rec, a request the server has
// just handled, is lost, and spends one hit of the loss. s.mu is held.
func (s *Server) pickLoss(rec *RecordedRequest) bool {
	for i, ls := range s.losses {
		if ls.l.Route != "" && ls.l.Route != rec.Route {
			continue
		}
		if ls.l.Match != nil && !ls.l.Match(*rec) {
			continue
		}
		if p := ls.l.Probability; p > 0 && p < 1 && s.rng.Float64() >= p {
			continue
		}
		if ls.left > 0 {
			ls.left--
			if ls.left == 0 {
				s.losses = append(s.losses[:i:i], s.losses[i+1:]...)
			}
		}
		rec.Faulted = true
		return true
	}
	return false
}

// dropConnection closes the connection of w without an answer.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler) // no hijack (HTTP/2): abort the stream
}
