package intercomtest_test

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom/types"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

func TestStartRejectsInvalidOptions(t *testing.T) {
	for name, opt := range map[string]intercomtest.Option{
		"nil option":       nil,
		"empty token":      intercomtest.WithToken(" "),
		"nil clock":        intercomtest.WithClock(nil),
		"zero limit":       intercomtest.WithRateLimit(0, time.Minute),
		"short window":     intercomtest.WithRateLimit(10, time.Millisecond),
		"zero scroll page": intercomtest.WithScrollPageSize(0),
		"negative record":  intercomtest.WithMaxRecorded(-1),
	} {
		t.Run(name, func(t *testing.T) {
			srv, err := intercomtest.Start(opt)
			if err == nil {
				srv.Close()
				t.Fatal("Start accepted an invalid option")
			}
			if srv != nil {
				t.Fatal("Start returned a server with its error")
			}
		})
	}
}

func TestAuthentication(t *testing.T) {
	srv := intercomtest.NewServer(t, intercomtest.WithToken("s3cret"))
	a := newAPI(t, srv)
	if srv.Token() != "s3cret" {
		t.Fatalf("Token() = %q", srv.Token())
	}
	a.must(200, "GET", "/me", nil)
	for _, tok := range []string{"", "wrong", "s3cret2"} {
		a.token = tok
		r := a.do("GET", "/me", nil)
		if r.status != 401 || errCode(r.body) != "unauthorized" || str(r.body, "type") != "error.list" {
			t.Errorf("token %q: %d %s", tok, r.status, r.raw)
		}
		if str(r.body, "request_id") == "" || str(r.body, "request_id") != r.header.Get("X-Request-Id") {
			t.Errorf("token %q: request_id %q, X-Request-Id %q", tok, str(r.body, "request_id"), r.header.Get("X-Request-Id"))
		}
		if strings.Contains(string(r.raw), "s3cret") {
			t.Errorf("the error body shows the token: %s", r.raw)
		}
	}
	// A 401 changes nothing.
	a.token = "wrong"
	a.must(401, "POST", "/contacts", map[string]any{"email": "x@example.com"})
	if n := srv.ContactCount(); n != 0 {
		t.Fatalf("an unauthorized create stored %d contacts", n)
	}
}

func TestUnknownRoutesAndVersion(t *testing.T) {
	srv := intercomtest.NewServer(t)
	a := newAPI(t, srv)
	for _, c := range []struct{ method, path string }{
		{"GET", "/nope"}, {"PATCH", "/contacts"}, {"GET", "/contacts/"}, {"GET", "/contacts/a/b/c/d"}, {"DELETE", "/me"},
	} {
		r := a.do(c.method, c.path, nil)
		if r.status != 501 || errCode(r.body) != intercomtest.UnservedCode ||
			!strings.Contains(string(r.raw), "intercomtest does not serve "+c.method+" "+c.path+",") {
			t.Errorf("%s %s: %d %s", c.method, c.path, r.status, r.raw)
		}
	}
	// An operation of the API that the fake does not implement is named as such.
	served := map[string]bool{}
	for _, r := range intercomtest.Routes() {
		served[r] = true
	}
	checked := 0
	for _, op := range gen.Operations {
		if served[op.Method+" "+op.Path] || checked == 3 {
			continue
		}
		checked++
		path := regexp.MustCompile(`\{[^}]+\}`).ReplaceAllString(op.Path, "x1")
		r := a.do(op.Method, path, nil)
		want := "intercomtest does not serve " + op.Method + " " + op.Path + " (operation " + op.ID + " of Intercom API " + gen.APIVersion + ")"
		if r.status != 501 || !strings.Contains(string(r.raw), want) {
			t.Errorf("%s %s: %d %s, want 501 and %q", op.Method, path, r.status, r.raw, want)
		}
	}
	if checked == 0 {
		t.Log("every operation is served: no unserved operation to check")
	}
	req, _ := http.NewRequest("GET", srv.URL+"/me", nil)
	req.Header.Set("Authorization", "Bearer "+srv.Token())
	req.Header.Set("Intercom-Version", "banana")
	resp, err := a.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Errorf("Intercom-Version banana: status %d, want 400", resp.StatusCode)
	}
}

