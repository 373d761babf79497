package intercom

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/gen"
)

// cvtSearchRequest and cvtOpenQuery are shared by the tests of the
// conversations and tickets services.

// cvtSearchRequest builds a search request for open items with page size per.
func cvtSearchRequest(t *testing.T, per int) gen.SearchRequest {
	t.Helper()
	req, err := SearchQuery{Filter: Field("open").Equals(true), PerPage: per}.ForConversations()
	if err != nil {
		t.Fatal(err)
	}
	return req
}

const cvtOpenQuery = `{"field":"open","operator":"=","value":true}`

func TestConversationsMethods(t *testing.T) {
	conv := `{"type":"conversation","id":"123","state":"open","title":"Refund"}`
	snoozeAt := time.Date(2026, 3, 2, 9, 30, 15, 500, time.UTC)
	searchReq := cvtSearchRequest(t, 5)
	svcRun(t, []svcCase{
		{
			name: "List",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Conversations.List(ctx, &gen.ListConversationsParams{PerPage: Ptr(20), StartingAfter: Ptr("WzE2N10=")})
			},
			method: "GET", path: "/conversations",
			query: url.Values{"per_page": {"20"}, "starting_after": {"WzE2N10="}},
			resp:  `{"type":"conversation.list","conversations":[{"type":"conversation","id":"1"}],"total_count":1,"pages":{"type":"pages","page":1,"per_page":20,"total_pages":1}}`,
		},
		{
			name:   "List nil params",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.Conversations.List(ctx, nil) },
			method: "GET", path: "/conversations",
			resp: `{"type":"conversation.list","conversations":[]}`,
		},
		{
			name: "Create",
			call: func(ctx context.Context, c *Client) (any, error) {
				body := gen.CreateConversationRequest{Body: "Hello"}
				body.From.Id = "667d61"
				body.From.Type = "user"
				return c.Conversations.Create(ctx, body)
			},
			method: "POST", path: "/conversations",
			body: `{"body":"Hello","from":{"id":"667d61","type":"user"}}`,
			resp: `{"type":"user_message","id":"403918","conversation_id":"363","body":"Hello","created_at":1734537500,"message_type":"inapp"}`,
			check: func(t *testing.T, got any) {
				m := got.(*gen.CreatedConversation)
				if m.ConversationId != "363" || m.Id != "403918" || m.CreatedAt != 1734537500 || m.MessageType != "inapp" || m.Subject != nil {
					t.Errorf("decoded %+v", m)
				}
			},
		},
		{
			name:   "Get",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.Conversations.Get(ctx, "123", nil) },
			method: "GET", path: "/conversations/123",
			resp: conv,
		},
		{
			name: "Get with params",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Conversations.Get(ctx, "123", &gen.RetrieveConversationParams{DisplayAs: Ptr("plaintext"), IncludeTranslations: Ptr(true)})
			},
			method: "GET", path: "/conversations/123",
			query: url.Values{"display_as": {"plaintext"}, "include_translations": {"true"}},
			resp:  conv,
		},
		{
			name: "Update",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Conversations.Update(ctx, "123", &gen.UpdateConversationParams{DisplayAs: Ptr("plaintext")},
					gen.UpdateConversationRequest{Read: Ptr(true), Title: Ptr("Refund")})
			},
			method: "PUT", path: "/conversations/123",
			query: url.Values{"display_as": {"plaintext"}},
			body:  `{"read":true,"title":"Refund"}`,
			resp:  conv,
		},
		{
			name:   "Delete",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.Conversations.Delete(ctx, "123") },
			method: "DELETE", path: "/conversations/123",
			resp: `{"id":"123","object":"conversation","deleted":true}`,
		},
		{
			name:   "Search",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.Conversations.Search(ctx, searchReq) },
			method: "POST", path: "/conversations/search",
			body: `{"query":` + cvtOpenQuery + `,"pagination":{"per_page":5}}`,
			resp: `{"type":"conversation.list","conversations":[{"type":"conversation","id":"9"}],"total_count":1}`,
		},
		{
			name: "Reply",
			call: func(ctx context.Context, c *Client) (any, error) {
				var body gen.ReplyConversationRequest
				if err := body.FromAdminReplyConversationRequest(gen.AdminReplyConversationRequest{
					AdminId: "991", Body: Ptr("<p>Hi</p>"), MessageType: "quick_reply", Type: "admin",
					ReplyOptions: []gen.QuickReplyOption{{Text: "Yes", Uuid: "u1"}},
				}); err != nil {
					return nil, err
				}
				return c.Conversations.Reply(ctx, "123", body)
			},
			method: "POST", path: "/conversations/123/reply",
			body: `{"admin_id":"991","body":"<p>Hi</p>","message_type":"quick_reply","type":"admin","reply_options":[{"text":"Yes","uuid":"u1"}]}`,
			resp: conv,
		},
		{
			name: "ReplyAsAdmin",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Conversations.ReplyAsAdmin(ctx, "123", "991", "On it")
			},
			method: "POST", path: "/conversations/123/reply",
			body: `{"admin_id":"991","body":"On it","message_type":"comment","type":"admin"}`,
			resp: conv,
		},
		{
			name: "AddNote",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Conversations.AddNote(ctx, "123", "991", "VIP")
			},
			method: "POST", path: "/conversations/123/reply",
			body: `{"admin_id":"991","body":"VIP","message_type":"note","type":"admin"}`,
			resp: conv,
		},
		{
			name: "ReplyAsContact",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Conversations.ReplyAsContact(ctx, "123", "6762f0dd1bb69f9f2193bb83", "Thanks")
			},
			method: "POST", path: "/conversations/123/reply",
			body: `{"intercom_user_id":"6762f0dd1bb69f9f2193bb83","body":"Thanks","message_type":"comment","type":"user"}`,
			resp: conv,
		},
		{
			name: "Close",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Conversations.Close(ctx, "123", "991", "Solved!")
			},
			method: "POST", path: "/conversations/123/parts",
			body: `{"admin_id":"991","body":"Solved!","message_type":"close","type":"admin"}`,
			resp: conv,
		},
		{
			name:   "Close without message",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.Conversations.Close(ctx, "123", "991", "") },
			method: "POST", path: "/conversations/123/parts",
			body: `{"admin_id":"991","message_type":"close","type":"admin"}`,
			resp: conv,
		},
		{
			name:   "Open",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.Conversations.Open(ctx, "123", "991") },
			method: "POST", path: "/conversations/123/parts",
			body: `{"admin_id":"991","message_type":"open"}`,
			resp: conv,
		},
		{
			name: "Snooze",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Conversations.Snooze(ctx, "123", "991", snoozeAt)
			},
			method: "POST", path: "/conversations/123/parts",
			body: `{"admin_id":"991","message_type":"snoozed","snoozed_until":` + strconv.FormatInt(snoozeAt.Unix(), 10) + `}`,
			resp: conv,
		},
		{
			name: "Snooze in another zone",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Conversations.Snooze(ctx, "123", "991", snoozeAt.In(time.FixedZone("X", -7*3600)))
			},
			method: "POST", path: "/conversations/123/parts",
			body: `{"admin_id":"991","message_type":"snoozed","snoozed_until":` + strconv.FormatInt(snoozeAt.Unix(), 10) + `}`,
			resp: conv,
		},
		{
			name: "Assign",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Conversations.Assign(ctx, "123", "991", "4324241")
			},
			method: "POST", path: "/conversations/123/parts",
			body: `{"admin_id":"991","assignee_id":"4324241","message_type":"assignment","type":"admin"}`,
			resp: conv,
		},
		{
			name: "AssignTeam",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Conversations.AssignTeam(ctx, "123", "991", "77")
			},
			method: "POST", path: "/conversations/123/parts",
			body: `{"admin_id":"991","assignee_id":"77","message_type":"assignment","type":"team"}`,
			resp: conv,
		},
		{
			name: "Manage",
			call: func(ctx context.Context, c *Client) (any, error) {
				var body gen.ManageConversationRequest
				if err := body.FromAssignConversationRequest(gen.AssignConversationRequest{
					AdminId: "991", AssigneeId: "0", Body: Ptr("Unassigning"), MessageType: "assignment", Type: "admin",
				}); err != nil {
					return nil, err
				}
				return c.Conversations.Manage(ctx, "123", body)
			},
			method: "POST", path: "/conversations/123/parts",
			body: `{"admin_id":"991","assignee_id":"0","body":"Unassigning","message_type":"assignment","type":"admin"}`,
			resp: conv,
		},
		{
			name: "AttachContact",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Conversations.AttachContact(ctx, "123", "6762f0dd1bb69f9f2193bb83", "991")
			},
			method: "POST", path: "/conversations/123/customers",
			body: `{"admin_id":"991","customer":{"intercom_user_id":"6762f0dd1bb69f9f2193bb83"}}`,
			resp: conv,
		},
		{
			name: "AttachCustomer by email",
			call: func(ctx context.Context, c *Client) (any, error) {
				cust, err := gen.CustomerRequestOf(gen.CustomerByEmail{Email: "ann@example.com"})
				if err != nil {
					return nil, err
				}
				return c.Conversations.AttachCustomer(ctx, "123", gen.AttachContactToConversationRequest{AdminId: Ptr("991"), Customer: &cust})
			},
			method: "POST", path: "/conversations/123/customers",
			body: `{"admin_id":"991","customer":{"email":"ann@example.com"}}`,
			resp: conv,
		},
		{
			name: "DetachContact",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Conversations.DetachContact(ctx, "123", "6762f0dd1bb69f9f2193bb83", "991")
			},
			method: "DELETE", path: "/conversations/123/customers/6762f0dd1bb69f9f2193bb83",
			body: `{"admin_id":"991"}`,
			resp: conv,
		},
		{
			name: "Tag",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Conversations.Tag(ctx, "123", "7522907", "991")
			},
			method: "POST", path: "/conversations/123/tags",
			body: `{"id":"7522907","admin_id":"991"}`,
			resp: `{"type":"tag","id":"7522907","name":"vip"}`,
		},
		{
			name: "Untag",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Conversations.Untag(ctx, "123", "7522907", "991")
			},
			method: "DELETE", path: "/conversations/123/tags/7522907",
			body: `{"admin_id":"991"}`,
			resp: `{"type":"tag","id":"7522907","name":"vip"}`,
		},
		{
			name: "ListHandlingEvents",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Conversations.ListHandlingEvents(ctx, "123")
			},
			method: "GET", path: "/conversations/123/handling_events",
			resp: `{"handling_events":[{"type":"assigned","timestamp":"2025-01-01T10:00:00Z","teammate":{"type":"admin","id":991,"name":"Ops","email":"ops@example.com"}}]}`,
			check: func(t *testing.T, got any) {
				l := got.(*gen.HandlingEventList)
				if len(l.HandlingEvents) != 1 || l.HandlingEvents[0].Type != "assigned" {
					t.Errorf("decoded %+v", l)
				}
			},
		},
		{
			name: "RedactPart",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Conversations.RedactPart(ctx, "123", "456")
			},
			method: "POST", path: "/conversations/redact",
			body: `{"type":"conversation_part","conversation_id":"123","conversation_part_id":"456"}`,
			resp: conv,
		},
		{
			name: "RedactSource",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Conversations.RedactSource(ctx, "123", "789")
			},
			method: "POST", path: "/conversations/redact",
			body: `{"type":"source","conversation_id":"123","source_id":"789"}`,
			resp: conv,
		},
		{
			name: "Redact",
			call: func(ctx context.Context, c *Client) (any, error) {
				body, err := gen.RedactConversationRequestOf(gen.RedactConversationSourceRequest{ConversationId: "1", SourceId: "2", Type: "source"})
				if err != nil {
					return nil, err
				}
				return c.Conversations.Redact(ctx, body)
			},
			method: "POST", path: "/conversations/redact",
			body: `{"type":"source","conversation_id":"1","source_id":"2"}`,
			resp: conv,
		},
		{
			name: "Convert",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Conversations.Convert(ctx, "123", gen.ConvertConversationToTicketRequest{TicketTypeId: "53"})
			},
			method: "POST", path: "/conversations/123/convert",
			body: `{"ticket_type_id":"53"}`,
			resp: `{"type":"ticket","id":"474","ticket_id":"22"}`,
		},
	})
}

