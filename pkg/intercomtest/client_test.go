package intercomtest_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

// hits returns the statuses the server answered on route, in order.
func hits(srv *intercomtest.Server, route string) []int {
	var out []int
	for _, r := range srv.Requests() {
		if r.Route == route {
			out = append(out, r.Status)
		}
	}
	return out
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestClientRetriesThroughInjectedFaults drives the intercom client against
// injected 429s, 5xx and a dropped connection: it retries (waits capped at a
// millisecond) and still returns the right data.
func TestClientRetriesThroughInjectedFaults(t *testing.T) {
	srv := intercomtest.NewServer(t)
	client, err := srv.NewClient(intercom.WithMaxRetryDelay(time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	contact := srv.SeedContacts(1)[0]
	conv, err := srv.AddConversation(*contact.Id, "Where is my order?")
	if err != nil {
		t.Fatal(err)
	}

	t.Run("429 twice", func(t *testing.T) {
		srv.ClearRequests()
		if err := srv.Fail(intercomtest.Fault{Route: "GET /contacts/{contact_id}", Status: 429, Times: 2}); err != nil {
			t.Fatal(err)
		}
		got, err := client.Contacts.Get(ctx, *contact.Id)
		if err != nil {
			t.Fatalf("Get: %v", err)
		}
		if *got.Id != *contact.Id || *got.Email != *contact.Email {
			t.Errorf("got contact %s %s, want %s %s", *got.Id, *got.Email, *contact.Id, *contact.Email)
		}
		if h := hits(srv, "GET /contacts/{contact_id}"); !equalInts(h, []int{429, 429, 200}) {
			t.Errorf("answers %v, want [429 429 200]", h)
		}
	})

	t.Run("503 then 500", func(t *testing.T) {
		srv.ClearRequests()
		for _, status := range []int{503, 500} {
			if err := srv.Fail(intercomtest.Fault{Route: "GET /conversations/{conversation_id}", Status: status, Times: 1}); err != nil {
				t.Fatal(err)
			}
		}
		got, err := client.Conversations.Get(ctx, *conv.Id, nil)
		if err != nil {
			t.Fatalf("Get: %v", err)
		}
		if *got.Id != *conv.Id || *got.Source.Body != "Where is my order?" {
			t.Errorf("got conversation %s %q", *got.Id, *got.Source.Body)
		}
		if h := hits(srv, "GET /conversations/{conversation_id}"); !equalInts(h, []int{503, 500, 200}) {
			t.Errorf("answers %v, want [503 500 200]", h)
		}
	})

	t.Run("dropped connection", func(t *testing.T) {
		srv.ClearRequests()
		if err := srv.Fail(intercomtest.Fault{Route: "GET /contacts/{contact_id}", Drop: true, Times: 1}); err != nil {
			t.Fatal(err)
		}
		got, err := client.Contacts.Get(ctx, *contact.Id)
		if err != nil {
			t.Fatalf("Get: %v", err)
		}
		if *got.Id != *contact.Id {
			t.Errorf("got %s", *got.Id)
		}
		if h := hits(srv, "GET /contacts/{contact_id}"); len(h) < 2 || h[0] != 0 || h[len(h)-1] != 200 {
			t.Errorf("answers %v, want a drop (0) then 200", h)
		}
	})

	t.Run("429 beyond the retries", func(t *testing.T) {
		srv.ClearRequests()
		if err := srv.Fail(intercomtest.Fault{Route: "GET /contacts/{contact_id}", Status: 429, Times: 3}); err != nil {
			t.Fatal(err)
		}
		_, err := client.Contacts.Get(ctx, *contact.Id)
		if !intercom.IsRateLimited(err) {
			t.Fatalf("err = %v, want a rate-limit error", err)
		}
		var ie *intercom.Error
		if !errors.As(err, &ie) || ie.RequestID == "" {
			t.Errorf("err %v carries no request id", err)
		}
		if h := hits(srv, "GET /contacts/{contact_id}"); !equalInts(h, []int{429, 429, 429}) {
			t.Errorf("answers %v, want three 429s (one try, two retries)", h)
		}
	})

	t.Run("a create is not retried after a 500", func(t *testing.T) {
		srv.ClearRequests()
		before := srv.ContactCount()
		if err := srv.Fail(intercomtest.Fault{Route: "POST /contacts", Status: 500, Times: 1}); err != nil {
			t.Fatal(err)
		}
		_, err := client.Contacts.Create(ctx, gen.CreateContactRequest{Email: intercom.Ptr("new@example.com")})
		var ie *intercom.Error
		if !errors.As(err, &ie) || ie.StatusCode != 500 {
			t.Fatalf("err = %v, want the 500", err)
		}
		if h := hits(srv, "POST /contacts"); !equalInts(h, []int{500}) {
			t.Errorf("answers %v, want one 500", h)
		}
		if srv.ContactCount() != before {
			t.Error("the failed create stored a contact")
		}
		// A 429 is retried even for a create: the server did not act on it.
		if err := srv.Fail(intercomtest.Fault{Route: "POST /contacts", Status: 429, Times: 1}); err != nil {
			t.Fatal(err)
		}
		created, err := client.Contacts.Create(ctx, gen.CreateContactRequest{Email: intercom.Ptr("new@example.com")})
		if err != nil {
			t.Fatalf("Create after a 429: %v", err)
		}
		if got, ok := srv.Contact(*created.Id); !ok || *got.Email != "new@example.com" {
			t.Errorf("stored %+v", got)
		}
	})
}

func TestClientErrorsFromTheFake(t *testing.T) {
	srv := intercomtest.NewServer(t)
	client := srv.Client()
	ctx := context.Background()
	_, err := client.Contacts.Get(ctx, "ffffffffffffffffffffffff")
	if !intercom.IsNotFound(err) {
		t.Errorf("unknown contact: %v", err)
	}
	// The facade refuses a contact without identifiers before sending; the
	// raw generated call shows the fake's own answer, a 400.
	before := len(srv.Requests())
	if _, err = client.Contacts.Create(ctx, gen.CreateContactRequest{Name: intercom.Ptr("nobody")}); err == nil {
		t.Error("Contacts.Create without identifiers: no error")
	}
	if n := len(srv.Requests()) - before; n != 0 {
		t.Errorf("Contacts.Create without identifiers sent %d requests", n)
	}
	_, err = client.Raw().CreateContactWithResponse(ctx, gen.CreateContactRequest{Name: intercom.Ptr("nobody")})
	var ie *intercom.Error
	if !errors.As(err, &ie) || ie.StatusCode != 400 {
		t.Errorf("create without identifiers: %v", err)
	}
	wrong, err := intercom.NewClient("wrong-token", intercom.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	defer wrong.CloseIdleConnections()
	if _, err := wrong.Contacts.Get(ctx, "ffffffffffffffffffffffff"); !intercom.IsUnauthorized(err) {
		t.Errorf("wrong token: %v", err)
	}
}

// TestClientIteratorsWalkTheFake runs the client's iterators over each
// pagination style the fake serves.
func TestClientIteratorsWalkTheFake(t *testing.T) {
	clock := intercomtest.NewManualClock(t0)
	srv := intercomtest.NewServer(t, intercomtest.WithClock(clock), intercomtest.WithScrollPageSize(3))
	client := srv.Client()
	ctx := context.Background()
	contacts := srv.SeedContacts(12)
	companies := srv.SeedCompanies(8)

	count := func(seq func(func(string, error) bool)) (int, error) {
		n := 0
		for _, err := range seq {
			if err != nil {
				return n, err
			}
			n++
		}
		return n, nil
	}
	ids := func(name string, n int, err error, want int) {
		t.Helper()
		if err != nil || n != want {
			t.Errorf("%s: %d items, err %v; want %d", name, n, err, want)
		}
	}

	n, err := count(func(yield func(string, error) bool) {
		for c, err := range client.Contacts.ListAll(ctx, &gen.ListContactsParams{PerPage: intercom.Ptr(5)}) {
			if !yield(val(c.Id), err) {
				return
			}
		}
	})
	ids("contacts cursor", n, err, 12)

	q, err := intercom.SearchQuery{Filter: intercom.Field("email").EndsWith("@example.com"), PerPage: 4}.ForContacts()
	if err != nil {
		t.Fatal(err)
	}
	n, err = count(func(yield func(string, error) bool) {
		for c, err := range client.Contacts.SearchAll(ctx, q) {
			if !yield(val(c.Id), err) {
				return
			}
		}
	})
	ids("contacts search cursor", n, err, 12)

	n, err = count(func(yield func(string, error) bool) {
		for c, err := range client.Companies.ListAll(ctx, &gen.ListCompaniesParams{PerPage: intercom.Ptr(3)}) {
			if !yield(val(c.Id), err) {
				return
			}
		}
	})
	ids("companies pages", n, err, 8)

	n, err = count(func(yield func(string, error) bool) {
		for c, err := range client.Companies.ScrollAll(ctx, nil) {
			if !yield(val(c.Id), err) {
				return
			}
		}
	})
	ids("companies scroll", n, err, 8)

	for _, co := range companies[:4] {
		if err := srv.AttachCompany(*contacts[0].Id, *co.Id); err != nil {
			t.Fatal(err)
		}
	}
	n, err = count(func(yield func(string, error) bool) {
		for c, err := range client.Contacts.ListCompaniesAll(ctx, *contacts[0].Id, &gen.ListCompaniesForAContactParams{PerPage: intercom.Ptr(3)}) {
			if !yield(val(c.Id), err) {
				return
			}
		}
	})
	ids("companies of a contact (next URL)", n, err, 4)

	// A scroll left unused for a minute expires: the iterator says so.
	seen := 0
	var scrollErr error
	for _, err := range client.Companies.ScrollAll(ctx, nil) {
		if err != nil {
			scrollErr = err
			break
		}
		seen++
		if seen == 3 { // the first page is consumed
			clock.Advance(61 * time.Second)
		}
	}
	if !errors.Is(scrollErr, intercom.ErrScrollExpired) || seen != 3 {
		t.Errorf("expired scroll: %d companies, err %v; want 3 and ErrScrollExpired", seen, scrollErr)
	}
}

func val[T any](p *T) T {
	var z T
	if p == nil {
		return z
	}
	return *p
}
