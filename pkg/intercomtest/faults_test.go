package intercomtest_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

func TestFaultHitsItsRouteTimesTimes(t *testing.T) {
	clock := intercomtest.NewManualClock(t0)
	srv := intercomtest.NewServer(t, intercomtest.WithClock(clock))
	a := newAPI(t, srv)
	c := srv.SeedContacts(1)[0]
	if err := srv.Fail(intercomtest.Fault{Route: "GET /contacts/{contact_id}", Status: 503, Times: 2}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		r := a.do("GET", "/contacts/"+*c.Id, nil)
		if r.status != 503 || errCode(r.body) != "service_unavailable" || r.header.Get("X-RateLimit-Limit") == "" {
			t.Fatalf("request %d: %d %s", i, r.status, r.raw)
		}
		a.must(200, "GET", "/me", nil) // other routes are not hit
	}
	a.must(200, "GET", "/contacts/"+*c.Id, nil) // spent
	var faulted []bool
	for _, r := range srv.Requests() {
		if r.Route == "GET /contacts/{contact_id}" {
			faulted = append(faulted, r.Faulted)
		}
	}
	if fmt.Sprint(faulted) != "[true true false]" {
		t.Errorf("Faulted flags %v", faulted)
	}
}

func TestInjected429CarriesRetryHeaders(t *testing.T) {
	clock := intercomtest.NewManualClock(t0)
	srv := intercomtest.NewServer(t, intercomtest.WithClock(clock))
	a := newAPI(t, srv)
	if err := srv.Fail(intercomtest.Fault{Route: "POST /contacts", Status: 429, Times: 1}); err != nil {
		t.Fatal(err)
	}
	if err := srv.Fail(intercomtest.Fault{Route: "POST /contacts", Status: 429, Times: 1, RetryAfter: 2500 * time.Millisecond, Message: "slow down"}); err != nil {
		t.Fatal(err)
	}
	r := a.do("POST", "/contacts", map[string]any{"email": "a@example.com"})
	if r.status != 429 || errCode(r.body) != "rate_limit_exceeded" || r.header.Get("Retry-After") != "1" ||
		r.header.Get("X-RateLimit-Remaining") != "0" || r.header.Get("X-RateLimit-Reset") != strconv.FormatInt(t0.Unix()+1, 10) {
		t.Errorf("first 429: %d %v %s", r.status, r.header, r.raw)
	}
	r = a.do("POST", "/contacts", map[string]any{"email": "a@example.com"})
	if r.status != 429 || r.header.Get("Retry-After") != "3" || !strings.Contains(string(r.raw), "slow down") {
		t.Errorf("second 429: %d %v %s", r.status, r.header, r.raw)
	}
	if srv.ContactCount() != 0 {
		t.Error("a faulted create stored a contact")
	}
	a.must(200, "POST", "/contacts", map[string]any{"email": "a@example.com"})
}

func TestFaultOnEveryRoute(t *testing.T) {
	srv := intercomtest.NewServer(t)
	a := newAPI(t, srv)
	if err := srv.Fail(intercomtest.Fault{Status: 500, Times: 3, Code: "boom"}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/me", "/contacts", "/no/such/path"} {
		if r := a.do("GET", path, nil); r.status != 500 || errCode(r.body) != "boom" {
			t.Errorf("GET %s: %d %s", path, r.status, r.raw)
		}
	}
	a.must(200, "GET", "/me", nil)
	if err := srv.Fail(intercomtest.Fault{Status: 502}); err != nil { // unlimited
		t.Fatal(err)
	}
	a.must(502, "GET", "/me", nil)
	a.must(502, "GET", "/me", nil)
	srv.ClearFaults()
	a.must(200, "GET", "/me", nil)
}

func TestRandomFaultsAreSeeded(t *testing.T) {
	pattern := func(seed uint64) string {
		srv := intercomtest.NewServer(t, intercomtest.WithSeed(seed))
		a := newAPI(t, srv)
		if err := srv.Fail(intercomtest.Fault{Route: "GET /me", Status: 500, Probability: 0.5}); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for i := 0; i < 64; i++ {
			if a.do("GET", "/me", nil).status == 500 {
				b.WriteByte('x')
			} else {
				b.WriteByte('.')
			}
		}
		return b.String()
	}
	p1, p2, p3 := pattern(7), pattern(7), pattern(8)
	if p1 != p2 {
		t.Errorf("the same seed gave different patterns:\n%s\n%s", p1, p2)
	}
	if hits := strings.Count(p1, "x"); hits < 16 || hits > 48 {
		t.Errorf("probability 0.5 hit %d of 64: %s", hits, p1)
	}
	if p1 == p3 {
		t.Errorf("seeds 7 and 8 gave the same pattern %s", p1)
	}
}

func TestDroppedConnection(t *testing.T) {
	srv := intercomtest.NewServer(t)
	a := newAPI(t, srv)
	if err := srv.Fail(intercomtest.Fault{Route: "POST /contacts", Drop: true, Times: 1}); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", srv.URL+"/contacts", jsonReader(map[string]any{"email": "a@example.com"}))
	req.Header.Set("Authorization", "Bearer "+srv.Token())
	resp, err := a.hc.Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("a dropped connection answered %d", resp.StatusCode)
	}
	if srv.ContactCount() != 0 {
		t.Error("a dropped create stored a contact")
	}
	reqs := srv.Requests()
	if last := reqs[len(reqs)-1]; !last.Faulted || last.Status != 0 {
		t.Errorf("recorded %+v", last)
	}
	a.must(200, "POST", "/contacts", map[string]any{"email": "a@example.com"})
}

