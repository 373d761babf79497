package engine

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
)

// doJSON is how a generated method calls the engine: it sends req, built by
// one of gen's request builders (buildErr is the builder's error), as one
// call of op with the call options opts and decodes a 2xx JSON body into T.
// Decoding is tolerant (see decode.go): a field that does not fit its type is
// reported and the rest returned; a body that is not JSON, or is empty or null,
// returns *DecodeError{StatusCode, Body, Err} (raw body kept).
func DoJSON[T any](ctx context.Context, c *Client, op *Operation, opts []Option, req *http.Request, buildErr error) (*T, error) {
	v := new(T)
	if err := doInto(ctx, c, op, opts, req, buildErr, v, reflect.TypeFor[T]()); err != nil {
		return nil, err
	}
	return v, nil
}

// doInto is DoJSON without the type parameter: it decodes the 2xx JSON body
// into v, a pointer to a value of type t.
func doInto(ctx context.Context, c *Client, op *Operation, opts []Option, req *http.Request, buildErr error, v any, t reflect.Type) (err error) {
	if buildErr != nil {
		return buildError(buildErr)
	}
	opts = callOptions(ctx, op, opts)
	var ob *callObs // the observation of the call, ended once decoded
	defer func() { ob.decoded(err) }()
	resp, err := c.exec(ctx, op, opts, req, &ob)
	if err != nil {
		return err
	}
	body, err := responseBytes(resp)
	if err != nil {
		return Errorf("intercom: reading response body: %w", err)
	}
	return decodeInto(ctx, c, op, opts, resp, body, v, t)
}

// doNoBody is doJSON for a call whose success has no useful body (e.g.
// 204/200 with empty JSON).
func DoNoBody(ctx context.Context, c *Client, op *Operation, opts []Option, req *http.Request, buildErr error) error {
	if buildErr != nil {
		return buildError(buildErr)
	}
	resp, err := c.do(ctx, op, callOptions(ctx, op, opts), req)
	if err != nil {
		return err
	}
	if resp.Body != nil {
		if _, ok := resp.Body.(*memBody); !ok {
			_, _ = responseBytes(resp)
		}
	}
	return nil
}

// buildError is the error of a request gen's builder could not build (a
// parameter it could not serialise, for example).
func buildError(err error) error {
	if e := invalidIntegerID(err); e != nil {
		return e
	}
	return fmt.Errorf("intercom: building the request: %w", err)
}

// nextPageRequest builds the GET of a `pages.next` URL, for the engine. It
// refuses a URL whose scheme+host differ from the client's base URL (the
// token must never be sent to another host). A link to one of Intercom's own
// API hosts is sent to the client's base URL instead (same path and query,
// under the base URL's path prefix), so pagination works through a proxy or
// a test server. A relative link starting with "/" is an API path and goes
// under the base URL's path prefix too; another relative link is resolved
// against the base URL.
func (c *Client) nextPageRequest(rawURL string) (*http.Request, error) {
	u, err := c.resolveURL(rawURL)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequest(http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, Errorf("intercom: %w", c.scrubErr(err))
	}
	return req, nil
}

// resolveURL checks and rebases a URL for nextPageRequest.
func (c *Client) resolveURL(rawURL string) (*url.URL, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, Errorf("intercom: invalid next-page URL: %w", c.scrubErr(err))
	}
	if u.User != nil {
		return nil, errors.New("intercom: refusing a next-page URL with credentials")
	}
	u.Fragment, u.RawFragment = "", ""
	if u.Scheme == "" && u.Host == "" {
		if strings.HasPrefix(u.Path, "/") {
			// A path from the API's root, like the path of a link on
			// Intercom's host: under the base URL's path prefix.
			return c.rebase(u), nil
		}
		base := *c.base
		if !strings.HasSuffix(base.Path, "/") {
			base.Path += "/"
			base.RawPath = ""
		}
		return base.ResolveReference(u), nil
	}
	if sameOrigin(u, c.base) {
		return u, nil
	}
	if strings.EqualFold(u.Scheme, "https") && isIntercomAPIHost(strings.ToLower(u.Hostname())) &&
		(u.Port() == "" || u.Port() == "443") {
		return c.rebase(u), nil
	}
	return nil, fmt.Errorf("intercom: refusing to send the access token to %s://%s: the next-page URL is not on the client's host %s",
		u.Scheme, u.Host, c.base.Host)
}

// rebase returns the URL of the API path and query of u on the client's base
// URL, under its path prefix.
func (c *Client) rebase(u *url.URL) *url.URL {
	r := *c.base
	r.Path = strings.TrimSuffix(c.base.Path, "/") + u.Path
	r.RawPath = ""
	if u.RawPath != "" {
		r.RawPath = strings.TrimSuffix(c.base.EscapedPath(), "/") + u.RawPath
	}
	r.RawQuery = u.RawQuery
	return &r
}

// sameOrigin compares scheme, host and port (default ports made explicit).
func sameOrigin(a, b *url.URL) bool {
	if !strings.EqualFold(a.Scheme, b.Scheme) || !strings.EqualFold(a.Hostname(), b.Hostname()) {
		return false
	}
	return portOf(a) == portOf(b)
}

func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}

// requireID returns an error (wrapping ErrInvalidID) for "", ".", ".." or an id with control chars.
func RequireID(name, id string) error {
	switch id {
	case "":
		return Errorf("intercom: %s is empty: %w", name, ErrInvalidID)
	case ".", "..":
		return Errorf("intercom: %s %q is not an id: %w", name, id, ErrInvalidID)
	}
	for _, r := range id {
		if r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return Errorf("intercom: %s %q contains control characters: %w", name, Truncate(id, 64), ErrInvalidID)
		}
	}
	return nil
}
