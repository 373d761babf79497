package engine

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// maxRedirects is how many redirects one request may follow (as net/http).
const maxRedirects = 10

// ErrRedirectRefused is wrapped by the error of a request whose redirect the
// client did not follow. The client's redirect policy (also applied to an
// *http.Client given with [WithHTTPClient], on a copy: the caller's client
// is not modified) is:
//
//   - a redirect to the client's own origin (the scheme, host and port of
//     its base URL) is followed with the access token;
//   - a redirect from https to plain http is refused, whatever the host;
//   - a redirect to another origin is followed without the Authorization
//     (and Referer) header for a GET or HEAD (a file download may be served from a storage
//     host), and refused for any other method (its body is not sent
//     elsewhere);
//   - after 10 redirects the request fails.
//
// A CheckRedirect function of the caller's *http.Client runs after these
// checks, on the redirects they allow.
var ErrRedirectRefused = errors.New("intercom: redirect refused")

// redirectPolicy returns the CheckRedirect function of the client's HTTP
// client; next is the caller's own, or nil.
func (c *Client) redirectPolicy(next func(req *http.Request, via []*http.Request) error) func(req *http.Request, via []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return fmt.Errorf("%w: stopped after %d redirects", ErrRedirectRefused, maxRedirects)
		}
		prev := via[len(via)-1]
		to := req.URL
		if strings.EqualFold(prev.URL.Scheme, "https") && !strings.EqualFold(to.Scheme, "https") {
			return fmt.Errorf("%w: from https to %s://%s (a downgrade)", ErrRedirectRefused, to.Scheme, to.Host)
		}
		if !sameOrigin(to, c.base) {
			if req.Method != http.MethodGet && req.Method != http.MethodHead {
				return fmt.Errorf("%w: %s to %s://%s, another origin than the client's %s", ErrRedirectRefused, req.Method, to.Scheme, to.Host, c.base.Host)
			}
			req.Header.Del(hdrAuthorization)
			req.Header.Del("Referer")
		}
		if next != nil {
			return next(req, via)
		}
		return nil
	}
}
