package intercom

import (
	"fmt"

	"github.com/intercomkit/intercom-go/gen"
)

// initGen builds the generated clients on the client's HTTP layer, so a raw
// generated call gets the same authentication, headers, retries, rate-limit
// handling, logging and typed errors as a service method.
func (c *Client) initGen() error {
	g, err := gen.NewClient(c.baseURL, gen.WithHTTPClient(c.doer))
	if err != nil {
		return fmt.Errorf("intercom: building the generated client: %w", err)
	}
	c.gen = g
	c.raw = &gen.ClientWithResponses{ClientInterface: g}
	return nil
}

// Raw returns the generated client for operations this package does not wrap,
// or for full control over a request. It shares the client's HTTP layer: the
// token, Intercom-Version, User-Agent, retries, rate limiting, middleware and
// logging all apply, and a non-2xx response comes back as an [*Error] rather
// than as a result with HTTPResponse set. Per-call options go in the context
// with [ContextWithOptions].
func (c *Client) Raw() *gen.ClientWithResponses { return c.raw }
