package intercom

import (
	"context"
	"net/http"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

func TestNewClientRejectsBadInput(t *testing.T) {
	tests := []struct {
		name  string
		token string
		opts  []Option
		want  string
	}{
		{"empty token", "", nil, "empty access token"},
		{"blank token", "   ", nil, "empty access token"},
		{"token with space", "abc def", nil, "spaces"},
		{"token with newline", coreToken + "\r\nX-Evil: 1", nil, "control"},
		{"nil option", coreToken, []Option{nil}, "option 0 is nil"},
		{"region and base URL", coreToken, []Option{WithRegion(RegionEU), WithBaseURL("https://proxy.example.com")}, "cannot be combined"},
		{"base URL and region", coreToken, []Option{WithBaseURL("https://proxy.example.com"), WithRegion(RegionUS)}, "cannot be combined"},
		{"unknown region", coreToken, []Option{WithRegion("mars")}, "unknown region"},
		{"plain http remote", coreToken, []Option{WithBaseURL("http://api.intercom.io")}, "loopback"},
		{"ftp scheme", coreToken, []Option{WithBaseURL("ftp://127.0.0.1")}, "unsupported scheme"},
		{"no host", coreToken, []Option{WithBaseURL("api.intercom.io/v1")}, "scheme and a host"},
		{"credentials in URL", coreToken, []Option{WithBaseURL("https://user:pw@proxy.example.com")}, "credentials"},
		{"query in URL", coreToken, []Option{WithBaseURL("https://proxy.example.com/?a=1")}, "query"},
		{"unparsable URL", coreToken, []Option{WithBaseURL("https://proxy.example.com/%zz")}, "WithBaseURL"},
		{"nil http client", coreToken, []Option{WithHTTPClient(nil)}, "nil *http.Client"},
		{"negative retries", coreToken, []Option{WithMaxRetries(-1)}, "negative"},
		{"zero max delay", coreToken, []Option{WithMaxRetryDelay(0)}, "positive"},
		{"negative timeout", coreToken, []Option{WithRequestTimeout(-1)}, "negative"},
		{"nil middleware", coreToken, []Option{WithMiddleware(nil)}, "middleware 0 is nil"},
		{"bad app name", coreToken, []Option{WithAppInfo("my app", "1.0")}, "HTTP tokens"},
		{"empty app name", coreToken, []Option{WithAppInfo("", "1.0")}, "HTTP tokens"},
		{"bad API version", coreToken, []Option{WithAPIVersion("2.15\r\n")}, "invalid version"},
		{"empty API version", coreToken, []Option{WithAPIVersion("")}, "invalid version"},
		{"response into on client", coreToken, []Option{WithResponseInto(new(*http.Response))}, "single call"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewClient(tt.token, tt.opts...)
			if err == nil {
				t.Fatalf("NewClient succeeded (%v), want error containing %q", c, tt.want)
			}
			if c != nil {
				t.Errorf("NewClient returned a client with an error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), coreToken) || (len(tt.token) > 3 && strings.Contains(err.Error(), strings.TrimSpace(tt.token))) {
				t.Errorf("error %q contains the token", err)
			}
		})
	}
}

func TestNewClientBaseURLs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"http://localhost:9/", "http://localhost:9"},
		{"http://[::1]:80", "http://[::1]:80"},
		{"HTTPS://Proxy.Example.com/intercom/", "https://proxy.example.com/intercom"},
	}
	for _, tt := range tests {
		c, err := NewClient(coreToken, WithBaseURL(tt.in))
		if err != nil {
			t.Errorf("WithBaseURL(%q): %v", tt.in, err)
			continue
		}
		if got := c.BaseURL(); got != tt.want {
			t.Errorf("WithBaseURL(%q): BaseURL() = %q, want %q", tt.in, got, tt.want)
		}
	}
	c, err := NewClient(coreToken)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.BaseURL(); got != "https://api.intercom.io" {
		t.Errorf("default BaseURL() = %q", got)
	}
	if got := c.APIVersion(); got != gen.APIVersion {
		t.Errorf("APIVersion() = %q, want %q", got, gen.APIVersion)
	}
}

func TestNewClientFromEnv(t *testing.T) {
	tests := []struct {
		name, token, region string
		opts                []Option
		wantBase, wantErr   string
	}{
		{name: "no token", region: "eu", wantErr: EnvAccessToken},
		{name: "default region", token: coreToken, wantBase: "https://api.intercom.io"},
		{name: "eu", token: coreToken, region: "eu", wantBase: "https://api.eu.intercom.io"},
		{name: "AU upper case", token: coreToken, region: " AU ", wantBase: "https://api.au.intercom.io"},
		{name: "us", token: coreToken + "\n", region: "us", wantBase: "https://api.intercom.io"},
		{name: "bad region", token: coreToken, region: "moon", wantErr: EnvRegion},
		{name: "option region wins", token: coreToken, region: "eu", opts: []Option{WithRegion(RegionAU)}, wantBase: "https://api.au.intercom.io"},
		{name: "option base URL wins", token: coreToken, region: "eu", opts: []Option{WithBaseURL("http://127.0.0.1:1")}, wantBase: "http://127.0.0.1:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(EnvAccessToken, tt.token)
			t.Setenv(EnvRegion, tt.region)
			c, err := NewClientFromEnv(tt.opts...)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one mentioning %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.BaseURL() != tt.wantBase {
				t.Errorf("BaseURL() = %q, want %q", c.BaseURL(), tt.wantBase)
			}
		})
	}
}

