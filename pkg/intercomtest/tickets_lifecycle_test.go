package intercomtest_test

import (
	"context"
	"slices"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

// TestTicketLifecycle is the ticket script a newcomer wrote (issue 21): it
// used to end in 501 at AddNote and ReplyAsAdmin. Replies, notes, tags and
// linked conversations now change the ticket.
func TestTicketLifecycle(t *testing.T) {
	srv := intercomtest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()
	me := srv.Me()
	contact := srv.SeedContacts(1)[0]
	who, err := intercom.TicketContactOf(intercom.ContactById{Id: contact.GetId()})
	if err != nil {
		t.Fatal(err)
	}
	tt := srv.DefaultTicketType()
	ticket, err := c.Tickets.Create(ctx, intercom.CreateTicketRequest{TicketTypeId: tt.GetId(), Contacts: []intercom.TicketContact{who}})
	if err != nil {
		t.Fatal(err)
	}
	id := ticket.GetId()
	if _, err := c.Tickets.AddNote(ctx, id, me.GetId(), "Checking the logs"); err != nil {
		t.Fatalf("AddNote: %v", err)
	}
	reply, err := c.Tickets.ReplyAsAdmin(ctx, id, me.GetId(), "Fixed in the next release")
	if err != nil {
		t.Fatalf("ReplyAsAdmin: %v", err)
	}
	if reply.GetAuthor().GetId() != me.GetId() {
		t.Errorf("reply author %q, want %q", reply.GetAuthor().GetId(), me.GetId())
	}
	if _, err := c.Tickets.ReplyAsContact(ctx, id, contact.GetId(), "Thanks!"); err != nil {
		t.Fatalf("ReplyAsContact: %v", err)
	}
	got, err := c.Tickets.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, p := range got.GetTicketParts().TicketParts {
		kinds = append(kinds, p.GetPartType()+":"+p.GetBody())
	}
	want := []string{"note:Checking the logs", "comment:Fixed in the next release", "comment:Thanks!"}
	if len(kinds) != len(want) {
		t.Fatalf("ticket parts %q, want %q", kinds, want)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Errorf("part %d: %q, want %q", i, kinds[i], want[i])
		}
	}
	if s := got.GetTicketState(); string(s.GetCategory()) != "waiting_on_customer" {
		t.Errorf("state after a teammate's reply: %q, want waiting_on_customer", s.GetCategory())
	}

	tag, err := c.Tags.Create(ctx, intercom.CreateOrUpdateTagRequest{Name: "bug"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Tickets.Tag(ctx, id, tag.GetId(), me.GetId()); err != nil {
		t.Fatalf("Tag: %v", err)
	}
	if _, err := c.Tickets.Untag(ctx, id, tag.GetId(), me.GetId()); err != nil {
		t.Fatalf("Untag: %v", err)
	}
	if _, err := c.Tickets.Untag(ctx, id, tag.GetId(), me.GetId()); intercom.ErrorCode(err) != "not_found" {
		t.Errorf("Untag twice: %v, want not_found", err)
	}
	conv, err := srv.AddConversation(contact.GetId(), "It crashes")
	if err != nil {
		t.Fatal(err)
	}
	// Linking and converting exist from API 2.16 on: through raw requests,
	// so that the test builds for every supported version.
	if served("POST /tickets/{ticket_id}/linked_conversations") && served("POST /conversations/{conversation_id}/convert") {
		a := newAPI(t, srv)
		a.must(200, "POST", "/tickets/"+id+"/linked_conversations", map[string]any{"conversation_id": conv.GetId()})
		got, _ = c.Tickets.Get(ctx, id)
		if lo := got.GetLinkedObjects(); len(lo.Data) != 1 || lo.Data[0].GetId() != conv.GetId() {
			t.Errorf("linked objects %+v, want the conversation", lo)
		}
		a.must(200, "DELETE", "/tickets/"+id+"/linked_conversations/"+conv.GetId(), nil)
		a.must(404, "DELETE", "/tickets/"+id+"/linked_conversations/"+conv.GetId(), nil)
		converted := a.must(200, "POST", "/conversations/"+conv.GetId()+"/convert", map[string]any{"ticket_type_id": tt.GetId()})
		if lo := items(converted["linked_objects"].(map[string]any), "data"); len(lo) != 1 || str(lo[0], "id") != conv.GetId() {
			t.Errorf("the ticket a conversation became is linked to %v, want the conversation", lo)
		}
	} else {
		t.Logf("API %s has no linked conversations or conversion to a ticket: not tested", gen.APIVersion)
	}
	if _, err := c.Tickets.Delete(ctx, id); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := c.Tickets.Get(ctx, id); intercom.ErrorCode(err) != "not_found" {
		t.Errorf("Get after Delete: %v, want not_found", err)
	}
}

// served reports whether the fake serves route, an operation of the API
// version the tree is generated for.
func served(route string) bool {
	return slices.Contains(intercomtest.Routes(), route)
}
