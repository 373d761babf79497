package engine

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/cenkalti/backoff/v4"
)

// Exponential backoff parameters (cenkalti/backoff's defaults overridden).
const (
	backoffInitial    = 500 * time.Millisecond
	backoffMultiplier = 2
	backoffJitter     = 0.5
)

// sleepCtx waits for d on a timer, or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// isIdempotent reports whether a request with this method may be repeated
// after the server may have acted on it. PUT is treated like POST and PATCH.
func isIdempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace, http.MethodDelete:
		return true
	}
	return false
}

// retryableStatus reports whether a response with this status is retried.
func retryableStatus(code int, idempotent, retryWrites bool) bool {
	switch code {
	case http.StatusRequestTimeout, http.StatusTooManyRequests:
		return true
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return idempotent || retryWrites
	}
	return false
}

// retryableErr reports whether a transport error is a connection failure
// worth another attempt (timeouts of one attempt included), as opposed to a
// context cancellation, a certificate problem or a malformed request.
func retryableErr(err error, attemptTimedOut bool) bool {
	if attemptTimedOut {
		return true
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if errors.Is(err, context.Canceled) {
		return false
	}
	// A timeout of the transport (ResponseHeaderTimeout, TLS handshake,
	// dial) is a connection failure; a context's own deadline is not (the
	// caller's ended the call already, and the attempt's is attemptTimedOut).
	var te net.Error
	if errors.As(err, &te) && te.Timeout() && te != error(context.DeadlineExceeded) {
		return true
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var (
		certErr     *tls.CertificateVerificationError
		unknownAuth x509.UnknownAuthorityError
		hostErr     x509.HostnameError
		invalidErr  x509.CertificateInvalidError
	)
	if errors.As(err, &certErr) || errors.As(err, &unknownAuth) || errors.As(err, &hostErr) || errors.As(err, &invalidErr) {
		return false
	}
	if notProcessed(err) || isHTTP2StreamError(err) || isHTTP2GoAway(err) {
		return true
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne)
}

// h2ErrCodeRefusedStream is HTTP/2's REFUSED_STREAM error code (RFC 9113,
// section 7): the server did not process the stream.
const h2ErrCodeRefusedStream = 0x7

// h2StreamError has the shape of HTTP/2's stream error: net/http's bundled
// http2StreamError and golang.org/x/net/http2.StreamError both convert to
// it with errors.As (they implement As by field names and types).
type h2StreamError struct {
	StreamID uint32
	Code     uint32
	Cause    error
}

func (e h2StreamError) Error() string {
	return fmt.Sprintf("stream error: stream ID %d; code %#x", e.StreamID, e.Code)
}

// Messages of the HTTP/2 client errors net/http does not export a type for.
const (
	// The server answered a new connection's first request with a GOAWAY
	// whose last-stream-id is below it and an error code: it never
	// processed the request.
	h2MsgGoAwayFirstStream = "http2: Transport received GOAWAY from server ErrCode:"
	// Streams above the last-stream-id of a graceful GOAWAY, and requests
	// that found the connection unusable: never processed. net/http retries
	// these itself; they surface only when its own retries are exhausted.
	h2MsgGotGoAway  = "http2: Transport received Server's graceful shutdown GOAWAY"
	h2MsgConnUnused = "http2: client conn not usable"
	// The connection closed after a GOAWAY: for a stream at or below the
	// last-stream-id, which the server may have processed.
	h2MsgGoAwayClosed = "http2: server sent GOAWAY and closed the connection"
)

// notProcessed reports whether err says the server did not process the
// request at all, so that even a write may be sent again: an HTTP/2
// REFUSED_STREAM reset, or a GOAWAY that excluded the request's stream (see
// the h2Msg constants). net/http's HTTP/2 client retries most of these
// itself when the body can be replayed; the HTTP layer sees them when those
// retries ran out, or from another transport.
func notProcessed(err error) bool {
	var se h2StreamError
	if errors.As(err, &se) && se.Code == h2ErrCodeRefusedStream {
		return true
	}
	for e := err; e != nil; e = errors.Unwrap(e) {
		msg := e.Error()
		if strings.HasPrefix(msg, h2MsgGoAwayFirstStream) || msg == h2MsgGotGoAway || msg == h2MsgConnUnused {
			return true
		}
	}
	return false
}

// isHTTP2StreamError reports whether err is an HTTP/2 stream reset (any
// code): the connection is fine, the request may be repeated if it is safe to.
func isHTTP2StreamError(err error) bool {
	var se h2StreamError
	return errors.As(err, &se)
}

// isHTTP2GoAway reports whether err says the connection closed after a
// GOAWAY: a connection failure like a reset.
func isHTTP2GoAway(err error) bool {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if strings.HasPrefix(e.Error(), h2MsgGoAwayClosed) {
			return true
		}
	}
	return false
}

// retryAfter parses a Retry-After header: delay-seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	vs := h[hdrRetryAfter]
	if len(vs) == 0 {
		return 0, false
	}
	v := strings.TrimSpace(vs[0])
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// retryPolicy decides the waits of one request's retries. It is created per
// request; its exponential backoff is only built if a retry needs it.
type retryPolicy struct {
	ctx context.Context
	cfg *config
	bo  backoff.BackOff
}

// clockFunc adapts the configured clock to backoff.Clock.
type clockFunc func() time.Time

func (f clockFunc) Now() time.Time { return f() }

// backoffDelay returns the next exponential delay with jitter, or false when
// the backoff says stop.
func (p *retryPolicy) backoffDelay() (time.Duration, bool) {
	if p.bo == nil {
		eb := backoff.NewExponentialBackOff(
			backoff.WithInitialInterval(backoffInitial),
			backoff.WithMultiplier(backoffMultiplier),
			backoff.WithRandomizationFactor(backoffJitter),
			backoff.WithMaxInterval(p.cfg.maxRetryDelay),
			backoff.WithMaxElapsedTime(0),
			backoff.WithClockProvider(clockFunc(p.cfg.now)),
		)
		p.bo = backoff.WithContext(backoff.WithMaxRetries(eb, uint64(p.cfg.maxRetries)), p.ctx)
	}
	d := p.bo.NextBackOff()
	if d == backoff.Stop {
		return 0, false
	}
	return min(d, p.cfg.maxRetryDelay), true
}

// responseDelay returns the wait before retrying after resp: the server's
// Retry-After first, then on a 429 the X-RateLimit-Reset time, both capped by
// the maximum retry delay; otherwise exponential backoff. reason names the
// source, for logs.
func (p *retryPolicy) responseDelay(resp *http.Response, rl RateLimit) (d time.Duration, reason string, ok bool) {
	now := p.cfg.now()
	if d, ok := retryAfter(resp.Header, now); ok {
		return min(d, p.cfg.maxRetryDelay), "Retry-After", true
	}
	if resp.StatusCode == http.StatusTooManyRequests && !rl.Reset.IsZero() {
		if d := rl.Reset.Sub(now); d > 0 {
			return min(d, p.cfg.maxRetryDelay), "X-RateLimit-Reset", true
		}
	}
	d, ok = p.backoffDelay()
	return d, "backoff", ok
}
