package intercomtest_test

import (
	"context"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

// Injected faults cost no real time by default: the server's latency and
// the client's retry waits (Retry-After) move the server's clock instead.
func TestFaultsDoNotWaitInRealTime(t *testing.T) {
	srv := intercomtest.NewServer(t)
	contact := srv.SeedContacts(1)[0]
	for _, f := range []intercomtest.Fault{
		{Route: "GET /contacts/{contact_id}", Status: 429, RetryAfter: 20 * time.Second, Times: 2},
		{Route: "GET /contacts/{contact_id}", Latency: time.Hour, Times: 1},
	} {
		if err := srv.Fail(f); err != nil {
			t.Fatal(err)
		}
	}
	client := srv.Client()
	start := time.Now()
	got, err := client.Contacts.Get(context.Background(), contact.GetId())
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if got.GetId() != contact.GetId() {
		t.Errorf("got %q", got.GetId())
	}
	// 40 s of Retry-After and an hour of latency were asked for; a few
	// seconds of real time leave room for a slow machine.
	if elapsed > 5*time.Second {
		t.Errorf("the call took %v of real time", elapsed)
	}
	reqs := srv.Requests()
	if len(reqs) != 3 || reqs[0].Status != 429 || reqs[1].Status != 429 || reqs[2].Status != 200 {
		t.Fatalf("requests: %+v", reqs)
	}
	// The waits moved the server's clock: 20 s before each retry, and the
	// hour of latency was spent after the last request was recorded.
	if d := reqs[2].Time.Sub(reqs[0].Time); d < 40*time.Second {
		t.Errorf("the server's clock moved %v between the first and the last request, want at least 40s", d)
	}
}

// A manual clock is shared by the server and its clients: the retry waits
// advance it by exactly what the server asked for.
func TestManualClockDrivesClientWaits(t *testing.T) {
	clock := intercomtest.NewManualClock(t0)
	srv := intercomtest.NewServer(t, intercomtest.WithClock(clock))
	contact := srv.SeedContacts(1)[0]
	if err := srv.Fail(intercomtest.Fault{Route: "GET /contacts/{contact_id}", Status: 503, RetryAfter: 7 * time.Second, Times: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Client().Contacts.Get(context.Background(), contact.GetId()); err != nil {
		t.Fatal(err)
	}
	if got := clock.Now().Sub(t0); got != 7*time.Second {
		t.Errorf("clock moved %v, want 7s", got)
	}
}