func TestRoutesAreOperationsOfTheDescription(t *testing.T) {
	ops := map[string]bool{}
	for _, op := range gen.Operations {
		ops[op.Method+" "+op.Path] = true
	}
	routes := intercomtest.Routes()
	if len(routes) < 50 {
		t.Fatalf("only %d routes", len(routes))
	}
	if !slices.IsSorted(routes) {
		t.Error("Routes() is not sorted")
	}
	for _, r := range routes {
		if !ops[r] {
			t.Errorf("route %s is not an operation of the description", r)
		}
	}
}

func TestRateLimitHeadersAndBudget(t *testing.T) {
	clock := intercomtest.NewManualClock(t0)
	srv := intercomtest.NewServer(t, intercomtest.WithClock(clock), intercomtest.WithRateLimit(3, 10*time.Second))
	a := newAPI(t, srv)
	reset := strconv.FormatInt(t0.Add(10*time.Second).Unix(), 10)
	for i, wantRemaining := range []string{"2", "1", "0"} {
		r := a.do("GET", "/me", nil)
		if r.status != 200 {
			t.Fatalf("request %d: %d", i, r.status)
		}
		if got := r.header.Get("X-RateLimit-Limit"); got != "3" {
			t.Errorf("request %d: limit %q", i, got)
		}
		if got := r.header.Get("X-RateLimit-Remaining"); got != wantRemaining {
			t.Errorf("request %d: remaining %q, want %s", i, got, wantRemaining)
		}
		if got := r.header.Get("X-RateLimit-Reset"); got != reset {
			t.Errorf("request %d: reset %q, want %s", i, got, reset)
		}
	}
	clock.Advance(4 * time.Second)
	r := a.do("POST", "/contacts", map[string]any{"email": "x@example.com"})
	if r.status != 429 || errCode(r.body) != "rate_limit_exceeded" {
		t.Fatalf("over budget: %d %s", r.status, r.raw)
	}
	if got := r.header.Get("Retry-After"); got != "6" {
		t.Errorf("Retry-After %q, want 6", got)
	}
	if got := r.header.Get("X-RateLimit-Remaining"); got != "0" {
		t.Errorf("remaining %q on a 429", got)
	}
	if srv.ContactCount() != 0 {
		t.Error("a request over the budget changed state")
	}
	clock.Advance(6 * time.Second) // the next window
	r = a.do("GET", "/me", nil)
	if r.status != 200 || r.header.Get("X-RateLimit-Remaining") != "2" {
		t.Fatalf("next window: %d remaining %q", r.status, r.header.Get("X-RateLimit-Remaining"))
	}
	if got, want := r.header.Get("X-RateLimit-Reset"), strconv.FormatInt(t0.Add(20*time.Second).Unix(), 10); got != want {
		t.Errorf("next window reset %q, want %s", got, want)
	}
}

func TestRequestsAreRecordedWithTheTokenRedacted(t *testing.T) {
	clock := intercomtest.NewManualClock(t0)
	srv := intercomtest.NewServer(t, intercomtest.WithClock(clock))
	a := newAPI(t, srv)
	c := a.must(200, "POST", "/contacts", map[string]any{"email": "ada@example.com"})
	a.must(200, "GET", "/contacts/"+str(c, "id")+"?x=1", nil)
	a.must(501, "GET", "/nope", nil)
	reqs := srv.Requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests recorded", len(reqs))
	}
	if r := reqs[0]; r.Method != "POST" || r.Path != "/contacts" || r.Route != "POST /contacts" || r.Status != 200 ||
		!strings.Contains(string(r.Body), "ada@example.com") || !r.Time.Equal(t0) || r.Faulted {
		t.Errorf("first request: %+v", r)
	}
	if r := reqs[1]; r.Route != "GET /contacts/{contact_id}" || r.Query.Get("x") != "1" {
		t.Errorf("second request: %+v", r)
	}
	if r := reqs[2]; r.Route != "" || r.Status != 501 {
		t.Errorf("third request: %+v", r)
	}
	for _, r := range reqs {
		if got := r.Header.Get("Authorization"); got != "Bearer [REDACTED]" {
			t.Errorf("Authorization recorded as %q", got)
		}
	}
	reqs[0].Body[0] = 'X' // a copy: the server's record is unchanged
	if srv.Requests()[0].Body[0] == 'X' {
		t.Error("Requests returned the server's own body slice")
	}
	srv.ClearRequests()
	if len(srv.Requests()) != 0 {
		t.Error("ClearRequests kept requests")
	}
}

