package intercom

import "errors"

// ErrOutcomeUnknown marks the error of a request that is not safe to repeat
// (a POST, PUT or PATCH that is not a read) when the SDK cannot tell whether
// Intercom applied it: the connection failed or timed out after the request
// may have left, so the response was lost. Such a request is never retried
// automatically. Test for it with errors.Is(err, intercom.ErrOutcomeUnknown)
// and reconcile (look the object up) before sending the write again.
var ErrOutcomeUnknown = errors.New("the outcome of the request is unknown: it may have been applied")

// outcomeUnknownError wraps the error of a write that may have been applied.
type outcomeUnknownError struct{ err error }

func (e *outcomeUnknownError) Error() string {
	return e.err.Error() + " (" + ErrOutcomeUnknown.Error() + ")"
}

func (e *outcomeUnknownError) Unwrap() []error { return []error{e.err, ErrOutcomeUnknown} }
