package bulk_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/bulk"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
	"github.com/intercomkit/intercom-go/pkg/ratelimit"
)

// The load of issue 15's acceptance test.
const (
	loadItems   = 10000
	loadBudget  = 1000
	loadWindow  = 10 * time.Second
	loadWorkers = 16
	faultShare  = 0.02
)

var t0 = time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)

// row is one contact to tag: a contact seeded in the fake, and the tag.
type row struct{ id, tagID string }

// seedRows seeds n contacts and a tag, and returns one row per contact.
func seedRows(srv *intercomtest.Server, n int) []row {
	tag, err := srv.AddTag("imported")
	if err != nil {
		panic(err)
	}
	out := make([]row, 0, n)
	for _, c := range srv.SeedContacts(n) {
		out = append(out, row{id: *c.Id, tagID: *tag.Id})
	}
	return out
}

func rowKey(r row) string { return r.id }

// tagContact is the job's work: read the contact, then tag it. The read is
// retried after a 5xx; the tagging, a write, is not.
func tagContact(ctx context.Context, c *intercom.Client, r row) error {
	if _, err := c.Contacts.Get(ctx, r.id); err != nil {
		return err
	}
	_, err := c.Contacts.Tag(ctx, r.id, r.tagID)
	return err
}

// faultKind is what the fake does to an item's requests.
type faultKind int

const (
	readOnce      faultKind = iota + 1 // the read fails once: retried, the item is done
	readExhaust                        // the read fails 3 times: retries exhausted, the item fails
	writeOnce                          // the tagging fails once: a write is not retried, the item fails
	numFaultKinds = 3
)

const (
	readRoute  = "GET /contacts/{contact_id}"
	writeRoute = "POST /contacts/{contact_id}/tags"
)

// injectFaults gives faultShare of the items a 500 or 503 of one kind,
// chosen by a seeded source, and returns the kind of each faulted item.
func injectFaults(t *testing.T, srv *intercomtest.Server, items []row, seed uint64) map[string]faultKind {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 15))
	kinds := map[string]faultKind{}
	for _, i := range rng.Perm(len(items))[:int(faultShare*float64(len(items)))] {
		r := items[i]
		kind := faultKind(1 + rng.IntN(numFaultKinds))
		kinds[r.id] = kind
		f := intercomtest.Fault{Status: []int{500, 503}[rng.IntN(2)], Route: readRoute, Times: 1}
		path := "/contacts/" + r.id
		switch kind {
		case readExhaust:
			f.Times = 3 // the first attempt and both retries
		case writeOnce:
			f.Route, path = writeRoute, path+"/tags"
		}
		f.Match = func(rr intercomtest.RecordedRequest) bool { return rr.Path == path }
		if err := srv.Fail(f); err != nil {
			t.Fatal(err)
		}
	}
	return kinds
}

// loadSetup is a fake with the test's budget on a manual clock, and a client
// paced by a Local limiter on the same clock.
type loadSetup struct {
	clock  *intercomtest.ManualClock
	srv    *intercomtest.Server
	client *intercom.Client
}

