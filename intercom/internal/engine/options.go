package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Option configures a [Client] (passed to [NewClient]) or a single call
// (passed as the trailing argument of a service method, or attached to a
// context with [ContextWithOptions]). Per-call options are applied on top of
// the client's; when the same setting is given more than once the later one
// wins.
//
// A few options only make sense in one place: [WithRegion], [WithBaseURL],
// [WithHTTPClient] and [WithAppInfo] configure the client only, and
// [WithResponseInto] a single call only. Using one in the wrong place makes
// NewClient or the call return an error.
//
// An Option is a function so that options compose; build them only with the
// With... functions of this package. A nil Option is an error.
type Option func(*config) error

// scope tells an Option whether it is being applied to a client or a call.
type scope uint8

const (
	scopeClient scope = iota
	scopeCall
)

// Defaults of the client configuration.
const (
	defaultMaxRetries            = 2
	defaultMaxRetryDelay         = 30 * time.Second
	defaultResponseHeaderTimeout = 60 * time.Second
	defaultMaxIdleConnsPerHost   = 64
	// DefaultMaxResponseBytes is the default limit on the body of a
	// successful JSON response; see [WithMaxResponseBytes].
	DefaultMaxResponseBytes = 64 << 20
)

// config holds every setting of a client or call. A call's config is a copy of
// the client's with the call options applied.
type config struct {
	scope scope

	// Client-only settings.
	region     Region
	regionSet  bool
	baseURL    string
	baseURLSet bool
	httpClient *http.Client
	appInfo    string

	// Client or call settings.
	apiVersion     string
	apiVersionCall bool // WithAPIVersion given as a call option
	maxRetries     int
	maxRetryDelay  time.Duration
	retryWrites    bool
	requestTimeout time.Duration
	middleware     []Middleware
	logger         *slog.Logger
	waitRateLimit  bool
	rateLimiter    RateLimiter
	observers      []Observer

	strictDecoding bool // WithStrictDecoding

	// maxResponseBytes bounds a successful JSON body (<= 0: no limit).
	maxResponseBytes int64

	// Call-only settings.
	responseInto **http.Response
	params       any           // WithParams: consumed by the service method, checked by the HTTP layer
	decodeReport *DecodeReport // WithDecodeReport
	// stream hands a 2xx body to the caller unread (downloads).
	stream bool
	// retryRateLimitedOnly retries after a 429, and after a failure known
	// not to have reached the server, and nothing else (scrolls).
	retryRateLimitedOnly bool

	// Test hooks: the clock and the sleeper used for retry and rate-limit waits.
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
}

func defaultConfig(apiVersion string) config {
	return config{
		region:        RegionUS,
		apiVersion:    apiVersion,
		maxRetries:    defaultMaxRetries,
		maxRetryDelay: defaultMaxRetryDelay,
		now:           time.Now,
		sleep:         sleepCtx,

		maxResponseBytes: DefaultMaxResponseBytes,
	}
}

// apply runs opts in order, stopping at the first error.
func (cfg *config) apply(opts []Option) error {
	for i, o := range opts {
		if o == nil {
			return fmt.Errorf("intercom: option %d is nil", i)
		}
		if err := o(cfg); err != nil {
			return err
		}
	}
	return nil
}

func (cfg *config) clientOnly(name string) error {
	if cfg.scope != scopeClient {
		return fmt.Errorf("intercom: %s configures the client; pass it to NewClient, not to a call", name)
	}
	return nil
}

// WithRegion selects the region whose API host the client talks to. The
// default is [RegionUS]. It cannot be combined with [WithBaseURL]. Client only.
func WithRegion(r Region) Option {
	return func(cfg *config) error {
		if err := cfg.clientOnly("WithRegion"); err != nil {
			return err
		}
		if !r.valid() {
			return fmt.Errorf("intercom: WithRegion: unknown region %q (want RegionUS, RegionEU or RegionAU)", Truncate(string(r), 32))
		}
		cfg.region, cfg.regionSet = r, true
		return nil
	}
}

// WithBaseURL sends requests to rawURL instead of a region's host, for a proxy
// or a test server. A path is kept as a prefix of every operation path. The
// URL must be https, except that plain http is accepted for a loopback host
// (localhost, 127.0.0.0/8, ::1). It cannot be combined with [WithRegion].
// Client only.
func WithBaseURL(rawURL string) Option {
	return func(cfg *config) error {
		if err := cfg.clientOnly("WithBaseURL"); err != nil {
			return err
		}
		u, err := validateBaseURL(rawURL)
		if err != nil {
			return err
		}
		cfg.baseURL, cfg.baseURLSet = u, true
		return nil
	}
}

