package bulk_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/bulk"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

// person is one contact of an import.
type person struct{ ext, email string }

func people(n int) []person {
	out := make([]person, n)
	for i := range out {
		out[i] = person{ext: fmt.Sprintf("ext-%05d", i), email: fmt.Sprintf("person%05d@example.com", i)}
	}
	return out
}

// lossyServer is the fake losing 1% of the responses to contact creates
// (the contact is created, the connection dropped), and a client on it
// whose job calls are not paced (the fake's budget is large).
func lossyServer(t *testing.T) (*intercomtest.Server, *intercom.Client) {
	t.Helper()
	srv := intercomtest.NewServer(t, intercomtest.WithRateLimit(1_000_000, time.Minute), intercomtest.WithSeed(24))
	if err := srv.LoseResponses(intercomtest.ResponseLoss{Route: "POST /contacts", Probability: 0.01}); err != nil {
		t.Fatal(err)
	}
	c, err := srv.NewClient(intercom.WithRateLimiter(&countingLimiter{}))
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// runToEnd is the README's recipe: run, then run Rerun() again until
// nothing is left to do (at most a few times).
func runToEnd(t *testing.T, job *bulk.Job[person], c *intercom.Client, items []person) (first *bulk.Summary[person], done int) {
	t.Helper()
	ctx := context.Background()
	sum, err := job.Run(ctx, c, slices.Values(items))
	if err != nil {
		t.Fatal(err)
	}
	first, done = sum, sum.Done
	for range 5 {
		if sum.Failed+sum.Unknown+sum.NotStarted == 0 {
			return first, done
		}
		if sum.Failed > 0 {
			t.Fatalf("failed items: %v (first: %v)", sum, sum.Failures[0].Err)
		}
		if sum, err = job.Run(ctx, c, sum.Rerun()); err != nil {
			t.Fatal(err)
		}
		done += sum.Done
	}
	t.Fatalf("still not done after 5 reruns: %v", sum)
	return nil, 0
}

// checkContacts asserts that the fake holds exactly one contact per person.
func checkContacts(t *testing.T, srv *intercomtest.Server, c *intercom.Client, items []person, role string) {
	t.Helper()
	seen := map[string]int{}
	for ct, err := range c.Contacts.ListAll(context.Background(), &intercom.ListContactsParams{PerPage: intercom.Ptr(150)}) {
		if err != nil {
			t.Fatal(err)
		}
		if ct.GetRole() != role {
			t.Errorf("contact %s has role %q, want %q", ct.GetId(), ct.GetRole(), role)
		}
		seen[strings.ToLower(ct.GetEmail())]++
	}
	var dups []string
	for email, n := range seen {
		if n > 1 {
			dups = append(dups, fmt.Sprintf("%s×%d", email, n))
		}
	}
	if len(dups) > 0 {
		slices.Sort(dups)
		t.Errorf("%d duplicated contacts: %v", len(dups), dups[:min(len(dups), 5)])
	}
	if len(seen) != len(items) || srv.ContactCount() != len(items) {
		t.Errorf("%d distinct emails, %d contacts on the server; want %d", len(seen), srv.ContactCount(), len(items))
	}
}

// TestLostCreateResponsesLeads loses 1% of the create responses of 5,000
// leads; following the documented recipe (a Reconcile that finds the lead by
// email, then Rerun until nothing is left) ends with 5,000 leads and no
// duplicate. Re-running the unknown items without the lookup created a
// second lead for each of them.
func TestLostCreateResponsesLeads(t *testing.T) {
	srv, c := lossyServer(t)
	items := people(5000)
	var reconciled atomic.Int64
	job := bulk.Job[person]{
		Key: func(r person) string { return r.email },
		Do: func(ctx context.Context, c *intercom.Client, r person) error {
			_, err := c.Contacts.Create(ctx, intercom.CreateContactRequest{Role: intercom.Ptr("lead"), Email: intercom.Ptr(r.email)})
			return err
		},
		Reconcile: func(ctx context.Context, c *intercom.Client, r person) (bool, error) {
			reconciled.Add(1)
			found, err := bulk.FindContact(ctx, c, bulk.ContactRef{Role: "lead", Email: r.email})
			return found != nil, err
		},
		Workers: 8,
	}
	first, done := runToEnd(t, &job, c, items)
	if first.Unknown == 0 || first.Unknown > 150 {
		t.Fatalf("first run: %v; want about 50 items of unknown outcome", first)
	}
	for _, u := range first.Unknowns {
		if !errors.Is(u.Err, intercom.ErrOutcomeUnknown) {
			t.Errorf("unknown item %s: error %v does not wrap ErrOutcomeUnknown", u.Key, u.Err)
		}
	}
	if done != len(items) || int(reconciled.Load()) != first.Unknown {
		t.Errorf("%d items done over the runs, %d reconciled; want %d and %d", done, reconciled.Load(), len(items), first.Unknown)
	}
	checkContacts(t, srv, c, items, "lead")
}

// TestLostCreateResponsesUsers does the same for 5,000 users, whose create
// answers 409 when the user exists: with the documented Do (a 409 counts as
// done) and Reconcile (bulk.Repeatable), the rerun ends every item as done.
// Before, the rerun failed those items with 409 for ever.
func TestLostCreateResponsesUsers(t *testing.T) {
	srv, c := lossyServer(t)
	items := people(5000)
	job := bulk.Job[person]{
		Key: func(r person) string { return r.ext },
		Do: func(ctx context.Context, c *intercom.Client, r person) error {
			_, err := c.Contacts.Create(ctx, intercom.CreateContactRequest{
				Role: intercom.Ptr("user"), ExternalId: intercom.Ptr(r.ext), Email: intercom.Ptr(r.email)})
			if bulk.ContactExists(err) {
				return nil // created by the attempt whose response was lost
			}
			return err
		},
		Reconcile: bulk.Repeatable[person],
		Workers:   8,
	}
	first, done := runToEnd(t, &job, c, items)
	if first.Unknown == 0 || first.Unknown > 150 {
		t.Fatalf("first run: %v; want about 50 items of unknown outcome", first)
	}
	if done != len(items) {
		t.Errorf("%d items done over the runs, want %d", done, len(items))
	}
	checkContacts(t, srv, c, items, "user")
}

// TestRerunLeavesUnknownOutWithoutReconcile: without a Reconcile step the
// items of unknown outcome are reported, not run again.
func TestRerunLeavesUnknownOutWithoutReconcile(t *testing.T) {
	unknownErr := fmt.Errorf("POST /contacts: EOF (%w)", intercom.ErrOutcomeUnknown)
	job := bulk.Job[int]{
		Key: itoa,
		Do: func(_ context.Context, _ *intercom.Client, i int) error {
			switch i % 3 {
			case 1:
				return unknownErr
			case 2:
				return errOdd
			}
			return nil
		},
	}
	sum, err := job.Run(context.Background(), offlineClient(t), ints(9))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Done != 3 || sum.Failed != 3 || sum.Unknown != 3 || len(sum.Unknowns) != 3 {
		t.Fatalf("summary %v", sum)
	}
	// Failures come in the order the items failed, which depends on how the
	// workers were scheduled: compare the sets.
	got := slices.Sorted(sum.Rerun())
	if !slices.Equal(got, []int{2, 5, 8}) {
		t.Errorf("Rerun without Reconcile = %v, want the failed items only", got)
	}
	if s := sum.String(); !strings.Contains(s, "3 failed, 3 outcome unknown") {
		t.Errorf("String() = %q", s)
	}

	var reconciled []int
	job.Reconcile = func(_ context.Context, _ *intercom.Client, i int) (bool, error) {
		reconciled = append(reconciled, i)
		return true, nil
	}
	job.Workers = 1
	sum, err = job.Run(context.Background(), offlineClient(t), ints(9))
	if err != nil {
		t.Fatal(err)
	}
	if got := slices.Collect(sum.Rerun()); !slices.Equal(got, []int{2, 5, 8, 1, 4, 7}) {
		t.Errorf("Rerun with Reconcile = %v, want the failed, then the unknown items", got)
	}
	again, err := job.Run(context.Background(), offlineClient(t), sum.Rerun())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(reconciled, []int{1, 4, 7}) || again.Done != 3 || again.Failed != 3 {
		t.Errorf("rerun: reconciled %v, %v; want the unknown items reconciled (done), the failed ones run", reconciled, again)
	}
}

// TestReconcileFailureKeepsTheItemUnknown: when the lookup of an item of
// unknown outcome fails, the next rerun reconciles it again instead of
// running Do blindly.
func TestReconcileFailureKeepsTheItemUnknown(t *testing.T) {
	lookupDown := errors.New("search unavailable")
	var does, reconciles atomic.Int64
	failLookup := true
	job := bulk.Job[int]{
		Key: itoa,
		Do: func(context.Context, *intercom.Client, int) error {
			if does.Add(1) == 1 {
				return fmt.Errorf("POST /contacts: EOF (%w)", intercom.ErrOutcomeUnknown)
			}
			return nil
		},
		Reconcile: func(context.Context, *intercom.Client, int) (bool, error) {
			reconciles.Add(1)
			if failLookup {
				return false, lookupDown
			}
			return true, nil
		},
	}
	ctx := context.Background()
	sum, _ := job.Run(ctx, offlineClient(t), ints(1))
	if sum.Unknown != 1 {
		t.Fatalf("first run: %v", sum)
	}
	sum, _ = job.Run(ctx, offlineClient(t), sum.Rerun())
	if sum.Failed != 1 || !errors.Is(sum.Failures[0].Err, lookupDown) {
		t.Fatalf("rerun with the lookup down: %v", sum)
	}
	failLookup = false
	sum, _ = job.Run(ctx, offlineClient(t), sum.Rerun())
	if sum.Done != 1 || does.Load() != 1 || reconciles.Load() != 2 {
		t.Errorf("second rerun: %v, Do ran %d times, Reconcile %d; want done by the lookup, Do never run again",
			sum, does.Load(), reconciles.Load())
	}
}
