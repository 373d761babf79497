package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Middleware wraps one HTTP attempt: it may inspect or change the request,
// call next (the next middleware, and finally the HTTP client), and inspect or
// replace the response. It runs for every attempt, retries included, after
// the SDK has set its headers. See [WithMiddleware].
type Middleware func(req *http.Request, next MiddlewareNext) (*http.Response, error)

// MiddlewareNext sends a request on to the rest of the chain.
type MiddlewareNext func(req *http.Request) (*http.Response, error)

// chain composes middleware around final; mws[0] is the outermost.
func chain(mws []Middleware, final func(*http.Request) (*http.Response, error)) func(*http.Request) (*http.Response, error) {
	next := final
	for i := len(mws) - 1; i >= 0; i-- {
		mw, n := mws[i], MiddlewareNext(next)
		next = func(r *http.Request) (*http.Response, error) { return mw(r, n) }
	}
	return next
}

// doer is the SDK's HTTP layer, as a gen.HttpRequestDoer: the way a raw
// generated call ([Client.Raw]) enters the engine, as a call of no known
// operation with the options of [ContextWithOptions].
type doer struct{ c *Client }

// Do runs req through the client's HTTP layer.
func (d *doer) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	return d.c.do(ctx, nil, callOptions(ctx, nil, nil), req)
}

// Shared header values.
var (
	hdrJSON = headerValue("application/json")
)

// Header keys in canonical form.
const (
	hdrAuthorization  = "Authorization"
	hdrIntercomVer    = "Intercom-Version"
	hdrAccept         = "Accept"
	hdrContentType    = "Content-Type"
	hdrUserAgent      = "User-Agent"
	maxDrainAfterFail = 256 << 10
)

// setHeaders sets the SDK's headers on req. The Authorization header is always
// the client's. An Intercom-Version already on the request is kept unless the
// call set WithAPIVersion.
func (c *Client) setHeaders(req *http.Request, cfg *config, hasBody bool) {
	h := req.Header
	if h == nil {
		h = make(http.Header, 5)
		req.Header = h
	}
	h[hdrAuthorization] = c.authHdr
	if cfg.apiVersionCall {
		h[hdrIntercomVer] = headerValue(cfg.apiVersion)
	} else if _, ok := h[hdrIntercomVer]; !ok {
		h[hdrIntercomVer] = c.versionHdr
	}
	if _, ok := h[hdrAccept]; !ok {
		h[hdrAccept] = hdrJSON
	}
	if _, ok := h[hdrUserAgent]; !ok {
		h[hdrUserAgent] = c.uaHdr
	}
	if hasBody {
		if _, ok := h[hdrContentType]; !ok {
			h[hdrContentType] = hdrJSON
		}
	}
}

// callConfig returns the configuration of a call (its options applied on
// top of the client's) and the attempt function to use.
func (c *Client) callConfig(op *Operation, opts []Option) (*config, func(*http.Request) (*http.Response, error), error) {
	if len(opts) == 0 {
		return &c.cfg, c.send, nil
	}
	cc := c.cfg
	cc.scope = scopeCall
	cc.apiVersionCall = false
	cc.responseInto = nil
	cc.decodeReport = nil
	cc.stream, cc.retryRateLimitedOnly = false, false
	if err := cc.apply(opts); err != nil {
		return nil, nil, err
	}
	if cc.params != nil && (op == nil || !op.paramsOption) {
		return nil, nil, fmt.Errorf("intercom: WithParams(%T) given to a call that takes its parameters as an argument", cc.params)
	}
	send := c.send
	if len(cc.middleware) != len(c.cfg.middleware) {
		send = chain(cc.middleware, c.hc.Do)
	}
	return &cc, send, nil
}

// do is the engine: it sends req, built by a request builder of package gen
// (or by gen's client for a raw call), as one call of op (nil for a raw
// call) with the call options opts (those of ContextWithOptions included,
// see [callOptions]): per-call configuration, headers, rate limiting,
// attempts with retries, and turning a final non-2xx response into *Error.
// The request it hands to the middleware chain has the context ctx, marked
// with op for [OperationFromRequest].
func (c *Client) do(ctx context.Context, op *Operation, opts []Option, req *http.Request) (*http.Response, error) {
	return c.exec(ctx, op, opts, req, nil)
}

