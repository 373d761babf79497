package engine

import "context"

// RateLimiter paces requests on the client side. The HTTP layer calls Wait
// before every attempt (retries included) and Observe after every response,
// so an implementation can both throttle and learn from Intercom's headers.
// Implementations must be safe for concurrent use. See [WithRateLimiter].
type RateLimiter interface {
	// Wait blocks until one request may be sent, or ctx is done.
	Wait(ctx context.Context) error
	// Observe learns from each response: status code and the parsed RateLimit headers.
	Observe(status int, rl RateLimit)
}

// RateLimiter returns the [RateLimiter] the client was configured with
// ([WithRateLimiter]), or nil. A job runner uses it to pace itself inside the
// same budget.
func (c *Client) RateLimiter() RateLimiter { return c.cfg.rateLimiter }
