package intercom

import (
	"github.com/intercomkit/intercom-go/gen"
)

// Raw returns the generated client for operations this package does not wrap,
// or for full control over a request. It shares the client's HTTP layer: the
// token, Intercom-Version, User-Agent, retries, rate limiting, middleware and
// logging all apply, and a non-2xx response comes back as an [*Error] rather
// than as a result with HTTPResponse set. Per-call options go in the context
// with [ContextWithOptions]. The generated client is built by the first call
// of Raw; the services of this package do not use it (they call gen's request
// builders and hand the request to the engine).
func (c *Client) Raw() *ClientWithResponses {
	c.rawOnce.Do(func() {
		// gen.NewClient fails only when an option fails; the base URL
		// was validated by NewClient.
		g, _ := gen.NewClient(c.server, gen.WithHTTPClient(c.e.Doer()))
		c.raw = &gen.ClientWithResponses{ClientInterface: g}
	})
	return c.raw
}
