package intercomtest_test

// Regression (proof 08 of 2026-12-07): after the fake answers 500 in the
// middle of a scroll (an injected fault), the SDK ends the iteration with
// intercom.ErrScrollExpired, whose doc says "restart it from the beginning";
// but the fake keeps the failed scroll open (companies.go scrollCompanies:
// a faulted request changes no state), so the restart gets
// 400 scroll_exists for a minute of server time.

import (
	"context"
	"errors"
	"testing"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

// It is bug proof 08 of 2026-12-07 (TestAuditScrollRestartAfter500), kept with its assertions as a regular test.
func TestScrollRestartsAfter500(t *testing.T) {
	srv := intercomtest.NewServer(t, intercomtest.WithScrollPageSize(2))
	srv.SeedCompanies(5)
	if err := srv.Fail(intercomtest.Fault{Route: "GET /companies/scroll", Status: 500, Times: 1,
		Match: func(r intercomtest.RecordedRequest) bool { return r.Query.Get("scroll_param") != "" }}); err != nil {
		t.Fatal(err)
	}
	c := srv.Client()
	ctx := context.Background()
	var first error
	for _, err := range c.Companies.ScrollAll(ctx, nil) {
		if err != nil {
			first = err
		}
	}
	if !errors.Is(first, intercom.ErrScrollExpired) {
		t.Fatalf("first scroll: %v, want ErrScrollExpired", first)
	}
	n := 0
	for _, err := range c.Companies.ScrollAll(ctx, nil) { // "restart it from the beginning"
		if err != nil {
			t.Fatalf("restarting the scroll as ErrScrollExpired says: %v", err)
		}
		n++
	}
	if n != 5 {
		t.Errorf("restarted scroll saw %d companies, want 5", n)
	}
}
