package oauth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/intercomkit/intercom-go/intercom"
)

// The US endpoints; see [EndpointFor] for the other regions.
const (
	// AuthURL is the Intercom consent page users are sent to.
	AuthURL = "https://app.intercom.com/oauth"
	// TokenURL is where an authorization code is exchanged for a token.
	TokenURL = "https://api.intercom.io/auth/eagle/token"
)

// DefaultTimeout bounds a token exchange whose context has no deadline.
const DefaultTimeout = 30 * time.Second

// Errors of the state check and the callback. Test for them with errors.Is.
var (
	// ErrMissingState means the expected state or the state on the callback
	// is empty.
	ErrMissingState = errors.New("oauth: missing state")
	// ErrStateMismatch means the callback's state is not the one this user's
	// session started with: the callback may be forged (CSRF) and must not be
	// used.
	ErrStateMismatch = errors.New("oauth: state does not match")
	// ErrMissingCode means the callback has neither a code nor an error.
	ErrMissingCode = errors.New("oauth: callback has no code")
	// ErrAccessDenied is matched (errors.Is) by the *AuthorizationError of a
	// callback with error=access_denied: the user declined to install the app.
	ErrAccessDenied = errors.New("oauth: access denied by the user")
)

// Config describes a public Intercom app. ClientID and ClientSecret are shown
// in the Developer Hub under Basic information. The zero Region is the US
// region. AuthURL and TokenURL, when set, replace the region's endpoints (for
// a proxy or a test server); each must be https, except plain http on a
// loopback host.
type Config struct {
	// ClientID identifies the app.
	ClientID string
	// ClientSecret authenticates the app at the token endpoint. Keep it
	// server-side.
	ClientSecret string
	// RedirectURL, if set, is sent as redirect_uri and must be one of the
	// redirect URLs configured on the app. When empty Intercom uses the
	// app's first redirect URL.
	RedirectURL string
	// Region selects the regional hosts (app.eu.intercom.com and
	// api.eu.intercom.io for intercom.RegionEU, and so on).
	Region intercom.Region
	// AuthURL overrides the consent page URL.
	AuthURL string
	// TokenURL overrides the token endpoint URL.
	TokenURL string
	// HTTPClient sends the token request; nil means http.DefaultClient.
	// Redirects are never followed for it, so the client secret goes only
	// to TokenURL.
	HTTPClient *http.Client
}

// EndpointFor returns the Intercom OAuth endpoints of region (the zero
// Region means intercom.RegionUS). AuthStyle is oauth2.AuthStyleInParams:
// Intercom expects client_id and client_secret as form parameters.
func EndpointFor(region intercom.Region) (oauth2.Endpoint, error) {
	var app, api string
	switch region {
	case "", intercom.RegionUS:
		app, api = "app.intercom.com", "api.intercom.io"
	case intercom.RegionEU:
		app, api = "app.eu.intercom.com", "api.eu.intercom.io"
	case intercom.RegionAU:
		app, api = "app.au.intercom.com", "api.au.intercom.io"
	default:
		return oauth2.Endpoint{}, fmt.Errorf("oauth: unknown region %q (want intercom.RegionUS, RegionEU or RegionAU)", clip(string(region)))
	}
	return oauth2.Endpoint{
		AuthURL:   "https://" + app + "/oauth",
		TokenURL:  "https://" + api + "/auth/eagle/token",
		AuthStyle: oauth2.AuthStyleInParams,
	}, nil
}

// Endpoint returns the endpoints c uses: its region's, with AuthURL and
// TokenURL applied when set. It fails for an unknown region or an invalid
// override URL.
func (c *Config) Endpoint() (oauth2.Endpoint, error) {
	if c == nil {
		return oauth2.Endpoint{}, errors.New("oauth: nil Config")
	}
	ep, err := EndpointFor(c.Region)
	if err != nil {
		return oauth2.Endpoint{}, err
	}
	if c.AuthURL != "" {
		if err := checkEndpointURL("AuthURL", c.AuthURL); err != nil {
			return oauth2.Endpoint{}, err
		}
		ep.AuthURL = c.AuthURL
	}
	if c.TokenURL != "" {
		if err := checkEndpointURL("TokenURL", c.TokenURL); err != nil {
			return oauth2.Endpoint{}, err
		}
		ep.TokenURL = c.TokenURL
	}
	return ep, nil
}

// OAuth2Config returns the equivalent *oauth2.Config, for code built on
// golang.org/x/oauth2. Prefer [Config.AuthorizeURL] and [Config.Exchange]:
// they send exactly the parameters Intercom documents and also accept a
// token response that carries only "token".
func (c *Config) OAuth2Config() (*oauth2.Config, error) {
	ep, err := c.Endpoint()
	if err != nil {
		return nil, err
	}
	return &oauth2.Config{
		ClientID:     c.ClientID,
		ClientSecret: c.ClientSecret,
		Endpoint:     ep,
		RedirectURL:  c.RedirectURL,
	}, nil
}

