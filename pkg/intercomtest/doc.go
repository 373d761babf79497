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
// Outside a test (an example, a demo), [Start] returns a server to [Server.Close];
// the intercom-fake command (cmd/intercom-fake) runs one as a process of its
// own, for test suites in other languages.
//
// # What it serves
//
// Every operation of Intercom's OpenAPI description (API version
// [gen.APIVersion]); [Routes] lists them with the description's path
// templates, and ROUTES.md (next to this package's sources) says per service
// how each is answered. Responses conform to the description; the
// repository's scripts/suites/fakecheck test validates every route.
//
// Hand-written handlers give the semantics tests script most: contacts
// (create, get, get by external id, update, delete, archive, unarchive,
// merge, list, search, and their tags, notes and companies), companies
// (create or update, get, update, delete, list with filters, POST
// /companies/list, scroll, attached contacts), conversations (create, get,
// update, delete, list, search, reply, close, open, snooze, assign, tags,
// adding and removing participants), tags, notes, data events, admins (/me,
// list, get, away mode), teams, segments, ticket types and states, tickets
// (create, get, update, delete, search, replies and notes, tags, linked
// conversations), articles, and the asynchronous jobs: content data exports
// (pending, in progress, then completed after the job duration
// [WithJobDuration], with a gzip CSV download; one active at a time; cancel),
// reporting data exports (datasets, enqueue, status, download) and tickets
// enqueued through the jobs API (GET /jobs/status/{job_id}).
//
// Every other operation is answered from a route table generated from the
// description by make generate (routes.gen.go: each operation's success
// status and a sample response checked against its schema). A path P with
// GET, PUT or DELETE on P/{id} is a collection: where the API can create in
// it (POST P), the fake keeps what is created, lists it, reads, updates and
// deletes it by id, and answers 404 for an unknown id; where it cannot (help
// centers, brands, macros), it holds one sample resource under every id.
// Other operations answer their sample after checking that the resources
// their path names exist. A route table is data: a second description (the
// Preview API) gets a table of its own from the same generator.
//
// Each list pages the way the real endpoint does: a starting_after cursor
// with pages.next.starting_after (GET /contacts, GET /conversations, and the
// pagination object of search bodies; a cursor holds the position of the
// last item returned, so deleting or archiving the items already seen
// shifts nothing); page and per_page with pages.next as the URL of the next
// page (companies, articles, notes, attached companies and contacts, the
// generated collections); scroll_param for GET /companies/scroll (one scroll
// at a time, expiring after a minute unused on the server's clock, and
// ended by a failed page so that the client restarts it).
//
// Searches (POST /contacts/search, /conversations/search, /tickets/search)
// take at most two levels of AND/OR groups and 15 filters per group, as
// Intercom documents, and support the operators =, !=, IN, NIN, <, <=, >, >=, ~ (contains),
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
// 501 with the code [UnservedCode] for a path that is no operation of the
// API; 400 parameter_not_found or parameter_invalid for a missing or invalid
// parameter (a contact without email, external_id or role, an unknown search
// operator, a bad cursor); 409 conflict for a duplicate user; 429
// rate_limit_exceeded over the budget.
//
// Every response carries X-RateLimit-Limit, X-RateLimit-Remaining and
// X-RateLimit-Reset for the app's budget per 10-second window, Intercom's
// 10,000 calls a minute per app ([DefaultRateLimit], [WithRateLimit]),
// within the workspace's 25,000 a minute shared by its apps
// ([DefaultWorkspaceRateLimit], [WithWorkspaceRateLimit], [WithAppToken]),
// on the server's [Clock] ([WithClock]). The default clock reads the wall clock but
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
// scroll (Intercom's answer to a failed scroll). The generated routes keep
// what is sent but answer the description's sample for the fields they do
// not know, page by page and per_page only, and their actions (publish,
// merge, convert, redact) change nothing; a data export's CSV has one row per
// contact created in its window.
package intercomtest
