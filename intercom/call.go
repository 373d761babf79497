package intercom

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Ptr returns a pointer to a copy of v, for optional fields of parameter
// structs: Ptr("vip"), Ptr(true), Ptr(42).
func Ptr[T any](v T) *T { return &v }

// doJSON runs one generated call with per-call options and decodes a 2xx JSON body into T.
// Decoding is tolerant (see decode.go): a field that does not fit its type is
// reported and the rest returned; a body that is not JSON, or is empty or null,
// returns *DecodeError{StatusCode, Body, Err} (raw body kept).
func doJSON[T any](ctx context.Context, c *Client, op *Operation, opts []Option, fn func(ctx context.Context) (*http.Response, error)) (_ *T, err error) {
	cctx := withCall(ctx, op, opts)
	if cs := decodingCall(cctx); cs != nil {
		defer func() { cs.decoded(err) }()
	}
	resp, err := fn(cctx)
	if err != nil {
		return nil, err
	}
	if resp == nil {
		return nil, errors.New("intercom: no response")
	}
	body, err := responseBytes(resp)
	if err != nil {
		return nil, fmt.Errorf("intercom: reading response body: %w", err)
	}
	v := new(T)
	if err := decodeResponse(ctx, c, op, opts, resp, body, v); err != nil {
		return nil, err
	}
	return v, nil
}

// doNoBody runs a call whose success has no useful body (e.g. 204/200 with empty JSON).
func doNoBody(ctx context.Context, c *Client, op *Operation, opts []Option, fn func(ctx context.Context) (*http.Response, error)) error {
	resp, err := fn(withCall(ctx, op, opts))
	if err != nil {
		return err
	}
	if resp != nil && resp.Body != nil {
		if _, ok := resp.Body.(*memBody); !ok {
			_, _ = responseBytes(resp)
		}
	}
	return nil
}

// getURL does a GET of an absolute URL (a `pages.next` link) through the same HTTP layer;
// it refuses a URL whose scheme+host differ from the client's base URL (the token must never
// be sent to another host). A link to one of Intercom's own API hosts is sent to the client's
// base URL instead (same path and query, under the base URL's path prefix), so pagination
// works through a proxy or a test server. A relative link starting with "/" is an API path
// and goes under the base URL's path prefix too; another relative link is resolved against
// the base URL.
func (c *Client) getURL(ctx context.Context, rawURL string) (*http.Response, error) {
	u, err := c.resolveURL(rawURL)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("intercom: %w", c.scrubErr(err))
	}
	return c.do(req)
}

// resolveURL checks and rebases a URL for getURL.
func (c *Client) resolveURL(rawURL string) (*url.URL, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("intercom: invalid next-page URL: %w", c.scrubErr(err))
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
func requireID(name, id string) error {
	switch id {
	case "":
		return fmt.Errorf("intercom: %s is empty: %w", name, ErrInvalidID)
	case ".", "..":
		return fmt.Errorf("intercom: %s %q is not an id: %w", name, id, ErrInvalidID)
	}
	for _, r := range id {
		if r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return fmt.Errorf("intercom: %s %q contains control characters: %w", name, truncate(id, 64), ErrInvalidID)
		}
	}
	return nil
}
