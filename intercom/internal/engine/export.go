package engine

import (
	"context"
	"net/http"
	"time"
)

// This file names, for the tests of package intercom (which test the
// engine through the public surface and reach into it where a test needs
// to), parts of the engine that are otherwise unexported. The package is
// internal, so none of this reaches users; the engine's own API is the rest
// of the package.

// Constants, variables and functions the tests of package intercom use.
const (
	MaxChunk                     = maxChunk
	FirstChunk                   = firstChunk
	TrustedLength                = trustedLength
	MaxFilename                  = maxFilename
	MaxErrorBody                 = maxErrorBody
	DefaultResponseHeaderTimeout = defaultResponseHeaderTimeout
	H2MsgGoAwayFirstStream       = h2MsgGoAwayFirstStream
	H2MsgGotGoAway               = h2MsgGotGoAway
	H2MsgConnUnused              = h2MsgConnUnused
	H2MsgGoAwayClosed            = h2MsgGoAwayClosed
	H2ErrCodeRefusedStream       = h2ErrCodeRefusedStream
	MaxIdlePages                 = maxIdlePages
	DefaultMaxRetries            = defaultMaxRetries
	Redacted                     = redacted
	BackoffInitial               = backoffInitial
)

// Exported for the tests of package intercom; see the file comment.
var (
	ErrParamsInContext = errParamsInContext

	DecodeTolerant     = decodeTolerant
	DefaultTransport   = defaultTransport
	ReadCapped         = readCapped
	GoVersion          = goVersion
	HasStatus          = hasStatus
	WithSleeper        = withSleeper
	WithNow            = withClock
	SafeFilename       = safeFilename
	ResponseBytes      = responseBytes
	ReadLimited        = readLimited
	IsHTTP2StreamError = isHTTP2StreamError
	NotProcessed       = notProcessed
	RetryableErr       = retryableErr
	RedactAuth         = redactAuth
	ParseRateLimit     = parseRateLimit
	SleepCtx           = sleepCtx
	RetryAfter         = retryAfter
	ReadAll            = readAll
	CallOptions        = callOptions
)

// Types the tests of package intercom use.
type (
	FoundMismatch = foundMismatch
	IDAccessor    = idAccessor
	H2StreamError = h2StreamError
	LazyTransport = lazyTransport
)

// Do sends req as one call of op (nil for a raw call) with the call options
// opts, without decoding: the engine's core, for tests.
func (c *Client) Do(ctx context.Context, op *Operation, opts []Option, req *http.Request) (*http.Response, error) {
	return c.do(ctx, op, opts, req)
}

// NextPageRequest builds the GET of a pages.next URL, refusing another host.
func (c *Client) NextPageRequest(rawURL string) (*http.Request, error) {
	return c.nextPageRequest(rawURL)
}

// NewError is the *Error of a non-2xx response, as the engine builds it.
func (c *Client) NewError(req *http.Request, resp *http.Response, body []byte, truncated bool, attempts int, rl RateLimit) *Error {
	return c.newError(req, resp, body, truncated, attempts, rl)
}

// ObserveRateLimit records rl as the rate-limit state of attempt seq.
func (c *Client) ObserveRateLimit(rl RateLimit, seq uint64) { c.observeRateLimit(rl, seq) }

// HTTPClient returns the client's own copy of its *http.Client.
func (c *Client) HTTPClient() *http.Client { return c.hc }

// SetTokenForTest makes token the secret the client scrubs from what it
// shows (without sending it), for a test of the scrubbing of a token that
// NewClient would refuse.
func (c *Client) SetTokenForTest(token string) {
	c.token = token
	c.scrubber = newSecretScrubber(token)
}

// CallConfig is the part of a call's configuration the tests of package
// intercom check.
type CallConfig struct {
	RetryRateLimitedOnly bool
	MaxRetries           int
	MaxRetryDelay        time.Duration
	MaxResponseBytes     int64
}

// CallConfigOf is the configuration of a call with opts on a client with
// the default configuration.
func CallConfigOf(opts []Option) (CallConfig, error) {
	cfg := defaultConfig("")
	cfg.scope = scopeCall
	err := cfg.apply(opts)
	return CallConfig{RetryRateLimitedOnly: cfg.retryRateLimitedOnly, MaxRetries: cfg.maxRetries,
		MaxRetryDelay: cfg.maxRetryDelay, MaxResponseBytes: cfg.maxResponseBytes}, err
}

// Field is the Go field name of a mismatch.
func (m foundMismatch) Field() string { return m.field }

// CursorGuard is the pagination cursor guard.
type CursorGuard = cursorGuard

// NewCursorGuard returns a guard remembering up to limit cursors exactly.
func NewCursorGuard(limit int) *CursorGuard { return newCursorGuard(limit) }

// Repeated reports whether cursor was seen already (see repeated).
func (g *cursorGuard) Repeated(cursor string) bool { return g.repeated(cursor) }

// Len is the number of cursor hashes the guard holds.
func (g *cursorGuard) Len() int { return len(g.seen) }

// SecretScrubber replaces every encoded form of a secret.
type SecretScrubber = secretScrubber

// NewSecretScrubber returns the scrubber of secret.
var NewSecretScrubber = newSecretScrubber

// Built returns the transport if it was built, or nil.
func (l *lazyTransport) Built() *http.Transport { return l.t.Load() }

// Transport returns the transport, building it on first use.
func (l *lazyTransport) Transport() *http.Transport { return l.transport() }
