// Package oauth implements Intercom's OAuth flow for public apps.
//
// A public app acts on other workspaces' data with an access token that each
// workspace grants through OAuth:
//
//  1. Generate a random state with [NewState] and remember it in the user's
//     session (an HttpOnly cookie, for example).
//  2. Redirect the user to [Config.AuthorizeURL]: the Intercom consent page,
//     https://app.intercom.com/oauth?client_id=...&state=... (or the EU or AU
//     host, chosen with Config.Region).
//  3. Intercom redirects back to the app's redirect URL with code and state.
//     [Config.HandleCallback] checks the state in constant time, turns
//     error=access_denied into an [*AuthorizationError], and exchanges the code
//     for an access token at https://api.intercom.io/auth/eagle/token (or the
//     regional host) with [Config.Exchange].
//  4. Store the token and use it with intercom.NewClient, or
//     [Config.NewClient] which also selects the region.
//
// Intercom's tokens do not expire and come without a refresh token; scopes are
// set on the app in the Developer Hub, not in the authorize URL. Tokens are
// returned as *oauth2.Token from golang.org/x/oauth2, whose Valid method is
// true for them (no expiry) and which plugs into oauth2.StaticTokenSource;
// [Config.OAuth2Config] gives an equivalent *oauth2.Config for code built on
// that package.
//
// Errors are typed: [ErrStateMismatch] and [ErrMissingState] for the state,
// [*AuthorizationError] (matching [ErrAccessDenied] when the user declined)
// for an error on the callback, and [*TokenError] for an error answer of the
// token endpoint. The client secret, the code and the token never appear in
// an error.
package oauth
