package oauth_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"golang.org/x/oauth2"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/oauth"
)

func TestEndpointFor(t *testing.T) {
	tests := []struct {
		region    intercom.Region
		auth, tok string
	}{
		{"", "https://app.intercom.com/oauth", "https://api.intercom.io/auth/eagle/token"},
		{intercom.RegionUS, "https://app.intercom.com/oauth", "https://api.intercom.io/auth/eagle/token"},
		{intercom.RegionEU, "https://app.eu.intercom.com/oauth", "https://api.eu.intercom.io/auth/eagle/token"},
		{intercom.RegionAU, "https://app.au.intercom.com/oauth", "https://api.au.intercom.io/auth/eagle/token"},
	}
	for _, tc := range tests {
		ep, err := oauth.EndpointFor(tc.region)
		if err != nil {
			t.Fatalf("EndpointFor(%q): %v", tc.region, err)
		}
		if ep.AuthURL != tc.auth || ep.TokenURL != tc.tok || ep.AuthStyle != oauth2.AuthStyleInParams {
			t.Errorf("EndpointFor(%q) = %+v", tc.region, ep)
		}
	}
	if ep, _ := oauth.EndpointFor(intercom.RegionUS); ep.AuthURL != oauth.AuthURL || ep.TokenURL != oauth.TokenURL {
		t.Errorf("US endpoint %+v differs from the AuthURL/TokenURL constants", ep)
	}
	if _, err := oauth.EndpointFor("mars"); err == nil {
		t.Error("EndpointFor(mars) = nil error")
	}
}

func TestConfigEndpointOverrides(t *testing.T) {
	c := &oauth.Config{Region: intercom.RegionEU, TokenURL: "http://127.0.0.1:9/token"}
	ep, err := c.Endpoint()
	if err != nil {
		t.Fatal(err)
	}
	if ep.AuthURL != "https://app.eu.intercom.com/oauth" || ep.TokenURL != "http://127.0.0.1:9/token" {
		t.Errorf("Endpoint = %+v", ep)
	}
	for _, bad := range []oauth.Config{
		{AuthURL: "http://example.com/oauth"},  // plain http off loopback
		{TokenURL: "http://10.0.0.1/token"},    // same
		{TokenURL: "/relative/token"},          // not absolute
		{TokenURL: "ftp://127.0.0.1/token"},    // wrong scheme
		{TokenURL: "https://user:pw@host/tok"}, // credentials in URL
		{AuthURL: "::not a url"},               // unparsable
		{Region: "mars"},                       // unknown region
	} {
		if _, err := bad.Endpoint(); err == nil {
			t.Errorf("Endpoint(%+v) = nil error", bad)
		}
	}
	for _, ok := range []string{"http://localhost:8080/t", "http://[::1]:1/t", "https://proxy.example/t"} {
		c := oauth.Config{TokenURL: ok}
		if _, err := c.Endpoint(); err != nil {
			t.Errorf("TokenURL %q: %v", ok, err)
		}
	}
	var nilCfg *oauth.Config
	if _, err := nilCfg.Endpoint(); err == nil {
		t.Error("nil Config: no error")
	}
}

func TestAuthorizeURL(t *testing.T) {
	tests := []struct {
		cfg  oauth.Config
		want string
	}{
		{oauth.Config{ClientID: "abc"}, "https://app.intercom.com/oauth?client_id=abc&state=s1"},
		{oauth.Config{ClientID: "abc", Region: intercom.RegionEU}, "https://app.eu.intercom.com/oauth?client_id=abc&state=s1"},
		{oauth.Config{ClientID: "abc", Region: intercom.RegionAU}, "https://app.au.intercom.com/oauth?client_id=abc&state=s1"},
		{oauth.Config{ClientID: "a b&c", RedirectURL: "https://app.example/cb?x=1"},
			"https://app.intercom.com/oauth?client_id=a+b%26c&redirect_uri=https%3A%2F%2Fapp.example%2Fcb%3Fx%3D1&state=s1"},
		{oauth.Config{ClientID: "abc", AuthURL: "http://127.0.0.1:1/consent?lang=en"}, "http://127.0.0.1:1/consent?client_id=abc&lang=en&state=s1"},
	}
	for _, tc := range tests {
		got, err := tc.cfg.AuthorizeURL("s1")
		if err != nil {
			t.Fatalf("AuthorizeURL(%+v): %v", tc.cfg, err)
		}
		if got != tc.want {
			t.Errorf("AuthorizeURL = %s\nwant           %s", got, tc.want)
		}
		if strings.Contains(got, "scope") || strings.Contains(got, "response_type") || strings.Contains(got, "secret") {
			t.Errorf("AuthorizeURL has unexpected parameters: %s", got)
		}
	}
	c := oauth.Config{ClientID: "abc", ClientSecret: testClientSecret}
	if _, err := c.AuthorizeURL(""); !errors.Is(err, oauth.ErrMissingState) {
		t.Errorf("empty state: %v, want ErrMissingState", err)
	}
	if _, err := (&oauth.Config{}).AuthorizeURL("s"); err == nil {
		t.Error("empty ClientID: no error")
	}
	if _, err := (&oauth.Config{ClientID: "a", Region: "xx"}).AuthorizeURL("s"); err == nil {
		t.Error("unknown region: no error")
	}
}

