package engine

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"syscall"
)

// ErrOutcomeUnknown marks the error of a request that is not safe to repeat
// (a POST, PUT or PATCH that is not a read) when the SDK cannot tell whether
// Intercom applied it. Test for it with errors.Is(err, intercom.ErrOutcomeUnknown)
// and reconcile (look the object up) before sending the write again. It is
// set when:
//
//   - the request failed without a response and the error does not prove
//     that it never left the client. Only these prove it: the connection
//     could not be opened (refused, DNS failure, dial timeout, a proxy that
//     could not be reached), the TLS handshake failed before anything was
//     written, or HTTP/2 refused the stream (REFUSED_STREAM, or a GOAWAY that
//     excluded it). Anything else (a reset, a timeout, an EOF, a middleware's
//     or custom transport's own error) may have come after the request
//     reached Intercom. This does not rely on the transport reporting what
//     it wrote, so it holds for any http.RoundTripper and middleware;
//   - the call's context ended while such a request was in flight;
//   - Intercom answered 5xx: the server may have applied the write before
//     it failed (the [*Error] is still there for errors.As).
//
// Such a request is retried automatically only when the error proves it
// never left, unless [WithRetryNonIdempotent] is set.
var ErrOutcomeUnknown = errors.New("the outcome of the request is unknown: it may have been applied")

// outcomeUnknownError wraps the error of a write that may have been applied.
type outcomeUnknownError struct{ err error }

func (e *outcomeUnknownError) Error() string {
	return e.err.Error() + " (" + ErrOutcomeUnknown.Error() + ")"
}

func (e *outcomeUnknownError) Unwrap() []error { return []error{e.err, ErrOutcomeUnknown} }

// Is reports whether target is ErrOutcomeUnknown and e is the answer to a
// write that may have been applied (a 5xx to a request that is not safe to
// repeat).
func (e *Error) Is(target error) bool { return target == ErrOutcomeUnknown && e.outcomeUnknown }

// markOutcome records on e, the final error of a request, whether its
// outcome is unknown: a 5xx answer to a request that is not safe to repeat.
func markOutcome(e *Error, idempotent bool) {
	e.outcomeUnknown = !idempotent && e.StatusCode >= 500
}

// neverSent reports whether err, the error of an attempt without a response,
// proves that the request never left the client (see [ErrOutcomeUnknown]).
func neverSent(err error) bool {
	if err == nil {
		return false
	}
	if notProcessed(err) {
		return true // HTTP/2 REFUSED_STREAM or a GOAWAY that excluded the stream
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) || errors.Is(err, syscall.ECONNREFUSED) {
		return true
	}
	var op *net.OpError
	if errors.As(err, &op) && (op.Op == "dial" || op.Op == "proxyconnect") {
		return true
	}
	// A TLS handshake that failed: net/http writes nothing of the request
	// before the handshake is done.
	var (
		certErr     *tls.CertificateVerificationError
		recordErr   tls.RecordHeaderError
		alertErr    tls.AlertError
		unknownAuth x509.UnknownAuthorityError
		hostErr     x509.HostnameError
		invalidErr  x509.CertificateInvalidError
	)
	if errors.As(err, &certErr) || errors.As(err, &recordErr) || errors.As(err, &alertErr) ||
		errors.As(err, &unknownAuth) || errors.As(err, &hostErr) || errors.As(err, &invalidErr) {
		return true
	}
	return isTLSHandshakeTimeout(err)
}

// isTLSHandshakeTimeout reports whether err is net/http's TLS handshake
// timeout, which has no exported type.
func isTLSHandshakeTimeout(err error) bool {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if e.Error() == "net/http: TLS handshake timeout" {
			return true
		}
	}
	return false
}
