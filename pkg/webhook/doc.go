// Package webhook receives Intercom webhook notifications.
//
// Intercom POSTs a JSON notification to your endpoint for each subscribed
// topic and signs the raw body: the X-Hub-Signature header holds
// "sha1=" and the hex HMAC-SHA1 of the body keyed with the app's client
// secret. This package offers three layers:
//
//   - [Verify] and [VerifyRequest] check the signature (constant time) and
//     return distinct errors for a missing, malformed or wrong signature
//     ([ErrMissingSignature], [ErrMalformedSignature], [ErrInvalidSignature]);
//     [Sign] computes one, for tests and tools (intercomtest.Server.DeliverWebhook
//     builds, signs and delivers a whole notification to a handler).
//   - [Parse] decodes the notification envelope into a [Notification]. The
//     item stays raw (Data.Item) and is decoded on demand into the generated
//     type for its topic family: [Notification.Contact],
//     [Notification.Conversation], [Notification.Ticket] and so on, or
//     [Notification.Item] to get whichever type fits.
//   - [Handler] is an http.Handler that does both and dispatches to a
//     [HandlerFunc] per topic ("conversation.user.created") or topic family
//     ("conversation.*"), with a body size limit, optional de-duplication by
//     notification ID ([Deduplicator], [MemoryDeduplicator]) and recovery of
//     panics.
//
// Intercom delivers at least once and redelivers a notification whose
// delivery did not get a 2xx answer. Handler therefore answers 200 only after
// the HandlerFunc returned nil; an error or a panic gives a 500 and a later
// redelivery. Keep HandlerFuncs quick (Intercom prefers answers within
// 500ms and gives up on slow ones): for slow work, queue the notification and
// return nil.
//
// The secret never appears in errors, logs or responses.
package webhook
