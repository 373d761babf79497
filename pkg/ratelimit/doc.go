// Package ratelimit provides proactive client-side rate limiters for the
// Intercom API, to plug into a client with intercom.WithRateLimiter.
//
// Intercom limits an app to a number of calls a minute (10,000 by default,
// 25,000 per workspace for private apps), counted in 10-second windows: the
// X-RateLimit-Limit header gives the budget of one window (about 1,666 by
// default), X-RateLimit-Remaining what is left of it and X-RateLimit-Reset
// when the window ends. A program that runs many workers against one app and
// lets each retry its own 429 responses makes the workers stampede at every
// window reset. A shared limiter paces all of them instead.
//
// A limiter is consulted by the client's HTTP layer before every attempt
// (Wait) and learns from every response (Observe):
//
//   - requests are paced so that no window of the configured length sees more
//     than Share × Limit of them (by default 95% of 1,666 per 10 s), which
//     leaves headroom for timing jitter between this process and the server;
//   - a 429, or a response whose headers say no calls remain, pauses every
//     request until the window's Reset (at most one window, so that a skewed
//     server clock cannot stall the program);
//   - the X-RateLimit-Limit header adjusts the budget (for example 4,166 per
//     window for a private app with 25,000 a minute).
//
// [Local] is the in-process limiter: create one per process and give the same
// value to every client and goroutine of that process. For several processes
// sharing one app, the separate module
// github.com/intercomkit/intercom-go/pkg/ratelimit/redisrate provides a
// Redis-backed limiter with the same behaviour, including a shared pause.
//
// [PauseUntil] and [Pace] expose the two rules above for anyone writing a
// limiter of their own.
package ratelimit
