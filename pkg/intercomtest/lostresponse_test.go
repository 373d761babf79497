package intercomtest_test

import (
	"context"
	"errors"
	"testing"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

// TestLoseResponsesAppliesThenDrops: a create hit by a response loss is
// applied on the server, and its client gets an error marked
// ErrOutcomeUnknown; the loss is spent after Times hits.
func TestLoseResponsesAppliesThenDrops(t *testing.T) {
	srv := intercomtest.NewServer(t)
	if err := srv.LoseResponses(intercomtest.ResponseLoss{Route: "POST /contacts", Times: 1}); err != nil {
		t.Fatal(err)
	}
	c := srv.Client()
	ctx := context.Background()
	_, err := c.Contacts.Create(ctx, intercom.CreateContactRequest{Email: intercom.Ptr("lost@example.com")})
	if !errors.Is(err, intercom.ErrOutcomeUnknown) {
		t.Fatalf("create with a lost response: %v, want ErrOutcomeUnknown", err)
	}
	if n := srv.ContactCount(); n != 1 {
		t.Errorf("%d contacts after the lost response, want 1 (the create was applied)", n)
	}
	reqs := srv.Requests()
	if last := reqs[len(reqs)-1]; !last.Faulted || last.Status != 0 {
		t.Errorf("recorded request: faulted %v, status %d; want faulted, no status", last.Faulted, last.Status)
	}
	if _, err := c.Contacts.Create(ctx, intercom.CreateContactRequest{Email: intercom.Ptr("kept@example.com")}); err != nil {
		t.Errorf("second create, the loss spent: %v", err)
	}
}

func TestLoseResponsesRejectsInvalid(t *testing.T) {
	srv, err := intercomtest.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	for name, l := range map[string]intercomtest.ResponseLoss{
		"unknown route":   {Route: "POST /nowhere"},
		"probability > 1": {Probability: 1.5},
		"negative times":  {Times: -1},
	} {
		if err := srv.LoseResponses(l); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