// TestConversationsBadInput checks the errors of arguments the API cannot take.
func TestConversationsBadInput(t *testing.T) {
	c, seen := svcServer(t, nil)
	ctx := context.Background()
	for _, until := range []time.Time{{}, time.Unix(0, 0), time.Date(1969, 7, 20, 0, 0, 0, 0, time.UTC)} {
		if _, err := c.Conversations.Snooze(ctx, "1", "2", until); err == nil || !strings.Contains(err.Error(), "snooze time") {
			t.Errorf("Snooze(%v): err = %v, want a snooze time error", until, err)
		}
	}
	if _, err := c.Conversations.Manage(ctx, "1", gen.ManageConversationRequest{}); err == nil || !strings.Contains(err.Error(), "empty request body") {
		t.Errorf("Manage with an empty body: err = %v", err)
	}
	if _, err := c.Tickets.Reply(ctx, "1", gen.ReplyTicketRequest{}); err == nil || !strings.Contains(err.Error(), "empty request body") {
		t.Errorf("Tickets.Reply with an empty body: err = %v", err)
	}
	if n := len(seen()); n != 0 {
		t.Errorf("bad input sent %d requests, want none", n)
	}
}

// TestConversationsManageRetryResendsBody checks that the body set by the
// union body is sent again, identical, when a request is retried.
func TestConversationsManageRetryResendsBody(t *testing.T) {
	rec := &svcRecorder{}
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		if n := len(rec.all()); n == 0 {
			rec.add(t, r)
			w.Header().Set("Retry-After", "1")
			coreJSON(w, http.StatusTooManyRequests, `{"type":"error.list","errors":[{"code":"rate_limit_exceeded","message":"slow down"}]}`)
			return
		}
		rec.add(t, r)
		coreJSON(w, http.StatusOK, `{"type":"conversation","id":"123"}`)
	})
	c, sleeper := coreClient(t, srv.URL)
	if _, err := c.Conversations.Open(context.Background(), "123", "991"); err != nil {
		t.Fatal(err)
	}
	reqs := rec.all()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
	for i, r := range reqs {
		sameJSON(t, fmt.Sprintf("attempt %d body", i+1), r.body, []byte(`{"admin_id":"991","message_type":"open"}`))
	}
	if !bytes.Equal(reqs[0].body, reqs[1].body) {
		t.Errorf("retry body %s differs from %s", reqs[1].body, reqs[0].body)
	}
	if len(sleeper.recorded()) != 1 {
		t.Errorf("waits = %v, want one", sleeper.recorded())
	}
}

