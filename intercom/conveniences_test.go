package intercom_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"strings"
	"testing"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

func ExampleContactsService_FindByEmail() {
	srv, err := intercomtest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()
	if _, err := client.Contacts.Create(ctx, intercom.CreateContactRequest{Email: intercom.Ptr("ada@example.com"), Name: intercom.Ptr("Ada")}); err != nil {
		log.Fatal(err)
	}

	contact, err := client.Contacts.FindByEmail(ctx, "ada@example.com")
	switch {
	case errors.Is(err, intercom.ErrNoContact):
		fmt.Println("no such contact: create one")
	case errors.Is(err, intercom.ErrSeveralContacts):
		var several *intercom.SeveralContactsError
		errors.As(err, &several)
		fmt.Println(several.Total, "contacts share the address")
	case err != nil:
		log.Fatal(err)
	default:
		fmt.Println("found", contact.GetName())
	}
	// Output: found Ada
}

func ExampleTicketsService_Close() {
	srv, err := intercomtest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()
	if _, err := client.Contacts.Create(ctx, intercom.CreateContactRequest{Email: intercom.Ptr("ann@example.com")}); err != nil {
		log.Fatal(err)
	}
	contact, err := intercom.TicketContactOf(intercom.ContactByEmail{Email: "ann@example.com"})
	if err != nil {
		log.Fatal(err)
	}
	ticketType := srv.DefaultTicketType()
	ticket, err := client.Tickets.Create(ctx, intercom.CreateTicketRequest{
		TicketTypeId: ticketType.GetId(),
		Contacts:     []intercom.TicketContact{contact},
	})
	if err != nil {
		log.Fatal(err)
	}
	me, err := client.Admins.Me(ctx)
	if err != nil {
		log.Fatal(err)
	}

	closed, err := client.Tickets.Close(ctx, ticket.GetId(), me.GetId())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("open:", closed.GetOpen())
	// Output: open: false
}

func ExampleTagsService_FindOrCreate() {
	srv, err := intercomtest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()

	vip, created, err := client.Tags.FindOrCreate(ctx, "VIP")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(vip.GetName(), "created:", created)
	again, created, err := client.Tags.FindOrCreate(ctx, "VIP")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(again.GetId() == vip.GetId(), "created:", created)
	// Output:
	// VIP created: true
	// true created: false
}

// TestFindByEmail covers one, no and several matches against the fake, and
// that no error repeats the address.
func TestFindByEmail(t *testing.T) {
	srv := intercomtest.NewServer(t)
	client, ctx := srv.Client(), context.Background()
	one, err := srv.AddContact(intercom.Contact{Email: intercom.Ptr("one@example.com"), Role: intercom.Ptr("user")})
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range []string{"user", "lead"} {
		if _, err := srv.AddContact(intercom.Contact{Email: intercom.Ptr("shared@example.com"), Role: intercom.Ptr(role)}); err != nil {
			t.Fatal(err)
		}
	}
	srv.SeedContacts(20)

	got, err := client.Contacts.FindByEmail(ctx, "one@example.com")
	if err != nil || got.GetId() != one.GetId() {
		t.Fatalf("one match: %v, %v", got.GetId(), err)
	}
	_, err = client.Contacts.FindByEmail(ctx, "nobody@example.com")
	if !errors.Is(err, intercom.ErrNoContact) || strings.Contains(err.Error(), "nobody") {
		t.Errorf("no match: %v", err)
	}
	_, err = client.Contacts.FindByEmail(ctx, "shared@example.com")
	var several *intercom.SeveralContactsError
	if !errors.Is(err, intercom.ErrSeveralContacts) || !errors.As(err, &several) || several.Total != 2 || len(several.Contacts) != 2 {
		t.Fatalf("two matches: %v", err)
	}
	if strings.Contains(err.Error(), "shared") {
		t.Errorf("message repeats the address: %v", err)
	}
	n := len(srv.Requests())
	if _, err := client.Contacts.FindByEmail(ctx, "  "); err == nil || len(srv.Requests()) != n {
		t.Errorf("empty email: %v, sent %d", err, len(srv.Requests())-n)
	}
	for _, r := range srv.Requests() {
		if r.Route != "POST /contacts/search" {
			t.Errorf("request %s %s, want only searches", r.Method, r.Path)
		}
	}
}