func validateBaseURL(rawURL string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return "", fmt.Errorf("intercom: WithBaseURL: %w", err)
	}
	if u.Host == "" || u.Hostname() == "" {
		return "", errors.New("intercom: WithBaseURL: the URL needs a scheme and a host, e.g. https://proxy.example.com")
	}
	if u.User != nil {
		return "", errors.New("intercom: WithBaseURL: credentials in the URL are not allowed")
	}
	if u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return "", errors.New("intercom: WithBaseURL: the URL must not have a query or fragment")
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return "", fmt.Errorf("intercom: WithBaseURL: plain http is only allowed for a loopback host, not %q; use https", u.Hostname())
		}
	default:
		return "", fmt.Errorf("intercom: WithBaseURL: unsupported scheme %q (want https)", u.Scheme)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	return strings.TrimRight(u.String(), "/"), nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// WithHTTPClient sends requests with hc instead of the SDK's default client.
// Every SDK behaviour (authentication, version header, retries, rate limits,
// logging, middleware, timeouts) is kept: they run around hc. Leave hc.Timeout
// at zero and bound calls with a context or [WithRequestTimeout]. Client only.
func WithHTTPClient(hc *http.Client) Option {
	return func(cfg *config) error {
		if err := cfg.clientOnly("WithHTTPClient"); err != nil {
			return err
		}
		if hc == nil {
			return errors.New("intercom: WithHTTPClient: nil *http.Client")
		}
		cfg.httpClient = hc
		return nil
	}
}

// WithAppInfo appends "name/version" to the User-Agent header so Intercom can
// tell which application sends the requests. Both must be HTTP tokens
// (letters, digits and !#$%&'*+-.^_`|~); version may be empty. Client only.
func WithAppInfo(name, version string) Option {
	return func(cfg *config) error {
		if err := cfg.clientOnly("WithAppInfo"); err != nil {
			return err
		}
		if name == "" || !isToken(name) || (version != "" && !isToken(version)) {
			return fmt.Errorf("intercom: WithAppInfo: name and version must be HTTP tokens without spaces, got %q %q", Truncate(name, 64), Truncate(version, 64))
		}
		if version != "" {
			name += "/" + version
		}
		cfg.appInfo = name
		return nil
	}
}

// WithAPIVersion sets the Intercom-Version header (default [APIVersion]), e.g.
// "2.14" or "Unstable". Responses are still decoded into this SDK's types,
// which follow [APIVersion].
func WithAPIVersion(v string) Option {
	return func(cfg *config) error {
		if v == "" || len(v) > 32 || !isToken(v) {
			return fmt.Errorf("intercom: WithAPIVersion: invalid version %q", Truncate(v, 32))
		}
		cfg.apiVersion = v
		cfg.apiVersionCall = cfg.scope == scopeCall
		return nil
	}
}

// WithMaxRetries sets how many times a failed attempt is retried (default 2;
// 0 disables retries). See [Client] for what is retried.
func WithMaxRetries(n int) Option {
	return func(cfg *config) error {
		if n < 0 {
			return fmt.Errorf("intercom: WithMaxRetries: negative count %d", n)
		}
		cfg.maxRetries = n
		return nil
	}
}

// WithMaxRetryDelay caps the wait before a retry, including a wait asked for
// by the server with Retry-After or X-RateLimit-Reset, and the wait of
// [WithRateLimitWait] (default 30s).
func WithMaxRetryDelay(d time.Duration) Option {
	return func(cfg *config) error {
		if d <= 0 {
			return fmt.Errorf("intercom: WithMaxRetryDelay: delay must be positive, got %v", d)
		}
		cfg.maxRetryDelay = d
		return nil
	}
}

// WithRetryNonIdempotent controls whether POST, PUT and PATCH requests are
// also retried after a 500, 502, 503 or 504 response, or after a connection
// failure once the request was sent, when the server may already have acted
// on them. The default is false: then only GET, HEAD, OPTIONS and DELETE
// are, and the operations whose [Operation] is RetrySafe (reads sent as
// POST, such as searches). Writes are always retried after 408, 429, failures
// before the request was sent, and HTTP/2 refusals that say the request was
// not processed.
func WithRetryNonIdempotent(enable bool) Option {
	return func(cfg *config) error {
		cfg.retryWrites = enable
		return nil
	}
}

// WithRequestTimeout bounds each attempt (connect, send, wait and read the
// whole response) to d; an attempt that times out may be retried. 0 (the
// default) means no per-attempt limit; the transport still limits the wait
// for response headers. Bound the whole call, retries included, with the
// context.
func WithRequestTimeout(d time.Duration) Option {
	return func(cfg *config) error {
		if d < 0 {
			return fmt.Errorf("intercom: WithRequestTimeout: negative timeout %v", d)
		}
		cfg.requestTimeout = d
		return nil
	}
}

// WithMiddleware adds middleware around every HTTP attempt, after the
// client's middleware. The first middleware given is the outermost.
func WithMiddleware(mw ...Middleware) Option {
	return func(cfg *config) error {
		for i, m := range mw {
			if m == nil {
				return fmt.Errorf("intercom: WithMiddleware: middleware %d is nil", i)
			}
		}
		// Copy, so a call never appends into the client's slice.
		cfg.middleware = append(cfg.middleware[:len(cfg.middleware):len(cfg.middleware)], mw...)
		return nil
	}
}

