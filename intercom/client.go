package intercom

import (
	"sync"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom/internal/engine"
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

	// e is the engine (intercom/internal/engine) every call of this client
	// and of intercom/preview clients made from it goes through. It is
	// held by value so that NewClient allocates once.
	e engine.Client
	// server is the base URL with a trailing slash, as gen's request
	// builders take it.
	server string

	rawOnce sync.Once
	raw     *gen.ClientWithResponses // built by the first Raw call
}

// defaults are what this package gives the engine: the API version it pins
// and the SDK version the User-Agent names.
var defaults = engine.Defaults{APIVersion: APIVersion, SDKVersion: Version}

// NewClient returns a client authenticating with token, an access token of an
// Intercom app or an OAuth access token. An empty or malformed token, an
// invalid option, or [WithRegion] combined with [WithBaseURL] is an error.
func NewClient(token string, opts ...Option) (*Client, error) {
	c := new(Client)
	if err := c.e.Init(token, defaults, opts); err != nil {
		return nil, err
	}
	c.server = c.e.Server()
	c.Services.init(c, &c.svc)
	return c, nil
}

// NewClientFromEnv is [NewClient] with the token read from the
// INTERCOM_ACCESS_TOKEN environment variable and the region from
// INTERCOM_REGION ("us", "eu" or "au"; unset means us). A region or base URL
// given in opts takes precedence over INTERCOM_REGION.
func NewClientFromEnv(opts ...Option) (*Client, error) {
	c := new(Client)
	if err := c.e.InitFromEnv(defaults, opts); err != nil {
		return nil, err
	}
	c.server = c.e.Server()
	c.Services.init(c, &c.svc)
	return c, nil
}

// engine returns the engine of c, which the generated methods hand their
// requests to (and intercom/preview reaches through [Client.Raw]'s doer,
// see engine.Of).
func (c *Client) engine() *engine.Client { return &c.e }

// BaseURL returns the base URL requests are sent to, without a trailing slash.
func (c *Client) BaseURL() string { return c.e.BaseURL() }

// APIVersion returns the Intercom-Version the client sends by default.
func (c *Client) APIVersion() string { return c.e.APIVersion() }

// CloseIdleConnections closes idle keep-alive connections of the client's
// HTTP client. The client stays usable.
func (c *Client) CloseIdleConnections() { c.e.CloseIdleConnections() }

// RateLimit returns the most recent rate-limit state reported by the
// responses that carried X-RateLimit headers, or the zero RateLimit before
// any did. The state of the response to the request sent last replaces any
// older one, so one odd response cannot stick: the next one heals it. The
// exception is concurrent responses of the same window (same
// X-RateLimit-Reset), processed in any order: there, fewer remaining
// requests is the more recent state, whichever request was sent first.
//
// A reset time is checked before it is kept (see [RateLimit.Reset]): one
// sent in milliseconds is read as such, a small number as seconds from now,
// and a reset in the past or more than a few minutes ahead is dropped
// (HasReset is false), since no Intercom window is that long.
func (c *Client) RateLimit() RateLimit { return c.e.RateLimit() }

// RateLimiter returns the [RateLimiter] the client was configured with
// ([WithRateLimiter]), or nil. A job runner uses it to pace itself inside the
// same budget.
func (c *Client) RateLimiter() RateLimiter { return c.e.RateLimiter() }