// exec is [Client.do]; with decoding not nil, the caller decodes the
// response: a successful call's observation is left to it, in *decoding
// (see [callObs.decoded]), so that observers see the decoding's outcome.
func (c *Client) exec(ctx context.Context, op *Operation, opts []Option, req *http.Request, decoding **callObs) (resp *http.Response, err error) {
	hasBody := req.Body != nil && req.Body != http.NoBody
	cfg, send, err := c.callConfig(op, opts)
	if err != nil {
		if hasBody {
			req.Body.Close()
		}
		return nil, err
	}
	idempotent := isIdempotent(req.Method) || (op != nil && op.RetrySafe)
	if op != nil || ctx.Value(opKey{}) != nil {
		// Mark the request (a raw call's only when ctx carries options
		// or an outer call's mark, which it must shadow).
		ctx = withOperation(ctx, op)
	}
	if ctx != req.Context() {
		req = req.WithContext(ctx)
	}
	ob, req := c.observeCall(req, op, cfg) // nil without WithObserver
	if ob != nil {
		if decoding != nil {
			ob.decode, *decoding = true, ob
		}
		defer ob.end(&resp, &err)
	}
	ctx = req.Context()
	c.setHeaders(req, cfg, hasBody)
	if hasBody && cfg.maxRetries > 0 && req.GetBody == nil {
		// Buffer the body once so every attempt sends the same bytes. The
		// replayed body is a NopCloser around a *bytes.Reader, which
		// net/http knows is in memory: headers and a small body then go out
		// in one write.
		buf, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("intercom: reading request body: %w", err)
		}
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(buf)), nil }
		req.Body, _ = req.GetBody()
		req.ContentLength = int64(len(buf))
	}

	maxAttempts := cfg.maxRetries + 1
	policy := retryPolicy{ctx: ctx, cfg: cfg}
	for attempt := 1; ; attempt++ {
		r := req
		if attempt > 1 {
			cp := *req
			r = &cp
			if hasBody {
				body, err := req.GetBody()
				if err != nil {
					return nil, fmt.Errorf("intercom: replaying request body: %w", err)
				}
				r.Body = body
			}
		}
		ob.attemptStart(attempt)
		if err := c.beforeAttempt(ctx, cfg, r); err != nil {
			if hasBody {
				r.Body.Close()
			}
			return nil, err
		}

		ob.waited()
		res := c.attempt(ctx, r, cfg, send, idempotent, attempt)
		ob.attempted(&res)
		if res.err != nil {
			if ctx.Err() != nil {
				err := ctxError(ctx, c.scrubErr(res.err), attempt)
				if !idempotent && res.written {
					err = &outcomeUnknownError{err: err}
				}
				return nil, err
			}
			retry := attempt < maxAttempts && c.retryAfterError(cfg, res, idempotent)
			var delay time.Duration
			if retry {
				delay, retry = policy.backoffDelay()
			}
			if !retry {
				err := transportError(c.scrubErr(res.err), attempt)
				if !idempotent && res.written && !notProcessed(res.err) {
					err = &outcomeUnknownError{err: err}
				}
				return nil, err
			}
			c.logRetry(ctx, cfg, r, attempt, delay, "connection error", res.err)
			ob.retrying(delay)
			if err := cfg.sleep(ctx, delay); err != nil {
				return nil, ctxError(ctx, fmt.Errorf("waiting %v to retry after %w", delay, c.scrubErr(res.err)), attempt)
			}
			continue
		}

		resp := res.resp
		rl, _ := parseRateLimit(resp.Header)
		rl, found := saneRateLimit(rl, cfg.now())
		if found {
			c.observeRateLimit(rl, res.seq)
		}
		if cfg.rateLimiter != nil {
			cfg.rateLimiter.Observe(resp.StatusCode, rl)
		}
		if resp.StatusCode >= 200 && resp.StatusCode < 300 {
			if !res.streaming {
				resp.Body = newMemBody(res.body)
			}
			c.storeResponse(cfg, resp, res.streaming)
			return resp, nil
		}
		if attempt < maxAttempts && retryableStatus(resp.StatusCode, idempotent, cfg.retryWrites) &&
			(!cfg.retryRateLimitedOnly || resp.StatusCode == http.StatusTooManyRequests) {
			if delay, reason, ok := policy.responseDelay(resp, rl); ok {
				c.logRetry(ctx, cfg, r, attempt, delay, reason, nil)
				ob.retrying(delay)
				if err := cfg.sleep(ctx, delay); err != nil {
					return nil, ctxError(ctx, fmt.Errorf("waiting %v to retry after status %d", delay, resp.StatusCode), attempt)
				}
				continue
			}
		}
		e := c.newError(r, resp, res.body, res.truncated, attempt, rl)
		markOutcome(e, idempotent)
		resp.Body = newMemBody(e.Body)
		c.storeResponse(cfg, resp, false)
		return nil, e
	}
}

// retryAfterError reports whether a failed attempt (no response, or a body
// that could not be read) may be sent again: the failure must be a
// connection failure or a timeout of the attempt, and the request must be
// safe to repeat, or known not to have been processed by the server (not
// written at all, or refused by HTTP/2 before processing).
func (c *Client) retryAfterError(cfg *config, res attemptResult, idempotent bool) bool {
	if !retryableErr(res.err, res.timedOut) {
		return false
	}
	unprocessed := !res.written || notProcessed(res.err)
	if cfg.retryRateLimitedOnly {
		return unprocessed
	}
	return idempotent || cfg.retryWrites || unprocessed
}

