package intercom_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

// TestRequestIntegerIDsTakeStrings proves issue 23 item 3's "ids in
// requests take strings where users hold strings": an id the description
// declares as an integer is a Go string in a request body (the ticket
// update's admin id comes straight from a getter, no intercom.NumericID
// conversion), it is sent as a JSON number, and one that is not a positive
// number is refused with ErrInvalidID before anything is sent, as the
// admin-id arguments of other methods are.
func TestRequestIntegerIDsTakeStrings(t *testing.T) {
	srv := intercomtest.NewServer(t)
	client, ctx := srv.Client(), context.Background()
	if _, err := srv.AddContact(intercom.Contact{Email: intercom.Ptr("ann@example.com")}); err != nil {
		t.Fatal(err)
	}
	contact, err := intercom.TicketContactOf(intercom.ContactByEmail{Email: "ann@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	ticket, err := client.Tickets.Create(ctx, intercom.CreateTicketRequest{
		TicketTypeId: srv.DefaultTicketType().GetId(),
		Contacts:     []intercom.TicketContact{contact},
	})
	if err != nil {
		t.Fatal(err)
	}
	me := srv.Me()
	if _, err := client.Tickets.Update(ctx, ticket.GetId(), intercom.UpdateTicketRequest{
		Open:    intercom.Ptr(false),
		AdminId: intercom.Ptr(me.GetId()),
	}); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if body := string(reqs[len(reqs)-1].Body); !strings.Contains(body, `"admin_id":`+me.GetId()) {
		t.Errorf("update body %s: want admin_id as the number %s", body, me.GetId())
	}

	n := len(srv.Requests())
	for _, bad := range []string{"", "ann", "0", "-3", "12a", "007"} {
		_, err := client.Tickets.Update(ctx, ticket.GetId(), intercom.UpdateTicketRequest{AdminId: intercom.Ptr(bad)})
		if !errors.Is(err, intercom.ErrInvalidID) {
			t.Errorf("Update with admin id %q: %v, want ErrInvalidID", bad, err)
		} else if strings.Count(err.Error(), "intercom:") != 1 || !strings.Contains(err.Error(), "admin id") {
			t.Errorf("Update with admin id %q: %q, want one prefix and the field named", bad, err)
		}
		_, err = client.Tickets.Close(ctx, ticket.GetId(), bad)
		if !errors.Is(err, intercom.ErrInvalidID) {
			t.Errorf("Close with admin id %q: %v, want ErrInvalidID (the same check)", bad, err)
		}
	}
	// A required one, and a list.
	if _, err := client.Articles.Create(ctx, intercom.CreateArticleRequest{Title: "Hello", AuthorId: "me"}); !errors.Is(err, intercom.ErrInvalidID) {
		t.Errorf("Articles.Create with author id \"me\": %v, want ErrInvalidID", err)
	}
	if len(srv.Requests()) != n {
		t.Errorf("%d requests with a bad id were sent", len(srv.Requests())-n)
	}
	if _, err := client.Articles.Create(ctx, intercom.CreateArticleRequest{Title: "Hello", AuthorId: me.GetId()}); err != nil {
		t.Errorf("Articles.Create with the author id from Me: %v", err)
	}
}