func TestParseRegion(t *testing.T) {
	for in, want := range map[string]Region{"us": RegionUS, "EU": RegionEU, " au": RegionAU} {
		got, err := ParseRegion(in)
		if err != nil || got != want {
			t.Errorf("ParseRegion(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseRegion("uk"); err == nil {
		t.Error("ParseRegion(uk) succeeded")
	}
	if Region("xx").BaseURL() != "" {
		t.Error("unknown region has a base URL")
	}
}

// TestRegionsSelectHosts sends a facade-layer request and a raw generated call
// for each region through a fake transport and checks the host they reach.
func TestRegionsSelectHosts(t *testing.T) {
	for _, tt := range []struct {
		region Region
		host   string
	}{{RegionUS, "api.intercom.io"}, {RegionEU, "api.eu.intercom.io"}, {RegionAU, "api.au.intercom.io"}} {
		t.Run(string(tt.region), func(t *testing.T) {
			var mu sync.Mutex
			var seen []*http.Request
			hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
				mu.Lock()
				seen = append(seen, r)
				mu.Unlock()
				return fakeResponse(r, 200, `{"type":"admin","id":"1"}`), nil
			})}
			c, err := NewClient(coreToken, WithRegion(tt.region), WithHTTPClient(hc))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := coreDo(context.Background(), c, "GET", "/me", ""); err != nil {
				t.Fatal(err)
			}
			res, err := c.Raw().IdentifyAdminWithResponse(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if res.JSON200 == nil || res.JSON200.Id == nil || *res.JSON200.Id != "1" {
				t.Errorf("raw call decoded %+v", res.JSON200)
			}
			if len(seen) != 2 {
				t.Fatalf("%d requests, want 2", len(seen))
			}
			for _, r := range seen {
				if r.URL.Scheme != "https" || r.URL.Host != tt.host || r.URL.Path != "/me" {
					t.Errorf("request went to %s, want https://%s/me", r.URL, tt.host)
				}
				if r.Header.Get("Authorization") != "Bearer "+coreToken {
					t.Errorf("request without the bearer token")
				}
			}
		})
	}
}

var uaPattern = regexp.MustCompile(`^intercom-go/` + regexp.QuoteMeta(Version) + ` go/[0-9A-Za-z.\-]+$`)