// TestTicketsClose closes a ticket in the fake and checks the ids first.
func TestTicketsClose(t *testing.T) {
	srv := intercomtest.NewServer(t)
	client, ctx := srv.Client(), context.Background()
	if _, err := client.Contacts.Create(ctx, intercom.CreateContactRequest{Email: intercom.Ptr("ann@example.com")}); err != nil {
		t.Fatal(err)
	}
	contact, err := intercom.TicketContactOf(intercom.ContactByEmail{Email: "ann@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	ticketType := srv.DefaultTicketType()
	ticket, err := client.Tickets.Create(ctx, intercom.CreateTicketRequest{
		TicketTypeId: ticketType.GetId(),
		Contacts:     []intercom.TicketContact{contact},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !ticket.GetOpen() {
		t.Fatal("a new ticket is closed")
	}
	me := srv.Me()
	closed, err := client.Tickets.Close(ctx, ticket.GetId(), me.GetId())
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := srv.Ticket(ticket.GetId())
	if closed.GetOpen() || stored.GetOpen() {
		t.Errorf("open after Close: returned %v, stored %v", closed.GetOpen(), stored.GetOpen())
	}
	n := len(srv.Requests())
	for _, ids := range [][2]string{{"", me.GetId()}, {ticket.GetId(), ""}, {ticket.GetId(), "ann"}} {
		if _, err := client.Tickets.Close(ctx, ids[0], ids[1]); !errors.Is(err, intercom.ErrInvalidID) {
			t.Errorf("Close(%q, %q) = %v, want ErrInvalidID", ids[0], ids[1], err)
		}
	}
	if len(srv.Requests()) != n {
		t.Error("a Close with a bad id was sent")
	}
}

// TestTagsFindOrCreate: an existing tag is found without a write; a missing
// one is created once.
func TestTagsFindOrCreate(t *testing.T) {
	srv := intercomtest.NewServer(t)
	client, ctx := srv.Client(), context.Background()
	existing, err := srv.AddTag("Existing")
	if err != nil {
		t.Fatal(err)
	}
	got, created, err := client.Tags.FindOrCreate(ctx, "Existing")
	if err != nil || created || got.GetId() != existing.GetId() {
		t.Fatalf("existing: %v %v %v", got.GetId(), created, err)
	}
	for _, r := range srv.Requests() {
		if r.Method != "GET" {
			t.Errorf("finding an existing tag sent %s %s", r.Method, r.Path)
		}
	}
	if got, created, err := client.Tags.FindOrCreate(ctx, "EXISTING"); err != nil || created || got.GetId() != existing.GetId() {
		t.Fatalf("other case: %v %v %v", got.GetId(), created, err)
	}
	made, created, err := client.Tags.FindOrCreate(ctx, "New one")
	if err != nil || !created || made.GetId() == "" || made.GetId() == existing.GetId() || made.GetName() != "New one" {
		t.Fatalf("new: %+v %v %v", made, created, err)
	}
	again, created, err := client.Tags.FindOrCreate(ctx, "New one")
	if err != nil || created || again.GetId() != made.GetId() {
		t.Errorf("again: %v %v %v", again.GetId(), created, err)
	}
	if _, _, err := client.Tags.FindOrCreate(ctx, ""); err == nil {
		t.Error("empty name accepted")
	}
}

// TestIsUnassigned decodes each shape Intercom uses for an unassigned
// conversation (0 as the description says, null, absent, "0") and an
// assigned one.
func TestIsUnassigned(t *testing.T) {
	for body, want := range map[string]bool{
		`{"team_assignee_id":0,"admin_assignee_id":0}`:       true,
		`{"team_assignee_id":null,"admin_assignee_id":null}`: true,
		`{}`: true,
		`{"team_assignee_id":"0","admin_assignee_id":"0"}`:             true,
		`{"team_assignee_id":5017691,"admin_assignee_id":"991267715"}`: false,
	} {
		var conv intercom.Conversation
		if err := json.Unmarshal([]byte(body), &conv); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		if got := intercom.IsUnassigned(conv.GetTeamAssigneeId()); got != want {
			t.Errorf("%s: team unassigned = %v, want %v (getter %q)", body, got, want, conv.GetTeamAssigneeId())
		}
		if got := intercom.IsUnassigned(conv.GetAdminAssigneeId()); got != want {
			t.Errorf("%s: admin unassigned = %v, want %v", body, got, want)
		}
	}
}
