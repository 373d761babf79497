// Package intercomtest is an in-process fake of the Intercom REST API for
// testing code that uses package intercom (or the generated client in gen).
//
// A [Server] listens on a loopback address and keeps state in memory, so a
// test can create a contact, tag it, start a conversation, reply, close it and
// read it all back, without network access or an Intercom workspace:
//
//	srv := intercomtest.NewServer(t)           // closed when the test ends
//	client := srv.Client()                     // intercom.NewClient(token, intercom.WithBaseURL(srv.URL))
//	contact := srv.SeedContacts(1)[0]          // or create it through client
//	// ... exercise your code with client ...
//	reqs := srv.Requests()                     // what your code sent
//
// Outside a test (an example, a demo), [Start] returns a server to [Server.Close].
//
// # What it serves
//
// [Routes] lists the operations, with the path templates of Intercom's OpenAPI
// description (API version [gen.APIVersion]): contacts (create, get, get by
// external id, update, delete, archive, unarchive, merge, list, search, and
// their tags, notes and companies), companies (create or update, get, update,
// delete, list with filters, POST /companies/list, scroll, attached contacts),
// conversations (create, get, update, delete, list, search, reply, close,
// open, snooze, assign, tags, adding and removing participants), tags (create, list, get, delete, tagging contacts
// and companies), notes, data events (create, summaries), admins (/me, list,
// get), teams, segments, ticket types, tickets (create, get, update, search)
// and articles (create, get, update, delete, list). Responses are built from
// the generated types and are checked against the description by the
// repository's scripts/suites/fakecheck test.
//
// Each list pages the way the real endpoint does: a starting_after cursor
// with pages.next.starting_after (GET /contacts, GET /conversations, and the
// pagination object of search bodies); page and per_page with pages.next as
// the URL of the next page (companies, articles, notes, attached companies
// and contacts); scroll_param for GET /companies/scroll (one scroll at a
// time, expiring after a minute unused on the server's clock).
//
// Searches (POST /contacts/search, /conversations/search, /tickets/search)
// support the operators =, !=, IN, NIN, <, <=, >, >=, ~ (contains),
// !~ (does not contain), ^ (starts with) and $ (ends with), nested AND and
// OR groups, over the resources' fields as the API shows them, dotted for
// nested ones (custom_attributes.plan, source.author.email), plus tag_id and
// company_id for contacts, contact_ids, tag_ids and teammate_ids for
// conversations, and state, ticket_state_id, ticket_type_id, contact_ids,
// title and description for tickets. String comparisons ignore case; a
// number and a numeric string compare as numbers. The value null with = or !=
// (intercom.Field(...).IsNull() and IsNotNull()) tests whether a field is
// unset: admin_assignee_id = null finds unassigned conversations, and on a
// list field (tag_ids) = null holds for an empty list.
//
// Ids look like Intercom's: 24 hex digits for contacts, companies and
// segments, numeric strings for the rest. A server starts with one admin (the
// owner of the token, [Server.Me]), a team and a ticket type
// ([Server.DefaultTicketType]).
//
// # Errors, rate limits and faults
//
// Errors use Intercom's body,
// {"type":"error.list","request_id":"...","errors":[{"code":"...","message":"..."}]},
// with its codes: 401 unauthorized for a missing or wrong bearer token
// ([WithToken], default [DefaultToken]); 404 not_found for an unknown id;
// 501 with the code [UnservedCode] and a message saying that intercomtest does
// not serve it for a route the fake does not serve (an operation of the API it
// does not implement, naming it, or no operation at all); 400 parameter_not_found or parameter_invalid for a missing or invalid
// parameter (a contact without email, external_id or role, an unknown search
// operator, a bad cursor); 409 conflict for a duplicate user; 429
// rate_limit_exceeded over the budget.
//
// Every response carries X-RateLimit-Limit, X-RateLimit-Remaining and
// X-RateLimit-Reset for a fixed-window budget ([WithRateLimit]) on the
// server's [Clock] ([WithClock]). The default clock reads the wall clock but
// never waits: injected latency and the retry waits of the clients made by
// [Server.Client] (which wait on the server's clock) move it forward instead,
// so a test with faults takes no real time; a [ManualClock] also fixes the
// time, and [WallClock] waits for real.
//
// [Server.Fail] injects faults per operation ("GET /contacts/{contact_id}") or
// on every request, for a number of requests or at random with a seeded
// source ([WithSeed]): an error status such as 429 (with Retry-After and
// X-RateLimit-Reset) or 503, latency waited on the server's clock, or a
// dropped connection.
//
// [Server.Requests] returns the requests received, with the Authorization
// header redacted.
//
// # Webhooks
//
// [Server.DeliverWebhook] builds an Intercom notification ([Webhook]: a
// topic and an item, such as a conversation the server returned), signs it
// with the app's client secret as Intercom does (X-Hub-Signature) and serves
// it to an http.Handler, such as a webhook.Handler, returning its response;
// [Server.WebhookRequest] returns the signed *http.Request for a handler of
// your own.
//
// # Differences from Intercom
//
// The fake is meant for tests, not as a reference for Intercom's behaviour.
// Among the simplifications: archived contacts stay readable by id but leave
// lists and searches; GET /events always answers the event summaries (the
// shape the description declares); segments have no members; custom
// attributes need no data attribute definition; notes keep their body as
// sent; an unknown or expired scroll_param gets a 500 asking to restart the
// scroll (Intercom's answer to a failed scroll).
package intercomtest