func TestConversationsIDs(t *testing.T) {
	conv := func(suffix string) string { return "/conversations/%s" + suffix }
	svcRunIDs(t, []svcIDCase{
		{name: "Get", route: conv(""), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Get(ctx, id, nil)
			return err
		}},
		{name: "Update", route: conv(""), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Update(ctx, id, nil, gen.UpdateConversationRequest{})
			return err
		}},
		{name: "Delete", route: conv(""), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Delete(ctx, id)
			return err
		}},
		{name: "Reply", route: conv("/reply"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.ReplyAsAdmin(ctx, id, "1", "x")
			return err
		}},
		{name: "Reply/admin id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.ReplyAsAdmin(ctx, "1", id, "x")
			return err
		}},
		{name: "AddNote/admin id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.AddNote(ctx, "1", id, "x")
			return err
		}},
		{name: "ReplyAsContact", route: conv("/reply"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.ReplyAsContact(ctx, id, "1", "x")
			return err
		}},
		{name: "ReplyAsContact/contact id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.ReplyAsContact(ctx, "1", id, "x")
			return err
		}},
		{name: "Close", route: conv("/parts"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Close(ctx, id, "1", "")
			return err
		}},
		{name: "Close/admin id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Close(ctx, "1", id, "")
			return err
		}},
		{name: "Open", route: conv("/parts"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Open(ctx, id, "1")
			return err
		}},
		{name: "Open/admin id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Open(ctx, "1", id)
			return err
		}},
		{name: "Snooze", route: conv("/parts"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Snooze(ctx, id, "1", coreNow)
			return err
		}},
		{name: "Snooze/admin id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Snooze(ctx, "1", id, coreNow)
			return err
		}},
		{name: "Assign", route: conv("/parts"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Assign(ctx, id, "1", "2")
			return err
		}},
		{name: "Assign/admin id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Assign(ctx, "1", id, "2")
			return err
		}},
		{name: "Assign/assignee id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Assign(ctx, "1", "2", id)
			return err
		}},
		{name: "AssignTeam/team id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.AssignTeam(ctx, "1", "2", id)
			return err
		}},
		{name: "AttachContact", route: conv("/customers"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.AttachContact(ctx, id, "1", "2")
			return err
		}},
		{name: "AttachContact/contact id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.AttachContact(ctx, "1", id, "2")
			return err
		}},
		{name: "AttachContact/admin id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.AttachContact(ctx, "1", "2", id)
			return err
		}},
		{name: "DetachContact", route: conv("/customers/c1"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.DetachContact(ctx, id, "c1", "2")
			return err
		}},
		{name: "DetachContact/contact id", route: "/conversations/1/customers/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.DetachContact(ctx, "1", id, "2")
			return err
		}},
		{name: "DetachContact/admin id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.DetachContact(ctx, "1", "2", id)
			return err
		}},
		{name: "Tag", route: conv("/tags"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Tag(ctx, id, "5", "2")
			return err
		}},
		{name: "Tag/tag id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Tag(ctx, "1", id, "2")
			return err
		}},
		{name: "Tag/admin id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Tag(ctx, "1", "5", id)
			return err
		}},
		{name: "Untag", route: conv("/tags/5"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Untag(ctx, id, "5", "2")
			return err
		}},
		{name: "Untag/tag id", route: "/conversations/1/tags/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Untag(ctx, "1", id, "2")
			return err
		}},
		{name: "Untag/admin id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Untag(ctx, "1", "5", id)
			return err
		}},
		{name: "ListHandlingEvents", route: conv("/handling_events"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.ListHandlingEvents(ctx, id)
			return err
		}},
		{name: "RedactPart/conversation id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.RedactPart(ctx, id, "2")
			return err
		}},
		{name: "RedactPart/part id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.RedactPart(ctx, "1", id)
			return err
		}},
		{name: "RedactSource/source id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.RedactSource(ctx, "1", id)
			return err
		}},
		{name: "Convert", route: conv("/convert"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Convert(ctx, id, gen.ConvertConversationToTicketRequest{TicketTypeId: "1"})
			return err
		}},
	})
}

