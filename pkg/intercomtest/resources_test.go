package intercomtest_test

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom/types"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

func TestContactLifecycle(t *testing.T) {
	clock := intercomtest.NewManualClock(t0)
	srv := intercomtest.NewServer(t, intercomtest.WithClock(clock))
	a := newAPI(t, srv)

	r := a.do("POST", "/contacts", map[string]any{"name": "No identifier"})
	if r.status != 400 || errCode(r.body) != "parameter_not_found" {
		t.Fatalf("create without email/external_id/role: %d %s", r.status, r.raw)
	}
	if r := a.do("POST", "/contacts", map[string]any{"email": 42}); r.status != 400 || errCode(r.body) != "parameter_invalid" {
		t.Fatalf("create with a numeric email: %d %s", r.status, r.raw)
	}
	if r := a.do("POST", "/contacts", map[string]any{"email": "not-an-email"}); r.status != 400 {
		t.Fatalf("create with a bad email: %d %s", r.status, r.raw)
	}
	if srv.ContactCount() != 0 {
		t.Fatal("failed creates stored contacts")
	}

	c := a.must(200, "POST", "/contacts", map[string]any{
		"email": "ada@example.com", "external_id": "ada-1", "name": "Ada", "custom_attributes": map[string]any{"plan": "pro"},
	})
	id := str(c, "id")
	if str(c, "role") != "user" || str(c, "email_domain") != "example.com" || str(c, "type") != "contact" ||
		str(c, "created_at") != strconv.FormatInt(t0.Unix(), 10) || str(c, "custom_attributes", "plan") != "pro" {
		t.Errorf("created contact: %v", c)
	}
	if r := a.do("POST", "/contacts", map[string]any{"external_id": "ada-1"}); r.status != 409 || errCode(r.body) != "conflict" {
		t.Errorf("duplicate external_id: %d %s", r.status, r.raw)
	}
	// Leads may share an email with a user.
	a.must(200, "POST", "/contacts", map[string]any{"role": "lead", "email": "ada@example.com"})

	clock.Advance(time.Minute)
	u := a.must(200, "PUT", "/contacts/"+id, map[string]any{"name": "Ada Lovelace", "custom_attributes": map[string]any{"seats": 3, "plan": nil}})
	if str(u, "name") != "Ada Lovelace" || str(u, "email") != "ada@example.com" || str(u, "custom_attributes", "seats") != "3" ||
		str(u, "custom_attributes", "plan") != "" || str(u, "updated_at") != strconv.FormatInt(t0.Add(time.Minute).Unix(), 10) {
		t.Errorf("updated contact: %v", u)
	}
	got := a.must(200, "GET", "/contacts/"+id, nil)
	if str(got, "name") != "Ada Lovelace" {
		t.Errorf("get after update: %v", got)
	}
	a.must(200, "GET", "/contacts/find_by_external_id/ada-1", nil)

	if r := a.do("PUT", "/contacts/"+id, map[string]any{"role": "robot", "name": "X"}); r.status != 400 {
		t.Errorf("update with role robot: %d", r.status)
	}
	if got := a.must(200, "GET", "/contacts/"+id, nil); str(got, "name") != "Ada Lovelace" {
		t.Error("a failed update changed the contact")
	}

	arch := a.must(200, "POST", "/contacts/"+id+"/archive", nil)
	if str(arch, "archived") != "true" {
		t.Errorf("archive: %v", arch)
	}
	list := a.must(200, "GET", "/contacts", nil)
	if slices.Contains(ids(items(list, "data"), "id"), id) {
		t.Error("an archived contact is listed")
	}
	a.must(200, "GET", "/contacts/"+id, nil) // still readable
	a.must(200, "POST", "/contacts/"+id+"/unarchive", nil)
	if !slices.Contains(ids(items(a.must(200, "GET", "/contacts", nil), "data"), "id"), id) {
		t.Error("an unarchived contact is not listed")
	}

	del := a.must(200, "DELETE", "/contacts/"+id, nil)
	if str(del, "deleted") != "true" || str(del, "id") != id || str(del, "external_id") != "ada-1" {
		t.Errorf("delete: %v", del)
	}
	r = a.do("GET", "/contacts/"+id, nil)
	if r.status != 404 || errCode(r.body) != "not_found" {
		t.Errorf("get after delete: %d %s", r.status, r.raw)
	}
}