func TestNewStateAndCheckState(t *testing.T) {
	seen := map[string]bool{}
	valid := regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)
	for range 50 {
		s, err := oauth.NewState()
		if err != nil {
			t.Fatal(err)
		}
		if !valid.MatchString(s) {
			t.Fatalf("NewState = %q, want 43 base64url characters", s)
		}
		if seen[s] {
			t.Fatalf("NewState repeated %q", s)
		}
		seen[s] = true
		if err := oauth.CheckState(s, s); err != nil {
			t.Fatalf("CheckState(s, s) = %v", err)
		}
	}
	tests := []struct {
		want, got string
		err       error
	}{
		{"abc", "abc", nil},
		{"abc", "abd", oauth.ErrStateMismatch},
		{"abc", "abcd", oauth.ErrStateMismatch},
		{"abc", "ABC", oauth.ErrStateMismatch},
		{"", "abc", oauth.ErrMissingState},
		{"abc", "", oauth.ErrMissingState},
		{"", "", oauth.ErrMissingState},
	}
	for _, tc := range tests {
		err := oauth.CheckState(tc.want, tc.got)
		if (tc.err == nil && err != nil) || (tc.err != nil && !errors.Is(err, tc.err)) {
			t.Errorf("CheckState(%q, %q) = %v, want %v", tc.want, tc.got, err, tc.err)
		}
	}
}

// app is a loopback web app that installs itself with the flow, as the
// oauth-install example does: /install starts, /callback finishes.
type app struct {
	srv *httptest.Server
	cfg *oauth.Config

	mu      sync.Mutex
	tokens  []*oauth2.Token
	lastErr error
}

const stateCookie = "intercom_oauth_state"

func newApp(t *testing.T, fake *fakeIntercom) *app {
	t.Helper()
	a := &app{}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /install", func(w http.ResponseWriter, r *http.Request) {
		state, err := oauth.NewState()
		if err != nil {
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		u, err := a.cfg.AuthorizeURL(state)
		if err != nil {
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: stateCookie, Value: state, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
		http.Redirect(w, r, u, http.StatusFound)
	})
	mux.HandleFunc("/callback", func(w http.ResponseWriter, r *http.Request) {
		want := ""
		if c, err := r.Cookie(stateCookie); err == nil {
			want = c.Value
		}
		tok, err := a.cfg.HandleCallback(r.Context(), r, want)
		a.mu.Lock()
		a.lastErr = err
		if err == nil {
			a.tokens = append(a.tokens, tok)
		}
		a.mu.Unlock()
		var authErr *oauth.AuthorizationError
		switch {
		case err == nil:
			fmt.Fprintln(w, "installed")
		case errors.As(err, &authErr):
			http.Error(w, "not installed", http.StatusForbidden)
		case errors.Is(err, oauth.ErrStateMismatch), errors.Is(err, oauth.ErrMissingState):
			http.Error(w, "bad state", http.StatusBadRequest)
		default:
			http.Error(w, "install failed", http.StatusBadGateway)
		}
	})
	a.srv = httptest.NewServer(mux)
	t.Cleanup(a.srv.Close)
	a.cfg = &oauth.Config{
		ClientID:     testClientID,
		ClientSecret: testClientSecret,
		RedirectURL:  a.srv.URL + "/callback",
		AuthURL:      fake.srv.URL + "/oauth",
		TokenURL:     fake.srv.URL + "/auth/eagle/token",
		HTTPClient:   fake.srv.Client(),
	}
	return a
}