func TestConversationsListAll(t *testing.T) {
	svcRunIters(t, []svcIterCase{{
		name: "ListAll", style: svcCursorStyle, path: "/conversations",
		nest: []string{"conversations"}, item: svcItem("conversation"),
		seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
			return svcIDs(c.Conversations.ListAll(ctx, &gen.ListConversationsParams{PerPage: &per}, opts...),
				func(v gen.Conversation) string { return valueOr(v.Id) })
		},
	}})
}

func TestConversationsSearchAll(t *testing.T) {
	svcRunIters(t, []svcIterCase{{
		name: "SearchAll", style: svcSearchStyle, method: "POST", path: "/conversations/search",
		nest: []string{"conversations"}, item: svcItem("conversation"), searchQuery: cvtOpenQuery,
		seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
			return svcIDs(c.Conversations.SearchAll(ctx, cvtSearchRequest(t, per), opts...),
				func(v gen.Conversation) string { return valueOr(v.Id) })
		},
	}})
}

// TestConversationsListAllKeepsParams checks that the caller's params are
// copied, not written, and that a starting cursor of the caller is used for
// the first page only.
func TestConversationsListAllKeepsParams(t *testing.T) {
	c, _ := svcServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		if r.URL.Path == "/conversations/search" {
			coreJSON(w, http.StatusOK, `{"conversations":[{"id":"1"}],"pages":{"next":{"starting_after":"cur-1"}}}`)
			return
		}
		switch r.URL.Query().Get("starting_after") {
		case "start":
			coreJSON(w, http.StatusOK, `{"conversations":[{"id":"1"}],"pages":{"next":{"starting_after":"cur-1"}}}`)
		case "cur-1":
			coreJSON(w, http.StatusOK, `{"conversations":[{"id":"2"}],"pages":{}}`)
		default:
			t.Errorf("unexpected query %q", r.URL.RawQuery)
			coreJSON(w, http.StatusNotFound, `{}`)
		}
	})
	params := &gen.ListConversationsParams{StartingAfter: Ptr("start")}
	var got []string
	for id, err := range svcIDs(c.Conversations.ListAll(context.Background(), params), func(v gen.Conversation) string { return valueOr(v.Id) }) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, id)
	}
	if !slices.Equal(got, []string{"1", "2"}) {
		t.Errorf("items = %v", got)
	}
	if *params.StartingAfter != "start" || params.PerPage != nil {
		t.Errorf("params changed: %+v", params)
	}
	// The request body of a search is never modified either.
	req := cvtSearchRequest(t, 2)
	before, _ := json.Marshal(req)
	for range c.Conversations.SearchAll(context.Background(), req) {
		break
	}
	if after, _ := json.Marshal(req); !bytes.Equal(after, before) {
		t.Errorf("search request changed: %s, was %s", after, before)
	}
}
