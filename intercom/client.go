package intercom

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/intercomkit/intercom-go/gen"
)

// Environment variables read by [NewClientFromEnv].
const (
	// EnvAccessToken names the variable holding the access token.
	EnvAccessToken = "INTERCOM_ACCESS_TOKEN"
	// EnvRegion names the optional variable holding the region: us, eu or au.
	EnvRegion = "INTERCOM_REGION"
)

// Client talks to the Intercom REST API. It is safe for concurrent use; create
// one per access token and reuse it.
//
// Every request, whether made through this package's services or through the
// generated client returned by [Client.Raw], goes through the same HTTP layer,
// which:
//   - sends Authorization: Bearer <token>, Intercom-Version ([APIVersion] or
//     [WithAPIVersion]), Accept and Content-Type: application/json, and
//     User-Agent: intercom-go/<version> go/<go version> (plus [WithAppInfo]);
//   - consults the [RateLimiter] of [WithRateLimiter], and with
//     [WithRateLimitWait] waits for the rate-limit window to reset instead of
//     spending a request on a 429;
//   - runs the [WithMiddleware] middleware around each attempt, each attempt
//     bounded by [WithRequestTimeout];
//   - retries (2 times by default, see [WithMaxRetries]) after a connection
//     failure before any response or a 408, 429, 500, 502, 503 or 504 response,
//     waiting as long as the server asks (Retry-After, then X-RateLimit-Reset on
//     a 429) up to [WithMaxRetryDelay], otherwise with exponential backoff and
//     jitter. A write (POST, PUT, PATCH, unless its [Operation] is
//     RetrySafe, like a search) is retried after a 5xx or a failure once the
//     request was sent only with [WithRetryNonIdempotent]; a failure known
//     not to have been processed (an HTTP/2 REFUSED_STREAM or GOAWAY that
//     excluded the request) is retried for every request. The request body is
//     replayed byte for byte;
//   - records the X-RateLimit-* headers of each response ([Client.RateLimit]);
//   - returns a non-2xx response as an [*Error] and a 2xx response with its
//     body read into memory, up to [WithMaxResponseBytes] (64 MiB by
//     default); files (see [Download]) are streamed instead;
//   - logs with [WithLogger], never showing the token;
//   - follows redirects only as [ErrRedirectRefused] describes: the token is
//     only ever sent to the client's own origin, never over a downgrade.
type Client struct {
	// Services holds one field per resource: client.Contacts, client.Conversations, ...
	Services
	svc serviceValues // what the fields of Services point to

	cfg      config
	token    string
	scrubber *secretScrubber // every encoded form of token (scrub.go)
	baseURL  string          // without trailing slash
	base     *url.URL
	hc       *http.Client

	// Precomputed header values shared by every request.
	authHdr    []string
	uaHdr      []string
	versionHdr []string

	// send runs one attempt through the client's middleware and hc.
	send func(*http.Request) (*http.Response, error)

	// server is the base URL with a trailing slash, as gen's request
	// builders take it.
	server string

	doer    doer
	rawOnce sync.Once
	raw     *gen.ClientWithResponses // built by the first Raw call

	// attempts numbers the attempts in the order they are sent.
	attempts atomic.Uint64

	rlMu  sync.Mutex
	rl    RateLimit
	rlSeq uint64 // the attempt whose response rl comes from

	// warned holds the operation+field pairs whose decoding mismatch was
	// logged (see warnMismatches).
	warnMu sync.Mutex
	warned map[string]struct{}
}

// NewClient returns a client authenticating with token, an access token of an
// Intercom app or an OAuth access token. An empty or malformed token, an
// invalid option, or [WithRegion] combined with [WithBaseURL] is an error.
func NewClient(token string, opts ...Option) (*Client, error) {
	cfg := defaultConfig()
	if err := cfg.apply(opts); err != nil {
		return nil, err
	}
	return newClient(token, cfg)
}

// NewClientFromEnv is [NewClient] with the token read from the
// INTERCOM_ACCESS_TOKEN environment variable and the region from
// INTERCOM_REGION ("us", "eu" or "au"; unset means us). A region or base URL
// given in opts takes precedence over INTERCOM_REGION.
func NewClientFromEnv(opts ...Option) (*Client, error) {
	token := os.Getenv(EnvAccessToken)
	if strings.TrimSpace(token) == "" {
		return nil, fmt.Errorf("intercom: environment variable %s is not set", EnvAccessToken)
	}
	cfg := defaultConfig()
	if err := cfg.apply(opts); err != nil {
		return nil, err
	}
	if env := os.Getenv(EnvRegion); env != "" && !cfg.regionSet && !cfg.baseURLSet {
		r, err := ParseRegion(env)
		if err != nil {
			return nil, errorf("intercom: %s: %w", EnvRegion, err)
		}
		cfg.region, cfg.regionSet = r, true
	}
	return newClient(token, cfg)
}