func newLoadSetup(t *testing.T) *loadSetup {
	t.Helper()
	clock := intercomtest.NewManualClock(t0)
	srv := intercomtest.NewServer(t, intercomtest.WithClock(clock),
		intercomtest.WithRateLimit(loadBudget, loadWindow), intercomtest.WithMaxRecorded(1<<20))
	lim, err := ratelimit.NewLocal(ratelimit.WithLimit(loadBudget, loadWindow), ratelimit.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	// The limiter waits on the manual clock (no real time passes); retry
	// waits are capped at 1ms of real time, so they cost nothing either.
	client, err := srv.NewClient(intercom.WithRateLimiter(lim), intercom.WithMaxRetryDelay(time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	return &loadSetup{clock: clock, srv: srv, client: client}
}

// itemOf returns the contact id a request is about, or "".
func itemOf(r intercomtest.RecordedRequest) string {
	switch r.Route {
	case readRoute:
		return strings.TrimPrefix(r.Path, "/contacts/")
	case writeRoute:
		return strings.TrimSuffix(strings.TrimPrefix(r.Path, "/contacts/"), "/tags")
	}
	return ""
}

// windowCounts counts requests per rate-limit window of the fake.
func windowCounts(reqs []intercomtest.RecordedRequest) map[int64]int {
	out := map[int64]int{}
	for _, r := range reqs {
		out[int64(r.Time.Sub(t0)/loadWindow)]++
	}
	return out
}

// TestRunInsideBudget is issue 15's acceptance test: 10,000 items against
// the fake with a budget of 1,000 calls per 10-second window (on a manual
// clock) and 2% of the items hit by 500/503 faults.
func TestRunInsideBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: 10,000 items take several seconds under -race; run without -short")
	}
	s := newLoadSetup(t)
	items := seedRows(s.srv, loadItems)
	kinds := injectFaults(t, s.srv, items, 1)

	var mu sync.Mutex
	reported := map[string][]bulk.Status{}
	var reports []bulk.Progress
	job := bulk.Job[row]{
		Do:       tagContact,
		Key:      rowKey,
		Workers:  loadWorkers,
		Total:    len(items),
		Clock:    s.clock.Now,
		Progress: func(p bulk.Progress) { reports = append(reports, p) },
		OnResult: func(r bulk.Result[row]) {
			mu.Lock()
			reported[r.Key] = append(reported[r.Key], r.Status)
			mu.Unlock()
		},
	}
	start := s.clock.Now()
	sum, err := job.Run(context.Background(), s.client, slices.Values(items))
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	elapsed := s.clock.Now().Sub(start)
	reqs := s.srv.Requests()

	// 0 responses with status 429.
	var limited int
	for _, r := range reqs {
		if r.Status == 429 {
			limited++
		}
	}
	if limited != 0 || sum.RateLimited != 0 {
		t.Errorf("%d responses with status 429 (runner counted %d), want 0", limited, sum.RateLimited)
	}

	// Every item reported exactly once, as done, failed or (a write answered
	// 5xx) of unknown outcome.
	for _, it := range items {
		st := reported[it.id]
		if len(st) != 1 || (st[0] != bulk.Done && st[0] != bulk.Failed && st[0] != bulk.OutcomeUnknown) {
			t.Fatalf("item %s reported %v, want once as done, failed or outcome unknown", it.id, st)
		}
	}
	if len(reported) != len(items) || sum.Done+sum.Failed+sum.Unknown != len(items) || sum.Skipped+sum.NotStarted != 0 {
		t.Errorf("reports for %d keys; summary %v; want %d items, each done, failed or unknown", len(reported), sum, len(items))
	}

	// Failed or unknown items are exactly those whose faults exhausted their
	// retries: the reads faulted 3 times (failed), and the taggings (a write
	// is not retried after a 5xx, and intercom.ErrOutcomeUnknown says it may
	// have been applied: unknown).
	var wantFailed, gotFailed []string
	for id, k := range kinds {
		if k == readExhaust || k == writeOnce {
			wantFailed = append(wantFailed, id)
		}
	}
	for _, f := range slices.Concat(sum.Failures, sum.Unknowns) {
		gotFailed = append(gotFailed, f.Key)
		var apiErr *intercom.Error
		if !errors.As(f.Err, &apiErr) || (apiErr.StatusCode != 500 && apiErr.StatusCode != 503) {
			t.Errorf("item %s failed with %v, want the injected 500/503", f.Key, f.Err)
		}
	}
	slices.Sort(wantFailed)
	slices.Sort(gotFailed)
	if !slices.Equal(gotFailed, wantFailed) {
		t.Errorf("failed items: got %d, want %d (the items whose faults exhausted their retries)", len(gotFailed), len(wantFailed))
	}
	var readRecovered int
	for _, k := range kinds {
		if k == readOnce {
			readRecovered++
		}
	}
	if readRecovered == 0 || len(wantFailed) == 0 {
		t.Fatalf("the seeded faults gave %d recoverable and %d fatal items; the test needs both", readRecovered, len(wantFailed))
	}

	// Every done item written exactly once; no write for a failed one.
	writes := map[string]int{}
	for _, r := range reqs {
		if r.Route == writeRoute && r.Status == 200 {
			writes[itemOf(r)]++
		}
	}
	failed := map[string]bool{}
	for _, k := range gotFailed {
		failed[k] = true
	}
	for _, it := range items {
		if want := map[bool]int{true: 0, false: 1}[failed[it.id]]; writes[it.id] != want {
			t.Fatalf("item %s written %d times, want %d", it.id, writes[it.id], want)
		}
	}

	// Throughput on the manual clock: at least 90% of the budget.
	calls := len(reqs)
	if int64(calls) != sum.Calls {
		t.Errorf("the runner counted %d calls, the fake received %d", sum.Calls, calls)
	}
	share := float64(calls) / (elapsed.Seconds() / loadWindow.Seconds()) / loadBudget
	busiest := 0
	for _, n := range windowCounts(reqs) {
		busiest = max(busiest, n)
	}
	if share < 0.90 {
		t.Errorf("throughput %.1f%% of the budget, want at least 90%%", 100*share)
	}
	if busiest > loadBudget {
		t.Errorf("busiest window had %d calls, budget %d", busiest, loadBudget)
	}
	if len(reports) < 2 || !reports[len(reports)-1].Final || reports[len(reports)-1].Done != sum.Done {
		t.Errorf("progress reports: %d, last %+v", len(reports), reports[len(reports)-1])
	}
	t.Logf("%v", sum)
	t.Logf("%d calls in %v on the manual clock: %.1f%% of the budget of %d per %v; busiest window %d; %d retries; %d failed (%d faulted items)",
		calls, elapsed, 100*share, loadBudget, loadWindow, busiest, sum.Retries, sum.Failed, len(kinds))
	t.Logf("last progress line: %s", reports[len(reports)-1])
}

// TestCancelAndResume cancels the job halfway, then runs it again over the
// same input with the same checkpoint file: the job finishes, and no item is
// written twice.
func TestCancelAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: 10,000 items take several seconds under -race; run without -short")
	}
	s := newLoadSetup(t)
	items := seedRows(s.srv, loadItems)
	injectFaults(t, s.srv, items, 2)
	path := filepath.Join(t.TempDir(), "import.checkpoint")

	run := func(ctx context.Context, onResult func(bulk.Result[row])) (*bulk.Summary[row], error) {
		cp, err := bulk.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer func() {
			if err := cp.Close(); err != nil {
				t.Error(err)
			}
		}()
		job := bulk.Job[row]{Do: tagContact, Key: rowKey, Workers: loadWorkers,
			Checkpoint: cp, Clock: s.clock.Now, OnResult: onResult}
		return job.Run(ctx, s.client, slices.Values(items))
	}

	// First run: cancelled once half the items have ended.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	first := map[string]bulk.Status{}
	sum1, err := run(ctx, func(r bulk.Result[row]) {
		first[r.Key] = r.Status
		if len(first) == loadItems/2 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("first run: err = %v, want context.Canceled", err)
	}
	if sum1.Items() < loadItems/2 || sum1.Items() >= loadItems || sum1.Items() != len(first) {
		t.Fatalf("first run: %v, %d reports; want about half of %d items", sum1, len(first), loadItems)
	}
	requestsBefore := len(s.srv.Requests())

	// Second run: the same input and checkpoint.
	second := map[string]bulk.Status{}
	sum2, err := run(context.Background(), func(r bulk.Result[row]) { second[r.Key] = r.Status })
	if err != nil {
		t.Fatalf("second run: %v", err)
	}
	if sum2.Skipped != sum1.Done || len(second) != loadItems {
		t.Errorf("second run: %v; want the %d items done in the first skipped, and all %d reported", sum2, sum1.Done, loadItems)
	}
	for k, st := range first {
		if st == bulk.Done && second[k] != bulk.Skipped {
			t.Fatalf("item %s done in the first run was %v in the second", k, second[k])
		}
	}

	// No item written twice: one successful create per item over both
	// runs, and not a single request in the second run for an item done in
	// the first.
	writes := map[string]int{}
	reqs := s.srv.Requests()
	for i, r := range reqs {
		k := itemOf(r)
		if r.Route == writeRoute && r.Status == 200 {
			writes[k]++
		}
		if i >= requestsBefore && first[k] == bulk.Done {
			t.Fatalf("the second run sent %s %s for item %s, done in the first run", r.Method, r.Path, k)
		}
	}
	for _, it := range items {
		// A write answered 5xx ends OutcomeUnknown (intercom.ErrOutcomeUnknown:
		// the server may have applied it); the fake's injected 5xx did not.
		if st := second[it.id]; st != bulk.Failed && st != bulk.OutcomeUnknown && writes[it.id] != 1 {
			t.Fatalf("item %s written %d times, want once", it.id, writes[it.id])
		}
	}
	t.Logf("first run: %v", sum1)
	t.Logf("second run: %v", sum2)
}
