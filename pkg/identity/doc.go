// Package identity computes and checks Intercom identity-verification hashes.
//
// Intercom's identity verification stops people from impersonating your users
// in the Messenger. Your server computes a user_hash for the signed-in user and
// hands it to the Messenger together with the user_id (or the email when the
// user has no user_id):
//
//	user_hash = hex(HMAC-SHA256(key = identity-verification secret, message = user_id))
//
// The identity-verification secret is shown in the workspace's Messenger
// security settings. It must stay on your servers: never send it to a browser
// or a mobile app, and never log it. Functions in this package never put the
// secret or the computed hash into an error.
//
// [UserHash] computes the hash; [Verify] checks a hash in constant time, for
// example in a test or in a service that receives hashes from another one.
package identity