func newClient(token string, cfg config) (*Client, error) {
	token = strings.TrimSpace(token)
	if err := validateToken(token); err != nil {
		return nil, err
	}
	if cfg.regionSet && cfg.baseURLSet {
		return nil, errors.New("intercom: WithRegion and WithBaseURL cannot be combined; a base URL already names the host")
	}
	c := &Client{cfg: cfg, token: token, scrubber: newSecretScrubber(token)}
	c.baseURL = cfg.baseURL
	if !cfg.baseURLSet {
		c.baseURL = cfg.region.BaseURL()
	}
	base, err := url.Parse(c.baseURL)
	if err != nil { // validated already; kept for safety
		return nil, errorf("intercom: base URL: %w", err)
	}
	c.base = base
	// The client's own copy of the HTTP client, with the redirect policy: a
	// caller's *http.Client is never modified.
	if cfg.httpClient != nil {
		hc := *cfg.httpClient
		c.hc = &hc
	} else {
		c.hc = &http.Client{Transport: &lazyTransport{}}
	}
	c.hc.CheckRedirect = c.redirectPolicy(c.hc.CheckRedirect)
	c.authHdr = headerValue("Bearer " + token)
	ua := "intercom-go/" + Version + " go/" + goVersion()
	if cfg.appInfo != "" {
		ua += " " + cfg.appInfo
	}
	c.uaHdr = headerValue(ua)
	c.versionHdr = headerValue(cfg.apiVersion)
	c.send = chain(cfg.middleware, c.hc.Do)
	c.server = c.baseURL + "/"
	c.doer.c = c
	c.Services.init(c, &c.svc)
	return c, nil
}

// validateToken checks token without ever putting it in the error.
func validateToken(token string) error {
	if token == "" {
		return errors.New("intercom: empty access token")
	}
	if err := checkBearerPrefix(token); err != nil {
		return err
	}
	for i := 0; i < len(token); i++ {
		if c := token[i]; c <= ' ' || c >= 0x7f {
			return errors.New("intercom: access token contains spaces, control or non-ASCII characters")
		}
	}
	return nil
}

// headerValue returns a one-element header value slice whose capacity equals
// its length, so an append by anyone sharing it copies instead of writing
// into the shared array.
func headerValue(v string) []string {
	s := []string{v}
	return s[:1:1]
}

// goVersion is the Go version without the "go" prefix, reduced to an HTTP token.
func goVersion() string {
	v := strings.TrimPrefix(runtime.Version(), "go")
	for i := 0; i < len(v); i++ {
		if !isToken(v[i : i+1]) {
			v = v[:i]
			break
		}
	}
	if v == "" {
		return "unknown"
	}
	return v
}

// lazyTransport is the transport of a client made without [WithHTTPClient]:
// the SDK's own transport (see [defaultTransport]), built by the first
// request rather than by NewClient, which then costs a few allocations
// instead of a copy of net/http's transport and TLS configuration. Each
// client has its own, so clients never share a connection pool or its
// limits.
type lazyTransport struct {
	mu sync.Mutex
	t  atomic.Pointer[http.Transport]
}

// transport returns the transport, built on first use.
func (l *lazyTransport) transport() *http.Transport {
	if t := l.t.Load(); t != nil {
		return t
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if t := l.t.Load(); t != nil {
		return t
	}
	t := defaultTransport()
	l.t.Store(t)
	return t
}

// RoundTrip sends r with the transport.
func (l *lazyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return l.transport().RoundTrip(r)
}

// CloseIdleConnections closes the idle connections of the transport, if it
// was built.
func (l *lazyTransport) CloseIdleConnections() {
	if t := l.t.Load(); t != nil {
		t.CloseIdleConnections()
	}
}

// defaultTransport clones http.DefaultTransport with up to 64 connections to
// the API host, all of which may stay idle for reuse (the SDK talks to one
// host; more parallelism only meets the rate limit sooner), and a bound on
// the wait for response headers.
func defaultTransport() *http.Transport {
	var t *http.Transport
	if dt, ok := http.DefaultTransport.(*http.Transport); ok {
		t = dt.Clone()
	} else {
		t = &http.Transport{Proxy: http.ProxyFromEnvironment, ForceAttemptHTTP2: true}
	}
	t.MaxIdleConnsPerHost = defaultMaxIdleConnsPerHost
	t.MaxConnsPerHost = defaultMaxIdleConnsPerHost
	if t.MaxIdleConns != 0 && t.MaxIdleConns < defaultMaxIdleConnsPerHost {
		t.MaxIdleConns = defaultMaxIdleConnsPerHost
	}
	t.ResponseHeaderTimeout = defaultResponseHeaderTimeout
	return t
}

// BaseURL returns the base URL requests are sent to, without a trailing slash.
func (c *Client) BaseURL() string { return c.baseURL }

// APIVersion returns the Intercom-Version the client sends by default.
func (c *Client) APIVersion() string { return c.cfg.apiVersion }

// CloseIdleConnections closes idle keep-alive connections of the client's
// HTTP client. The client stays usable.
func (c *Client) CloseIdleConnections() { c.hc.CloseIdleConnections() }
