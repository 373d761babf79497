package engine

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Tests of the engine's internals that moved here from package intercom
// with the engine (they need its unexported names); the engine's behaviour
// is tested through package intercom's and intercom/preview's surfaces.

const testToken = "dG9rOnNlY3JldC10b2tlbi0xMjM0NTY3ODkw"

// testClient is an engine made as package intercom's NewClient makes one.
func testClient(t *testing.T, opts ...Option) *Client {
	t.Helper()
	c := new(Client)
	if err := c.Init(testToken, Defaults{APIVersion: "2.16", SDKVersion: "0.0.0-test"}, opts); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestObserverNoneCostsNothing(t *testing.T) {
	c := testClient(t, WithBaseURL("https://api.example.test"))
	req, _ := http.NewRequest("GET", "https://api.example.test/admins", nil)
	allocs := testing.AllocsPerRun(100, func() {
		ob, r := c.observeCall(req, nil, &c.cfg)
		ob.attemptStart(1)
		ob.waited()
		ob.attempted(&attemptResult{})
		ob.retrying(time.Second)
		if ob != nil || r != req {
			t.Fatal("an observer was made without WithObserver")
		}
	})
	if allocs != 0 {
		t.Errorf("observing without observers allocates %v times per call, want 0", allocs)
	}
}

func TestScrubErr(t *testing.T) {
	c := &Client{token: testToken}
	base := errors.New("dial: refused")
	ue := &url.Error{Op: "Get", URL: "https://x/?t=" + testToken, Err: fmt.Errorf("wrapped %s: %w", testToken, base)}
	got := c.scrubErr(ue)
	if strings.Contains(got.Error(), testToken) || !errors.Is(got, base) {
		t.Errorf("scrubErr = %v (Is base: %v)", got, errors.Is(got, base))
	}
	if plain := errors.New("no secret"); c.scrubErr(plain) != plain {
		t.Error("an error without the token must be returned as is")
	}
	if c.scrubErr(nil) != nil {
		t.Error("nil")
	}
}

// TestRegionConstantsAgree: the region URLs parsed once and the servers
// NewClient takes as constants are the regions' own base URLs.
func TestRegionConstantsAgree(t *testing.T) {
	for _, r := range []Region{RegionUS, RegionEU, RegionAU} {
		if got, want := serverOf(r.BaseURL()), r.BaseURL()+"/"; got != want {
			t.Errorf("serverOf(%s) = %q, want %q", r, got, want)
		}
		if u := regionURL(r); u == nil || u.String() != r.BaseURL() {
			t.Errorf("regionURL(%s) = %v, want %s", r, u, r.BaseURL())
		}
	}
	if got := serverOf("http://127.0.0.1:8080"); got != "http://127.0.0.1:8080/" {
		t.Errorf("serverOf(a base URL) = %q", got)
	}
}