func TestMergeMovesLinks(t *testing.T) {
	srv := intercomtest.NewServer(t)
	a := newAPI(t, srv)
	user := a.must(200, "POST", "/contacts", map[string]any{"email": "u@example.com"})
	lead := a.must(200, "POST", "/contacts", map[string]any{"role": "lead", "phone": "+1555", "custom_attributes": map[string]any{"source": "ad"}})
	tag := a.must(200, "POST", "/tags", map[string]any{"name": "Hot"})
	a.must(200, "POST", "/contacts/"+str(lead, "id")+"/tags", map[string]any{"id": str(tag, "id")})
	a.must(200, "POST", "/contacts/"+str(lead, "id")+"/notes", map[string]any{"body": "met at a fair"})

	if r := a.do("POST", "/contacts/merge", map[string]any{"from": str(user, "id"), "into": str(lead, "id")}); r.status != 400 {
		t.Errorf("merging a user into a lead: %d", r.status)
	}
	m := a.must(200, "POST", "/contacts/merge", map[string]any{"from": str(lead, "id"), "into": str(user, "id")})
	if str(m, "id") != str(user, "id") || str(m, "custom_attributes", "source") != "ad" || str(m, "tags", "total_count") != "1" || str(m, "notes", "total_count") != "1" {
		t.Errorf("merged contact: %v", m)
	}
	a.must(404, "GET", "/contacts/"+str(lead, "id"), nil)
}

