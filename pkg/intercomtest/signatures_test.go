package intercomtest

import (
	"testing"

	"github.com/intercomkit/intercom-go/intercom"
)

// TestHelpersCombineWithGetters: the seeding and lookup helpers take and
// return intercom's types (their signatures spell intercom's names, which
// intercom's TestExportedSignaturesSpellIntercomNames checks for this
// package too), and what they return combines with the nil-safe getters as
// written, without `&`: a value with its error or found flag, or a pointer
// for the helpers that return one object (Me, DefaultTicketType).
func TestHelpersCombineWithGetters(t *testing.T) {
	srv := NewServer(t)
	c, err := srv.AddContact(intercom.Contact{Email: intercom.Ptr("ada@example.com")})
	if err != nil {
		t.Fatal(err)
	}
	got, ok := srv.Contact(c.GetId())
	if !ok || got.GetEmail() != "ada@example.com" || srv.Me().GetId() == "" || srv.DefaultTicketType().GetId() == "" {
		t.Errorf("helpers and getters: contact %q found %v, me %q, ticket type %q", got.GetEmail(), ok, srv.Me().GetId(), srv.DefaultTicketType().GetId())
	}
}