func (a *app) result() ([]*oauth2.Token, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.tokens, a.lastErr
}

// browser follows redirects and keeps cookies, like a user's browser.
func browser(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Jar: jar, Transport: tr}
}

func get(t *testing.T, c *http.Client, u string) (int, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, strings.TrimSpace(string(b))
}

func TestFlowEndToEnd(t *testing.T) {
	fake := newFakeIntercom(t)
	a := newApp(t, fake)

	status, body := get(t, browser(t), a.srv.URL+"/install")
	if status != http.StatusOK || body != "installed" {
		t.Fatalf("install: %d %q", status, body)
	}
	toks, err := a.result()
	if err != nil || len(toks) != 1 {
		t.Fatalf("tokens %v, err %v", toks, err)
	}
	tok := toks[0]
	if tok.AccessToken != issuedToken || tok.TokenType != "Bearer" || tok.RefreshToken != "" || !tok.Expiry.IsZero() || !tok.Valid() {
		t.Fatalf("token = %+v", tok)
	}
	form := fake.lastExchange()
	if form.Get("client_id") != testClientID || form.Get("client_secret") != testClientSecret || form.Get("code") != goodCode {
		t.Fatalf("token endpoint got %v", form)
	}
	if len(form) != 3 {
		t.Fatalf("token endpoint got extra parameters: %v", form)
	}

	// The token plugs straight into the API client.
	client, err := a.cfg.NewClient(tok)
	if err != nil || client == nil {
		t.Fatalf("NewClient: %v", err)
	}
}

func TestFlowDenied(t *testing.T) {
	fake := newFakeIntercom(t)
	fake.deny = true
	a := newApp(t, fake)

	status, _ := get(t, browser(t), a.srv.URL+"/install")
	if status != http.StatusForbidden {
		t.Fatalf("status = %d, want 403", status)
	}
	_, err := a.result()
	var authErr *oauth.AuthorizationError
	if !errors.As(err, &authErr) || !errors.Is(err, oauth.ErrAccessDenied) {
		t.Fatalf("err = %v, want *AuthorizationError matching ErrAccessDenied", err)
	}
	if authErr.Code != "access_denied" || authErr.Description != "The user denied the request" {
		t.Fatalf("AuthorizationError = %+v", authErr)
	}
	if errors.Is(err, oauth.ErrStateMismatch) {
		t.Fatal("a denial must not look like a state mismatch")
	}
	if n := fake.exchangeCount(); n != 0 {
		t.Fatalf("token endpoint called %d times after a denial", n)
	}
}

func TestFlowWrongState(t *testing.T) {
	fake := newFakeIntercom(t)
	a := newApp(t, fake)
	b := browser(t)

	// The victim started an install (has a state cookie)...
	resp, err := b.Get(a.srv.URL + "/install")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	fake.mu.Lock()
	fake.exchanges = nil
	fake.mu.Unlock()

	// ...and is then sent to a forged callback with the attacker's code and state.
	for _, q := range []string{"code=" + goodCode + "&state=forged", "code=" + goodCode} {
		status, _ := get(t, b, a.srv.URL+"/callback?"+q)
		if status != http.StatusBadRequest {
			t.Fatalf("%s: status = %d, want 400", q, status)
		}
		_, err := a.result()
		if !errors.Is(err, oauth.ErrStateMismatch) && !errors.Is(err, oauth.ErrMissingState) {
			t.Fatalf("%s: err = %v, want a state error", q, err)
		}
	}
	// A fresh browser without the cookie.
	status, _ := get(t, browser(t), a.srv.URL+"/callback?code="+goodCode+"&state=any")
	if status != http.StatusBadRequest {
		t.Fatalf("no cookie: status = %d, want 400", status)
	}
	if _, err := a.result(); !errors.Is(err, oauth.ErrMissingState) {
		t.Fatalf("no cookie: err = %v, want ErrMissingState", err)
	}
	if n := fake.exchangeCount(); n != 0 {
		t.Fatalf("token endpoint called %d times for forged callbacks", n)
	}
}

