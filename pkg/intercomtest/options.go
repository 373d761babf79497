package intercomtest

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// DefaultToken is the access token a server accepts unless [WithToken] says
// otherwise.
const DefaultToken = "test-token"

// The default rate-limit budgets, Intercom's defaults for private apps:
// 10,000 calls per minute per app and 25,000 per minute per workspace,
// which Intercom enforces spread evenly over 10-second windows (1,666 and
// 4,166 calls per window).
const (
	// DefaultRateLimit is how many requests one app (one token) may make in
	// a window.
	DefaultRateLimit = 10000 / 6
	// DefaultWorkspaceRateLimit is how many requests all the apps of the
	// workspace together may make in a window.
	DefaultWorkspaceRateLimit = 25000 / 6
	// DefaultRateLimitWindow is the length of a rate-limit window.
	DefaultRateLimitWindow = 10 * time.Second
)

// DefaultScrollPageSize is how many companies one page of GET /companies/scroll
// holds unless [WithScrollPageSize] says otherwise.
const DefaultScrollPageSize = 15

// DefaultMaxRecorded is how many requests [Server.Requests] keeps unless
// [WithMaxRecorded] says otherwise.
const DefaultMaxRecorded = 10000

// Option configures a [Server]; pass options to [Start] or [NewServer]. An
// invalid option makes them fail.
type Option func(*config) error

type config struct {
	token          string
	clock          Clock
	rateLimit      int
	rateWindow     time.Duration
	wsRateLimit    int
	appTokens      []string // further apps of the workspace
	seed           uint64
	scrollPageSize int
	scrollTTL      time.Duration
	maxRecorded    int
	jobDuration    time.Duration
	addr           string // "" for a loopback address of the system's choosing
}

func defaultConfig() config {
	return config{
		token:          DefaultToken,
		clock:          &skipClock{},
		rateLimit:      DefaultRateLimit,
		rateWindow:     DefaultRateLimitWindow,
		wsRateLimit:    DefaultWorkspaceRateLimit,
		seed:           1,
		scrollPageSize: DefaultScrollPageSize,
		scrollTTL:      time.Minute,
		maxRecorded:    DefaultMaxRecorded,
		jobDuration:    DefaultJobDuration,
	}
}

// WithToken sets the access token the server accepts (default [DefaultToken]).
// A request with another bearer token, or none, gets 401 unauthorized.
func WithToken(token string) Option {
	return func(c *config) error {
		if strings.TrimSpace(token) == "" {
			return errors.New("intercomtest: WithToken: empty token")
		}
		c.token = token
		return nil
	}
}

// WithClock sets the server's clock (default: the wall clock's time, with
// waits that take no real time, see [Clock]). Use a [ManualClock] to fix the
// time, or [WallClock] to make injected latency take real time.
func WithClock(clock Clock) Option {
	return func(c *config) error {
		if clock == nil {
			return errors.New("intercomtest: WithClock: nil clock")
		}
		c.clock = clock
		return nil
	}
}

// WithRateLimit sets each app's request budget: limit requests per window
// (default [DefaultRateLimit] per [DefaultRateLimitWindow], Intercom's
// 10,000 per minute in 10-second windows). Windows are fixed and start when
// the server starts, on the server's clock. Every response carries
// X-RateLimit-Limit (the app's budget per window), X-RateLimit-Remaining and
// X-RateLimit-Reset (the Unix time, in seconds, at which the window ends); a
// request over the budget gets 429 rate_limit_exceeded with Retry-After. The
// workspace's budget ([WithWorkspaceRateLimit]) uses the same windows; when
// limit is above it, it is raised to limit.
func WithRateLimit(limit int, window time.Duration) Option {
	return func(c *config) error {
		if limit < 1 {
			return fmt.Errorf("intercomtest: WithRateLimit: limit must be at least 1, got %d", limit)
		}
		if window < time.Second {
			return fmt.Errorf("intercomtest: WithRateLimit: window must be at least 1s, got %v", window)
		}
		c.rateLimit, c.rateWindow = limit, window
		c.wsRateLimit = max(c.wsRateLimit, limit)
		return nil
	}
}

// WithWorkspaceRateLimit sets the budget all the apps of the workspace share
// per window (default [DefaultWorkspaceRateLimit], Intercom's 25,000 per
// minute in 10-second windows). Give the other apps' tokens with
// [WithAppToken].
func WithWorkspaceRateLimit(limit int) Option {
	return func(c *config) error {
		if limit < 1 {
			return fmt.Errorf("intercomtest: WithWorkspaceRateLimit: limit must be at least 1, got %d", limit)
		}
		c.wsRateLimit = limit
		return nil
	}
}

// WithAppToken adds another app of the workspace: the server also accepts
// token, which has a budget of its own ([WithRateLimit]) and shares the
// workspace's ([WithWorkspaceRateLimit]).
func WithAppToken(token string) Option {
	return func(c *config) error {
		if strings.TrimSpace(token) == "" {
			return errors.New("intercomtest: WithAppToken: empty token")
		}
		c.appTokens = append(c.appTokens, token)
		return nil
	}
}

// WithSeed seeds the random source that decides which requests a fault with a
// [Fault.Probability] hits (default 1), so a run can be repeated exactly.
func WithSeed(seed uint64) Option {
	return func(c *config) error {
		c.seed = seed
		return nil
	}
}

// WithScrollPageSize sets how many companies a page of GET /companies/scroll
// holds (default [DefaultScrollPageSize]).
func WithScrollPageSize(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("intercomtest: WithScrollPageSize: size must be at least 1, got %d", n)
		}
		c.scrollPageSize = n
		return nil
	}
}

// WithMaxRecorded sets how many of the most recent requests [Server.Requests]
// keeps (default [DefaultMaxRecorded]); 0 keeps none.
func WithMaxRecorded(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return fmt.Errorf("intercomtest: WithMaxRecorded: negative count %d", n)
		}
		c.maxRecorded = n
		return nil
	}
}

// DefaultJobDuration is how long an asynchronous job (a data export, a
// reporting data export, an enqueued ticket) takes on the server's clock
// unless [WithJobDuration] says otherwise.
const DefaultJobDuration = 10 * time.Second

// WithJobDuration sets how long an asynchronous job takes on the server's
// clock (default [DefaultJobDuration]): a data export is pending for the
// first half, in progress for the second, then completed; a reporting data
// export and an enqueued ticket are pending until d has passed. 0 completes
// them at once.
func WithJobDuration(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("intercomtest: WithJobDuration: negative duration %v", d)
		}
		c.jobDuration = d
		return nil
	}
}

// WithAddr makes the server listen on addr ("127.0.0.1:8080", ":8080")
// instead of a free loopback port; it is how the intercom-fake command
// serves on a fixed address. A server on a non-loopback address is reachable
// from the network: the fake has no security beyond its token.
func WithAddr(addr string) Option {
	return func(c *config) error {
		if strings.TrimSpace(addr) == "" {
			return errors.New("intercomtest: WithAddr: empty address")
		}
		c.addr = addr
		return nil
	}
}
