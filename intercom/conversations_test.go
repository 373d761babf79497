package intercom

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/gen"
)

// This file holds the test helpers shared by the tests of the conversations,
// tickets, calls, Fin, messages, switch, jobs, exports and workflows services
// (all prefixed cvt), and the conversations tests.

// cvtSeen is one request the test server received.
type cvtSeen struct {
	method, path, rawQuery string
	header                 http.Header
	body                   []byte
}

// cvtRecorder records the requests of a test server.
type cvtRecorder struct {
	mu   sync.Mutex
	reqs []cvtSeen
}

func (rec *cvtRecorder) add(t *testing.T, r *http.Request) cvtSeen {
	t.Helper()
	body, err := io.ReadAll(r.Body)
	if err != nil {
		t.Errorf("reading request body: %v", err)
	}
	path, _, _ := strings.Cut(r.RequestURI, "?")
	s := cvtSeen{method: r.Method, path: path, rawQuery: r.URL.RawQuery, header: r.Header.Clone(), body: body}
	rec.mu.Lock()
	rec.reqs = append(rec.reqs, s)
	rec.mu.Unlock()
	return s
}

func (rec *cvtRecorder) all() []cvtSeen {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return slices.Clone(rec.reqs)
}

// cvtCase is one service method call checked against a test server: the
// request it must send and the result it must decode from the response.
type cvtCase struct {
	name string
	call func(ctx context.Context, c *Client) (any, error)
	// method and path (escaped, as on the wire) the request must have.
	method, path string
	// query the request must have (nil: none).
	query url.Values
	// body is the JSON body the request must have, compared as JSON ("": no body).
	body string
	// resp is the JSON the server answers with (status 200).
	resp string
	// check, if set, checks the result; by default the result, encoded back
	// to JSON, must equal resp.
	check func(t *testing.T, got any)
}

// cvtRun runs each case against a fresh test server.
func cvtRun(t *testing.T, cases []cvtCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := &cvtRecorder{}
			srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
				rec.add(t, r)
				coreJSON(w, http.StatusOK, tc.resp)
			})
			c, _ := coreClient(t, srv.URL)
			got, err := tc.call(context.Background(), c)
			if err != nil {
				t.Fatalf("call failed: %v", err)
			}
			reqs := rec.all()
			if len(reqs) != 1 {
				t.Fatalf("server got %d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.method != tc.method || r.path != tc.path {
				t.Errorf("request = %s %s, want %s %s", r.method, r.path, tc.method, tc.path)
			}
			cvtCheckQuery(t, r.rawQuery, tc.query)
			if tc.body == "" {
				if len(r.body) != 0 {
					t.Errorf("request body = %s, want none", r.body)
				}
			} else {
				cvtSameJSON(t, "request body", r.body, []byte(tc.body))
				if ct := r.header.Get("Content-Type"); ct != "application/json" {
					t.Errorf("Content-Type = %q, want application/json", ct)
				}
			}
			if tc.check != nil {
				tc.check(t, got)
				return
			}
			enc, err := json.Marshal(got)
			if err != nil {
				t.Fatalf("encoding result %T: %v", got, err)
			}
			cvtSameJSON(t, fmt.Sprintf("result %T", got), enc, []byte(tc.resp))
		})
	}
}

// cvtCheckQuery compares a raw query with the wanted values.
func cvtCheckQuery(t *testing.T, raw string, want url.Values) {
	t.Helper()
	got, err := url.ParseQuery(raw)
	if err != nil {
		t.Fatalf("bad query %q: %v", raw, err)
	}
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("query = %v, want %v", got, want)
	}
}

// cvtSameJSON reports whether two JSON texts hold the same value.
func cvtSameJSON(t *testing.T, what string, got, want []byte) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s: invalid JSON %s: %v", what, got, err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("%s: invalid wanted JSON %s: %v", what, want, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s =\n  %s\nwant\n  %s", what, got, want)
	}
}

// cvtIDCase is a method called with one id under test. path, when set,
// returns the path the request must have for an id that is already
// path-escaped; it is nil for an id sent in the body.
type cvtIDCase struct {
	name string
	call func(ctx context.Context, c *Client, id string) error
	path func(escaped string) string
	// resp is the JSON the server answers with; "{}" when empty.
	resp string
}