func TestFlowTokenEndpointError(t *testing.T) {
	fake := newFakeIntercom(t)
	a := newApp(t, fake)
	a.cfg.ClientSecret = "wrong-secret-value"

	status, _ := get(t, browser(t), a.srv.URL+"/install")
	if status != http.StatusBadGateway {
		t.Fatalf("status = %d, want 502", status)
	}
	_, err := a.result()
	var te *oauth.TokenError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want *TokenError", err)
	}
	if te.StatusCode != http.StatusUnauthorized || te.Code != "unauthorized" || te.Description != "Invalid client credentials" || te.RequestID != "req-1" {
		t.Fatalf("TokenError = %+v", te)
	}
	if errors.Is(err, oauth.ErrAccessDenied) {
		t.Fatal("a token error must not match ErrAccessDenied")
	}
	assertNoSecrets(t, err, "wrong-secret-value", goodCode)
}

func TestHandleCallbackParameters(t *testing.T) {
	fake := newFakeIntercom(t)
	cfg := &oauth.Config{ClientID: testClientID, ClientSecret: testClientSecret,
		TokenURL: fake.srv.URL + "/auth/eagle/token", HTTPClient: fake.srv.Client()}
	ctx := context.Background()
	call := func(method, target, body string) (*oauth2.Token, error) {
		var r *http.Request
		if body != "" {
			r = httptest.NewRequest(method, target, strings.NewReader(body))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		} else {
			r = httptest.NewRequest(method, target, nil)
		}
		return cfg.HandleCallback(ctx, r, "st")
	}

	if tok, err := call(http.MethodGet, "/cb?code="+goodCode+"&state=st", ""); err != nil || tok.AccessToken != issuedToken {
		t.Fatalf("GET callback: %v, %v", tok, err)
	}
	if tok, err := call(http.MethodPost, "/cb", "code="+goodCode+"&state=st"); err != nil || tok.AccessToken != issuedToken {
		t.Fatalf("POST callback: %v, %v", tok, err)
	}
	if _, err := call(http.MethodGet, "/cb?state=st", ""); !errors.Is(err, oauth.ErrMissingCode) {
		t.Fatalf("no code: %v, want ErrMissingCode", err)
	}
	_, err := call(http.MethodGet, "/cb?error=server_error&error_description=oops&state=st", "")
	var authErr *oauth.AuthorizationError
	if !errors.As(err, &authErr) || authErr.Code != "server_error" || errors.Is(err, oauth.ErrAccessDenied) {
		t.Fatalf("server_error: %v", err)
	}
	if !strings.Contains(err.Error(), "server_error: oops") {
		t.Fatalf("message %q", err)
	}
	// The state is checked before the error is reported: a forged error
	// callback is a state error, not the user's decision.
	for _, q := range []string{"error=access_denied", "error=access_denied&state=forged"} {
		_, err := call(http.MethodGet, "/cb?"+q, "")
		if errors.As(err, &authErr) || errors.Is(err, oauth.ErrAccessDenied) ||
			!(errors.Is(err, oauth.ErrMissingState) || errors.Is(err, oauth.ErrStateMismatch)) {
			t.Fatalf("%s: err = %v, want a state error", q, err)
		}
	}
	if _, err := cfg.HandleCallback(ctx, nil, "st"); err == nil {
		t.Fatal("nil request: no error")
	}
	if n := fake.exchangeCount(); n != 2 {
		t.Fatalf("exchanges = %d, want 2", n)
	}
}