func TestCursorPaginationWalksEveryContactOnce(t *testing.T) {
	srv := intercomtest.NewServer(t)
	a := newAPI(t, srv)
	seeded := srv.SeedContacts(7)
	var want []string
	for _, c := range seeded {
		want = append(want, *c.Id)
	}
	var got []string
	after := ""
	for pages := 0; ; pages++ {
		if pages > 5 {
			t.Fatal("the walk does not end")
		}
		q := url.Values{"per_page": {"3"}}
		if after != "" {
			q.Set("starting_after", after)
		}
		page := a.must(200, "GET", "/contacts?"+q.Encode(), nil)
		if (pages == 0 && (str(page, "total_count") != "7" || str(page, "pages", "total_pages") != "3")) ||
			str(page, "pages", "per_page") != "3" || str(page, "pages", "page") != strconv.Itoa(pages+1) {
			t.Errorf("page %d: %v", pages+1, page["pages"])
		}
		got = append(got, ids(items(page, "data"), "id")...)
		if pages == 0 {
			// Deleting an item already returned does not shift the walk.
			a.must(200, "DELETE", "/contacts/"+want[1], nil)
		}
		after = str(page, "pages", "next", "starting_after")
		if after == "" {
			break
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("walked %v, want %v", got, want)
	}
	if r := a.do("GET", "/contacts?starting_after=bm9wZQ==", nil); r.status != 400 {
		t.Errorf("a bad cursor: %d", r.status)
	}
	if r := a.do("GET", "/contacts?per_page=151", nil); r.status != 400 {
		t.Errorf("per_page 151: %d", r.status)
	}
}

func TestSearchOperators(t *testing.T) {
	srv := intercomtest.NewServer(t)
	a := newAPI(t, srv)
	add := func(body map[string]any) string { return str(a.must(200, "POST", "/contacts", body), "id") }
	add(map[string]any{"email": "ada@example.com", "name": "Ada", "signed_up_at": 100, "custom_attributes": map[string]any{"plan": "pro", "seats": 5}})
	add(map[string]any{"email": "bob@example.org", "name": "Bob", "signed_up_at": 200, "custom_attributes": map[string]any{"plan": "free", "seats": 1}})
	add(map[string]any{"email": "cy@other.com", "name": "Cy", "signed_up_at": 300})
	add(map[string]any{"role": "lead", "name": "Dee"})
	vip := a.must(200, "POST", "/tags", map[string]any{"name": "VIP", "users": []any{}})
	bob := a.must(200, "POST", "/contacts/search", map[string]any{"query": map[string]any{"field": "name", "operator": "=", "value": "bob"}})
	a.must(200, "POST", "/contacts/"+str(items(bob, "data")[0], "id")+"/tags", map[string]any{"id": str(vip, "id")})

	single := func(field, op string, value any) map[string]any {
		return map[string]any{"field": field, "operator": op, "value": value}
	}
	for _, c := range []struct {
		name  string
		query map[string]any
		want  []string
	}{
		{"=", single("email", "=", "ADA@example.com"), []string{"Ada"}},
		{"!=", single("role", "!=", "user"), []string{"Dee"}},
		{"IN", single("name", "IN", []any{"Ada", "Cy", "Zed"}), []string{"Ada", "Cy"}},
		{"NIN", single("name", "NIN", []any{"Ada", "Cy"}), []string{"Bob", "Dee"}},
		{"<", single("signed_up_at", "<", 200), []string{"Ada"}},
		{">", single("signed_up_at", ">", "150"), []string{"Bob", "Cy"}},
		{"<=", single("signed_up_at", "<=", 200), []string{"Ada", "Bob"}},
		{">=", single("custom_attributes.seats", ">=", 2), []string{"Ada"}},
		{"~", single("email", "~", "EXAMPLE"), []string{"Ada", "Bob"}},
		{"!~", single("email", "!~", "example"), []string{"Cy", "Dee"}},
		{"^", single("name", "^", "b"), []string{"Bob"}},
		{"$", single("email", "$", ".org"), []string{"Bob"}},
		{"= null", single("email", "=", nil), []string{"Dee"}},
		{"!= null", single("custom_attributes.plan", "!=", nil), []string{"Ada", "Bob"}},
		{"tag_id", single("tag_id", "=", str(vip, "id")), []string{"Bob"}},
		{"tag_id !=", single("tag_id", "!=", str(vip, "id")), []string{"Ada", "Cy", "Dee"}},
		{"AND", map[string]any{"operator": "AND", "value": []any{single("email", "~", "example"), single("custom_attributes.plan", "=", "pro")}}, []string{"Ada"}},
		{"OR of ANDs", map[string]any{"operator": "OR", "value": []any{
			map[string]any{"operator": "AND", "value": []any{single("role", "=", "lead"), single("name", "=", "Dee")}},
			map[string]any{"operator": "AND", "value": []any{single("signed_up_at", ">", 250), single("email", "$", "other.com")}},
		}}, []string{"Cy", "Dee"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := a.must(200, "POST", "/contacts/search", map[string]any{"query": c.query})
			got := ids(items(res, "data"), "name")
			sort.Strings(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
			if str(res, "total_count") != strconv.Itoa(len(c.want)) {
				t.Errorf("total_count %s", str(res, "total_count"))
			}
		})
	}
	for name, q := range map[string]any{
		"unknown operator": single("name", "LIKE", "x"),
		"IN without array": single("name", "IN", "x"),
		"< on a string":    single("signed_up_at", "<", "soon"),
		"~ on a number":    single("name", "~", 3),
		"empty AND":        map[string]any{"operator": "AND", "value": []any{}},
		"no field":         map[string]any{"operator": "=", "value": "x"},
		"not an object":    "name = x",
	} {
		if r := a.do("POST", "/contacts/search", map[string]any{"query": q}); r.status != 400 {
			t.Errorf("%s: status %d", name, r.status)
		}
	}
	if r := a.do("POST", "/contacts/search", map[string]any{}); r.status != 400 || errCode(r.body) != "parameter_not_found" {
		t.Errorf("search without a query: %d %s", r.status, r.raw)
	}

	// Paging through a search with the body's cursor.
	var names []string
	body := map[string]any{"query": single("name", "!=", "nobody"), "pagination": map[string]any{"per_page": 3}}
	for i := 0; i < 3; i++ {
		res := a.must(200, "POST", "/contacts/search", body)
		names = append(names, ids(items(res, "data"), "name")...)
		next := str(res, "pages", "next", "starting_after")
		if next == "" {
			break
		}
		body["pagination"] = map[string]any{"per_page": 3, "starting_after": next}
	}
	if !slices.Equal(names, []string{"Ada", "Bob", "Cy", "Dee"}) {
		t.Errorf("paged search: %v", names)
	}
}

func TestContactLinks(t *testing.T) {
	srv := intercomtest.NewServer(t)
	a := newAPI(t, srv)
	c := srv.SeedContacts(1)[0]
	base := "/contacts/" + *c.Id
	co := a.must(200, "POST", "/companies", map[string]any{"company_id": "acme", "name": "Acme"})
	a.must(200, "POST", base+"/companies", map[string]any{"id": str(co, "id")})
	a.must(200, "POST", base+"/companies", map[string]any{"id": str(co, "id")}) // attaching twice is a no-op
	if got := a.must(200, "GET", "/companies/"+str(co, "id"), nil); str(got, "user_count") != "1" {
		t.Errorf("user_count %s", str(got, "user_count"))
	}
	list := a.must(200, "GET", base+"/companies", nil)
	if str(list, "total_count") != "1" || str(items(list, "companies")[0], "company_id") != "acme" {
		t.Errorf("companies of the contact: %v", list)
	}
	attached := a.must(200, "GET", "/companies/"+str(co, "id")+"/contacts", nil)
	if !slices.Equal(ids(items(attached, "data"), "id"), []string{*c.Id}) {
		t.Errorf("contacts of the company: %v", attached)
	}
	a.must(200, "DELETE", base+"/companies/"+str(co, "id"), nil)
	if got := a.must(200, "GET", base, nil); str(got, "companies", "total_count") != "0" {
		t.Errorf("after detach: %v", got["companies"])
	}

	tag := a.must(200, "POST", "/tags", map[string]any{"name": "VIP"})
	a.must(200, "POST", base+"/tags", map[string]any{"id": str(tag, "id")})
	tags := a.must(200, "GET", base+"/tags", nil)
	if l := items(tags, "data"); len(l) != 1 || str(l[0], "name") != "VIP" || str(l[0], "applied_by", "id") != *srv.Me().Id {
		t.Errorf("tags of the contact: %v", tags)
	}
	a.must(200, "DELETE", base+"/tags/"+str(tag, "id"), nil)
	if tags := a.must(200, "GET", base+"/tags", nil); len(items(tags, "data")) != 0 {
		t.Errorf("after untag: %v", tags)
	}
	if r := a.do("POST", base+"/tags", map[string]any{"id": "999"}); r.status != 404 {
		t.Errorf("tagging with an unknown tag: %d", r.status)
	}

	for i := 0; i < 3; i++ {
		a.must(200, "POST", base+"/notes", map[string]any{"body": fmt.Sprintf("note %d", i)})
	}
	notes := a.must(200, "GET", base+"/notes?per_page=2", nil)
	if got := ids(items(notes, "data"), "body"); !slices.Equal(got, []string{"note 2", "note 1"}) {
		t.Errorf("first page of notes, newest first: %v", got)
	}
	next := str(notes, "pages", "next")
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "http" || u.Path != base+"/notes" || u.Query().Get("page") != "2" {
		t.Fatalf("pages.next %q", next)
	}
	last := a.must(200, "GET", u.RequestURI(), nil)
	if got := ids(items(last, "data"), "body"); !slices.Equal(got, []string{"note 0"}) || str(last, "pages", "next") != "" {
		t.Errorf("last page of notes: %v", last)
	}
	first := items(notes, "data")[0]
	if got := a.must(200, "GET", "/notes/"+str(first, "id"), nil); str(got, "author", "id") != *srv.Me().Id || str(got, "contact", "id") != *c.Id {
		t.Errorf("note: %v", got)
	}
}

func TestTagsEndpoint(t *testing.T) {
	srv := intercomtest.NewServer(t)
	a := newAPI(t, srv)
	c := srv.SeedContacts(2)
	companies := srv.SeedCompanies(1)
	t1 := a.must(200, "POST", "/tags", map[string]any{"name": "Gold"})
	if again := a.must(200, "POST", "/tags", map[string]any{"name": "gold"}); str(again, "id") != str(t1, "id") {
		t.Error("creating an existing tag made a new one")
	}
	renamed := a.must(200, "POST", "/tags", map[string]any{"id": str(t1, "id"), "name": "Platinum"})
	if str(renamed, "name") != "Platinum" {
		t.Errorf("rename: %v", renamed)
	}
	// Tagging users and companies; a bad reference changes nothing.
	if r := a.do("POST", "/tags", map[string]any{"name": "Beta", "users": []any{map[string]any{"id": *c[0].Id}, map[string]any{"id": "nope"}}}); r.status != 404 {
		t.Errorf("tagging an unknown user: %d", r.status)
	}
	if got, _ := srv.Contact(*c[0].Id); *got.Tags.TotalCount != 0 {
		t.Error("a failed tagging tagged a contact")
	}
	a.must(200, "POST", "/tags", map[string]any{"name": "Beta", "users": []any{map[string]any{"id": *c[0].Id}, map[string]any{"id": *c[1].Id}}})
	a.must(200, "POST", "/tags", map[string]any{"name": "Beta", "companies": []any{map[string]any{"company_id": *companies[0].CompanyId}}})
	co, _ := srv.Company(*companies[0].Id)
	if len(co.Tags.Tags) != 1 || *co.Tags.Tags[0].Name != "Beta" {
		t.Errorf("company tags: %+v", co.Tags)
	}
	a.must(200, "POST", "/tags", map[string]any{"name": "Beta", "companies": []any{map[string]any{"id": *companies[0].Id, "untag": true}}})
	if co, _ := srv.Company(*companies[0].Id); len(co.Tags.Tags) != 0 {
		t.Error("untag left the tag on the company")
	}
	beta := a.must(200, "POST", "/tags", map[string]any{"name": "Beta"})
	a.must(200, "DELETE", "/tags/"+str(beta, "id"), nil)
	if got, _ := srv.Contact(*c[1].Id); *got.Tags.TotalCount != 0 {
		t.Error("deleting a tag left it on a contact")
	}
	a.must(404, "GET", "/tags/"+str(beta, "id"), nil)
	if l := a.must(200, "GET", "/tags", nil); len(items(l, "data")) != 1 {
		t.Errorf("tags: %v", l)
	}
}

func TestCompaniesListsAndScroll(t *testing.T) {
	clock := intercomtest.NewManualClock(t0)
	srv := intercomtest.NewServer(t, intercomtest.WithClock(clock), intercomtest.WithScrollPageSize(2))
	a := newAPI(t, srv)
	seeded := srv.SeedCompanies(5)
	up := a.must(200, "POST", "/companies", map[string]any{"company_id": *seeded[0].CompanyId, "plan": "gold", "custom_attributes": map[string]any{"tier": 1}})
	if str(up, "id") != *seeded[0].Id || str(up, "plan", "name") != "gold" || str(up, "custom_attributes", "tier") != "1" {
		t.Errorf("POST /companies with a known company_id must update it: %v", up)
	}
	var walked []string
	path := "/companies?per_page=2"
	for i := 0; path != ""; i++ {
		if i > 5 {
			t.Fatal("the walk does not end")
		}
		page := a.must(200, "GET", path, nil)
		walked = append(walked, ids(items(page, "data"), "id")...)
		path = ""
		if next := str(page, "pages", "next"); next != "" {
			u, _ := url.Parse(next)
			path = u.RequestURI()
		}
	}
	var want []string
	for _, c := range seeded {
		want = append(want, *c.Id)
	}
	if !slices.Equal(walked, want) {
		t.Errorf("page walk %v, want %v", walked, want)
	}
	desc := a.must(200, "POST", "/companies/list?per_page=2&order=desc", nil)
	if got := ids(items(desc, "data"), "id"); !slices.Equal(got, []string{want[4], want[3]}) {
		t.Errorf("POST /companies/list desc: %v", got)
	}
	if got := a.must(200, "GET", "/companies?company_id="+*seeded[2].CompanyId, nil); !slices.Equal(ids(items(got, "data"), "id"), []string{want[2]}) {
		t.Errorf("filter by company_id: %v", got)
	}

	// Scroll: pages of 2, one scroll at a time, the empty page ends it.
	first := a.must(200, "GET", "/companies/scroll", nil)
	param := str(first, "scroll_param")
	scrolled := ids(items(first, "data"), "id")
	if r := a.do("GET", "/companies/scroll", nil); r.status != 400 || errCode(r.body) != "scroll_exists" {
		t.Errorf("a second scroll: %d %s", r.status, r.raw)
	}
	for i := 0; ; i++ {
		if i > 5 {
			t.Fatal("the scroll does not end")
		}
		clock.Advance(59 * time.Second) // used within a minute: still alive
		page := a.must(200, "GET", "/companies/scroll?scroll_param="+param, nil)
		if str(page, "scroll_param") != param {
			t.Errorf("scroll_param changed to %s", str(page, "scroll_param"))
		}
		got := ids(items(page, "data"), "id")
		if len(got) == 0 {
			break
		}
		scrolled = append(scrolled, got...)
	}
	if !slices.Equal(scrolled, want) {
		t.Errorf("scrolled %v, want %v", scrolled, want)
	}
	if r := a.do("GET", "/companies/scroll?scroll_param="+param, nil); r.status != 500 {
		t.Errorf("a finished scroll's param: %d", r.status)
	}
	// A scroll unused for a minute expires, and a new one may start.
	second := a.must(200, "GET", "/companies/scroll", nil)
	clock.Advance(time.Minute)
	if r := a.do("GET", "/companies/scroll?scroll_param="+str(second, "scroll_param"), nil); r.status != 500 || errCode(r.body) != "server_error" {
		t.Errorf("an expired scroll: %d %s", r.status, r.raw)
	}
	third := a.must(200, "GET", "/companies/scroll", nil)
	if str(third, "scroll_param") == str(second, "scroll_param") {
		t.Error("a new scroll reused the old scroll_param")
	}
}

func TestConversationFlow(t *testing.T) {
	clock := intercomtest.NewManualClock(t0)
	srv := intercomtest.NewServer(t, intercomtest.WithClock(clock))
	a := newAPI(t, srv)
	contact := srv.SeedContacts(1)[0]
	me := *srv.Me().Id
	team := items(a.must(200, "GET", "/teams", nil), "teams")[0]

	msg := a.must(200, "POST", "/conversations", map[string]any{"from": map[string]any{"type": "user", "id": *contact.Id}, "body": "My invoice is wrong"})
	if str(msg, "type") != "user_message" || str(msg, "message_type") != "inapp" || str(msg, "body") != "My invoice is wrong" {
		t.Errorf("created message: %v", msg)
	}
	base := "/conversations/" + str(msg, "conversation_id")
	conv := a.must(200, "GET", base, nil)
	if str(conv, "state") != "open" || str(conv, "source", "author", "id") != *contact.Id || str(conv, "source", "body") != "My invoice is wrong" {
		t.Errorf("conversation: %v", conv)
	}

	clock.Advance(time.Minute)
	a.must(200, "POST", base+"/reply", map[string]any{"type": "admin", "message_type": "comment", "admin_id": me, "body": "Looking"})
	a.must(200, "POST", base+"/parts", map[string]any{"message_type": "assignment", "type": "team", "admin_id": me, "assignee_id": str(team, "id")})
	closed := a.must(200, "POST", base+"/parts", map[string]any{"message_type": "close", "type": "admin", "admin_id": me})
	if str(closed, "state") != "closed" || str(closed, "open") != "false" || str(closed, "team_assignee_id") != str(team, "id") {
		t.Errorf("closed: state %s open %s team %s", str(closed, "state"), str(closed, "open"), str(closed, "team_assignee_id"))
	}
	reopened := a.must(200, "POST", base+"/reply", map[string]any{"type": "user", "message_type": "comment", "email": *contact.Email, "body": "Still wrong"})
	if str(reopened, "state") != "open" || str(reopened, "statistics", "count_reopens") != "1" {
		t.Errorf("a contact's reply reopens: %s %v", str(reopened, "state"), reopened["statistics"])
	}
	until := t0.Add(time.Hour).Unix()
	snoozed := a.must(200, "POST", base+"/parts", map[string]any{"message_type": "snoozed", "admin_id": me, "snoozed_until": until})
	if str(snoozed, "state") != "snoozed" || str(snoozed, "snoozed_until") != strconv.FormatInt(until, 10) {
		t.Errorf("snoozed: %v", snoozed["state"])
	}
	opened := a.must(200, "POST", base+"/parts", map[string]any{"message_type": "open", "admin_id": me})
	if str(opened, "state") != "open" || str(opened, "snoozed_until") != "" {
		t.Errorf("opened: %v %v", opened["state"], opened["snoozed_until"])
	}
	assigned := a.must(200, "POST", base+"/parts", map[string]any{"message_type": "assignment", "type": "admin", "admin_id": me, "assignee_id": me})
	if str(assigned, "admin_assignee_id") != me {
		t.Errorf("admin assignee %s", str(assigned, "admin_assignee_id"))
	}
	var kinds []string
	for _, p := range items(assigned["conversation_parts"].(map[string]any), "conversation_parts") {
		kinds = append(kinds, str(p, "part_type"))
	}
	if want := []string{"comment", "assignment", "close", "comment", "snoozed", "open", "assignment"}; !slices.Equal(kinds, want) {
		t.Errorf("parts %v, want %v", kinds, want)
	}
	if r := a.do("POST", base+"/parts", map[string]any{"message_type": "snoozed", "admin_id": me, "snoozed_until": t0.Unix() - 1}); r.status != 400 {
		t.Errorf("snoozing into the past: %d", r.status)
	}
	if r := a.do("POST", base+"/parts", map[string]any{"message_type": "assignment", "type": "admin", "admin_id": me, "assignee_id": "424242"}); r.status != 404 {
		t.Errorf("assigning to an unknown admin: %d", r.status)
	}

	// Search by state, and by a contact.
	other := srv.SeedContacts(1)[0]
	if _, err := srv.AddConversation(*other.Id, "Hello"); err != nil {
		t.Fatal(err)
	}
	a.must(200, "POST", base+"/parts", map[string]any{"message_type": "close", "type": "admin", "admin_id": me})
	open := a.must(200, "POST", "/conversations/search", map[string]any{"query": map[string]any{"field": "open", "operator": "=", "value": true}})
	if l := items(open, "conversations"); len(l) != 1 || str(l[0], "source", "body") != "Hello" {
		t.Errorf("open conversations: %v", open)
	}
	byContact := a.must(200, "POST", "/conversations/search", map[string]any{"query": map[string]any{"field": "contact_ids", "operator": "=", "value": *contact.Id}})
	if l := items(byContact, "conversations"); len(l) != 1 || str(l[0], "id") != str(msg, "conversation_id") {
		t.Errorf("by contact: %v", byContact)
	}
	if _, hasParts := items(byContact, "conversations")[0]["conversation_parts"]; hasParts {
		t.Error("a search result carries conversation parts")
	}
	a.must(200, "PUT", base, map[string]any{"custom_attributes": map[string]any{"issue": "Billing", "priority_score": 7}})
	for name, q := range map[string]map[string]any{
		"custom attribute":  {"field": "custom_attributes.issue", "operator": "=", "value": "billing"},
		"numeric attribute": {"field": "custom_attributes.priority_score", "operator": ">", "value": 5},
		"nested source":     {"field": "source.author.email", "operator": "=", "value": *contact.Email},
		"statistics":        {"field": "statistics.count_reopens", "operator": "=", "value": 1},
		"team assignee":     {"field": "team_assignee_id", "operator": "=", "value": str(team, "id")},
		"teammate_ids":      {"field": "teammate_ids", "operator": "IN", "value": []any{me}},
	} {
		res := a.must(200, "POST", "/conversations/search", map[string]any{"query": q})
		if l := items(res, "conversations"); len(l) != 1 || str(l[0], "id") != str(msg, "conversation_id") {
			t.Errorf("search by %s: %v", name, ids(l, "id"))
		}
	}
}

func TestTicketsAndArticles(t *testing.T) {
	srv := intercomtest.NewServer(t)
	a := newAPI(t, srv)
	c := srv.SeedContacts(1)[0]
	tt := srv.DefaultTicketType()
	var resolved string
	for _, s := range tt.TicketStates.Data {
		if *s.Category == gen.TicketStateCategoryResolved {
			resolved = *s.Id
		}
	}
	tk := a.must(200, "POST", "/tickets", map[string]any{"ticket_type_id": *tt.Id, "contacts": []any{map[string]any{"external_id": *c.ExternalId}},
		"ticket_attributes": map[string]any{"_default_title_": "Broken"}})
	if str(tk, "ticket_state", "category") != "submitted" || str(tk, "ticket_attributes", "_default_title_") != "Broken" || str(tk, "ticket_id") != "1" {
		t.Errorf("ticket: %v", tk)
	}
	up := a.must(200, "PUT", "/tickets/"+str(tk, "id"), map[string]any{"ticket_state_id": resolved, "open": false})
	parts := items(up["ticket_parts"].(map[string]any), "ticket_parts")
	if str(up, "ticket_state", "category") != "resolved" || str(up, "open") != "false" || len(parts) != 1 ||
		str(parts[0], "previous_ticket_state") != "submitted" || str(parts[0], "ticket_state") != "resolved" {
		t.Errorf("updated ticket: %v", up)
	}
	found := a.must(200, "POST", "/tickets/search", map[string]any{"query": map[string]any{"field": "title", "operator": "~", "value": "brok"}})
	if str(found, "total_count") != "1" {
		t.Errorf("ticket search: %v", found)
	}
	if r := a.do("POST", "/tickets", map[string]any{"ticket_type_id": *tt.Id, "contacts": []any{map[string]any{"email": "nobody@example.com"}}}); r.status != 404 {
		t.Errorf("a ticket for an unknown contact: %d", r.status)
	}

	me, _ := strconv.Atoi(*srv.Me().Id)
	art := a.must(200, "POST", "/articles", map[string]any{"title": "How to pay", "author_id": me, "state": "published", "body": "<p>Pay</p>"})
	if str(art, "state") != "published" || str(art, "url") == "" || str(art, "translated_content", "en", "title") != "How to pay" {
		t.Errorf("article: %v", art)
	}
	draft := a.must(200, "PUT", "/articles/"+str(art, "id"), map[string]any{"state": "draft"})
	if str(draft, "url") != "" || str(draft, "title") != "How to pay" {
		t.Errorf("unpublished article: %v", draft)
	}
	if _, err := srv.AddArticle(gen.Article{Title: ptr("Seeded")}); err != nil {
		t.Fatal(err)
	}
	l := a.must(200, "GET", "/articles", nil)
	if got := ids(items(l, "data"), "title"); !slices.Equal(got, []string{"How to pay", "Seeded"}) {
		t.Errorf("articles: %v", got)
	}
	a.must(200, "DELETE", "/articles/"+str(art, "id"), nil)
	a.must(404, "GET", "/articles/"+str(art, "id"), nil)
}

func TestDataEvents(t *testing.T) {
	srv := intercomtest.NewServer(t)
	a := newAPI(t, srv)
	c := srv.SeedContacts(1)[0]
	for _, at := range []int64{300, 100, 200} {
		r := a.do("POST", "/events", map[string]any{"event_name": "ordered", "created_at": at, "user_id": *c.ExternalId})
		if r.status != 202 || len(r.raw) != 0 {
			t.Fatalf("create event: %d %s", r.status, r.raw)
		}
	}
	a.do("POST", "/events", map[string]any{"event_name": "viewed", "created_at": 50, "email": *c.Email})
	if r := a.do("POST", "/events", map[string]any{"event_name": "x", "created_at": 1}); r.status != 400 {
		t.Errorf("an event without a contact: %d", r.status)
	}
	if n := srv.EventCount(*c.Id); n != 4 {
		t.Fatalf("%d events stored", n)
	}
	sum := a.must(200, "GET", "/events?type=user&intercom_user_id="+*c.Id, nil)
	ev := items(sum, "events")
	if len(ev) != 2 || str(ev[0], "name") != "ordered" || str(ev[0], "count") != "3" ||
		str(ev[0], "first") != "1970-01-01T00:01:40.000Z" || str(ev[0], "last") != "1970-01-01T00:05:00.000Z" {
		t.Errorf("summary: %v", sum)
	}
	if str(sum, "user_id") != *c.ExternalId || str(sum, "email") != *c.Email {
		t.Errorf("summary identity: %v", sum)
	}
}

func TestAdminsTeamsSegments(t *testing.T) {
	srv := intercomtest.NewServer(t)
	a := newAPI(t, srv)
	me := a.must(200, "GET", "/me", nil)
	if str(me, "id") != *srv.Me().Id || str(me, "app", "id_code") == "" {
		t.Errorf("/me: %v", me)
	}
	added, err := srv.AddAdmin(gen.Admin{Name: ptr("Grace")})
	if err != nil {
		t.Fatal(err)
	}
	if got := a.must(200, "GET", "/admins/"+*added.Id, nil); str(got, "name") != "Grace" {
		t.Errorf("admin: %v", got)
	}
	if l := a.must(200, "GET", "/admins", nil); len(items(l, "admins")) != 2 {
		t.Errorf("admins: %v", l)
	}
	team, err := srv.AddTeam(gen.Team{Name: ptr("Billing"), AdminIds: []types.NumericID{types.NumericID(*added.Id)}})
	if err != nil {
		t.Fatal(err)
	}
	if got := a.must(200, "GET", "/teams/"+*team.Id, nil); str(got, "name") != "Billing" {
		t.Errorf("team: %v", got)
	}
	seg, err := srv.AddSegment(gen.Segment{Name: ptr("Active")})
	if err != nil {
		t.Fatal(err)
	}
	if got := a.must(200, "GET", "/segments?include_count=true", nil); str(items(got, "segments")[0], "count") != "0" {
		t.Errorf("segments with count: %v", got)
	}
	if got := a.must(200, "GET", "/segments/"+*seg.Id, nil); str(got, "name") != "Active" || str(got, "count") != "" {
		t.Errorf("segment: %v", got)
	}
}
