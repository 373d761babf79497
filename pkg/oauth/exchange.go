package oauth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/oauth2"
)

// maxTokenResponse bounds how much of the token endpoint's answer is read.
const maxTokenResponse = 1 << 20

// maxErrorBody bounds TokenError.Body.
const maxErrorBody = 4 << 10

// TokenError is an error answer of the token endpoint: a non-2xx status, or
// a 2xx answer without a token. It understands both the OAuth 2.0 shape
// ({"error": "invalid_grant", "error_description": "..."}) and Intercom's
// error list ({"type": "error.list", "errors": [{"code", "message"}]}).
type TokenError struct {
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Code is the machine-readable error code, if the body had one
	// ("invalid_grant", "unauthorized"...).
	Code string
	// Description is the human-readable message, if the body had one.
	Description string
	// RequestID is Intercom's request id (body request_id or the
	// X-Request-Id header), if any.
	RequestID string
	// Body is the start of the raw answer (at most 4 KiB), with any
	// occurrence of the client secret or the code replaced by "[REDACTED]".
	Body []byte
}

// Error implements error. It never includes the secret, the code or Body.
func (e *TokenError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "oauth: token endpoint answered %d", e.StatusCode)
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteString(" " + t)
	}
	if e.Code != "" {
		b.WriteString(": " + clip(e.Code))
	}
	if e.Description != "" {
		b.WriteString(": " + clip(e.Description))
	}
	if e.RequestID != "" {
		b.WriteString(" (request id " + clip(e.RequestID) + ")")
	}
	return b.String()
}

// Exchange trades an authorization code for an access token. It POSTs
// client_id, client_secret and code as a form to the token endpoint and
// accepts the access token from either "access_token" or "token" in the
// answer. The returned token has no expiry and no refresh token (Intercom's
// don't expire); its Extra method gives the other fields of the answer.
//
// An error answer returns an [*TokenError]. When ctx has no deadline the
// exchange is bounded by DefaultTimeout.
func (c *Config) Exchange(ctx context.Context, code string) (*oauth2.Token, error) {
	ep, err := c.Endpoint()
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(c.ClientID) == "" {
		return nil, errors.New("oauth: Config.ClientID is empty")
	}
	if c.ClientSecret == "" {
		return nil, errors.New("oauth: Config.ClientSecret is empty")
	}
	if code == "" {
		return nil, ErrMissingCode
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}

	form := url.Values{}
	form.Set("client_id", c.ClientID)
	form.Set("client_secret", c.ClientSecret)
	form.Set("code", code)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, ep.TokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("oauth: building token request: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")

	resp, err := c.httpClient().Do(req)
	if err != nil {
		return nil, fmt.Errorf("oauth: token request to %s failed: %w", ep.TokenURL, scrubURLError(err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxTokenResponse))
	if err != nil {
		return nil, fmt.Errorf("oauth: reading token response: %w", err)
	}
	secrets := []string{c.ClientSecret, code}

	var parsed tokenResponse
	jsonErr := json.Unmarshal(body, &parsed)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, newTokenError(resp, body, secrets)
	}
	if jsonErr != nil {
		te := newTokenError(resp, body, secrets)
		te.Description = "answer is not a JSON token object (" + contentType(resp) + ")"
		return nil, te
	}
	access := parsed.AccessToken
	if access == "" {
		access = parsed.Token
	}
	if access == "" {
		te := newTokenError(resp, body, secrets)
		if te.Description == "" && te.Code == "" {
			te.Description = "answer has no access_token or token"
		}
		return nil, te
	}
	tokenType := parsed.TokenType
	if tokenType == "" {
		tokenType = "Bearer"
	}
	tok := &oauth2.Token{AccessToken: access, TokenType: tokenType}
	var extra map[string]any
	if json.Unmarshal(body, &extra) == nil {
		tok = tok.WithExtra(extra)
	}
	return tok, nil
}

// tokenResponse holds every field of a token answer we look at.
type tokenResponse struct {
	Token       string `json:"token"`
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`

	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
	RequestID        string `json:"request_id"`
	Errors           []struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"errors"`
}

// newTokenError describes an error answer. Everything it keeps from the body
// has the secrets redacted.
func newTokenError(resp *http.Response, body []byte, secrets []string) *TokenError {
	var p tokenResponse
	_ = json.Unmarshal(body, &p) // best effort: a non-JSON body leaves p empty
	te := &TokenError{
		StatusCode:  resp.StatusCode,
		Code:        p.Error,
		Description: p.ErrorDescription,
		RequestID:   p.RequestID,
	}
	if len(p.Errors) > 0 {
		if te.Code == "" {
			te.Code = p.Errors[0].Code
		}
		if te.Description == "" {
			te.Description = p.Errors[0].Message
		}
	}
	if te.RequestID == "" {
		te.RequestID = resp.Header.Get("X-Request-Id")
	}
	te.Code = string(redact([]byte(te.Code), secrets...))
	te.Description = string(redact([]byte(te.Description), secrets...))
	te.RequestID = string(redact([]byte(te.RequestID), secrets...))
	te.Body = redact(body, secrets...) // redact first: a secret may straddle the cut
	if len(te.Body) > maxErrorBody {
		te.Body = te.Body[:maxErrorBody]
	}
	return te
}

// httpClient returns the configured client with redirects disabled, so the
// form with the secret is never re-sent to another URL.
func (c *Config) httpClient() *http.Client {
	base := c.HTTPClient
	if base == nil {
		base = http.DefaultClient
	}
	hc := *base
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &hc
}

// redact returns a copy of b with occurrences of the secrets replaced.
func redact(b []byte, secrets ...string) []byte {
	out := append([]byte(nil), b...)
	for _, s := range secrets {
		if len(s) < 4 { // too short to redact without mangling the body
			continue
		}
		for _, form := range []string{s, url.QueryEscape(s)} {
			out = bytes.ReplaceAll(out, []byte(form), []byte("[REDACTED]"))
		}
	}
	return out
}

// scrubURLError drops the *url.Error wrapper's URL text duplication while
// keeping the cause; the form body is never part of it.
func scrubURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func contentType(resp *http.Response) string {
	mt, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if err != nil || mt == "" {
		return "no content type"
	}
	return mt
}