// cvtCheckIDs checks that bad ids are refused before any request, and that
// ids in the path are escaped into the right route.
func cvtCheckIDs(t *testing.T, cases []cvtIDCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := &cvtRecorder{}
			resp := tc.resp
			if resp == "" {
				resp = "{}"
			}
			srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
				rec.add(t, r)
				coreJSON(w, http.StatusOK, resp)
			})
			c, _ := coreClient(t, srv.URL)
			ctx := context.Background()
			for _, bad := range []string{"", ".", "..", "a\nb", "x\x00"} {
				err := tc.call(ctx, c, bad)
				if !errors.Is(err, ErrInvalidID) {
					t.Errorf("id %q: err = %v, want one wrapping ErrInvalidID", bad, err)
				}
			}
			if n := len(rec.all()); n != 0 {
				t.Fatalf("bad ids sent %d requests, want none", n)
			}
			if tc.path == nil {
				return
			}
			for _, id := range []string{"a/b", "../admins", "x?y#z", "é 1"} {
				if err := tc.call(ctx, c, id); err != nil {
					t.Errorf("id %q: %v", id, err)
				}
			}
			reqs := rec.all()
			for i, id := range []string{"a/b", "../admins", "x?y#z", "é 1"} {
				if i >= len(reqs) {
					t.Fatalf("only %d requests for 4 ids", len(reqs))
				}
				if want := tc.path(url.PathEscape(id)); reqs[i].path != want {
					t.Errorf("id %q: path %s, want %s", id, reqs[i].path, want)
				}
			}
		})
	}
}

// cvtPager describes one iterator for cvtRunPager.
type cvtPager struct {
	name         string
	method, path string
	// start checks one page request (its query or body, asking for pages of
	// per items) and returns the index of the first item it asks for.
	start func(t *testing.T, r cvtSeen, per int) int
	// page renders the response holding ids[start:end] out of len(ids).
	page func(ids []string, start, end, per int) string
	// all runs the iterator with page size per and yields the items' ids.
	all func(ctx context.Context, c *Client, per int) iter.Seq2[string, error]
}

// cvtIDsOf maps an iterator of items to one of ids.
func cvtIDsOf[T any](seq iter.Seq2[T, error], id func(T) *string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for v, err := range seq {
			if err != nil {
				yield("", err)
				return
			}
			if !yield(valueOr(id(v)), nil) {
				return
			}
		}
	}
}