func TestExchangeAnswers(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		body      string
		wantToken string
		wantType  string
		wantErr   *oauth.TokenError // nil: success
	}{
		{"token and access_token", 200, `{"token":"t1","access_token":"t1","token_type":"Bearer"}`, "t1", "Bearer", nil},
		{"token only", 200, `{"token":"t2","token_type":"Bearer"}`, "t2", "Bearer", nil},
		{"access_token only, no type", 200, `{"access_token":"t3"}`, "t3", "Bearer", nil},
		{"access_token preferred", 200, `{"token":"old","access_token":"new","token_type":"bearer"}`, "new", "bearer", nil},
		{"oauth error shape", 400, `{"error":"invalid_grant","error_description":"code expired"}`, "", "",
			&oauth.TokenError{StatusCode: 400, Code: "invalid_grant", Description: "code expired"}},
		{"intercom error list", 401, `{"type":"error.list","request_id":"r9","errors":[{"code":"unauthorized","message":"Access Token Invalid"}]}`, "", "",
			&oauth.TokenError{StatusCode: 401, Code: "unauthorized", Description: "Access Token Invalid", RequestID: "r9"}},
		{"html error page", 502, `<html>Bad gateway</html>`, "", "", &oauth.TokenError{StatusCode: 502}},
		{"2xx without token", 200, `{"token_type":"Bearer"}`, "", "",
			&oauth.TokenError{StatusCode: 200, Description: "answer has no access_token or token"}},
		{"2xx with error", 200, `{"error":"invalid_request"}`, "", "", &oauth.TokenError{StatusCode: 200, Code: "invalid_request"}},
		{"2xx not JSON", 200, `token=abc`, "", "", &oauth.TokenError{StatusCode: 200, Description: "answer is not a JSON token object (application/json)"}},
		{"2xx JSON array", 200, `[]`, "", "", &oauth.TokenError{StatusCode: 200, Description: "answer is not a JSON token object (application/json)"}},
	}
	fake := newFakeIntercom(t)
	cfg := &oauth.Config{ClientID: testClientID, ClientSecret: testClientSecret,
		TokenURL: fake.srv.URL + "/auth/eagle/token", HTTPClient: fake.srv.Client()}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fake.setAnswer(func() (int, string) { return tc.status, tc.body })
			tok, err := cfg.Exchange(context.Background(), goodCode)
			if tc.wantErr == nil {
				if err != nil {
					t.Fatalf("Exchange: %v", err)
				}
				if tok.AccessToken != tc.wantToken || tok.TokenType != tc.wantType || !tok.Expiry.IsZero() {
					t.Fatalf("token = %+v", tok)
				}
				if tok.Extra("access_token") == nil && tok.Extra("token") == nil {
					t.Fatalf("Extra() lost the raw fields of the answer")
				}
				return
			}
			var te *oauth.TokenError
			if !errors.As(err, &te) {
				t.Fatalf("err = %v (%T), want *TokenError", err, err)
			}
			if te.StatusCode != tc.wantErr.StatusCode || te.Code != tc.wantErr.Code || te.Description != tc.wantErr.Description || te.RequestID != tc.wantErr.RequestID {
				t.Fatalf("TokenError = %+v, want %+v", te, tc.wantErr)
			}
			if string(te.Body) != tc.body {
				t.Fatalf("Body = %q, want %q", te.Body, tc.body)
			}
			if tok != nil {
				t.Fatalf("token %v returned with an error", tok)
			}
		})
	}
}

func TestExchangeRedactsEchoedSecrets(t *testing.T) {
	fake := newFakeIntercom(t)
	fake.setAnswer(func() (int, string) {
		return 400, `{"error":"invalid_client","error_description":"bad secret ` + testClientSecret + ` for code ` + goodCode + `"}`
	})
	cfg := &oauth.Config{ClientID: testClientID, ClientSecret: testClientSecret,
		TokenURL: fake.srv.URL + "/auth/eagle/token", HTTPClient: fake.srv.Client()}
	_, err := cfg.Exchange(context.Background(), goodCode)
	var te *oauth.TokenError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(string(te.Body), testClientSecret) || strings.Contains(string(te.Body), goodCode) || !strings.Contains(string(te.Body), "[REDACTED]") {
		t.Fatalf("Body not redacted: %s", te.Body)
	}
	assertNoSecrets(t, err, testClientSecret, goodCode)
}

func TestExchangeDoesNotFollowRedirects(t *testing.T) {
	var elsewhere int
	var mu sync.Mutex
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		elsewhere++
		mu.Unlock()
		fmt.Fprint(w, `{"access_token":"stolen"}`)
	}))
	defer other.Close()
	redirector := httptest.NewServer(http.RedirectHandler(other.URL+"/steal", http.StatusTemporaryRedirect))
	defer redirector.Close()

	cfg := &oauth.Config{ClientID: testClientID, ClientSecret: testClientSecret, TokenURL: redirector.URL, HTTPClient: redirector.Client()}
	_, err := cfg.Exchange(context.Background(), goodCode)
	var te *oauth.TokenError
	if !errors.As(err, &te) || te.StatusCode != http.StatusTemporaryRedirect {
		t.Fatalf("err = %v, want a TokenError with status 307", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if elsewhere != 0 {
		t.Fatal("the form with the secret was re-sent to the redirect target")
	}
	if cfg.HTTPClient.CheckRedirect != nil {
		t.Fatal("the caller's http.Client was modified")
	}
}

func TestExchangeBadInput(t *testing.T) {
	ctx := context.Background()
	good := oauth.Config{ClientID: testClientID, ClientSecret: testClientSecret, TokenURL: "http://127.0.0.1:1/token"}
	if _, err := good.Exchange(ctx, ""); !errors.Is(err, oauth.ErrMissingCode) {
		t.Errorf("empty code: %v", err)
	}
	noSecret := good
	noSecret.ClientSecret = ""
	if _, err := noSecret.Exchange(ctx, "c"); err == nil {
		t.Error("empty secret: no error")
	}
	noID := good
	noID.ClientID = ""
	if _, err := noID.Exchange(ctx, "c"); err == nil {
		t.Error("empty client id: no error")
	}
	badURL := good
	badURL.TokenURL = "http://example.com/token"
	if _, err := badURL.Exchange(ctx, "c"); err == nil {
		t.Error("plain-http token URL off loopback: no error")
	}
}

func TestExchangeContext(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(block)
	cfg := &oauth.Config{ClientID: testClientID, ClientSecret: testClientSecret, TokenURL: srv.URL, HTTPClient: srv.Client()}

	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := cfg.Exchange(ctx, goodCode)
		errc <- err
	}()
	cancel()
	err := <-errc
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	assertNoSecrets(t, err, testClientSecret, goodCode)
}

