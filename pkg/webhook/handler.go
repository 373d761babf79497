package webhook

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
)

// HandlerFunc processes one verified, parsed notification. Returning nil
// makes [Handler] answer 200; returning an error makes it answer 500 so that
// Intercom delivers the notification again. ctx is the request's context.
type HandlerFunc func(ctx context.Context, n *Notification) error

// ErrHandlerPanic is wrapped by the error logged when a HandlerFunc panics.
var ErrHandlerPanic = errors.New("webhook: handler panicked")

// Handler is an http.Handler that receives Intercom webhook notifications:
// it verifies the signature, parses the notification and calls the
// HandlerFunc registered for its topic. Create it with [NewHandler], register
// topics with [Handler.Handle], and mount it on the URL you gave Intercom.
//
// Responses:
//
//   - 405 for a method other than POST
//   - 401 when X-Hub-Signature is missing, malformed or wrong
//   - 413 when the body is larger than the limit ([WithMaxBodyBytes])
//   - 400 when the signed body is not a valid notification
//   - 200 for "ping" when no HandlerFunc is registered for exactly "ping"
//   - 200 ("ignored") when no pattern matches the topic
//   - 200 ("duplicate") when the [Deduplicator] says the ID was processed
//   - 503 when the Deduplicator says the ID is being processed right now
//   - 500 when the HandlerFunc returns an error or panics (the panic is
//     recovered and logged), the Deduplicator fails, or the Handler has no
//     secret (the zero Handler)
//   - 200 when the HandlerFunc returns nil
//
// Create a Handler with NewHandler. The zero Handler does not panic, but it
// has no secret to verify with: it answers every POST 500 and logs nothing;
// patterns can still be registered on it.
//
// Bodies are short plain-text words; no error detail is sent to the caller.
// Failures are logged through the [WithLogger] logger, which never sees the
// secret. A Handler is safe for concurrent use, including registering
// patterns while it serves.
type Handler struct {
	secret  []byte
	maxBody int64
	dedup   Deduplicator
	logger  *slog.Logger

	mu     sync.RWMutex
	exact  map[string]HandlerFunc // "conversation.user.created"
	prefix map[string]HandlerFunc // "conversation." for "conversation.*"; "" for "*"
}

// Option configures a [Handler].
type Option func(*Handler) error

// WithMaxBodyBytes sets the largest body the Handler reads; larger requests
// get 413. The default is DefaultMaxBodyBytes. n must be positive.
func WithMaxBodyBytes(n int64) Option {
	return func(h *Handler) error {
		if n <= 0 {
			return fmt.Errorf("webhook: max body bytes %d, want > 0", n)
		}
		h.maxBody = n
		return nil
	}
}

// WithDeduplicator makes the Handler process each notification ID once (see
// [Deduplicator]). Notifications without an ID are always processed.
func WithDeduplicator(d Deduplicator) Option {
	return func(h *Handler) error {
		if d == nil {
			return errors.New("webhook: nil Deduplicator")
		}
		h.dedup = d
		return nil
	}
}

// WithLogger sets where the Handler logs rejected requests, handler errors
// and recovered panics. By default nothing is logged.
func WithLogger(l *slog.Logger) Option {
	return func(h *Handler) error {
		if l == nil {
			return errors.New("webhook: nil logger")
		}
		h.logger = l
		return nil
	}
}