// cvtRunPager serves N items across pages (N = 0, 1, one full page, several
// pages) and checks that the iterator yields every item once, in order, with
// one request per page; that breaking early sends no further request; and
// that a failed page ends the iteration with one error.
func cvtRunPager(t *testing.T, p cvtPager) {
	t.Helper()
	const per = 3
	serve := func(t *testing.T, n int, failAt int) (*Client, *cvtRecorder) {
		ids := make([]string, n)
		for i := range ids {
			ids[i] = strconv.Itoa(5000 + i)
		}
		rec := &cvtRecorder{}
		srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
			seen := rec.add(t, r)
			if r.Method != p.method || seen.path != p.path {
				t.Errorf("request %s %s, want %s %s", r.Method, seen.path, p.method, p.path)
			}
			start := p.start(t, seen, per)
			if start < 0 || start > n {
				t.Errorf("request asks for item %d of %d", start, n)
				start = n
			}
			if failAt >= 0 && start >= failAt {
				coreJSON(w, http.StatusNotFound, `{"type":"error.list","errors":[{"code":"not_found","message":"gone"}]}`)
				return
			}
			coreJSON(w, http.StatusOK, p.page(ids, start, min(start+per, n), per))
		})
		c, _ := coreClient(t, srv.URL)
		return c, rec
	}
	for _, n := range []int{0, 1, per, 3*per + 1} {
		t.Run(fmt.Sprintf("%s/n=%d", p.name, n), func(t *testing.T) {
			c, rec := serve(t, n, -1)
			var got []string
			for id, err := range p.all(context.Background(), c, per) {
				if err != nil {
					t.Fatalf("after %d items: %v", len(got), err)
				}
				got = append(got, id)
			}
			want := make([]string, n)
			for i := range want {
				want[i] = strconv.Itoa(5000 + i)
			}
			if !slices.Equal(got, want) && !(len(got) == 0 && n == 0) {
				t.Errorf("items = %v, want %v", got, want)
			}
			if pages, reqs := max(1, (n+per-1)/per), len(rec.all()); reqs != pages {
				t.Errorf("%d requests for %d items, want %d", reqs, n, pages)
			}
		})
	}
	t.Run(p.name+"/break", func(t *testing.T) {
		for _, stopAfter := range []int{1, per, per + 1} {
			c, rec := serve(t, 3*per+1, -1)
			taken := 0
			for _, err := range p.all(context.Background(), c, per) {
				if err != nil {
					t.Fatal(err)
				}
				if taken++; taken == stopAfter {
					break
				}
			}
			if want, reqs := (stopAfter+per-1)/per, len(rec.all()); reqs != want {
				t.Errorf("break after %d items: %d requests, want %d", stopAfter, reqs, want)
			}
		}
	})
	t.Run(p.name+"/error", func(t *testing.T) {
		c, rec := serve(t, 3*per+1, per)
		var got []string
		var errs []error
		for id, err := range p.all(context.Background(), c, per) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if len(errs) > 0 {
				t.Errorf("item %s yielded after the error", id)
			}
			got = append(got, id)
		}
		if len(got) != per || len(errs) != 1 || !IsNotFound(errs[0]) {
			t.Errorf("got %d items and errors %v; want %d items then one not-found error", len(got), errs, per)
		}
		if reqs := len(rec.all()); reqs != 2 {
			t.Errorf("%d requests, want 2", reqs)
		}
	})
}

// cvtObjects renders ids as JSON objects of the given type.
func cvtObjects(ids []string, typ string) []map[string]any {
	out := make([]map[string]any, len(ids))
	for i, id := range ids {
		out[i] = map[string]any{"type": typ, "id": id}
	}
	return out
}

// cvtJSON encodes v, failing the test on error.
func cvtJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// cvtCursorStart reads starting_after ("cur-<index>") and per_page from the query.
func cvtCursorStart(t *testing.T, r cvtSeen, per int) int {
	t.Helper()
	q, _ := url.ParseQuery(r.rawQuery)
	if got := q.Get("per_page"); got != strconv.Itoa(per) {
		t.Errorf("per_page = %q, want %d", got, per)
	}
	return cvtCursorIndex(t, q.Get("starting_after"))
}

func cvtCursorIndex(t *testing.T, cursor string) int {
	t.Helper()
	if cursor == "" {
		return 0
	}
	s, ok := strings.CutPrefix(cursor, "cur-")
	i, err := strconv.Atoi(s)
	if !ok || err != nil {
		t.Errorf("unexpected cursor %q", cursor)
		return -1
	}
	return i
}

// cvtCursorPages renders a cursor pages object: next only when end < n.
func cvtCursorPages(end, n, per int) map[string]any {
	pages := map[string]any{"type": "pages", "per_page": per}
	if end < n {
		pages["next"] = map[string]any{"starting_after": "cur-" + strconv.Itoa(end), "per_page": per}
	}
	return pages
}

// cvtSearchStart checks a search body (the query, per_page) and reads its cursor.
func cvtSearchStart(wantQuery string) func(t *testing.T, r cvtSeen, per int) int {
	return func(t *testing.T, r cvtSeen, per int) int {
		t.Helper()
		var body struct {
			Query      json.RawMessage `json:"query"`
			Pagination struct {
				PerPage       int    `json:"per_page"`
				StartingAfter string `json:"starting_after"`
			} `json:"pagination"`
		}
		if err := json.Unmarshal(r.body, &body); err != nil {
			t.Errorf("search body %s: %v", r.body, err)
			return -1
		}
		cvtSameJSON(t, "search query", body.Query, []byte(wantQuery))
		if body.Pagination.PerPage != per {
			t.Errorf("pagination.per_page = %d, want %d", body.Pagination.PerPage, per)
		}
		return cvtCursorIndex(t, body.Pagination.StartingAfter)
	}
}