func TestOAuth2Config(t *testing.T) {
	cfg := &oauth.Config{ClientID: "id", ClientSecret: "secret", RedirectURL: "https://x/cb", Region: intercom.RegionAU}
	oc, err := cfg.OAuth2Config()
	if err != nil {
		t.Fatal(err)
	}
	if oc.ClientID != "id" || oc.ClientSecret != "secret" || oc.RedirectURL != "https://x/cb" ||
		oc.Endpoint.TokenURL != "https://api.au.intercom.io/auth/eagle/token" || oc.Endpoint.AuthStyle != oauth2.AuthStyleInParams || len(oc.Scopes) != 0 {
		t.Fatalf("OAuth2Config = %+v", oc)
	}
}

func TestNewClient(t *testing.T) {
	cfg := &oauth.Config{Region: intercom.RegionEU}
	if _, err := cfg.NewClient(&oauth2.Token{AccessToken: issuedToken}); err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	if _, err := cfg.NewClient(nil); err == nil {
		t.Error("nil token: no error")
	}
	if _, err := cfg.NewClient(&oauth2.Token{}); err == nil {
		t.Error("empty token: no error")
	}
	// The region comes from the Config; a conflicting base URL is refused by intercom.NewClient.
	if _, err := cfg.NewClient(&oauth2.Token{AccessToken: issuedToken}, intercom.WithBaseURL("http://127.0.0.1:1")); err == nil {
		t.Error("region plus base URL: no error")
	}
}

func TestAuthorizationErrorMessage(t *testing.T) {
	e := &oauth.AuthorizationError{Code: "access_denied", Description: "no thanks"}
	if e.Error() != "oauth: authorization failed: access_denied: no thanks" {
		t.Errorf("Error() = %q", e.Error())
	}
	wrapped := fmt.Errorf("install: %w", e)
	if !errors.Is(wrapped, oauth.ErrAccessDenied) {
		t.Error("wrapped denial does not match ErrAccessDenied")
	}
}

func assertNoSecrets(t *testing.T, err error, secrets ...string) {
	t.Helper()
	msg := fmt.Sprintf("%v %+v %#v", err, err, err)
	for _, s := range secrets {
		if strings.Contains(msg, s) || strings.Contains(msg, url.QueryEscape(s)) {
			t.Errorf("error text contains a secret: %s", msg)
		}
	}
}

func TestTokenErrorBodyIsBounded(t *testing.T) {
	fake := newFakeIntercom(t)
	big := strings.Repeat("x", 100_000) + testClientSecret
	fake.setAnswer(func() (int, string) { return 500, big })
	cfg := &oauth.Config{ClientID: testClientID, ClientSecret: testClientSecret,
		TokenURL: fake.srv.URL + "/auth/eagle/token", HTTPClient: fake.srv.Client()}
	_, err := cfg.Exchange(context.Background(), goodCode)
	var te *oauth.TokenError
	if !errors.As(err, &te) || te.StatusCode != 500 {
		t.Fatalf("err = %v", err)
	}
	if len(te.Body) != 4096 || strings.Contains(string(te.Body), testClientSecret) {
		t.Fatalf("len(Body) = %d, want 4096 without the secret", len(te.Body))
	}
	if strings.Contains(err.Error(), "xxxx") {
		t.Fatalf("Error() includes the body: %.80s", err)
	}
}