// NewHandler returns a Handler that verifies notifications with secret, the
// app's client secret (shown in the Developer Hub under Basic information).
// The secret is copied. It returns ErrEmptySecret for an empty secret and
// an error for an invalid option.
func NewHandler(secret []byte, opts ...Option) (*Handler, error) {
	if len(secret) == 0 {
		return nil, ErrEmptySecret
	}
	h := &Handler{
		secret:  append([]byte(nil), secret...),
		maxBody: DefaultMaxBodyBytes,
		logger:  slog.New(slog.DiscardHandler),
		exact:   make(map[string]HandlerFunc),
		prefix:  make(map[string]HandlerFunc),
	}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(h); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// Handle registers fn for the topics that pattern matches. A pattern is
//
//   - an exact topic, such as "conversation.admin.replied" or "ping";
//   - a family wildcard ending in ".*", such as "conversation.*" or
//     "conversation.admin.*", which matches every topic that starts with the
//     part before "*" (so "conversation.*" matches "conversation.user.created"
//     but not "conversation_part.tag.created");
//   - "*", which matches every topic: a fallback for topics nothing else
//     matches.
//
// For each notification the exact topic wins, then the longest wildcard,
// then "*". Wildcards never match "ping"; register "ping" itself to handle
// pings. Topics no pattern matches are answered 200 and ignored.
//
// Handle returns an error, and changes nothing, for a nil fn, a malformed
// pattern or a pattern that is already registered.
func (h *Handler) Handle(pattern string, fn HandlerFunc) error {
	if fn == nil {
		return fmt.Errorf("webhook: nil HandlerFunc for pattern %q", clip(pattern))
	}
	key, wildcard, err := parsePattern(pattern)
	if err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.exact == nil { // a zero Handler
		h.exact, h.prefix = make(map[string]HandlerFunc), make(map[string]HandlerFunc)
	}
	table := h.exact
	if wildcard {
		table = h.prefix
	}
	if _, dup := table[key]; dup {
		return fmt.Errorf("webhook: pattern %q is already registered", pattern)
	}
	table[key] = fn
	return nil
}

// parsePattern validates pattern and returns its table key.
func parsePattern(pattern string) (key string, wildcard bool, err error) {
	if pattern == "*" {
		return "", true, nil
	}
	bad := func(why string) (string, bool, error) {
		return "", false, fmt.Errorf("webhook: invalid pattern %q: %s", clip(pattern), why)
	}
	if pattern == "" {
		return bad("empty")
	}
	segments := strings.Split(pattern, ".")
	for i, s := range segments {
		last := i == len(segments)-1
		switch {
		case s == "":
			return bad("empty segment")
		case s == "*" && !last:
			return bad(`"*" may only be the last segment`)
		case s != "*" && strings.Contains(s, "*"):
			return bad(`"*" must be a whole segment`)
		}
		for _, r := range s {
			if r <= ' ' || r == 0x7f {
				return bad("contains a space or control character")
			}
		}
	}
	if segments[len(segments)-1] == "*" {
		return strings.TrimSuffix(pattern, "*"), true, nil
	}
	return pattern, false, nil
}

// discardLogger is the logger of a Handler without one (the zero Handler).
var discardLogger = slog.New(slog.DiscardHandler)

// log returns the Handler's logger.
func (h *Handler) log() *slog.Logger {
	if h.logger == nil {
		return discardLogger
	}
	return h.logger
}

// route returns the HandlerFunc for topic, or nil.
func (h *Handler) route(topic string) HandlerFunc {
	h.mu.RLock()
	defer h.mu.RUnlock()
	if fn, ok := h.exact[topic]; ok {
		return fn
	}
	if topic == TopicPing {
		return nil
	}
	// Longest wildcard first: for "a.b.c" try "a.b.", then "a.", then "".
	rest := topic
	for {
		i := strings.LastIndexByte(rest, '.')
		if i < 0 {
			break
		}
		rest = rest[:i]
		if fn, ok := h.prefix[rest+"."]; ok {
			return fn
		}
	}
	return h.prefix[""]
}

// ServeHTTP implements http.Handler; see [Handler] for the responses.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		respond(w, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	maxBody := h.maxBody
	if maxBody <= 0 { // a zero Handler
		maxBody = DefaultMaxBodyBytes
	}
	body, err := VerifyRequest(r, h.secret, maxBody)
	if err != nil {
		status := http.StatusBadRequest
		switch {
		case errors.Is(err, ErrEmptySecret):
			// A Handler without a secret (the zero Handler) cannot verify
			// anything: a configuration error, and Intercom retries a 500.
			status = http.StatusInternalServerError
		case errors.Is(err, ErrBodyTooLarge):
			status = http.StatusRequestEntityTooLarge
		case errors.Is(err, ErrMissingSignature), errors.Is(err, ErrMalformedSignature), errors.Is(err, ErrInvalidSignature):
			status = http.StatusUnauthorized
		}
		h.log().LogAttrs(ctx, slog.LevelWarn, "webhook: request rejected",
			slog.Int("status", status), slog.String("error", err.Error()))
		respond(w, status, http.StatusText(status))
		return
	}
	n, err := Parse(body)
	if err != nil {
		h.log().LogAttrs(ctx, slog.LevelWarn, "webhook: request rejected",
			slog.Int("status", http.StatusBadRequest), slog.String("error", err.Error()))
		respond(w, http.StatusBadRequest, "malformed notification")
		return
	}
	attrs := []slog.Attr{slog.String("topic", clip(n.Topic)), slog.String("id", clip(n.ID))}

	fn := h.route(n.Topic)
	if fn == nil {
		if n.Topic == TopicPing {
			respond(w, http.StatusOK, "pong")
			return
		}
		h.log().LogAttrs(ctx, slog.LevelDebug, "webhook: no handler for topic; ignored", attrs...)
		respond(w, http.StatusOK, "ignored")
		return
	}

	claimed := false
	if h.dedup != nil && n.ID != "" {
		res, err := h.dedup.Claim(ctx, n.ID)
		switch {
		case err != nil:
			h.log().LogAttrs(ctx, slog.LevelError, "webhook: deduplicator claim failed",
				append(attrs, slog.String("error", err.Error()))...)
			respond(w, http.StatusInternalServerError, "internal error")
			return
		case res == ClaimDone:
			respond(w, http.StatusOK, "duplicate")
			return
		case res == ClaimInFlight:
			w.Header().Set("Retry-After", "60")
			respond(w, http.StatusServiceUnavailable, "in progress")
			return
		case res != ClaimNew:
			h.log().LogAttrs(ctx, slog.LevelError, "webhook: deduplicator returned an unknown result",
				append(attrs, slog.String("result", res.String()))...)
			respond(w, http.StatusInternalServerError, "internal error")
			return
		}
		claimed = true
	}

	err = call(ctx, fn, n)

	if claimed {
		// Record the outcome even if the client went away meanwhile.
		if ferr := h.dedup.Finish(context.WithoutCancel(ctx), n.ID, err == nil); ferr != nil {
			h.log().LogAttrs(ctx, slog.LevelError, "webhook: deduplicator finish failed",
				append(attrs, slog.String("error", ferr.Error()))...)
		}
	}
	if err != nil {
		h.log().LogAttrs(ctx, slog.LevelError, "webhook: handler failed",
			append(attrs, slog.String("error", err.Error()))...)
		respond(w, http.StatusInternalServerError, "handler failed")
		return
	}
	respond(w, http.StatusOK, "ok")
}

// call runs fn, turning a panic into an error wrapping ErrHandlerPanic.
func call(ctx context.Context, fn HandlerFunc, n *Notification) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("%w: %v\n%s", ErrHandlerPanic, v, debug.Stack())
		}
	}()
	return fn(ctx, n)
}

func respond(w http.ResponseWriter, status int, msg string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, msg+"\n")
}
