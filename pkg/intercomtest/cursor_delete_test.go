package intercomtest_test

// Regression (proof 03 of 2026-12-07): deleting the contacts of a page while
// iterating (a clean-up job) makes the fake's cursor skip contacts.
// call.go cursorPage: when the cursor's "After" id is gone, it falls back to
// the raw Offset, which no longer points after that id.

import (
	"context"
	"testing"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

// It is bug proof 03 of 2026-12-07 (TestAuditDeleteWhileListingSkipsContacts), kept with its assertions as a regular test.
func TestCursorStableWhenListedContactsAreDeleted(t *testing.T) {
	srv := intercomtest.NewServer(t)
	srv.SeedContacts(6)
	c := srv.Client()
	ctx := context.Background()
	seen := 0
	for contact, err := range c.Contacts.ListAll(ctx, &intercom.ListContactsParams{PerPage: intercom.Ptr(2)}) {
		if err != nil {
			t.Fatal(err)
		}
		seen++
		if _, err := c.Contacts.Delete(ctx, contact.GetId()); err != nil {
			t.Fatal(err)
		}
	}
	if seen != 6 {
		t.Errorf("visited %d of 6 contacts while deleting each one; the cursor skipped %d", seen, 6-seen)
	}
}

func TestCursorStableWhenSearchedContactsAreArchived(t *testing.T) {
	srv := intercomtest.NewServer(t)
	srv.SeedContacts(6)
	c := srv.Client()
	ctx := context.Background()
	req, err := intercom.Field("role").Equals("user").ForContacts()
	if err != nil {
		t.Fatal(err)
	}
	req.Pagination = &intercom.StartingAfterPaging{PerPage: intercom.Ptr(2)}
	seen := 0
	for contact, err := range c.Contacts.SearchAll(ctx, req) {
		if err != nil {
			t.Fatal(err)
		}
		seen++
		if _, err := c.Contacts.Archive(ctx, contact.GetId()); err != nil {
			t.Fatal(err)
		}
	}
	if seen != 6 {
		t.Errorf("visited %d of 6 contacts while archiving each one; the cursor skipped %d", seen, 6-seen)
	}
}
