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
// # Services, types and helpers
//
// The client's services mirror Intercom's resources: client.Contacts,
// client.Conversations, client.Companies, client.Tickets, ... Methods take
// ctx, path ids, then a body or params struct of package gen (generated from
// Intercom's OpenAPI description), and return gen types:
//
//	contact, err := client.Contacts.Create(ctx, gen.CreateContactRequest{Email: intercom.Ptr("ada@example.com")})
//
// Optional fields are pointers: set them with [Ptr] and read them with the
// generated nil-safe getters (contact.GetEmail() is "" when unset). Ids are
// strings whatever Intercom sends; timestamps read as time.Time with the
// GetXTime getters and are written with [Unix].
//
// # Iterators
//
// Every paginated list has an ...All method returning an iter.Seq2 for a
// range loop, fetching pages lazily whatever the pagination style (cursor,
// search body, page numbers, next URL, scroll):
//
//	for c, err := range client.Contacts.ListAll(ctx, nil) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(c.GetEmail())
//	}
//
// A repeated cursor ends the loop with [ErrRepeatedCursor], a failed scroll
// with [ErrScrollExpired].
//
// # Search
//
// [Field], [And] and [Or] build search queries for the contacts,
// conversations and tickets search endpoints; one builder per searchable
// service ([SearchQuery.ForContacts], ForConversations, ForTickets) checks
// them against Intercom's documented limits and returns the body that
// service's Search takes. [SearchField.IsNull] finds unset fields:
//
//	req, err := intercom.And(intercom.Field("state").Equals("open"), intercom.Field("admin_assignee_id").IsNull()).ForConversations()
//
// # Testing and webhooks
//
// Package github.com/intercomkit/intercom-go/pkg/intercomtest is a stateful
// in-memory fake of the API for tests: intercomtest.NewServer(t).Client()
// returns a client talking to it; it injects faults without waiting in real
// time and delivers signed webhook notifications. Package
// github.com/intercomkit/intercom-go/pkg/webhook verifies and parses
// Intercom's webhook notifications and routes them by topic.
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
// client clones http.DefaultTransport (on its first request, not in
// NewClient; each client has its own), opens at most 64 connections to the
// API host and keeps them all for reuse, and bounds the wait for response
// headers; it has no overall timeout, so bound each call with its context.
//
// # Errors
//
// A non-2xx response, after retries, is an [*Error] carrying the status, the
// error list Intercom returned, the request id, the rate-limit state and the
// raw body. Test for common cases with [IsNotFound], [IsUnauthorized],
// [IsForbidden], [IsRateLimited], [IsConflict] and [IsValidation], or use
// errors.As; [*Error.Code] (or [ErrorCode]) gives the first error code.
// Decoding of 2xx bodies is tolerant: a field whose JSON does not fit its
// type is left empty and reported ([WithDecodeReport], a warning through
// [WithLogger]), and the rest is returned; [WithStrictDecoding] makes it a
// [*DecodeError]. A body that is not JSON, or is empty or null where a value
// is expected, is a [*DecodeError] that keeps the raw body. A cancelled or
// expired context gives an error for which errors.Is(err, ctx.Err()) holds.
//
// # Generated client
//
// [Client.Raw] returns the client generated from Intercom's OpenAPI
// description (package gen) for every operation, sharing the same HTTP layer.
package intercom