// storeResponse hands the final response to WithResponseInto. It gets its own
// copy, whose in-memory body can be read again whatever the caller does with
// the body returned to the service method (a raw generated call reads it to
// the end, for example). A streamed body belongs to the caller of the
// download: the copy then has no body.
func (c *Client) storeResponse(cfg *config, resp *http.Response, streaming bool) {
	if cfg.responseInto == nil {
		return
	}
	cp := *resp
	if streaming {
		cp.Body = http.NoBody
	} else if m, ok := resp.Body.(*memBody); ok {
		cp.Body = newMemBody(m.b)
	}
	*cfg.responseInto = &cp
}

// beforeAttempt waits as the rate-limit settings require.
func (c *Client) beforeAttempt(ctx context.Context, cfg *config, r *http.Request) error {
	if cfg.waitRateLimit {
		if d := c.rateLimitWait(cfg.now()); d > 0 {
			d = min(d, cfg.maxRetryDelay)
			if cfg.logger != nil {
				cfg.logger.LogAttrs(ctx, slog.LevelDebug, "intercom: waiting for rate-limit reset",
					slog.String("method", r.Method), slog.String("path", c.scrub(r.URL.EscapedPath())), slog.Duration("delay", d))
			}
			if err := cfg.sleep(ctx, d); err != nil {
				return ctxError(ctx, fmt.Errorf("waiting %v for the rate-limit reset", d), 0)
			}
		}
	}
	if cfg.rateLimiter != nil {
		if err := cfg.rateLimiter.Wait(ctx); err != nil {
			return fmt.Errorf("intercom: %s %s: rate limiter: %w", r.Method, c.scrub(r.URL.EscapedPath()), c.scrubErr(err))
		}
	}
	if err := ctx.Err(); err != nil {
		return ctxError(ctx, err, 0)
	}
	return nil
}

// attemptResult is the outcome of one attempt. On success the body has been
// read (bounded) and closed, except for a streamed 2xx body.
type attemptResult struct {
	resp      *http.Response
	body      []byte
	truncated bool
	streaming bool // resp.Body is the live body of a streamed download
	err       error
	written   bool   // the request may have reached the server
	timedOut  bool   // the per-attempt timeout fired
	seq       uint64 // order in which the client's attempts were sent
}

// errNilResponse is the error of an attempt whose middleware or HTTP client
// returned neither a response nor an error.
var errNilResponse = errors.New("the middleware chain or HTTP client returned a nil *http.Response and a nil error")

// attempt sends r once through send and reads the response body.
// Whether a failed request may have left is decided from its error alone
// (see [neverSent]), never from a trace hook, so it holds for any transport.
func (c *Client) attempt(ctx context.Context, r *http.Request, cfg *config, send func(*http.Request) (*http.Response, error), idempotent bool, n int) (res attemptResult) {
	actx := ctx
	var cancel context.CancelFunc
	if cfg.requestTimeout > 0 {
		actx, cancel = context.WithTimeout(ctx, cfg.requestTimeout)
		defer func() {
			if !res.streaming {
				cancel()
			}
		}()
	}
	if actx != ctx {
		r = r.WithContext(actx)
	}
	logging := cfg.logger != nil && cfg.logger.Enabled(ctx, slog.LevelDebug)
	var start time.Time
	if logging {
		start = time.Now()
		c.logRequest(ctx, cfg, r, n)
	}
	res.seq = c.attempts.Add(1)
	resp, err := send(r)
	timedOut := func() bool {
		return cancel != nil && errors.Is(actx.Err(), context.DeadlineExceeded) && ctx.Err() == nil
	}
	if err == nil && resp == nil {
		err = errNilResponse
	}
	if err != nil {
		if resp != nil && resp.Body != nil {
			resp.Body.Close()
		}
		res.err, res.timedOut = err, timedOut()
		res.written = !neverSent(err) // never from a trace hook: see ErrOutcomeUnknown
		if logging {
			cfg.logger.LogAttrs(ctx, slog.LevelDebug, "intercom: request failed",
				slog.String("method", r.Method), slog.String("path", c.scrub(r.URL.EscapedPath())),
				slog.Int("attempt", n), slog.Duration("duration", time.Since(start)), slog.String("error", c.scrub(err.Error())))
		}
		return res
	}
	if resp.Body == nil {
		resp.Body = http.NoBody
	}
	ok := resp.StatusCode >= 200 && resp.StatusCode < 300
	if ok && cfg.stream {
		resp.Body = &streamBody{ReadCloser: resp.Body, cancel: cancel}
		res.resp, res.streaming = resp, true
		if logging {
			c.logResponse(ctx, cfg, r, resp, n, time.Since(start), -1)
		}
		return res
	}
	if ok {
		res.body, err = readLimited(resp.Body, resp.ContentLength, cfg.maxResponseBytes)
		if errors.Is(err, ErrResponseTooLarge) {
			resp.Body.Close()
			res.err = fmt.Errorf("%s %s (status %d): %w", r.Method, c.scrub(r.URL.EscapedPath()), resp.StatusCode, err)
			res.written = true
			resp.Body = newMemBody(nil)
			c.storeResponse(cfg, resp, false)
			return res
		}
	} else {
		res.body, res.truncated, err = readBounded(resp.Body, maxErrorBody)
	}
	resp.Body.Close()
	if err != nil {
		res.err = fmt.Errorf("reading response body of %s %s (status %d): %w", r.Method, c.scrub(r.URL.EscapedPath()), resp.StatusCode, err)
		res.timedOut, res.written = timedOut(), true
		return res
	}
	res.resp = resp
	if logging {
		c.logResponse(ctx, cfg, r, resp, n, time.Since(start), len(res.body))
	}
	return res
}

