package engine

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Environment variables read by [NewFromEnv].
const (
	// EnvAccessToken names the variable holding the access token.
	EnvAccessToken = "INTERCOM_ACCESS_TOKEN"
	// EnvRegion names the optional variable holding the region: us, eu or au.
	EnvRegion = "INTERCOM_REGION"
)

// Defaults are what a surface of the SDK (package intercom) gives the
// engine when it makes a client: the API version it pins and the SDK
// version the User-Agent names.
type Defaults struct {
	APIVersion string
	SDKVersion string
}

// Client is the engine of one intercom.Client: the HTTP layer every call of
// package intercom and of intercom/preview goes through (see the doc of
// intercom.Client for what it does). A surface holds one by value and makes
// it with [Client.Init]; its zero value is not usable.
type Client struct {
	cfg      config
	defaults Defaults
	token    string
	scrubber *secretScrubber // every encoded form of token (scrub.go)
	baseURL  string          // without trailing slash
	base     *url.URL
	hc       *http.Client

	// Storage for what NewClient would otherwise allocate one by one: the
	// scrubber, the default HTTP client and its transport, and the
	// authorization header value (pointed to by scrubber, hc and authHdr).
	ownScrubber  secretScrubber
	ownHC        http.Client
	ownTransport lazyTransport
	authVal      [1]string

	// Precomputed header values shared by every request.
	authHdr    []string
	uaHdr      []string
	versionHdr []string

	// send runs one attempt through the client's middleware and hc.
	send func(*http.Request) (*http.Response, error)

	// server is the base URL with a trailing slash, as gen's request
	// builders take it.
	server string

	doer doer

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

// Init makes c the engine of a client authenticating with token, with the
// client options opts applied on top of the defaults d. An empty or
// malformed token, an invalid option, or WithRegion combined with
// WithBaseURL is an error. c is filled in place (a surface's Client holds
// its engine by value, so that NewClient allocates once).
func (c *Client) Init(token string, d Defaults, opts []Option) error {
	// The options are applied in place: a config on the stack would escape
	// (each option is called with a pointer to it) and cost an allocation.
	c.cfg = defaultConfig(d.APIVersion)
	if err := c.cfg.apply(opts); err != nil {
		*c = Client{}
		return err
	}
	return c.init(token, d)
}

// InitFromEnv is [Client.Init] with the token read from the
// INTERCOM_ACCESS_TOKEN environment variable and the region from
// INTERCOM_REGION ("us", "eu" or "au"; unset means us). A region or base URL
// given in opts takes precedence over INTERCOM_REGION.
func (c *Client) InitFromEnv(d Defaults, opts []Option) error {
	token := os.Getenv(EnvAccessToken)
	if strings.TrimSpace(token) == "" {
		return fmt.Errorf("intercom: environment variable %s is not set", EnvAccessToken)
	}
	c.cfg = defaultConfig(d.APIVersion)
	cfg := &c.cfg
	if err := cfg.apply(opts); err != nil {
		*c = Client{}
		return err
	}
	if env := os.Getenv(EnvRegion); env != "" && !cfg.regionSet && !cfg.baseURLSet {
		r, err := ParseRegion(env)
		if err != nil {
			*c = Client{}
			return Errorf("intercom: %s: %w", EnvRegion, err)
		}
		cfg.region, cfg.regionSet = r, true
	}
	return c.init(token, d)
}

// init finishes the client whose options are in c.cfg; on an error c is
// left zero.
func (c *Client) init(token string, d Defaults) error {
	if err := c.fill(token, d); err != nil {
		*c = Client{}
		return err
	}
	return nil
}

// fill sets every field of c but cfg from token, d and c.cfg.
func (c *Client) fill(token string, d Defaults) error {
	cfg := &c.cfg
	token = strings.TrimSpace(token)
	if err := validateToken(token); err != nil {
		return err
	}
	if cfg.regionSet && cfg.baseURLSet {
		return errors.New("intercom: WithRegion and WithBaseURL cannot be combined; a base URL already names the host")
	}
	c.ownScrubber.secret = token
	c.defaults, c.token, c.scrubber = d, token, &c.ownScrubber
	c.baseURL = cfg.baseURL
	if !cfg.baseURLSet {
		c.baseURL = cfg.region.BaseURL()
	}
	if u := regionURL(cfg.region); !cfg.baseURLSet && u != nil {
		c.base = u // parsed once per process; the engine only reads it
	} else {
		base, err := url.Parse(c.baseURL)
		if err != nil { // validated already; kept for safety
			return Errorf("intercom: base URL: %w", err)
		}
		c.base = base
	}
	// The client's own copy of the HTTP client, with the redirect policy: a
	// caller's *http.Client is never modified.
	if cfg.httpClient != nil {
		hc := *cfg.httpClient
		c.hc = &hc
	} else {
		c.ownHC.Transport = &c.ownTransport
		c.hc = &c.ownHC
	}
	c.hc.CheckRedirect = c.redirectPolicy(c.hc.CheckRedirect)
	c.authVal[0] = "Bearer " + token
	c.authHdr = c.authVal[:1:1]
	c.uaHdr = userAgent(d.SDKVersion, cfg.appInfo)
	c.versionHdr = sharedHeaderValue(&lastVersionHdr, cfg.apiVersion)
	c.send = chain(cfg.middleware, c.hc.Do)
	c.server = serverOf(c.baseURL)
	c.doer.c = c
	return nil
}

// serverOf is baseURL with a trailing slash, as gen's request builders take
// it; the regions' are constants.
func serverOf(baseURL string) string {
	switch baseURL {
	case "https://api.intercom.io":
		return "https://api.intercom.io/"
	case "https://api.eu.intercom.io":
		return "https://api.eu.intercom.io/"
	case "https://api.au.intercom.io":
		return "https://api.au.intercom.io/"
	}
	return baseURL + "/"
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

// The header values most clients share, kept from the last client made so
// that a program making a client per workspace does not rebuild them. A
// shared value is safe: the engine puts it in a request's header map as is,
// and Header.Set replaces it while Header.Add copies it (its capacity is 1).
var lastUAHdr, lastVersionHdr atomic.Pointer[sharedHeader]

// sharedHeader is a header value and the string it was made from.
type sharedHeader struct {
	key string
	hdr []string
}

// sharedHeaderValue returns headerValue(v), reusing the one in last when it
// was made from the same string.
func sharedHeaderValue(last *atomic.Pointer[sharedHeader], v string) []string {
	if h := last.Load(); h != nil && h.key == v {
		return h.hdr
	}
	h := &sharedHeader{key: v, hdr: headerValue(v)}
	last.Store(h)
	return h.hdr
}

// userAgent is the User-Agent header value: the SDK version, the Go version
// and the application named with WithAppInfo.
func userAgent(sdkVersion, appInfo string) []string {
	if appInfo != "" {
		return headerValue("intercom-go/" + sdkVersion + " go/" + goVersion() + " " + appInfo)
	}
	if h := lastUAHdr.Load(); h != nil && h.key == sdkVersion {
		return h.hdr
	}
	h := &sharedHeader{key: sdkVersion, hdr: headerValue("intercom-go/" + sdkVersion + " go/" + goVersion())}
	lastUAHdr.Store(h)
	return h.hdr
}

// goVersion is the Go version without the "go" prefix, reduced to an HTTP token.
var goVersion = sync.OnceValue(goVersionOf)

// goVersionOf works out goVersion.
func goVersionOf() string {
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

// Server returns the base URL with a trailing slash, as gen's request
// builders take it.
func (c *Client) Server() string { return c.server }

// Doer returns the client's HTTP layer as gen's HttpRequestDoer: the way a
// raw generated call enters the engine, as a call of no known operation
// with the options of ContextWithOptions.
func (c *Client) Doer() interface {
	Do(*http.Request) (*http.Response, error)
} {
	return &c.doer
}

// DefaultAPIVersion returns the API version of the client's surface (the
// Defaults it was made with).
func (c *Client) DefaultAPIVersion() string { return c.defaults.APIVersion }

// APIVersion returns the Intercom-Version the client sends by default.
func (c *Client) APIVersion() string { return c.cfg.apiVersion }

// CloseIdleConnections closes idle keep-alive connections of the client's
// HTTP client. The client stays usable.
func (c *Client) CloseIdleConnections() { c.hc.CloseIdleConnections() }

// Now is the time of the client's clock (WithClock; the wall clock by
// default).
func (c *Client) Now() time.Time { return c.cfg.now() }

// Sleep waits for d on the client's clock, or until ctx is done.
func (c *Client) Sleep(ctx context.Context, d time.Duration) error { return c.cfg.sleep(ctx, d) }
