package intercom

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

// flakySearch is a fake POST /contacts/search over n contacts that answers
// 503 to a random 5% of requests (seeded, so every run is the same).
type flakySearch struct {
	t      *testing.T
	n, per int

	mu       sync.Mutex
	rng      *rand.Rand
	requests int
	failed   int
	ops      []*Operation // the operation of each request, as the HTTP layer saw it
}

func (s *flakySearch) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests++
	fail := s.rng.IntN(100) < 5
	if fail {
		s.failed++
	}
	runaway := s.requests > 10*s.n/s.per
	s.mu.Unlock()
	if runaway {
		pgJSON(w, http.StatusBadRequest, `{"type":"error.list","errors":[{"code":"runaway","message":"too many requests"}]}`)
		return
	}
	if r.Method != http.MethodPost || r.URL.Path != "/contacts/search" {
		s.t.Errorf("unexpected request %s %s", r.Method, r.URL)
		w.WriteHeader(http.StatusNotFound)
		return
	}
	var body struct {
		Pagination *struct {
			PerPage       int    `json:"per_page"`
			StartingAfter string `json:"starting_after"`
		} `json:"pagination"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		s.t.Errorf("body: %v", err)
	}
	if fail {
		pgJSON(w, http.StatusServiceUnavailable, `{"type":"error.list","errors":[{"code":"service_unavailable","message":"Sorry, the API service is temporarily unavailable"}]}`)
		return
	}
	start := 0
	if body.Pagination != nil && body.Pagination.StartingAfter != "" {
		start, _ = strconv.Atoi(body.Pagination.StartingAfter)
	}
	end := min(start+s.per, s.n)
	var b strings.Builder
	b.WriteString(`{"type":"list","data":[`)
	for i := start; i < end; i++ {
		if i > start {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"type":"contact","id":"c%d"}`, i)
	}
	fmt.Fprintf(&b, `],"total_count":%d,"pages":{"type":"pages"`, s.n)
	if end < s.n {
		fmt.Fprintf(&b, `,"next":{"per_page":%d,"starting_after":"%d"}`, s.per, end)
	}
	b.WriteString(`}}`)
	pgJSON(w, http.StatusOK, b.String())
}

// With 10,000 contacts and 5% of the search requests answered 503, SearchAll
// yields every contact exactly once: a search is a read sent as POST, so its
// Operation is RetrySafe and a 503 is retried like a GET's.
func TestSearchAllEveryContactOnceDespite503s(t *testing.T) {
	const n, per = 10_000, 50
	req, err := SearchQuery{Filter: Field("role").Equals("user"), PerPage: per}.ForContacts()
	if err != nil {
		t.Fatal(err)
	}
	run := func(t *testing.T, seq func(c *Client) iter.Seq2[gen.Contact, error]) {
		fake := &flakySearch{t: t, n: n, per: per, rng: rand.New(rand.NewPCG(14, 503))}
		srv := coreServer(t, fake.ServeHTTP)
		sl := &coreSleeper{}
		record := func(r *http.Request, next MiddlewareNext) (*http.Response, error) {
			fake.mu.Lock()
			fake.ops = append(fake.ops, OperationFromRequest(r))
			fake.mu.Unlock()
			return next(r)
		}
		c, err := NewClient(coreToken, WithBaseURL(srv.URL), withSleeper(sl.sleep), WithMiddleware(record))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(c.CloseIdleConnections)
		seen := make(map[string]int, n)
		for v, err := range seq(c) {
			if err != nil {
				fake.mu.Lock()
				op := fake.ops[len(fake.ops)-1]
				fake.mu.Unlock()
				if op == nil || !op.RetrySafe {
					t.Errorf("Contacts.SearchAll passed %+v, want its RetrySafe Operation", op)
				}
				t.Fatalf("after %d contacts: %v", len(seen), err)
			}
			seen[valueOr(v.Id)]++
		}
		for i := range n {
			if k := seen["c"+strconv.Itoa(i)]; k != 1 {
				t.Fatalf("contact c%d yielded %d times", i, k)
			}
		}
		if len(seen) != n {
			t.Fatalf("%d distinct contacts, want %d", len(seen), n)
		}
		fake.mu.Lock()
		defer fake.mu.Unlock()
		if fake.failed == 0 || len(sl.recorded()) != fake.failed {
			t.Errorf("%d requests answered 503, %d retry waits: the test must exercise retries, each 503 retried once", fake.failed, len(sl.recorded()))
		}
		t.Logf("%d contacts in %d requests, %d answered 503 and retried", n, fake.requests, fake.failed)
	}
	run(t, func(c *Client) iter.Seq2[gen.Contact, error] { return c.Contacts.SearchAll(context.Background(), req) })
}
