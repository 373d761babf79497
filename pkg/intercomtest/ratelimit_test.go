package intercomtest_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

// TestDefaultRateLimitIsIntercoms: by default a server enforces Intercom's
// 10,000 calls per minute per app as Intercom does, in 10-second windows of
// 1,666 calls, and says so in its headers.
func TestDefaultRateLimitIsIntercoms(t *testing.T) {
	clock := intercomtest.NewManualClock(t0)
	srv := intercomtest.NewServer(t, intercomtest.WithClock(clock))
	a := newAPI(t, srv)
	first := a.do("GET", "/me", nil)
	if got := first.header.Get("X-RateLimit-Limit"); got != "1666" {
		t.Errorf("X-RateLimit-Limit %q, want 1666 (10,000 per minute in 10-second windows)", got)
	}
	if got := first.header.Get("X-RateLimit-Remaining"); got != "1665" {
		t.Errorf("X-RateLimit-Remaining after one call %q, want 1665", got)
	}
	if got, want := first.header.Get("X-RateLimit-Reset"), strconv.FormatInt(t0.Add(10*time.Second).Unix(), 10); got != want {
		t.Errorf("X-RateLimit-Reset %q, want %s (the end of the 10-second window)", got, want)
	}
	for i := 1; i < 1666; i++ {
		if r := a.do("GET", "/me", nil); r.status != 200 {
			t.Fatalf("call %d of the window: status %d", i+1, r.status)
		}
	}
	over := a.do("GET", "/me", nil)
	if over.status != 429 || errCode(over.body) != "rate_limit_exceeded" || over.header.Get("Retry-After") != "10" {
		t.Fatalf("call 1,667 in 10 seconds: status %d %s, Retry-After %q; want 429 rate_limit_exceeded, 10", over.status, over.raw, over.header.Get("Retry-After"))
	}
	clock.Advance(10 * time.Second)
	if r := a.do("GET", "/me", nil); r.status != 200 || r.header.Get("X-RateLimit-Remaining") != "1665" {
		t.Errorf("the next window: status %d, remaining %q", r.status, r.header.Get("X-RateLimit-Remaining"))
	}
}

// TestWorkspaceRateLimitSharedByApps: two apps of a workspace each have
// their own budget and share the workspace's.
func TestWorkspaceRateLimitSharedByApps(t *testing.T) {
	clock := intercomtest.NewManualClock(t0)
	srv := intercomtest.NewServer(t, intercomtest.WithClock(clock), intercomtest.WithRateLimit(3, 10*time.Second),
		intercomtest.WithWorkspaceRateLimit(4), intercomtest.WithAppToken("second-app"))
	a := newAPI(t, srv)
	b := newAPI(t, srv)
	b.token = "second-app"
	for i := range 3 {
		if r := a.do("GET", "/me", nil); r.status != 200 {
			t.Fatalf("app A call %d: %d", i+1, r.status)
		}
	}
	if r := a.do("GET", "/me", nil); r.status != 429 {
		t.Errorf("app A over its own budget: %d, want 429", r.status)
	}
	if r := b.do("GET", "/me", nil); r.status != 200 || r.header.Get("X-RateLimit-Remaining") != "0" {
		t.Errorf("app B's first call: %d, remaining %q; want 200 with the workspace's last call (0 left)", r.status, r.header.Get("X-RateLimit-Remaining"))
	}
	if r := b.do("GET", "/me", nil); r.status != 429 {
		t.Errorf("app B over the workspace's budget: %d, want 429", r.status)
	}
	clock.Advance(10 * time.Second)
	if r := b.do("GET", "/me", nil); r.status != 200 {
		t.Errorf("app B in the next window: %d", r.status)
	}
}