func TestLatencyUsesTheClock(t *testing.T) {
	clock := intercomtest.NewManualClock(t0)
	srv := intercomtest.NewServer(t, intercomtest.WithClock(clock))
	a := newAPI(t, srv)
	if err := srv.Fail(intercomtest.Fault{Route: "GET /me", Latency: 90 * time.Second, Times: 1}); err != nil {
		t.Fatal(err)
	}
	a.must(200, "GET", "/me", nil) // a latency-only fault answers normally
	if got := clock.Now(); !got.Equal(t0.Add(90 * time.Second)) {
		t.Fatalf("clock at %v after a 90s latency, want %v", got, t0.Add(90*time.Second))
	}
	if err := srv.Fail(intercomtest.Fault{Route: "GET /me", Latency: 10 * time.Second, Status: 504, Times: 1}); err != nil {
		t.Fatal(err)
	}
	a.must(504, "GET", "/me", nil)
	if got := clock.Now(); !got.Equal(t0.Add(100 * time.Second)) {
		t.Fatalf("clock at %v", got)
	}
}

// blockingClock's Sleep reports that it started and blocks until its
// context ends.
type blockingClock struct {
	once    sync.Once
	entered chan struct{}
}

func (c *blockingClock) Now() time.Time { return t0 }

func (c *blockingClock) Sleep(ctx context.Context, _ time.Duration) error {
	c.once.Do(func() { close(c.entered) })
	<-ctx.Done()
	return ctx.Err()
}

func TestCloseEndsRequestsWaitingOnLatency(t *testing.T) {
	clock := &blockingClock{entered: make(chan struct{})}
	srv, err := intercomtest.Start(intercomtest.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Fail(intercomtest.Fault{Latency: time.Hour}); err != nil {
		t.Fatal(err)
	}
	hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	defer hc.CloseIdleConnections()
	done := make(chan error, 1)
	go func() {
		req, _ := http.NewRequest("GET", srv.URL+"/me", nil)
		resp, err := hc.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	<-clock.entered
	srv.Close() // must not wait an hour
	if err := <-done; err == nil {
		t.Error("the request waiting on latency got an answer after Close")
	}
}

// recordingTB is a testing.TB that records Errorf instead of failing.
type recordingTB struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
	r.mu.Unlock()
}

func TestInvalidFaultsAreRejected(t *testing.T) {
	tb := &recordingTB{TB: t}
	srv := intercomtest.NewServer(tb)
	bad := map[string]intercomtest.Fault{
		"unknown route":     {Route: "GET /nope", Status: 500},
		"route w/o method":  {Route: "/contacts", Status: 500},
		"success status":    {Status: 200},
		"no effect":         {Route: "GET /me"},
		"status and drop":   {Status: 500, Drop: true},
		"negative times":    {Status: 500, Times: -1},
		"probability above": {Status: 500, Probability: 1.5},
		"negative latency":  {Latency: -time.Second},
	}
	for name, f := range bad {
		if err := srv.Fail(f); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if len(tb.errs) != len(bad) {
		t.Errorf("NewServer's test was told %d times, want %d", len(tb.errs), len(bad))
	}
	newAPI(t, srv).must(200, "GET", "/me", nil) // nothing was added
}

func TestFaultMatchPicksRequests(t *testing.T) {
	srv := intercomtest.NewServer(t, intercomtest.WithClock(intercomtest.NewManualClock(t0)))
	a := newAPI(t, srv)
	// Fail the creation of one contact twice, by its body; others go through.
	err := srv.Fail(intercomtest.Fault{Route: "POST /contacts", Status: 500, Times: 2, Match: func(r intercomtest.RecordedRequest) bool {
		return strings.Contains(string(r.Body), `"ext-7"`)
	}})
	if err != nil {
		t.Fatal(err)
	}
	// And every lookup of one external id, by its path.
	err = srv.Fail(intercomtest.Fault{Status: 503, Match: func(r intercomtest.RecordedRequest) bool {
		return r.Path == "/contacts/find_by_external_id/ext-9"
	}})
	if err != nil {
		t.Fatal(err)
	}
	a.must(200, "POST", "/contacts", map[string]any{"external_id": "ext-1"})
	for i := 0; i < 2; i++ {
		if r := a.do("POST", "/contacts", map[string]any{"external_id": "ext-7"}); r.status != 500 {
			t.Fatalf("matching request %d: %d %s", i, r.status, r.raw)
		}
	}
	a.must(200, "POST", "/contacts", map[string]any{"external_id": "ext-7"}) // spent
	for i := 0; i < 3; i++ {
		if r := a.do("GET", "/contacts/find_by_external_id/ext-9", nil); r.status != 503 {
			t.Fatalf("lookup %d: %d %s", i, r.status, r.raw)
		}
	}
	if r := a.do("GET", "/contacts/find_by_external_id/ext-1", nil); r.status != 200 {
		t.Errorf("a request the fault does not match: %d %s", r.status, r.raw)
	}
	faulted := 0
	for _, r := range srv.Requests() {
		if r.Faulted {
			faulted++
		}
	}
	if faulted != 5 {
		t.Errorf("%d requests faulted, want 5", faulted)
	}
}
