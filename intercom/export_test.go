package intercom

import (
	"context"
	"net/http"

	"github.com/intercomkit/intercom-go/intercom/internal/engine"
)

// The engine's internals under the names the tests of this package used when
// the engine was part of it (see intercom/internal/engine/export.go).

const (
	maxChunk                     = engine.MaxChunk
	firstChunk                   = engine.FirstChunk
	trustedLength                = engine.TrustedLength
	maxFilename                  = engine.MaxFilename
	maxErrorBody                 = engine.MaxErrorBody
	defaultResponseHeaderTimeout = engine.DefaultResponseHeaderTimeout
	h2MsgGoAwayFirstStream       = engine.H2MsgGoAwayFirstStream
	h2MsgGotGoAway               = engine.H2MsgGotGoAway
	h2MsgConnUnused              = engine.H2MsgConnUnused
	h2MsgGoAwayClosed            = engine.H2MsgGoAwayClosed
	h2ErrCodeRefusedStream       = engine.H2ErrCodeRefusedStream
	maxIdlePages                 = engine.MaxIdlePages
	defaultMaxRetries            = engine.DefaultMaxRetries
	redacted                     = engine.Redacted
	backoffInitial               = engine.BackoffInitial
)

var (
	errParamsInContext = engine.ErrParamsInContext

	decodeTolerant     = engine.DecodeTolerant
	defaultTransport   = engine.DefaultTransport
	readCapped         = engine.ReadCapped
	goVersion          = engine.GoVersion
	hasStatus          = engine.HasStatus
	withSleeper        = engine.WithSleeper
	withClock          = engine.WithNow
	safeFilename       = engine.SafeFilename
	responseBytes      = engine.ResponseBytes
	readLimited        = engine.ReadLimited
	isHTTP2StreamError = engine.IsHTTP2StreamError
	notProcessed       = engine.NotProcessed
	retryableErr       = engine.RetryableErr
	redactAuth         = engine.RedactAuth
	parseRateLimit     = engine.ParseRateLimit
	sleepCtx           = engine.SleepCtx
	retryAfter         = engine.RetryAfter
	readAll            = engine.ReadAll
	callOptions        = engine.CallOptions
	pageParam          = engine.PageParam
	newCursorGuard     = engine.NewCursorGuard
	newSecretScrubber  = engine.NewSecretScrubber
	callConfigOf       = engine.CallConfigOf
)

type (
	foundMismatch  = engine.FoundMismatch
	idAccessor     = engine.IDAccessor
	h2StreamError  = engine.H2StreamError
	lazyTransport  = engine.LazyTransport
	secretScrubber = engine.SecretScrubber

	pageOf[T any]        = engine.PageOf[T]
	scrollFetcher[T any] = engine.ScrollFetcher[T]
)

func doJSON[T any](ctx context.Context, c *Client, op *Operation, opts []Option, req *http.Request, buildErr error) (*T, error) {
	return engine.DoJSON[T](ctx, &c.e, op, opts, req, buildErr)
}

func doNoBody(ctx context.Context, c *Client, op *Operation, opts []Option, req *http.Request, buildErr error) error {
	return engine.DoNoBody(ctx, &c.e, op, opts, req, buildErr)
}

func paginate[T any](ctx context.Context, fetch func(ctx context.Context, cursor string) (pageOf[T], error)) func(yield func(T, error) bool) {
	return engine.Paginate(ctx, fetch)
}

func paginateScroll[T any](ctx context.Context, opts []Option, f scrollFetcher[T]) func(yield func(T, error) bool) {
	return engine.PaginateScroll(ctx, opts, f)
}

func pageCall[P any](params *P, setPage func(q *P, page *int), build func(q *P) (*http.Request, error)) func(cursor string) (*http.Request, error) {
	return engine.PageCall(params, setPage, build)
}

func errSeq[T any](err error) func(yield func(T, error) bool) { return engine.ErrSeq[T](err) }

func items[T any](p *[]T) []T { return engine.ItemsOf(p) }

func (c *Client) do(ctx context.Context, op *Operation, opts []Option, req *http.Request) (*http.Response, error) {
	return c.e.Do(ctx, op, opts, req)
}

func (c *Client) nextPageRequest(rawURL string) (*http.Request, error) {
	return c.e.NextPageRequest(rawURL)
}

func (c *Client) observeRateLimit(rl RateLimit, seq uint64) { c.e.ObserveRateLimit(rl, seq) }