// cvtSearchRequest builds a search request for open items with page size per.
func cvtSearchRequest(t *testing.T, per int) gen.SearchRequest {
	t.Helper()
	req, err := SearchQuery{Filter: Field("open").Equals(true), PerPage: per}.Build()
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
	cvtRun(t, []cvtCase{
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
					ReplyOptions: &[]gen.QuickReplyOption{{Text: "Yes", Uuid: "u1"}},
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
				var cust gen.AttachContactToConversationRequest_Customer
				if err := cust.FromAttachContactToConversationRequestCustomer2(gen.AttachContactToConversationRequestCustomer2{Email: "ann@example.com"}); err != nil {
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
				if l.HandlingEvents == nil || len(*l.HandlingEvents) != 1 || (*l.HandlingEvents)[0].Type != "assigned" {
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
				var body gen.RedactConversationRequest
				if err := body.FromRedactConversationRequest1(gen.RedactConversationRequest1{ConversationId: "1", SourceId: "2", Type: "source"}); err != nil {
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
	rec := &cvtRecorder{}
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		rec.add(t, r)
		coreJSON(w, http.StatusOK, `{}`)
	})
	c, _ := coreClient(t, srv.URL)
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
	if n := len(rec.all()); n != 0 {
		t.Errorf("bad input sent %d requests, want none", n)
	}
}

// TestConversationsManageRetryResendsBody checks that the body set by the
// union body is sent again, identical, when a request is retried.
func TestConversationsManageRetryResendsBody(t *testing.T) {
	rec := &cvtRecorder{}
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
		cvtSameJSON(t, fmt.Sprintf("attempt %d body", i+1), r.body, []byte(`{"admin_id":"991","message_type":"open"}`))
	}
	if !bytes.Equal(reqs[0].body, reqs[1].body) {
		t.Errorf("retry body %s differs from %s", reqs[1].body, reqs[0].body)
	}
	if len(sleeper.recorded()) != 1 {
		t.Errorf("waits = %v, want one", sleeper.recorded())
	}
}

func TestConversationsIDs(t *testing.T) {
	conv := func(suffix string) func(string) string {
		return func(id string) string { return "/conversations/" + id + suffix }
	}
	cvtCheckIDs(t, []cvtIDCase{
		{name: "Get", path: conv(""), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Get(ctx, id, nil)
			return err
		}},
		{name: "Update", path: conv(""), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Update(ctx, id, nil, gen.UpdateConversationRequest{})
			return err
		}},
		{name: "Delete", path: conv(""), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Delete(ctx, id)
			return err
		}},
		{name: "Reply", path: conv("/reply"), call: func(ctx context.Context, c *Client, id string) error {
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
		{name: "ReplyAsContact", path: conv("/reply"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.ReplyAsContact(ctx, id, "1", "x")
			return err
		}},
		{name: "ReplyAsContact/contact id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.ReplyAsContact(ctx, "1", id, "x")
			return err
		}},
		{name: "Close", path: conv("/parts"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Close(ctx, id, "1", "")
			return err
		}},
		{name: "Close/admin id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Close(ctx, "1", id, "")
			return err
		}},
		{name: "Open", path: conv("/parts"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Open(ctx, id, "1")
			return err
		}},
		{name: "Open/admin id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Open(ctx, "1", id)
			return err
		}},
		{name: "Snooze", path: conv("/parts"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Snooze(ctx, id, "1", coreNow)
			return err
		}},
		{name: "Snooze/admin id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Snooze(ctx, "1", id, coreNow)
			return err
		}},
		{name: "Assign", path: conv("/parts"), call: func(ctx context.Context, c *Client, id string) error {
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
		{name: "AttachContact", path: conv("/customers"), call: func(ctx context.Context, c *Client, id string) error {
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
		{name: "DetachContact", path: conv("/customers/c1"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.DetachContact(ctx, id, "c1", "2")
			return err
		}},
		{name: "DetachContact/contact id", path: func(id string) string { return "/conversations/1/customers/" + id }, call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.DetachContact(ctx, "1", id, "2")
			return err
		}},
		{name: "DetachContact/admin id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.DetachContact(ctx, "1", "2", id)
			return err
		}},
		{name: "Tag", path: conv("/tags"), call: func(ctx context.Context, c *Client, id string) error {
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
		{name: "Untag", path: conv("/tags/5"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Untag(ctx, id, "5", "2")
			return err
		}},
		{name: "Untag/tag id", path: func(id string) string { return "/conversations/1/tags/" + id }, call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Untag(ctx, "1", id, "2")
			return err
		}},
		{name: "Untag/admin id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Untag(ctx, "1", "5", id)
			return err
		}},
		{name: "ListHandlingEvents", path: conv("/handling_events"), call: func(ctx context.Context, c *Client, id string) error {
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
		{name: "Convert", path: conv("/convert"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Conversations.Convert(ctx, id, gen.ConvertConversationToTicketRequest{TicketTypeId: "1"})
			return err
		}},
	})
}

func TestConversationsListAll(t *testing.T) {
	cvtRunPager(t, cvtPager{
		name: "ListAll", method: "GET", path: "/conversations",
		start: cvtCursorStart,
		page: func(ids []string, start, end, per int) string {
			return cvtJSON(map[string]any{
				"type": "conversation.list", "total_count": len(ids),
				"conversations": cvtObjects(ids[start:end], "conversation"),
				"pages":         cvtCursorPages(end, len(ids), per),
			})
		},
		all: func(ctx context.Context, c *Client, per int) iter.Seq2[string, error] {
			return cvtIDsOf(c.Conversations.ListAll(ctx, &gen.ListConversationsParams{PerPage: &per}),
				func(v gen.ConversationListItem) *string { return v.Id })
		},
	})
}

func TestConversationsSearchAll(t *testing.T) {
	cvtRunPager(t, cvtPager{
		name: "SearchAll", method: "POST", path: "/conversations/search",
		start: cvtSearchStart(cvtOpenQuery),
		page: func(ids []string, start, end, per int) string {
			return cvtJSON(map[string]any{
				"type": "conversation.list", "total_count": len(ids),
				"conversations": cvtObjects(ids[start:end], "conversation"),
				"pages":         cvtCursorPages(end, len(ids), per),
			})
		},
		all: func(ctx context.Context, c *Client, per int) iter.Seq2[string, error] {
			return cvtIDsOf(c.Conversations.SearchAll(ctx, cvtSearchRequest(t, per)),
				func(v gen.ConversationListItem) *string { return v.Id })
		},
	})
}

// TestConversationsListAllKeepsParams checks that the caller's params are
// copied, not written, and that a starting cursor of the caller is used for
// the first page only.
func TestConversationsListAllKeepsParams(t *testing.T) {
	rec := &cvtRecorder{}
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		seen := rec.add(t, r)
		if seen.path == "/conversations/search" {
			coreJSON(w, http.StatusOK, `{"conversations":[{"id":"1"}],"pages":{"next":{"starting_after":"cur-1"}}}`)
			return
		}
		q, _ := url.ParseQuery(seen.rawQuery)
		switch q.Get("starting_after") {
		case "start":
			coreJSON(w, http.StatusOK, `{"conversations":[{"id":"1"}],"pages":{"next":{"starting_after":"cur-1"}}}`)
		case "cur-1":
			coreJSON(w, http.StatusOK, `{"conversations":[{"id":"2"}],"pages":{}}`)
		default:
			t.Errorf("unexpected query %q", seen.rawQuery)
			coreJSON(w, http.StatusNotFound, `{}`)
		}
	})
	c, _ := coreClient(t, srv.URL)
	params := &gen.ListConversationsParams{StartingAfter: Ptr("start")}
	var got []string
	for id, err := range cvtIDsOf(c.Conversations.ListAll(context.Background(), params), func(v gen.ConversationListItem) *string { return v.Id }) {
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
	before := cvtJSON(req)
	for range c.Conversations.SearchAll(context.Background(), req) {
		break
	}
	if after := cvtJSON(req); after != before {
		t.Errorf("search request changed: %s, was %s", after, before)
	}
}