func TestMaxRecorded(t *testing.T) {
	srv := intercomtest.NewServer(t, intercomtest.WithMaxRecorded(3))
	a := newAPI(t, srv)
	for i := 0; i < 5; i++ {
		a.must(501, "GET", fmt.Sprintf("/n%d", i), nil)
	}
	reqs := srv.Requests()
	var paths []string
	for _, r := range reqs {
		paths = append(paths, r.Path)
	}
	if !slices.Equal(paths, []string{"/n2", "/n3", "/n4"}) {
		t.Fatalf("kept %v, want the last 3", paths)
	}
}

func TestIDsLookLikeIntercoms(t *testing.T) {
	srv := intercomtest.NewServer(t)
	a := newAPI(t, srv)
	hex24 := regexp.MustCompile(`^[0-9a-f]{24}$`)
	numeric := regexp.MustCompile(`^[0-9]+$`)
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	seen := map[string]bool{}
	for i := 0; i < 3; i++ {
		c := a.must(200, "POST", "/contacts", map[string]any{"email": fmt.Sprintf("u%d@example.com", i)})
		id := str(c, "id")
		if !hex24.MatchString(id) || seen[id] {
			t.Errorf("contact id %q", id)
		}
		seen[id] = true
		co := a.must(200, "POST", "/companies", map[string]any{"company_id": fmt.Sprintf("c%d", i)})
		if !hex24.MatchString(str(co, "id")) {
			t.Errorf("company id %q", str(co, "id"))
		}
		tag := a.must(200, "POST", "/tags", map[string]any{"name": fmt.Sprintf("t%d", i)})
		if !numeric.MatchString(str(tag, "id")) {
			t.Errorf("tag id %q", str(tag, "id"))
		}
		m := a.must(200, "POST", "/conversations", map[string]any{"from": map[string]any{"type": "user", "id": id}, "body": "hi"})
		if !numeric.MatchString(str(m, "conversation_id")) || !numeric.MatchString(str(m, "id")) {
			t.Errorf("conversation %q message %q", str(m, "conversation_id"), str(m, "id"))
		}
	}
	r := a.do("GET", "/contacts/nope", nil)
	if !uuid.MatchString(r.header.Get("X-Request-Id")) {
		t.Errorf("X-Request-Id %q is not UUID-shaped", r.header.Get("X-Request-Id"))
	}
	// Two servers do not hand out the same ids.
	other := intercomtest.NewServer(t)
	c := newAPI(t, other).must(200, "POST", "/contacts", map[string]any{"email": "u0@example.com"})
	if seen[str(c, "id")] {
		t.Errorf("two servers gave the same contact id %s", str(c, "id"))
	}
}

