package engine

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// logRequest logs one attempt. Header values are logged except the
// Authorization header, whose credentials are replaced by [REDACTED].
func (c *Client) logRequest(ctx context.Context, cfg *config, r *http.Request, attempt int) {
	hdrs := make([]any, 0, len(r.Header))
	for k, vs := range r.Header {
		v := strings.Join(vs, ", ")
		if k == hdrAuthorization || k == "Proxy-Authorization" || k == "Cookie" {
			v = redactAuth(v)
		}
		hdrs = append(hdrs, slog.String(k, c.scrub(v)))
	}
	cfg.logger.LogAttrs(ctx, slog.LevelDebug, "intercom: request",
		slog.String("method", r.Method),
		slog.String("url", c.scrub(r.URL.Redacted())),
		slog.Int("attempt", attempt),
		slog.Group("headers", hdrs...),
	)
}

// logResponse logs the response of one attempt; size is the body's length,
// or -1 for a streamed body.
func (c *Client) logResponse(ctx context.Context, cfg *config, r *http.Request, resp *http.Response, attempt int, d time.Duration, size int) {
	attrs := []slog.Attr{
		slog.String("method", r.Method),
		slog.String("path", c.scrub(r.URL.EscapedPath())),
		slog.Int("attempt", attempt),
		slog.Int("status", resp.StatusCode),
		slog.Duration("duration", d),
	}
	if size >= 0 {
		attrs = append(attrs, slog.Int("bytes", size))
	}
	if id := resp.Header.Get(hdrRequestID); id != "" {
		attrs = append(attrs, slog.String("request_id", c.scrub(id)))
	}
	if rl, found := parseRateLimit(resp.Header); found {
		if rl.HasLimit {
			attrs = append(attrs, slog.Int("ratelimit_limit", rl.Limit))
		}
		if rl.HasRemaining {
			attrs = append(attrs, slog.Int("ratelimit_remaining", rl.Remaining))
		}
		if rl.HasReset {
			attrs = append(attrs, slog.Time("ratelimit_reset", rl.Reset))
		}
	}
	cfg.logger.LogAttrs(ctx, slog.LevelDebug, "intercom: response", attrs...)
}

// logRetry logs a decision to retry.
func (c *Client) logRetry(ctx context.Context, cfg *config, r *http.Request, attempt int, delay time.Duration, reason string, err error) {
	if cfg.logger == nil || !cfg.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", r.Method),
		slog.String("path", c.scrub(r.URL.EscapedPath())),
		slog.Int("attempt", attempt),
		slog.Duration("delay", delay),
		slog.String("reason", reason),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", c.scrub(err.Error())))
	}
	cfg.logger.LogAttrs(ctx, slog.LevelDebug, "intercom: retrying", attrs...)
}

// redactAuth keeps the scheme of an Authorization value and hides the rest.
func redactAuth(v string) string {
	if scheme, _, ok := strings.Cut(v, " "); ok {
		return scheme + " " + redacted
	}
	return redacted
}

// scrub removes the access token from s, in every encoded form (see
// [secretScrubber]).
func (c *Client) scrub(s string) string {
	return c.secrets().String(s)
}

// scrubErr returns err, or when its text holds the access token in any
// encoded form (a transport error quoting a URL that carries it, for
// example) an error without it: a *url.Error is copied with its URL
// scrubbed, and any other error is replaced by one with the same text,
// scrubbed, that still matches what err matched with errors.Is. Errors
// leaving the HTTP layer go through it.
func (c *Client) scrubErr(err error) error {
	if err == nil || c.token == "" || !c.secrets().Contains(err.Error()) {
		return err
	}
	if ue, ok := err.(*url.Error); ok {
		return &url.Error{Op: ue.Op, URL: c.scrub(ue.URL), Err: c.scrubErr(ue.Err)}
	}
	return &scrubbedError{msg: c.scrub(err.Error()), orig: err}
}

// scrubbedError stands for an error whose text held the access token. It
// does not unwrap to the original (whose text would show the token), but
// errors.Is still matches what the original matched.
type scrubbedError struct {
	msg  string
	orig error
}

func (e *scrubbedError) Error() string { return e.msg }

// Is reports whether the original error matches target.
func (e *scrubbedError) Is(target error) bool { return errors.Is(e.orig, target) }