// WithLogger logs every attempt, response and retry at [slog.LevelDebug] to l,
// and each response field that did not fit its type at [slog.LevelWarn] (once
// per operation and field, see [WithStrictDecoding]); nil turns logging off. The access token is never logged; the Authorization
// header appears as "Bearer [REDACTED]".
func WithLogger(l *slog.Logger) Option {
	return func(cfg *config) error {
		cfg.logger = l
		return nil
	}
}

// WithRateLimitWait, when enable is true, makes a request wait until the
// rate-limit window resets when the last response said no requests remain
// (X-RateLimit-Remaining 0), instead of spending a request on a 429. The wait
// is capped by [WithMaxRetryDelay]. Default false.
func WithRateLimitWait(enable bool) Option {
	return func(cfg *config) error {
		cfg.waitRateLimit = enable
		return nil
	}
}

// WithRateLimiter sets a [RateLimiter] consulted before every attempt and told
// about every response; nil removes it.
func WithRateLimiter(l RateLimiter) Option {
	return func(cfg *config) error {
		cfg.rateLimiter = l
		return nil
	}
}

// WithMaxResponseBytes limits the body of a successful JSON response to n
// bytes (default [DefaultMaxResponseBytes], 64 MiB). A larger body is not
// read into memory: the call fails with an error wrapping
// [ErrResponseTooLarge]. n <= 0 removes the limit. Files the API returns
// instead of JSON (data exports, call recordings, see [Download]) are
// streamed to the caller by the service methods and not limited; a raw
// generated call buffers every body, files included, so the limit applies
// to it. Error bodies are always limited to 64 KiB.
func WithMaxResponseBytes(n int64) Option {
	return func(cfg *config) error {
		cfg.maxResponseBytes = n
		return nil
	}
}

// WithResponseInto stores the final *http.Response of the call in *dst, also
// when the call fails with an [*Error]. Its body is a copy in memory, which
// can be read whatever else reads the response, and read again after
// Seek(0, io.SeekStart). For a call returning a [Download], whose body is
// streamed, the stored response has no body. Call only.
func WithResponseInto(dst **http.Response) Option {
	return func(cfg *config) error {
		if cfg.scope != scopeCall {
			return errors.New("intercom: WithResponseInto configures a single call; pass it to a call, not to NewClient")
		}
		if dst == nil {
			return errors.New("intercom: WithResponseInto: nil destination")
		}
		cfg.responseInto = dst
		return nil
	}
}

// Clock is the time source of the HTTP layer: Now dates the rate-limit
// state, and Sleep waits before a retry or for a rate-limit reset. The
// default reads the wall clock and waits on a timer (or the context). Give
// another with [WithClock] so that tests do not wait in real time; a fake
// server's clock, such as that of package intercomtest (whose clients use it
// already), fits.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// Sleep waits for d, or until ctx is done, in which case it returns
	// ctx.Err().
	Sleep(ctx context.Context, d time.Duration) error
}

// WithClock makes the client (or a call) take the time from c and wait on
// it: retry delays, Retry-After and rate-limit waits go through c.Sleep, so
// a manual clock makes them instant. nil is an error. Client or call.
func WithClock(c Clock) Option {
	return func(cfg *config) error {
		if c == nil {
			return errors.New("intercom: WithClock: nil clock")
		}
		cfg.now, cfg.sleep = c.Now, c.Sleep
		return nil
	}
}

// withStream makes the call hand a successful body to the caller unread,
// for a [Download].
func withStream() Option {
	return func(cfg *config) error {
		cfg.stream = true
		return nil
	}
}

// withRetryRateLimitedOnly makes the call retry only after a 429 (waited out
// as usual) or a failure before the request reached the server, for a
// scroll: a scroll request that failed otherwise may have moved the scroll.
func withRetryRateLimitedOnly() Option {
	return func(cfg *config) error {
		cfg.retryRateLimitedOnly = true
		return nil
	}
}

// withClock replaces the clock (tests).
func withClock(now func() time.Time) Option {
	return func(cfg *config) error {
		cfg.now = now
		return nil
	}
}

// withSleeper replaces the function that waits between attempts (tests).
func withSleeper(sleep func(ctx context.Context, d time.Duration) error) Option {
	return func(cfg *config) error {
		cfg.sleep = sleep
		return nil
	}
}

// isToken reports whether s is a non-empty RFC 9110 token.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// ContextWithOptions returns a copy of ctx carrying call options for raw
// generated calls on [Client.Raw]: every request made with the returned
// context applies them on top of the client's options. Service methods take
// their options as arguments instead; options given to one call never apply
// to another, and a call made from inside a middleware with the request's
// context does not see them. Options already carried by ctx come first, so
// opts win. [WithParams] cannot be given this way (a service method reads its
// parameters from its own options only): a call made with such a context
// fails before anything is sent.
func ContextWithOptions(ctx context.Context, opts ...Option) context.Context {
	if len(opts) == 0 {
		return ctx
	}
	opts = refuseParamsInContext(opts)
	prev := callOptions(ctx, nil, nil)
	all := make([]Option, 0, len(prev)+len(opts))
	all = append(append(all, prev...), opts...)
	return context.WithValue(ctx, opKey{}, &contextOptions{opts: all})
}
