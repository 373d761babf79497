// Package intercom is a Go client for the Intercom REST API.
//
// Create one [Client] per access token and share it between goroutines:
//
//	client, err := intercom.NewClient(os.Getenv("INTERCOM_ACCESS_TOKEN"))
//
// or let [NewClientFromEnv] read INTERCOM_ACCESS_TOKEN and INTERCOM_REGION.
// Workspaces hosted in Europe or Australia use [WithRegion] with [RegionEU] or
// [RegionAU]; [WithBaseURL] points the client at a proxy or a test server
// instead.
//
// # Options
//
// One [Option] type configures both the client and single calls: pass options
// to NewClient, as the last arguments of a service method, or attach them to
// a context with [ContextWithOptions]. Call options are applied after the
// client's, so they win. For example [WithAPIVersion] changes the
// Intercom-Version header (default [APIVersion]) for the client or one call,
// [WithMaxRetries] the number of retries, and [WithResponseInto] captures the
// *http.Response of a call.
//
// # The HTTP layer
//
// All requests go through one HTTP layer, described on [Client]: it
// authenticates, sets the version and User-Agent headers, retries transient
// failures with backoff while honouring Retry-After and X-RateLimit-Reset,
// tracks rate limits ([Client.RateLimit], [WithRateLimitWait],
// [WithRateLimiter]), runs [WithMiddleware] middleware, and logs through
// log/slog ([WithLogger]) without ever showing the token. The default HTTP
// client clones http.DefaultTransport, opens at most 64 connections to the
// API host and keeps them all for reuse, and bounds the wait for response
// headers; it has no overall timeout, so bound each call with its context.
//
// # Errors
//
// A non-2xx response, after retries, is an [*Error] carrying the status, the
// error list Intercom returned, the request id, the rate-limit state and the
// raw body. Test for common cases with [IsNotFound], [IsUnauthorized],
// [IsForbidden], [IsRateLimited], [IsConflict] and [IsValidation], or use
// errors.As. A 2xx body that does not decode into the result type gives a
// [*DecodeError] that keeps the raw body. A cancelled or expired context gives
// an error for which errors.Is(err, ctx.Err()) holds.
//
// # Generated client
//
// [Client.Raw] returns the client generated from Intercom's OpenAPI
// description (package gen) for every operation, sharing the same HTTP layer.
package intercom