// AuthorizeURL returns the URL of the Intercom consent page to redirect the
// user to: the region's (or the overriding) AuthURL with client_id, state and,
// when set, redirect_uri. state must be non-empty; use [NewState].
func (c *Config) AuthorizeURL(state string) (string, error) {
	ep, err := c.Endpoint()
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(c.ClientID) == "" {
		return "", errors.New("oauth: Config.ClientID is empty")
	}
	if state == "" {
		return "", ErrMissingState
	}
	u, err := url.Parse(ep.AuthURL)
	if err != nil { // checked by Endpoint; kept for safety
		return "", fmt.Errorf("oauth: invalid AuthURL: %w", err)
	}
	q := u.Query()
	q.Set("client_id", c.ClientID)
	q.Set("state", state)
	if c.RedirectURL != "" {
		q.Set("redirect_uri", c.RedirectURL)
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// NewState returns a fresh random state value: 32 bytes from crypto/rand,
// base64url-encoded without padding (43 characters).
func NewState() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("oauth: generating state: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// CheckState compares the state the session expects with the one on the
// callback. It returns nil when they are equal, ErrMissingState when either
// is empty and ErrStateMismatch otherwise. The comparison takes the same time
// whatever the values, their lengths included (it compares SHA-256 digests).
func CheckState(want, got string) error {
	if want == "" || got == "" {
		return ErrMissingState
	}
	w, g := sha256.Sum256([]byte(want)), sha256.Sum256([]byte(got))
	if subtle.ConstantTimeCompare(w[:], g[:]) != 1 {
		return ErrStateMismatch
	}
	return nil
}

// AuthorizationError is an error Intercom reported on the callback instead of
// a code, such as error=access_denied when the user declined. It matches
// ErrAccessDenied with errors.Is when Code is "access_denied".
type AuthorizationError struct {
	// Code is the error parameter, such as "access_denied".
	Code string
	// Description is the error_description parameter, if any.
	Description string
	// URI is the error_uri parameter, if any.
	URI string
}

// Error implements error.
func (e *AuthorizationError) Error() string {
	msg := "oauth: authorization failed: " + clip(e.Code)
	if e.Description != "" {
		msg += ": " + clip(e.Description)
	}
	return msg
}

// Is reports whether target is ErrAccessDenied and e is a denial.
func (e *AuthorizationError) Is(target error) bool {
	return target == ErrAccessDenied && e.Code == "access_denied"
}

// HandleCallback processes the request Intercom redirected the user to.
// wantState is the state stored for this user when the flow started.
//
//   - The state must match wantState ([CheckState]: ErrMissingState or
//     ErrStateMismatch), before anything else: a callback without this
//     user's state is not an answer to this user's request.
//   - With an error parameter it then returns an [*AuthorizationError]
//     (matching ErrAccessDenied for error=access_denied).
//   - Otherwise a code must be present (ErrMissingCode).
//   - The code is then exchanged with [Config.Exchange].
//
// Parameters are read from r.Form (the URL query, and the body of a POSTed
// form).
func (c *Config) HandleCallback(ctx context.Context, r *http.Request, wantState string) (*oauth2.Token, error) {
	if r == nil {
		return nil, errors.New("oauth: nil request")
	}
	if err := r.ParseForm(); err != nil {
		return nil, fmt.Errorf("oauth: reading callback parameters: %w", err)
	}
	// The state first: a callback that does not carry this user's state is
	// not an answer to this user's authorization request, whatever it says
	// (a forged "error=access_denied" must not be reported as the user's
	// decision).
	if err := CheckState(wantState, r.Form.Get("state")); err != nil {
		return nil, err
	}
	if code := r.Form.Get("error"); code != "" {
		return nil, &AuthorizationError{
			Code:        code,
			Description: r.Form.Get("error_description"),
			URI:         r.Form.Get("error_uri"),
		}
	}
	code := r.Form.Get("code")
	if code == "" {
		return nil, ErrMissingCode
	}
	return c.Exchange(ctx, code)
}

// NewClient returns an Intercom API client that authenticates with tok and
// talks to c.Region's API host. opts are passed to intercom.NewClient after
// the region, so they may add anything but another region or base URL.
func (c *Config) NewClient(tok *oauth2.Token, opts ...intercom.Option) (*intercom.Client, error) {
	if tok == nil || tok.AccessToken == "" {
		return nil, errors.New("oauth: no access token")
	}
	if c == nil {
		return nil, errors.New("oauth: nil Config")
	}
	if c.Region != "" {
		opts = append([]intercom.Option{intercom.WithRegion(c.Region)}, opts...)
	}
	return intercom.NewClient(tok.AccessToken, opts...)
}

// checkEndpointURL accepts absolute https URLs, and http ones on a loopback
// host (for local test servers).
func checkEndpointURL(name, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" || u.User != nil {
		return fmt.Errorf("oauth: Config.%s %q is not an absolute http(s) URL", name, clip(raw))
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if isLoopback(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("oauth: Config.%s must use https (plain http only on a loopback host)", name)
	default:
		return fmt.Errorf("oauth: Config.%s %q is not an absolute http(s) URL", name, clip(raw))
	}
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// clip bounds strings taken from outside before they go into an error.
func clip(s string) string {
	const maxLen = 100
	if len(s) <= maxLen {
		return s
	}
	return s[:maxLen] + "..."
}
