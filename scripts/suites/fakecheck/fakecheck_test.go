// Package fakecheck checks that the responses of the intercomtest fake (and
// the requests this test sends it) conform to Intercom's OpenAPI description,
// as pinned and overlaid by the repository, and that every route the fake
// serves is exercised with a success and an error.
package fakecheck

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

// p is a tiny alias for path parameters.
type p = map[string]string

func TestFakeConformsToDescription(t *testing.T) {
	doc := loadDoc(t)
	clock := intercomtest.NewManualClock(time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC))
	srv, err := intercomtest.Start(intercomtest.WithClock(clock), intercomtest.WithScrollPageSize(2))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	v := newValidator(t, doc, srv)
	now := clock.Now().Unix()

	// Admins, teams, segments.
	me := v.do(exch{route: "GET /me", want: 200})
	adminID := str(me, "id")
	adminNum := mustAtoi(t, adminID)
	v.do(exch{route: "GET /admins", want: 200})
	v.do(exch{route: "GET /admins/{admin_id}", params: p{"admin_id": adminID}, want: 200})
	v.do(exch{route: "GET /admins/{admin_id}", params: p{"admin_id": "999999"}, want: 404})
	teams := v.do(exch{route: "GET /teams", want: 200})
	teamID := str(list(teams, "teams")[0].(map[string]any), "id")
	v.do(exch{route: "GET /teams/{team_id}", params: p{"team_id": teamID}, want: 200})
	v.do(exch{route: "GET /teams/{team_id}", params: p{"team_id": "999999"}, want: 404})
	seg, err := srv.AddSegment(gen.Segment{Name: ptr("VIP")})
	if err != nil {
		t.Fatal(err)
	}
	v.do(exch{route: "GET /segments", query: url.Values{"include_count": {"true"}}, want: 200})
	v.do(exch{route: "GET /segments/{segment_id}", params: p{"segment_id": *seg.Id}, want: 200})
	v.do(exch{route: "GET /segments/{segment_id}", params: p{"segment_id": "0123456789abcdef01234567"}, want: 404})

	// Contacts.
	ada := v.do(exch{route: "POST /contacts", body: map[string]any{
		"role": "user", "email": "ada@example.com", "external_id": "ada-1", "name": "Ada",
		"phone": "+441234567", "signed_up_at": now - 3600, "custom_attributes": map[string]any{"plan": "pro", "seats": 3},
	}, want: 200})
	adaID := str(ada, "id")
	if len(adaID) != 24 {
		t.Errorf("contact id %q is not 24 hex digits", adaID)
	}
	lead := v.do(exch{route: "POST /contacts", body: map[string]any{"role": "lead", "email": "lead@example.com"}, want: 200})
	leadID := str(lead, "id")
	// No email, external_id or role: the schema no longer says so (overlay [21] dropped its
	// required-properties anyOf), Intercom and the fake answer 400.
	v.do(exch{route: "POST /contacts", body: map[string]any{"name": "Nobody"}, want: 400})
	v.do(exch{route: "POST /contacts", body: map[string]any{"email": "ada@example.com"}, want: 409})
	v.do(exch{route: "POST /contacts", body: `{"email": `, want: 400, req: reqInvalid})
	seeded := srv.SeedContacts(5)

	page1 := v.do(exch{route: "GET /contacts", query: url.Values{"per_page": {"2"}}, want: 200})
	next := str(page1, "pages", "next", "starting_after")
	if next == "" {
		t.Fatal("GET /contacts?per_page=2 has no pages.next.starting_after with 7 contacts")
	}
	v.do(exch{route: "GET /contacts", query: url.Values{"per_page": {"2"}, "starting_after": {next}}, want: 200})
	v.do(exch{route: "GET /contacts", query: url.Values{"starting_after": {"not-a-cursor"}}, want: 400})
	v.do(exch{route: "GET /contacts", query: url.Values{"per_page": {"1000"}}, want: 400})

	v.do(exch{route: "GET /contacts/{contact_id}", params: p{"contact_id": adaID}, want: 200})
	v.do(exch{route: "GET /contacts/{contact_id}", params: p{"contact_id": "ffffffffffffffffffffffff"}, want: 404})
	v.do(exch{route: "GET /contacts/find_by_external_id/{external_id}", params: p{"external_id": "ada-1"}, want: 200})
	v.do(exch{route: "GET /contacts/find_by_external_id/{external_id}", params: p{"external_id": "nobody"}, want: 404})
	v.do(exch{route: "PUT /contacts/{contact_id}", params: p{"contact_id": adaID}, body: map[string]any{
		"name": "Ada Lovelace", "owner_id": ownerID(adminNum), "unsubscribed_from_emails": true, "custom_attributes": map[string]any{"seats": 4},
	}, want: 200})
	v.do(exch{route: "PUT /contacts/{contact_id}", params: p{"contact_id": "ffffffffffffffffffffffff"}, body: map[string]any{"name": "x"}, want: 404})
	v.do(exch{route: "PUT /contacts/{contact_id}", params: p{"contact_id": adaID}, body: map[string]any{"email": *seeded[0].Email}, want: 409})
	v.do(exch{route: "PUT /contacts/{contact_id}", params: p{"contact_id": adaID}, body: map[string]any{"role": "admin"}, want: 400})

	search := map[string]any{
		"query": map[string]any{"operator": "AND", "value": []any{
			map[string]any{"field": "email", "operator": "$", "value": "@example.com"},
			map[string]any{"field": "role", "operator": "=", "value": "user"},
		}},
		"pagination": map[string]any{"per_page": 2},
	}
	found := v.do(exch{route: "POST /contacts/search", body: search, want: 200})
	if after := str(found, "pages", "next", "starting_after"); after != "" {
		search["pagination"] = map[string]any{"per_page": 2, "starting_after": after}
		v.do(exch{route: "POST /contacts/search", body: search, want: 200})
	} else {
		t.Error("POST /contacts/search: 6 users with per_page 2 gave no next cursor")
	}
	v.do(exch{route: "POST /contacts/search", body: map[string]any{"query": map[string]any{"operator": "OR", "value": []any{
		map[string]any{"operator": "AND", "value": []any{
			map[string]any{"field": "custom_attributes.plan", "operator": "=", "value": "pro"},
			map[string]any{"field": "created_at", "operator": ">", "value": now - 10},
		}},
		map[string]any{"operator": "AND", "value": []any{
			map[string]any{"field": "name", "operator": "^", "value": "user"},
			map[string]any{"field": "external_id", "operator": "IN", "value": []any{"user-1", "user-2"}},
		}},
	}}}, want: 200})
	v.do(exch{route: "POST /contacts/search", body: map[string]any{"query": map[string]any{"field": "email", "operator": "LIKE", "value": "x"}}, want: 400, req: reqInvalid})

	v.do(exch{route: "POST /contacts/merge", body: map[string]any{"from": adaID, "into": *seeded[0].Id}, want: 400})
	v.do(exch{route: "POST /contacts/merge", body: map[string]any{"from": leadID, "into": "ffffffffffffffffffffffff"}, want: 404})
	v.do(exch{route: "POST /contacts/merge", body: map[string]any{"from": leadID, "into": adaID}, want: 200})

	v.do(exch{route: "POST /contacts/{contact_id}/archive", params: p{"contact_id": *seeded[4].Id}, want: 200})
	v.do(exch{route: "POST /contacts/{contact_id}/archive", params: p{"contact_id": "ffffffffffffffffffffffff"}, want: 404})
	v.do(exch{route: "POST /contacts/{contact_id}/unarchive", params: p{"contact_id": *seeded[4].Id}, want: 200})
	v.do(exch{route: "POST /contacts/{contact_id}/unarchive", params: p{"contact_id": "ffffffffffffffffffffffff"}, want: 404})

	// Companies, and their links to contacts.
	acme := v.do(exch{route: "POST /companies", body: map[string]any{
		"company_id": "acme", "name": "Acme", "plan": "pro", "size": 10, "website": "https://acme.example",
		"industry": "Manufacturing", "monthly_spend": 99, "remote_created_at": now - 86400,
		"custom_attributes": map[string]any{"tier": "gold", "employees": 10, "public": false},
	}, want: 200})
	acmeID := str(acme, "id")
	v.do(exch{route: "POST /companies", body: map[string]any{"company_id": "acme", "size": 12}, want: 200}) // update
	v.do(exch{route: "POST /companies", body: map[string]any{"industry": "none"}, want: 400})
	srv.SeedCompanies(4)

	v.do(exch{route: "POST /contacts/{contact_id}/companies", params: p{"contact_id": adaID}, body: map[string]any{"id": acmeID}, want: 200})
	v.do(exch{route: "POST /contacts/{contact_id}/companies", params: p{"contact_id": adaID}, body: map[string]any{"id": "nope"}, want: 404})
	v.do(exch{route: "GET /contacts/{contact_id}/companies", params: p{"contact_id": adaID}, want: 200})
	v.do(exch{route: "GET /contacts/{contact_id}/companies", params: p{"contact_id": "ffffffffffffffffffffffff"}, want: 404})
	v.do(exch{route: "DELETE /contacts/{contact_id}/companies/{company_id}", params: p{"contact_id": adaID, "company_id": acmeID}, want: 200})
	v.do(exch{route: "DELETE /contacts/{contact_id}/companies/{company_id}", params: p{"contact_id": adaID, "company_id": "nope"}, want: 404})
	v.do(exch{route: "POST /contacts/{contact_id}/companies", params: p{"contact_id": adaID}, body: map[string]any{"id": acmeID}, want: 200})

	c1 := v.do(exch{route: "GET /companies", query: url.Values{"per_page": {"2"}}, want: 200})
	if nextURL := str(c1, "pages", "next"); nextURL != "" {
		u, err := url.Parse(nextURL)
		if err != nil {
			t.Fatalf("pages.next %q: %v", nextURL, err)
		}
		v.do(exch{route: "GET /companies", query: u.Query(), want: 200})
	} else {
		t.Error("GET /companies?per_page=2 with 5 companies has no pages.next")
	}
	v.do(exch{route: "GET /companies", query: url.Values{"company_id": {"acme"}}, want: 200})
	v.do(exch{route: "GET /companies", query: url.Values{"name": {"Nobody Inc"}}, want: 404})
	v.do(exch{route: "POST /companies/list", query: url.Values{"per_page": {"2"}, "order": {"desc"}}, want: 200})
	v.do(exch{route: "POST /companies/list", query: url.Values{"order": {"sideways"}}, want: 400})

	scroll := v.do(exch{route: "GET /companies/scroll", want: 200})
	param := str(scroll, "scroll_param")
	v.do(exch{route: "GET /companies/scroll", want: 400}) // a scroll is open
	v.do(exch{route: "GET /companies/scroll", query: url.Values{"scroll_param": {"00000000-0000-4000-8000-000000000000"}}, want: 500})
	for i := 0; ; i++ {
		pg := v.do(exch{route: "GET /companies/scroll", query: url.Values{"scroll_param": {param}}, want: 200})
		if len(list(pg, "data")) == 0 {
			break
		}
		if i > 10 {
			t.Fatal("the scroll never ends")
		}
	}

	v.do(exch{route: "GET /companies/{company_id}", params: p{"company_id": acmeID}, want: 200})
	v.do(exch{route: "GET /companies/{company_id}", params: p{"company_id": "nope"}, want: 404})
	v.do(exch{route: "PUT /companies/{company_id}", params: p{"company_id": acmeID}, body: map[string]any{"name": "Acme Inc", "monthly_spend": 120}, want: 200})
	v.do(exch{route: "PUT /companies/{company_id}", params: p{"company_id": "nope"}, body: map[string]any{"name": "x"}, want: 404})
	v.do(exch{route: "GET /companies/{company_id}/contacts", params: p{"company_id": acmeID}, want: 200})
	v.do(exch{route: "GET /companies/{company_id}/contacts", params: p{"company_id": "nope"}, want: 404})

	// Notes.
	note := v.do(exch{route: "POST /contacts/{contact_id}/notes", params: p{"contact_id": adaID}, body: map[string]any{"body": "Called about billing", "admin_id": adminID}, want: 200})
	v.do(exch{route: "POST /contacts/{contact_id}/notes", params: p{"contact_id": adaID}, body: map[string]any{"admin_id": adminID}, want: 400, req: reqInvalid})
	v.do(exch{route: "POST /contacts/{contact_id}/notes", params: p{"contact_id": "ffffffffffffffffffffffff"}, body: map[string]any{"body": "x"}, want: 404})
	v.do(exch{route: "GET /contacts/{contact_id}/notes", params: p{"contact_id": adaID}, want: 200})
	v.do(exch{route: "GET /contacts/{contact_id}/notes", params: p{"contact_id": "ffffffffffffffffffffffff"}, want: 404})
	v.do(exch{route: "GET /notes/{note_id}", params: p{"note_id": str(note, "id")}, want: 200})
	v.do(exch{route: "GET /notes/{note_id}", params: p{"note_id": "1"}, want: 404})

	// Tags.
	vip := v.do(exch{route: "POST /tags", body: map[string]any{"name": "VIP"}, want: 200})
	vipID := str(vip, "id")
	v.do(exch{route: "POST /tags", body: map[string]any{}, want: 400, req: reqInvalid})
	v.do(exch{route: "POST /tags", body: map[string]any{"name": "Enterprise", "companies": []any{map[string]any{"id": acmeID}}}, want: 200,
		req: reqDefect, defect: "tag_company_request also matches create_or_update_tag_request (no additionalProperties: false), so the oneOf has two matches"})
	v.do(exch{route: "POST /tags", body: map[string]any{"name": "Beta", "users": []any{map[string]any{"id": adaID}}}, want: 200,
		req: reqDefect, defect: "tag_multiple_users_request also matches create_or_update_tag_request, so the oneOf has two matches"})
	v.do(exch{route: "GET /tags", want: 200})
	v.do(exch{route: "GET /tags/{tag_id}", params: p{"tag_id": vipID}, want: 200})
	v.do(exch{route: "GET /tags/{tag_id}", params: p{"tag_id": "1"}, want: 404})
	v.do(exch{route: "POST /contacts/{contact_id}/tags", params: p{"contact_id": adaID}, body: map[string]any{"id": vipID}, want: 200})
	v.do(exch{route: "POST /contacts/{contact_id}/tags", params: p{"contact_id": adaID}, body: map[string]any{"id": "1"}, want: 404})
	v.do(exch{route: "GET /contacts/{contact_id}/tags", params: p{"contact_id": adaID}, want: 200})
	v.do(exch{route: "GET /contacts/{contact_id}/tags", params: p{"contact_id": "ffffffffffffffffffffffff"}, want: 404})
	v.do(exch{route: "POST /contacts/search", body: map[string]any{"query": map[string]any{"field": "tag_id", "operator": "=", "value": vipID}}, want: 200})
	v.do(exch{route: "GET /contacts/{contact_id}", params: p{"contact_id": adaID}, want: 200}) // with tags, notes, companies
	v.do(exch{route: "DELETE /contacts/{contact_id}/tags/{tag_id}", params: p{"contact_id": adaID, "tag_id": vipID}, want: 200})
	v.do(exch{route: "DELETE /contacts/{contact_id}/tags/{tag_id}", params: p{"contact_id": adaID, "tag_id": "1"}, want: 404})
	temp := v.do(exch{route: "POST /tags", body: map[string]any{"name": "Temporary"}, want: 200})
	v.do(exch{route: "DELETE /tags/{tag_id}", params: p{"tag_id": str(temp, "id")}, want: 200})
	v.do(exch{route: "DELETE /tags/{tag_id}", params: p{"tag_id": str(temp, "id")}, want: 404})

	// Conversations.
	msg := v.do(exch{route: "POST /conversations", body: map[string]any{"from": map[string]any{"type": "user", "id": adaID}, "body": "Help, my invoice is wrong"}, want: 200})
	convID := str(msg, "conversation_id")
	v.do(exch{route: "POST /conversations", body: map[string]any{"from": map[string]any{"type": "user", "id": *seeded[1].Id}, "body": "Hello", "subject": "Hi"}, want: 200})
	v.do(exch{route: "POST /conversations", body: map[string]any{"from": map[string]any{"type": "user", "id": "ffffffffffffffffffffffff"}, "body": "x"}, want: 404})
	v.do(exch{route: "POST /conversations", body: map[string]any{"from": map[string]any{"type": "user", "id": adaID}}, want: 400, req: reqInvalid})
	cl := v.do(exch{route: "GET /conversations", query: url.Values{"per_page": {"1"}}, want: 200})
	if after := str(cl, "pages", "next", "starting_after"); after != "" {
		v.do(exch{route: "GET /conversations", query: url.Values{"per_page": {"1"}, "starting_after": {after}}, want: 200})
	} else {
		t.Error("GET /conversations?per_page=1 with 2 conversations has no next cursor")
	}
	v.do(exch{route: "GET /conversations", query: url.Values{"per_page": {"0"}}, want: 400})
	cp := p{"conversation_id": convID}
	missingConv := p{"conversation_id": "999999999"}
	v.do(exch{route: "GET /conversations/{conversation_id}", params: cp, want: 200})
	v.do(exch{route: "GET /conversations/{conversation_id}", params: missingConv, want: 404})
	v.do(exch{route: "PUT /conversations/{conversation_id}", params: cp, body: map[string]any{"read": true, "title": "Invoice", "custom_attributes": map[string]any{"issue_type": "billing"}}, want: 200})
	v.do(exch{route: "PUT /conversations/{conversation_id}", params: missingConv, body: map[string]any{"read": true}, want: 404})
	v.do(exch{route: "POST /conversations/{conversation_id}/reply", params: cp, body: map[string]any{"message_type": "comment", "type": "admin", "admin_id": adminID, "body": "Looking into it"}, want: 200})
	v.do(exch{route: "POST /conversations/{conversation_id}/reply", params: cp, body: map[string]any{"message_type": "note", "type": "admin", "admin_id": adminID, "body": "Internal note"}, want: 200})
	v.do(exch{route: "POST /conversations/{conversation_id}/reply", params: cp, body: map[string]any{"message_type": "comment", "type": "user", "intercom_user_id": adaID, "body": "Thanks!"}, want: 200})
	v.do(exch{route: "POST /conversations/{conversation_id}/reply", params: cp, body: map[string]any{"message_type": "comment", "type": "admin", "admin_id": "999999", "body": "x"}, want: 404})
	v.do(exch{route: "POST /conversations/{conversation_id}/reply", params: missingConv, body: map[string]any{"message_type": "comment", "type": "admin", "admin_id": adminID, "body": "x"}, want: 404})
	v.do(exch{route: "POST /conversations/{conversation_id}/parts", params: cp, body: map[string]any{"message_type": "assignment", "type": "admin", "admin_id": adminID, "assignee_id": adminID}, want: 200})
	v.do(exch{route: "POST /conversations/{conversation_id}/parts", params: cp, body: map[string]any{"message_type": "assignment", "type": "team", "admin_id": adminID, "assignee_id": teamID, "body": "Over to the team"}, want: 200})
	v.do(exch{route: "POST /conversations/{conversation_id}/parts", params: cp, body: map[string]any{"message_type": "snoozed", "admin_id": adminID, "snoozed_until": now + 3600}, want: 200})
	v.do(exch{route: "POST /conversations/{conversation_id}/parts", params: cp, body: map[string]any{"message_type": "close", "type": "admin", "admin_id": adminID, "body": "Fixed"}, want: 200})
	v.do(exch{route: "POST /conversations/{conversation_id}/parts", params: cp, body: map[string]any{"message_type": "open", "admin_id": adminID}, want: 200})
	v.do(exch{route: "POST /conversations/{conversation_id}/parts", params: cp, body: map[string]any{"message_type": "close", "type": "admin", "admin_id": "999999"}, want: 404})
	v.do(exch{route: "POST /conversations/{conversation_id}/parts", params: cp, body: map[string]any{"message_type": "archive", "admin_id": adminID}, want: 400, req: reqInvalid})
	v.do(exch{route: "POST /conversations/{conversation_id}/tags", params: cp, body: map[string]any{"id": vipID, "admin_id": adminID}, want: 200})
	v.do(exch{route: "POST /conversations/{conversation_id}/tags", params: cp, body: map[string]any{"id": "1", "admin_id": adminID}, want: 404})
	v.do(exch{route: "POST /conversations/search", body: map[string]any{"query": map[string]any{"operator": "AND", "value": []any{
		map[string]any{"field": "state", "operator": "=", "value": "open"},
		map[string]any{"field": "source.author.email", "operator": "~", "value": "ada"},
		map[string]any{"field": "tag_ids", "operator": "IN", "value": []any{vipID}},
	}}, "pagination": map[string]any{"per_page": 5}}, want: 200})
	v.do(exch{route: "POST /conversations/search", body: map[string]any{"query": map[string]any{"field": "state", "operator": "=="}}, want: 400, req: reqInvalid})
	v.do(exch{route: "DELETE /conversations/{conversation_id}/tags/{tag_id}", params: p{"conversation_id": convID, "tag_id": vipID}, body: map[string]any{"admin_id": adminID}, want: 200})
	v.do(exch{route: "DELETE /conversations/{conversation_id}/tags/{tag_id}", params: p{"conversation_id": convID, "tag_id": "1"}, body: map[string]any{"admin_id": adminID}, want: 404})
	v.do(exch{route: "POST /conversations/{conversation_id}/customers", params: cp, body: map[string]any{"admin_id": adminID, "customer": map[string]any{"email": *seeded[1].Email}}, want: 200})
	v.do(exch{route: "POST /conversations/{conversation_id}/customers", params: cp, body: map[string]any{"admin_id": adminID, "customer": map[string]any{"user_id": "nobody"}}, want: 404})
	v.do(exch{route: "DELETE /conversations/{conversation_id}/customers/{contact_id}", params: p{"conversation_id": convID, "contact_id": *seeded[1].Id}, body: map[string]any{"admin_id": adminID}, want: 200})
	v.do(exch{route: "DELETE /conversations/{conversation_id}/customers/{contact_id}", params: p{"conversation_id": convID, "contact_id": adaID}, body: map[string]any{"admin_id": adminID}, want: 422})
	v.do(exch{route: "DELETE /conversations/{conversation_id}/customers/{contact_id}", params: p{"conversation_id": convID, "contact_id": *seeded[1].Id}, body: map[string]any{"admin_id": adminID}, want: 404})

	// Data events.
	v.do(exch{route: "POST /events", body: map[string]any{"event_name": "invited-friend", "created_at": now, "user_id": "ada-1", "metadata": map[string]any{"invitee": "bob@example.com"}}, want: 202})
	v.do(exch{route: "POST /events", body: map[string]any{"event_name": "invited-friend", "created_at": now + 60, "id": adaID}, want: 202})
	v.do(exch{route: "POST /events", body: map[string]any{"event_name": "x", "created_at": now, "user_id": "nobody"}, want: 404})
	// No created_at: required by Intercom and the fake (overlay [21] dropped the schema's anyOf).
	v.do(exch{route: "POST /events", body: map[string]any{"event_name": "x", "user_id": "ada-1"}, want: 400})
	v.do(exch{route: "GET /events", query: url.Values{"type": {"user"}, "intercom_user_id": {adaID}, "summary": {"true"}}, want: 200})
	v.do(exch{route: "GET /events", query: url.Values{"type": {"user"}}, want: 400})
	v.do(exch{route: "GET /events", query: url.Values{"type": {"user"}, "user_id": {"nobody"}}, want: 404})

	// Tickets.
	tt := v.do(exch{route: "GET /ticket_types", want: 200})
	ttype := list(tt, "data")[0].(map[string]any)
	ttID := str(ttype, "id")
	var inProgress string
	for _, s := range list(ttype["ticket_states"].(map[string]any), "data") {
		if str(s.(map[string]any), "category") == "in_progress" {
			inProgress = str(s.(map[string]any), "id")
		}
	}
	ticket := v.do(exch{route: "POST /tickets", body: map[string]any{
		"ticket_type_id": ttID, "contacts": []any{map[string]any{"id": adaID}},
		"ticket_attributes": map[string]any{"_default_title_": "Invoice wrong", "_default_description_": "Charged twice"},
	}, want: 200})
	ticketID := str(ticket, "id")
	v.do(exch{route: "POST /tickets", body: map[string]any{"ticket_type_id": ttID, "contacts": []any{map[string]any{"email": *seeded[2].Email}}, "conversation_to_link_id": convID}, want: 200})
	v.do(exch{route: "POST /tickets", body: map[string]any{"ticket_type_id": "999999", "contacts": []any{map[string]any{"id": adaID}}}, want: 404})
	v.do(exch{route: "POST /tickets", body: map[string]any{"ticket_type_id": ttID}, want: 400, req: reqInvalid})
	v.do(exch{route: "GET /tickets/{ticket_id}", params: p{"ticket_id": ticketID}, want: 200})
	v.do(exch{route: "GET /tickets/{ticket_id}", params: p{"ticket_id": "999999"}, want: 404})
	v.do(exch{route: "PUT /tickets/{ticket_id}", params: p{"ticket_id": ticketID}, body: map[string]any{
		"ticket_state_id": inProgress, "admin_id": adminNum, "assignee_id": adminID, "ticket_attributes": map[string]any{"_default_title_": "Invoice charged twice"},
	}, want: 200})
	v.do(exch{route: "PUT /tickets/{ticket_id}", params: p{"ticket_id": ticketID}, body: map[string]any{"ticket_state_id": "999999"}, want: 400})
	v.do(exch{route: "PUT /tickets/{ticket_id}", params: p{"ticket_id": "999999"}, body: map[string]any{"open": false}, want: 404})
	v.do(exch{route: "POST /tickets/search", body: map[string]any{"query": map[string]any{"operator": "AND", "value": []any{
		map[string]any{"field": "state", "operator": "=", "value": "in_progress"},
		map[string]any{"field": "contact_ids", "operator": "=", "value": adaID},
	}}}, want: 200})
	v.do(exch{route: "POST /tickets/search", body: map[string]any{"query": map[string]any{"field": "state", "operator": "IN", "value": "open"}}, want: 400})
	tp := p{"ticket_id": ticketID}
	v.do(exch{route: "POST /tickets/{ticket_id}/reply", params: tp, body: map[string]any{"message_type": "comment", "type": "admin", "admin_id": adminID, "body": "We are on it"}, want: 200})
	v.do(exch{route: "POST /tickets/{ticket_id}/reply", params: tp, body: map[string]any{"message_type": "note", "type": "admin", "admin_id": adminID, "body": "Internal"}, want: 200})
	v.do(exch{route: "POST /tickets/{ticket_id}/reply", params: tp, body: map[string]any{"message_type": "comment", "type": "user", "intercom_user_id": adaID, "body": "Thanks"}, want: 200})
	v.do(exch{route: "POST /tickets/{ticket_id}/reply", params: tp, body: map[string]any{"message_type": "comment", "type": "admin", "admin_id": "999999", "body": "x"}, want: 404})
	v.do(exch{route: "POST /tickets/{ticket_id}/reply", params: p{"ticket_id": "999999"}, body: map[string]any{"message_type": "note", "type": "admin", "admin_id": adminID, "body": "x"}, want: 404})
	v.do(exch{route: "POST /tickets/{ticket_id}/tags", params: tp, body: map[string]any{"id": vipID, "admin_id": adminID}, want: 200})
	v.do(exch{route: "POST /tickets/{ticket_id}/tags", params: tp, body: map[string]any{"id": "1", "admin_id": adminID}, want: 404})
	v.do(exch{route: "POST /tickets/search", body: map[string]any{"query": map[string]any{"field": "tag_ids", "operator": "IN", "value": []any{vipID}}}, want: 200})
	v.do(exch{route: "DELETE /tickets/{ticket_id}/tags/{tag_id}", params: p{"ticket_id": ticketID, "tag_id": vipID}, body: map[string]any{"admin_id": adminID}, want: 200})
	v.do(exch{route: "DELETE /tickets/{ticket_id}/tags/{tag_id}", params: p{"ticket_id": ticketID, "tag_id": vipID}, body: map[string]any{"admin_id": adminID}, want: 404})
	v.do(exch{route: "POST /tickets/{ticket_id}/linked_conversations", params: tp, body: map[string]any{"conversation_id": convID}, want: 200})
	v.do(exch{route: "POST /tickets/{ticket_id}/linked_conversations", params: tp, body: map[string]any{"conversation_id": "999999"}, want: 404})
	v.do(exch{route: "DELETE /tickets/{ticket_id}/linked_conversations/{id}", params: p{"ticket_id": ticketID, "id": convID}, want: 200})
	v.do(exch{route: "DELETE /tickets/{ticket_id}/linked_conversations/{id}", params: p{"ticket_id": ticketID, "id": convID}, want: 404})
	v.do(exch{route: "GET /ticket_states", want: 200})
	v.do(exch{route: "POST /conversations/{conversation_id}/convert", params: p{"conversation_id": convID}, body: map[string]any{"ticket_type_id": ttID}, want: 200})
	v.do(exch{route: "POST /conversations/{conversation_id}/convert", params: p{"conversation_id": convID}, body: map[string]any{"ticket_type_id": "999999"}, want: 404})
	v.do(exch{route: "PUT /admins/{admin_id}/away", params: p{"admin_id": adminID}, body: map[string]any{"away_mode_enabled": true, "away_mode_reassign": false}, want: 200})
	v.do(exch{route: "PUT /admins/{admin_id}/away", params: p{"admin_id": "999999"}, body: map[string]any{"away_mode_enabled": true, "away_mode_reassign": false}, want: 404})

	// Articles.
	art := v.do(exch{route: "POST /articles", body: map[string]any{"title": "Getting started", "description": "First steps", "body": "<p>Hello</p>", "author_id": adminNum, "state": "published"}, want: 200})
	artID := str(art, "id")
	v.do(exch{route: "POST /articles", body: map[string]any{"title": "Draft", "author_id": adminNum}, want: 200})
	v.do(exch{route: "POST /articles", body: map[string]any{"title": "No author"}, want: 400, req: reqInvalid})
	v.do(exch{route: "POST /articles", body: map[string]any{"title": "Bad author", "author_id": 1}, want: 400})
	al := v.do(exch{route: "GET /articles", query: url.Values{"per_page": {"1"}}, want: 200})
	if nextURL := str(al, "pages", "next"); nextURL != "" {
		u, _ := url.Parse(nextURL)
		v.do(exch{route: "GET /articles", query: u.Query(), want: 200})
	} else {
		t.Error("GET /articles?per_page=1 with 2 articles has no pages.next")
	}
	v.do(exch{route: "GET /articles", query: url.Values{"page": {"zero"}}, want: 400, req: reqInvalid})
	v.do(exch{route: "GET /articles/{article_id}", params: p{"article_id": artID}, want: 200})
	v.do(exch{route: "GET /articles/{article_id}", params: p{"article_id": "1"}, want: 404})
	v.do(exch{route: "PUT /articles/{article_id}", params: p{"article_id": artID}, body: map[string]any{"title": "Getting started fast", "state": "draft"}, want: 200})
	v.do(exch{route: "PUT /articles/{article_id}", params: p{"article_id": "1"}, body: map[string]any{"title": "x"}, want: 404})
	v.do(exch{route: "DELETE /articles/{article_id}", params: p{"article_id": artID}, want: 200})
	v.do(exch{route: "DELETE /articles/{article_id}", params: p{"article_id": artID}, want: 404})

	// Deletions last: conversations, contacts and companies.
	gone := v.do(exch{route: "POST /conversations", body: map[string]any{"from": map[string]any{"type": "user", "id": adaID}, "body": "Never mind"}, want: 200})
	v.do(exch{route: "DELETE /conversations/{conversation_id}", params: p{"conversation_id": str(gone, "conversation_id")}, want: 200})
	v.do(exch{route: "DELETE /conversations/{conversation_id}", params: p{"conversation_id": str(gone, "conversation_id")}, want: 404})
	v.do(exch{route: "DELETE /contacts/{contact_id}", params: p{"contact_id": *seeded[3].Id}, want: 200})
	v.do(exch{route: "DELETE /contacts/{contact_id}", params: p{"contact_id": *seeded[3].Id}, want: 404})
	other := v.do(exch{route: "POST /companies", body: map[string]any{"company_id": "gone", "name": "Gone"}, want: 200})
	v.do(exch{route: "DELETE /companies/{company_id}", params: p{"company_id": str(other, "id")}, want: 200})
	v.do(exch{route: "DELETE /companies/{company_id}", params: p{"company_id": str(other, "id")}, want: 404})

	// Injected faults answer with Intercom's error body too.
	if err := srv.Fail(intercomtest.Fault{Route: "GET /contacts/{contact_id}", Status: 429, Times: 1, RetryAfter: 2 * time.Second}); err != nil {
		t.Fatal(err)
	}
	if err := srv.Fail(intercomtest.Fault{Route: "GET /conversations/{conversation_id}", Status: 503, Times: 1}); err != nil {
		t.Fatal(err)
	}
	v.do(exch{route: "GET /contacts/{contact_id}", params: p{"contact_id": adaID}, want: 429})
	v.do(exch{route: "GET /conversations/{conversation_id}", params: cp, want: 503})

	// Asynchronous jobs: a data export runs pending, in progress, completed
	// over the job duration on the server's clock.
	octet := "application/octet-stream"
	exp := v.do(exch{route: "POST /export/content/data", body: map[string]any{"created_at_after": now - 86400, "created_at_before": now + 86400}, want: 200})
	jobID := str(exp, "job_identifier")
	if st := str(exp, "status"); st != "pending" {
		t.Errorf("a new data export is %q, want pending", st)
	}
	v.do(exch{route: "POST /export/content/data", body: map[string]any{"created_at_after": now, "created_at_before": now}, want: 429})
	v.do(exch{route: "POST /export/content/data", body: map[string]any{"created_at_after": now}, want: 400, req: reqInvalid})
	jp := p{"job_identifier": jobID}
	v.do(exch{route: "GET /download/content/data/{job_identifier}", params: jp, accept: octet, want: 404})
	clock.Advance(intercomtest.DefaultJobDuration / 2)
	if st := str(v.do(exch{route: "GET /export/content/data/{job_identifier}", params: jp, want: 200}), "status"); st != "in_progress" {
		t.Errorf("data export halfway: %q, want in_progress", st)
	}
	clock.Advance(intercomtest.DefaultJobDuration / 2)
	if done := v.do(exch{route: "GET /export/content/data/{job_identifier}", params: jp, want: 200}); str(done, "status") != "completed" || str(done, "download_url") == "" {
		t.Errorf("data export after its duration: %v, want completed with a download_url", done)
	}
	v.do(exch{route: "GET /export/content/data/{job_identifier}", params: p{"job_identifier": "nope"}, want: 404})
	v.do(exch{route: "GET /download/content/data/{job_identifier}", params: jp, accept: octet, want: 200})
	v.do(exch{route: "POST /export/cancel/{job_identifier}", params: jp, want: 400})
	exp2 := v.do(exch{route: "POST /export/content/data", body: map[string]any{"created_at_after": now, "created_at_before": now + 60}, want: 200})
	if c := v.do(exch{route: "POST /export/cancel/{job_identifier}", params: p{"job_identifier": str(exp2, "job_identifier")}, want: 200}); str(c, "status") != "canceled" {
		t.Errorf("canceled export: %v", c)
	}
	v.do(exch{route: "POST /export/cancel/{job_identifier}", params: p{"job_identifier": "nope"}, want: 404})

	v.do(exch{route: "GET /export/reporting_data/get_datasets", want: 200})
	rep := v.do(exch{route: "POST /export/reporting_data/enqueue", body: map[string]any{"dataset_id": "conversation",
		"attribute_ids": []any{"conversation_id", "conversation_started_at"}, "start_time": now - 86400, "end_time": now + 86400}, want: 200})
	v.do(exch{route: "POST /export/reporting_data/enqueue", body: map[string]any{"dataset_id": "imaginary", "attribute_ids": []any{"x"}, "start_time": now, "end_time": now}, want: 400})
	rq := url.Values{"app_id": {"app"}, "client_id": {"client"}, "job_identifier": {str(rep, "job_identifier")}}
	rp := p{"job_identifier": str(rep, "job_identifier")}
	v.do(exch{route: "GET /export/reporting_data/{job_identifier}", params: rp, query: rq, want: 200})
	v.do(exch{route: "GET /download/reporting_data/{job_identifier}", params: rp, query: url.Values{"app_id": {"app"}}, accept: octet, want: 404})
	clock.Advance(intercomtest.DefaultJobDuration)
	if r := v.do(exch{route: "GET /export/reporting_data/{job_identifier}", params: rp, query: rq, want: 200}); str(r, "status") != "complete" {
		t.Errorf("reporting export after its duration: %v, want complete", r)
	}
	v.do(exch{route: "GET /export/reporting_data/{job_identifier}", params: p{"job_identifier": "nope"}, query: rq, want: 404})
	v.do(exch{route: "GET /download/reporting_data/{job_identifier}", params: rp, query: url.Values{"app_id": {"app"}}, accept: octet, want: 200})

	job := v.do(exch{route: "POST /tickets/enqueue", body: map[string]any{"ticket_type_id": ttID, "contacts": []any{map[string]any{"id": adaID}}}, want: 200})
	v.do(exch{route: "POST /tickets/enqueue", body: map[string]any{"contacts": []any{map[string]any{"id": adaID}}}, want: 400, req: reqInvalid})
	jobP := p{"job_id": str(job, "id")}
	v.do(exch{route: "GET /jobs/status/{job_id}", params: jobP, want: 200})
	clock.Advance(intercomtest.DefaultJobDuration)
	if j := v.do(exch{route: "GET /jobs/status/{job_id}", params: jobP, want: 200}); str(j, "status") != "success" || str(j, "resource_id") == "" {
		t.Errorf("ticket job after its duration: %v, want success with the ticket's id", j)
	}
	v.do(exch{route: "GET /jobs/status/{job_id}", params: p{"job_id": "999999"}, want: 404})

	// Every other operation of the description, served by the generated routes.
	art2 := v.do(exch{route: "POST /articles", body: map[string]any{"title": "Kept", "author_id": adminNum}, want: 200})
	v.exerciseRest(map[string]string{
		"/contacts": adaID, "/companies": acmeID, "/conversations": convID, "/tickets": ticketID,
		"/tags": vipID, "/admins": adminID, "/teams": teamID, "/segments": *seg.Id, "/articles": str(art2, "id"),
		"/ticket_types": ttID, "/notes": str(note, "id"),
	})

	// Every route, with a wrong token: 401.
	v.replayUnauthorized()
	v.checkCoverage()
}

