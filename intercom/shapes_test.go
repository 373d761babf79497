package intercom

import (
	"fmt"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

// shapeCase is one JSON shape of a field on which the description, Intercom's
// own SDK definitions (fern/openapi-overrides.yml) or the documented examples
// disagree (the overlay's actions [18], see CONTRIBUTING.md). Each must decode
// without any mismatch and give the value check expects.
type shapeCase struct {
	field, shape string
	body         string
	decode       func(body []byte) ([]foundMismatch, any, error)
	check        func(v any) error
}

// into returns a decode function for result type T.
func into[T any]() func([]byte) ([]foundMismatch, any, error) {
	return func(b []byte) ([]foundMismatch, any, error) {
		v := new(T)
		found, err := decodeTolerant(b, v)
		return found, v, err
	}
}

func want[T comparable](what string, got, want T) error {
	if got != want {
		return fmt.Errorf("%s = %v, want %v", what, got, want)
	}
	return nil
}

func TestEveryKnownShapeDecodes(t *testing.T) {
	avatarCases := func(field, prefix string, decode func([]byte) ([]foundMismatch, any, error), url func(any) string) []shapeCase {
		return []shapeCase{
			{field, "URL string (description of admin, Intercom's SDK definition of contact)", prefix + `"avatar":"https://example.org/a.png"}`, decode,
				func(v any) error { return want("avatar image URL", url(v), "https://example.org/a.png") }},
			{field, "object {type, image_url} (description of contact, Intercom's SDK definition of admin)", prefix + `"avatar":{"type":"avatar","image_url":"https://example.org/a.png"}}`, decode,
				func(v any) error { return want("avatar image URL", url(v), "https://example.org/a.png") }},
			{field, "null", prefix + `"avatar":null}`, decode,
				func(v any) error { return want("avatar image URL", url(v), "") }},
		}
	}
	var cases []shapeCase
	cases = append(cases, avatarCases("admin.avatar", `{"type":"admin","id":"1",`, into[gen.Admin](),
		func(v any) string { return v.(*gen.Admin).GetAvatar().GetImageURL() })...)
	cases = append(cases, avatarCases("admin_with_app.avatar", `{"type":"admin","id":"1",`, into[gen.AdminWithApp](),
		func(v any) string { return v.(*gen.AdminWithApp).GetAvatar().GetImageURL() })...)
	cases = append(cases, avatarCases("contact.avatar", `{"type":"contact","id":"c",`, into[gen.Contact](),
		func(v any) string { return v.(*gen.Contact).GetAvatar().GetImageURL() })...)
	cases = append(cases, avatarCases("visitor.avatar", `{"type":"visitor","id":"v",`, into[gen.Visitor](),
		func(v any) string { return v.(*gen.Visitor).GetAvatar().GetImageURL() })...)

	convNext := func(v any) string {
		p := v.(*gen.ConversationList).GetPages()
		return cursorNext(p) + "|" + p.GetNext().GetURL()
	}
	companiesNext := func(v any) string { return pageNext(v.(*gen.CompanyList).GetPages()) }
	companyIDs := func(v any) string {
		l := v.(*gen.CompanyList)
		s := l.GetType() + ":"
		for _, c := range l.GetData() {
			s += c.GetId() + ","
		}
		return s
	}
	reasons := func(v any) string {
		s := ""
		for _, r := range v.(*gen.AwayStatusReasonList).GetData() {
			s += r.GetLabel() + ","
		}
		return s
	}
	teammates := func(v any) string {
		tm := v.(*gen.ConversationTeammates)
		return fmt.Sprint(len(tm.GetTeammates()), len(tm.GetAdmins()))
	}
	assignees := func(v any) string {
		c := v.(*gen.Conversation)
		return c.GetAdminAssigneeId() + "|" + c.GetTeamAssigneeId()
	}
	itemAssignees := func(v any) string {
		c := v.(*gen.Conversation)
		return c.GetAdminAssigneeId() + "|" + c.GetTeamAssigneeId()
	}
	reasonID := func(v any) string { return v.(*gen.Admin).GetAwayStatusReasonId() }
	partID := func(v any) string { return v.(*gen.ConversationPart).GetId() }
	before := func(v any) string { return fmt.Sprint(v.(*gen.ActivityLogMetadata).GetBefore()) }
	metadata := func(v any) string { return fmt.Sprint(v.(*gen.CreateDataEventRequest).GetMetadata()["plan"]) }

	type strCase struct {
		field, shape, body string
		decode             func([]byte) ([]foundMismatch, any, error)
		get                func(any) string
		want               string
	}
	for _, c := range []strCase{
		{"cursor_pages.next", "cursor object (description)", `{"type":"conversation.list","conversations":[],"pages":{"type":"pages","next":{"per_page":20,"starting_after":"WzE3"}}}`, into[gen.ConversationList](), convNext, "WzE3|"},
		{"cursor_pages.next", "URL string (Intercom's SDK definition: offset_pages)", `{"type":"conversation.list","conversations":[],"pages":{"type":"pages","next":"https://api.intercom.io/conversations?page=2"}}`, into[gen.ConversationList](), convNext, "|https://api.intercom.io/conversations?page=2"},
		{"cursor_pages.next", "null", `{"type":"conversation.list","pages":{"type":"pages","next":null}}`, into[gen.ConversationList](), convNext, "|"},
		{"pages_link.next", "URL string (description)", `{"type":"list","data":[],"pages":{"type":"pages","next":"https://api.intercom.io/companies?page=3"}}`, into[gen.CompanyList](), companiesNext, "3"},
		{"pages_link.next", "cursor object with a page", `{"type":"list","data":[],"pages":{"type":"pages","next":{"page":3,"per_page":15}}}`, into[gen.CompanyList](), companiesNext, "3"},
		{"company_list", "list object (description)", `{"type":"list","data":[{"type":"company","id":"a"},{"type":"company","id":"b"}],"total_count":2}`, into[gen.CompanyList](), companyIDs, "list:a,b,"},
		{"company_list", "single company (Intercom's SDK definition: oneOf company, company_list)", `{"type":"company","id":"a","company_id":"acme","name":"Acme"}`, into[gen.CompanyList](), companyIDs, "company:a,"},
		{"company_list", "bare array", `[{"type":"company","id":"a"}]`, into[gen.CompanyList](), companyIDs, ":a,"},
		{"away_status_reason_list", "list object (description)", `{"type":"list","data":[{"type":"away_status_reason","id":"1","label":"Lunch"},{"type":"away_status_reason","id":"2","label":"Gone"}]}`, into[gen.AwayStatusReasonList](), reasons, "Lunch,Gone,"},
		{"away_status_reason_list", "bare array (Intercom's SDK fixtures)", `[{"type":"away_status_reason","id":"1","label":"Lunch"}]`, into[gen.AwayStatusReasonList](), reasons, "Lunch,"},
		{"conversation_teammates", "teammates (description)", `{"type":"admin.list","teammates":[{"type":"admin","id":"1"}]}`, into[gen.ConversationTeammates](), teammates, "1 0"},
		{"conversation_teammates", "admins (Intercom's SDK definition)", `{"type":"admin.list","admins":[{"type":"admin","id":"1"},{"type":"admin","id":"2"}]}`, into[gen.ConversationTeammates](), teammates, "0 2"},
		{"conversation.admin_assignee_id/team_assignee_id", "numbers (description)", `{"type":"conversation","id":"1","admin_assignee_id":991,"team_assignee_id":5}`, into[gen.Conversation](), assignees, "991|5"},
		{"conversation.admin_assignee_id/team_assignee_id", "strings (Intercom's SDK fixtures)", `{"type":"conversation","id":"1","admin_assignee_id":"991","team_assignee_id":"5"}`, into[gen.Conversation](), assignees, "991|5"},
		{"conversation.admin_assignee_id/team_assignee_id", "null (unassigned)", `{"type":"conversation","id":"1","admin_assignee_id":null,"team_assignee_id":null}`, into[gen.Conversation](), assignees, "|"},
		{"conversation_list_item.admin_assignee_id/team_assignee_id", "numbers (description)", `{"type":"conversation","id":"1","admin_assignee_id":991,"team_assignee_id":5}`, into[gen.Conversation](), itemAssignees, "991|5"},
		{"conversation_list_item.admin_assignee_id/team_assignee_id", "strings (Intercom's SDK fixtures)", `{"type":"conversation","id":"1","admin_assignee_id":"991","team_assignee_id":"5"}`, into[gen.Conversation](), itemAssignees, "991|5"},
		{"admin.away_status_reason_id", "number (description)", `{"type":"admin","id":"1","away_status_reason_id":12345}`, into[gen.Admin](), reasonID, "12345"},
		{"admin.away_status_reason_id", "string (set-away example)", `{"type":"admin","id":"1","away_status_reason_id":"12345"}`, into[gen.Admin](), reasonID, "12345"},
		{"conversation_part.id", "string (description)", `{"type":"conversation_part","id":"3"}`, into[gen.ConversationPart](), partID, "3"},
		{"conversation_part.id", "number (retrieve-conversation example)", `{"type":"conversation_part","id":3}`, into[gen.ConversationPart](), partID, "3"},
		{"activity_log_metadata.before", "object (description)", `{"before":{"name":"old"}}`, into[gen.ActivityLogMetadata](), before, "map[name:old]"},
		{"activity_log_metadata.before", "string (list-activity-logs example)", `{"before":"old"}`, into[gen.ActivityLogMetadata](), before, "old"},
		{"data_event.metadata (create_data_event_request)", "string values (description)", `{"event_name":"e","metadata":{"plan":"pro"}}`, into[gen.CreateDataEventRequest](), metadata, "pro"},
		{"data_event.metadata (create_data_event_request)", "any values (Intercom's SDK definition)", `{"event_name":"e","metadata":{"plan":3}}`, into[gen.CreateDataEventRequest](), metadata, "3"},
	} {
		cases = append(cases, shapeCase{c.field, c.shape, c.body, c.decode, func(v any) error { return want(c.field, c.get(v), c.want) }})
	}

	fields := map[string]int{}
	for _, tc := range cases {
		fields[tc.field]++
		found, v, err := tc.decode([]byte(tc.body))
		if err != nil {
			t.Errorf("%s as %s: %v", tc.field, tc.shape, err)
			continue
		}
		if len(found) > 0 {
			t.Errorf("%s as %s: mismatches %v", tc.field, tc.shape, found)
			continue
		}
		if err := tc.check(v); err != nil {
			t.Errorf("%s as %s: %v", tc.field, tc.shape, err)
		}
	}
	for f, n := range fields {
		if n < 2 {
			t.Errorf("%s: only %d shape tested", f, n)
		}
	}
}