// streamBody is the body of a streamed 2xx response: closing it also ends
// the attempt's timeout, which covers reading the whole body.
type streamBody struct {
	io.ReadCloser
	cancel context.CancelFunc
	once   sync.Once
}

// Close closes the body and releases the attempt's resources.
func (b *streamBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(func() {
		if b.cancel != nil {
			b.cancel()
		}
	})
	return err
}

// ErrResponseTooLarge is wrapped by the error of a call whose successful
// response body is larger than the limit of [WithMaxResponseBytes] (64 MiB
// by default). Files (data exports, recordings) are streamed and not
// limited.
var ErrResponseTooLarge = errors.New("intercom: response body larger than the limit set by WithMaxResponseBytes")

// readLimited reads a whole body of at most limit bytes (no limit when
// limit <= 0), in memory that follows the bytes received, not the announced
// length (see [readCapped]). A longer body, or an announced length over the
// limit, is an error wrapping ErrResponseTooLarge; the body is then not read
// further.
func readLimited(body io.Reader, length, limit int64) ([]byte, error) {
	return readCapped(body, length, limit)
}

// readAll reads a whole body (see [readCapped]).
func readAll(body io.Reader, length int64) ([]byte, error) {
	return readCapped(body, length, 0)
}

// readBounded reads at most limit bytes of body, reporting whether there was
// more, and drains a bounded amount of the rest so the connection can be
// reused.
func readBounded(body io.Reader, limit int64) ([]byte, bool, error) {
	b, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		return nil, false, err
	}
	if int64(len(b)) > limit {
		_, _ = io.CopyN(io.Discard, body, maxDrainAfterFail)
		return b[:limit], true, nil
	}
	return b, false, nil
}

// memBody is the in-memory body of a response returned by the HTTP layer.
// It can be read again after Seek(0, io.SeekStart).
type memBody struct {
	bytes.Reader
	b []byte
}

func newMemBody(b []byte) *memBody {
	m := &memBody{b: b}
	m.Reset(b)
	return m
}

// Close does nothing; the connection was released when the body was read.
func (m *memBody) Close() error { return nil }

// responseBytes returns the whole body of a response from the HTTP layer
// without copying, or reads it if the body is something else.
func responseBytes(resp *http.Response) ([]byte, error) {
	if m, ok := resp.Body.(*memBody); ok {
		return m.b, nil
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// ctxError reports a call ended by its context; errors.Is(err, ctx.Err()) holds.
func ctxError(ctx context.Context, cause error, attempts int) error {
	suffix := ""
	if attempts > 1 {
		suffix = " (after " + strconv.Itoa(attempts) + " attempts)"
	}
	cerr := ctx.Err()
	if cause == nil || cerr == nil {
		if cerr == nil {
			cerr = cause
		}
		return Errorf("intercom: %w%s", cerr, suffix)
	}
	if errors.Is(cause, cerr) {
		return Errorf("intercom: %w%s", cause, suffix)
	}
	return Errorf("intercom: %w: %v%s", cerr, cause, suffix)
}

// transportError reports a failure without a response; err must already be
// scrubbed of the token.
func transportError(err error, attempts int) error {
	if attempts > 1 {
		return Errorf("intercom: %w (after %d attempts)", err, attempts)
	}
	return Errorf("intercom: %w", err)
}

// Of returns the engine whose HTTP layer d is (the doer of [Client.Doer],
// which a surface's raw generated client holds), or nil for another doer.
// It is how intercom/preview finds the engine of the package intercom
// client it is made from without package intercom exporting it.
func Of(d interface {
	Do(*http.Request) (*http.Response, error)
}) *Client {
	if x, ok := d.(*doer); ok {
		return x.c
	}
	return nil
}