// TestUnknownPathAndBudget checks the answers that belong to no operation:
// an unknown path, and the budget running out.
func TestUnknownPathAndBudget(t *testing.T) {
	doc := loadDoc(t)
	clock := intercomtest.NewManualClock(time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC))
	srv, err := intercomtest.Start(intercomtest.WithClock(clock), intercomtest.WithRateLimit(2, 10*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	v := newValidator(t, doc, srv)

	req := v.newRequest(exch{route: "GET /x"}, "/no/such/path", nil)
	resp, err := v.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body := readAll(t, resp)
	if resp.StatusCode != http.StatusNotImplemented || !strings.Contains(string(body), "intercomtest does not serve GET /no/such/path") {
		t.Fatalf("unknown path: status %d %s, want 501 saying intercomtest does not serve it", resp.StatusCode, body)
	}
	v.checkError("GET /no/such/path", resp, body)

	// The first request spent one of the two; the second is the last one.
	v.do(exch{route: "GET /me", want: 200})
	r := v.do(exch{route: "GET /admins", want: 429})
	_ = r
	clock.Advance(10 * time.Second) // the next window
	v.do(exch{route: "GET /admins", want: 200})
}

func readAll(t *testing.T, resp *http.Response) []byte {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("%q is not numeric", s)
	}
	return n
}

func ptr[T any](v T) *T { return &v }

// ownerID is a contact's owner_id as the pinned description types it (an
// integer up to API 2.15, a string since 2.16): the JSON the generated body
// writes for the admin's id (the body's, since an integer id of a request is
// a Go string that the body's MarshalJSON sends as a number).
func ownerID(admin int) json.RawMessage {
	var req gen.UpdateContactRequest
	f := reflect.ValueOf(&req).Elem().FieldByName("OwnerId")
	v := reflect.New(f.Type().Elem())
	v.Elem().SetString(strconv.Itoa(admin))
	f.Set(v)
	b, err := json.Marshal(req)
	if err != nil {
		panic(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		panic(err)
	}
	return m["owner_id"]
}