func TestHeadersOnEveryRequest(t *testing.T) {
	type seenReq struct {
		method string
		h      http.Header
	}
	var mu sync.Mutex
	var seen []seenReq
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, seenReq{r.Method, r.Header.Clone()})
		mu.Unlock()
		coreJSON(w, 200, `{"type":"admin","id":"7"}`)
	})
	last := func() seenReq {
		mu.Lock()
		defer mu.Unlock()
		return seen[len(seen)-1]
	}
	ctx := context.Background()

	c, _ := coreClient(t, srv.URL)
	checkCommon := func(t *testing.T, h http.Header) {
		t.Helper()
		if got := h.Get("Authorization"); got != "Bearer "+coreToken {
			t.Errorf("Authorization = %q", got)
		}
		if got := h.Get("Accept"); got != "application/json" {
			t.Errorf("Accept = %q", got)
		}
		if got := h.Get("User-Agent"); !uaPattern.MatchString(got) {
			t.Errorf("User-Agent = %q, want match of %s", got, uaPattern)
		}
	}

	// Facade layer (doJSON over the generated client), default version.
	if _, err := doJSON[gen.AdminWithApp](ctx, c, nil, nil, adminReq(t, c), nil); err != nil {
		t.Fatal(err)
	}
	checkCommon(t, last().h)
	if got := last().h.Get("Intercom-Version"); got != APIVersion {
		t.Errorf("default Intercom-Version = %q, want %q", got, APIVersion)
	}

	// Per-call override through the facade's opts.
	if _, err := doJSON[gen.AdminWithApp](ctx, c, nil, []Option{WithAPIVersion("2.13")}, adminReq(t, c), nil); err != nil {
		t.Fatal(err)
	}
	if got := last().h.Get("Intercom-Version"); got != "2.13" {
		t.Errorf("per-call Intercom-Version = %q, want 2.13", got)
	}

	// Raw generated call, default and per-call through the context.
	if _, err := c.Raw().IdentifyAdminWithResponse(ctx); err != nil {
		t.Fatal(err)
	}
	checkCommon(t, last().h)
	if got := last().h.Get("Intercom-Version"); got != APIVersion {
		t.Errorf("raw Intercom-Version = %q", got)
	}
	if _, err := c.Raw().IdentifyAdminWithResponse(ContextWithOptions(ctx, WithAPIVersion("Unstable"))); err != nil {
		t.Fatal(err)
	}
	if got := last().h.Get("Intercom-Version"); got != "Unstable" {
		t.Errorf("raw per-call Intercom-Version = %q", got)
	}

	// Raw POST carries Content-Type.
	if _, err := c.Raw().CreateContactWithResponse(ctx, gen.CreateContactJSONRequestBody{Email: Ptr("a@example.com")}); err != nil {
		t.Fatal(err)
	}
	if l := last(); l.method != "POST" || l.h.Get("Content-Type") != "application/json" {
		t.Errorf("POST: method %s Content-Type %q", l.method, l.h.Get("Content-Type"))
	}
	checkCommon(t, last().h)

	// Per-client version and app info; a later per-call option still wins.
	c2, _ := coreClient(t, srv.URL, WithAPIVersion("2.14"), WithAppInfo("acme-sync", "3.1"))
	if _, err := c2.Raw().IdentifyAdminWithResponse(ctx); err != nil {
		t.Fatal(err)
	}
	h := last().h
	if got := h.Get("Intercom-Version"); got != "2.14" {
		t.Errorf("per-client Intercom-Version = %q, want 2.14", got)
	}
	if got, want := h.Get("User-Agent"), "acme-sync/3.1"; !strings.HasSuffix(got, " "+want) || !strings.HasPrefix(got, "intercom-go/"+Version+" go/") {
		t.Errorf("User-Agent = %q, want intercom-go/... go/... %s", got, want)
	}
	if _, err := coreDo(ContextWithOptions(ctx, WithAPIVersion("2.10"), WithAPIVersion("2.11")), c2, "GET", "/me", ""); err != nil {
		t.Fatal(err)
	}
	if got := last().h.Get("Intercom-Version"); got != "2.11" {
		t.Errorf("later per-call option should win: Intercom-Version = %q", got)
	}
	// Nested contexts: the inner (later) options win.
	nested := ContextWithOptions(ContextWithOptions(ctx, WithAPIVersion("2.10")), WithAPIVersion("2.12"))
	if _, err := coreDo(nested, c2, "GET", "/me", ""); err != nil {
		t.Fatal(err)
	}
	if got := last().h.Get("Intercom-Version"); got != "2.12" {
		t.Errorf("nested per-call option: Intercom-Version = %q, want 2.12", got)
	}
	// The client default is untouched by per-call options.
	if _, err := coreDo(ctx, c2, "GET", "/me", ""); err != nil {
		t.Fatal(err)
	}
	if got := last().h.Get("Intercom-Version"); got != "2.14" {
		t.Errorf("after per-call calls, Intercom-Version = %q, want 2.14", got)
	}
	// Header values are shared between clients made alike (NewClient reuses
	// the last ones made): the first client keeps its own after c2 and a
	// third client with the first one's options.
	c3, _ := coreClient(t, srv.URL)
	for name, cl := range map[string]*Client{"first client": c, "third client": c3} {
		if _, err := coreDo(ctx, cl, "GET", "/me", ""); err != nil {
			t.Fatal(err)
		}
		h := last().h
		if got := h.Get("Intercom-Version"); got != gen.APIVersion {
			t.Errorf("%s: Intercom-Version = %q, want %s", name, got, gen.APIVersion)
		}
		if got := h.Get("User-Agent"); strings.Contains(got, "acme-sync") || !strings.HasPrefix(got, "intercom-go/"+Version+" go/") {
			t.Errorf("%s: User-Agent = %q, want intercom-go/%s go/... without c2's app info", name, got, Version)
		}
	}
	if !strings.Contains(goVersion(), strings.TrimPrefix(runtime.Version(), "go")[:3]) {
		t.Errorf("goVersion() = %q, runtime %q", goVersion(), runtime.Version())
	}
}

func TestCallOptionsInWrongPlace(t *testing.T) {
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) { coreJSON(w, 200, `{}`) })
	c, _ := coreClient(t, srv.URL)
	for name, o := range map[string]Option{
		"WithRegion":     WithRegion(RegionEU),
		"WithBaseURL":    WithBaseURL("https://x.example.com"),
		"WithHTTPClient": WithHTTPClient(http.DefaultClient),
		"WithAppInfo":    WithAppInfo("a", "1"),
		"nil":            nil,
		"WithMaxRetries": WithMaxRetries(-3),
	} {
		_, err := coreDo(ContextWithOptions(context.Background(), o), c, "GET", "/me", "")
		if err == nil {
			t.Errorf("%s as a call option: no error", name)
		}
	}
	// The same is reported through the generated client.
	if _, err := c.Raw().IdentifyAdminWithResponse(ContextWithOptions(context.Background(), WithRegion(RegionEU))); err == nil || !strings.Contains(err.Error(), "NewClient") {
		t.Errorf("raw call with a client-only option: err = %v", err)
	}
}
