package intercom

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
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
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
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
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne)
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