func TestConcurrentUse(t *testing.T) {
	srv := intercomtest.NewServer(t)
	const workers, each = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := &api{t: t, srv: srv, hc: &http.Client{}, token: srv.Token()}
			defer a.hc.CloseIdleConnections()
			for i := 0; i < each; i++ {
				email := fmt.Sprintf("w%d-%d@example.com", w, i)
				r := a.doNoFatal("POST", "/contacts", map[string]any{"email": email})
				if r.err != nil || r.status != 200 {
					errs <- fmt.Errorf("create %s: %v %d", email, r.err, r.status)
					continue
				}
				if r := a.doNoFatal("GET", "/contacts?per_page=5", nil); r.err != nil || r.status != 200 {
					errs <- fmt.Errorf("list: %v %d", r.err, r.status)
				}
				_ = srv.Requests()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := srv.ContactCount(); n != workers*each {
		t.Fatalf("%d contacts, want %d", n, workers*each)
	}
}

// doNoFatal is do for goroutines other than the test's.
type rawReply struct {
	status int
	err    error
}

func (a *api) doNoFatal(method, path string, body any) rawReply {
	req, err := http.NewRequest(method, a.srv.URL+path, jsonReader(body))
	if err != nil {
		return rawReply{err: err}
	}
	req.Header.Set("Authorization", "Bearer "+a.token)
	resp, err := a.hc.Do(req)
	if err != nil {
		return rawReply{err: err}
	}
	resp.Body.Close()
	return rawReply{status: resp.StatusCode}
}

func TestNewServerClosesWhenTheTestEnds(t *testing.T) {
	var url string
	t.Run("inner", func(t *testing.T) {
		srv := intercomtest.NewServer(t)
		url = srv.URL
		newAPI(t, srv).must(200, "GET", "/me", nil)
	})
	hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	defer hc.CloseIdleConnections()
	resp, err := hc.Get(url + "/me")
	if err == nil {
		resp.Body.Close()
		t.Fatal("the server still answers after its test ended")
	}
}

func TestCloseIsIdempotent(t *testing.T) {
	srv, err := intercomtest.Start()
	if err != nil {
		t.Fatal(err)
	}
	srv.Close()
	srv.Close()
}

func TestSeedingHelpersValidate(t *testing.T) {
	srv := intercomtest.NewServer(t)
	if _, err := srv.AddContact(gen.Contact{Email: ptr("a@example.com")}); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.AddContact(gen.Contact{Email: ptr("a@example.com")}); err == nil {
		t.Error("a second user with the same email was accepted")
	}
	if _, err := srv.AddContact(gen.Contact{Role: ptr("robot")}); err == nil {
		t.Error("role robot was accepted")
	}
	c, err := srv.AddContact(gen.Contact{Id: ptr("aaaaaaaaaaaaaaaaaaaaaaaa"), Role: ptr("lead"), Name: ptr("L")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.AddContact(gen.Contact{Id: c.Id}); err == nil {
		t.Error("a duplicate id was accepted")
	}
	if srv.ContactCount() != 2 {
		t.Errorf("%d contacts after 2 good and 3 bad adds", srv.ContactCount())
	}
	if err := srv.AttachCompany(*c.Id, "nope"); !errors.Is(err, intercomtest.ErrNotFound) {
		t.Errorf("AttachCompany to an unknown company: %v", err)
	}
	if err := srv.TagContact("nope", "1"); !errors.Is(err, intercomtest.ErrNotFound) {
		t.Errorf("TagContact on an unknown contact: %v", err)
	}
	if _, err := srv.AddAdmin(gen.Admin{Id: ptr("abc")}); err == nil {
		t.Error("a non-numeric admin id was accepted")
	}
	if _, err := srv.AddTeam(gen.Team{AdminIds: []types.NumericID{"424242"}}); err == nil {
		t.Error("a team with an unknown admin was accepted")
	}
	if _, err := srv.AddArticle(gen.Article{}); err == nil {
		t.Error("an article without a title was accepted")
	}
	if _, err := srv.AddTag(""); err == nil {
		t.Error("an empty tag name was accepted")
	}
	if _, err := srv.AddConversation("nope", "hi"); !errors.Is(err, intercomtest.ErrNotFound) {
		t.Errorf("AddConversation from an unknown contact: %v", err)
	}
	// What a helper returns is a copy.
	got, _ := srv.Contact(*c.Id)
	*got.Name = "changed"
	again, _ := srv.Contact(*c.Id)
	if *again.Name != "L" {
		t.Error("Contact returned a value sharing the server's state")
	}
}

func ptr[T any](v T) *T { return &v }
