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
	"sync/atomic"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

// This file holds the test harness shared by the tests of the contacts,
// companies, notes, tags, segments, subscription types, data attributes,
// data events, visitors, custom objects, admins, teams, away status reasons,
// brands, emails and IP allowlist services (prefix crm), then the contacts
// tests.

// crmRequest is what a crm test server saw of one request.
type crmRequest struct {
	method, path, rawQuery, contentType, version string
	body                                         []byte
}

// crmCase is one service call and the exchange it must produce.
type crmCase struct {
	name string
	// call makes the service call; crmRes wraps its typed result.
	call func(ctx context.Context, c *Client) (any, error)
	// method, path (escaped) and query (exact; nil means none) of the request.
	method, path string
	query        url.Values
	// body is the JSON body the request must carry ("" = no body).
	body string
	// status (default 200) and resp are the server's answer.
	status int
	resp   string
	// check, when set, replaces the default check of the result: that it
	// encodes back to resp (the decoded result is the response).
	check func(t *testing.T, got any)
}

// crmRes adapts a typed service result to crmCase.call.
func crmRes[T any](v *T, err error) (any, error) {
	if v == nil {
		return nil, err
	}
	return v, err
}

// crmNoRes adapts a service call that returns only an error.
func crmNoRes(err error) (any, error) { return nil, err }

// crmServer starts a server recording every request and answering with
// handle (status 200 and "{}" when handle is nil).
func crmServer(t *testing.T, handle func(w http.ResponseWriter, r *http.Request, body []byte)) (*Client, func() []crmRequest) {
	t.Helper()
	var (
		mu   sync.Mutex
		seen []crmRequest
	)
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("reading request body: %v", err)
		}
		mu.Lock()
		seen = append(seen, crmRequest{
			method: r.Method, path: r.URL.EscapedPath(), rawQuery: r.URL.RawQuery,
			contentType: r.Header.Get("Content-Type"), version: r.Header.Get("Intercom-Version"), body: body,
		})
		mu.Unlock()
		if handle == nil {
			coreJSON(w, http.StatusOK, `{}`)
			return
		}
		handle(w, r, body)
	})
	c, _ := coreClient(t, srv.URL)
	return c, func() []crmRequest {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(seen)
	}
}

// crmRun runs each case against its own server and checks the one request
// it must send and the result it must return.
func crmRun(t *testing.T, cases []crmCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status := tc.status
			if status == 0 {
				status = http.StatusOK
			}
			c, seen := crmServer(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
				coreJSON(w, status, tc.resp)
			})
			got, err := tc.call(context.Background(), c)
			if err != nil {
				t.Fatalf("call: %v", err)
			}
			reqs := seen()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.method != tc.method || r.path != tc.path {
				t.Errorf("request %s %s, want %s %s", r.method, r.path, tc.method, tc.path)
			}
			gotQuery, err := url.ParseQuery(r.rawQuery)
			if err != nil {
				t.Fatalf("query %q: %v", r.rawQuery, err)
			}
			if len(gotQuery) == 0 {
				gotQuery = nil
			}
			if !reflect.DeepEqual(gotQuery, tc.query) {
				t.Errorf("query %v, want %v", gotQuery, tc.query)
			}
			switch {
			case tc.body == "" && len(r.body) != 0:
				t.Errorf("unexpected body %s", r.body)
			case tc.body != "":
				crmSameJSON(t, "request body", r.body, []byte(tc.body))
				if r.contentType != "application/json" {
					t.Errorf("Content-Type %q, want application/json", r.contentType)
				}
			}
			if r.version != gen.APIVersion {
				t.Errorf("Intercom-Version %q, want %q", r.version, gen.APIVersion)
			}
			switch {
			case tc.check != nil:
				tc.check(t, got)
			case tc.resp == "" || tc.resp == "{}":
				// Nothing decoded to compare.
			default:
				if got == nil {
					t.Fatal("nil result")
				}
				enc, err := json.Marshal(got)
				if err != nil {
					t.Fatalf("encoding the result: %v", err)
				}
				crmSameJSON(t, "decoded result", enc, []byte(tc.resp))
			}
		})
	}
}

// crmSameJSON fails unless got and want are the same JSON value.
func crmSameJSON(t *testing.T, what string, got, want []byte) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s %s: %v", what, got, err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("expected %s %s: %v", what, want, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %s\nwant %s", what, got, want)
	}
}

// crmIDCase is a method with a path id, for the id checks of crmRunIDs.
type crmIDCase struct {
	name string
	// route is the escaped path with %s where the id goes.
	route string
	call  func(ctx context.Context, c *Client, id string) error
}

// crmRunIDs checks that ids are path-escaped into the right route, and that
// "", ".", ".." and ids with control characters are refused with
// ErrInvalidID before any request.
func crmRunIDs(t *testing.T, cases []crmIDCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, seen := crmServer(t, nil)
			for _, id := range []string{"", ".", "..", "a\nb", "\x00", "a\x7fb"} {
				err := tc.call(context.Background(), c, id)
				if !errors.Is(err, ErrInvalidID) {
					t.Errorf("id %q: error %v, want ErrInvalidID", id, err)
				}
			}
			if n := len(seen()); n != 0 {
				t.Fatalf("%d requests sent for invalid ids", n)
			}
			for id, escaped := range map[string]string{
				"a/b":        "a%2Fb",
				"../admins":  "..%2Fadmins",
				"x?y#z":      "x%3Fy%23z",
				"5f1a 2b":    "5f1a%202b",
				"plain-id_9": "plain-id_9",
			} {
				before := len(seen())
				if err := tc.call(context.Background(), c, id); err != nil {
					t.Errorf("id %q: %v", id, err)
					continue
				}
				reqs := seen()
				if len(reqs) != before+1 {
					t.Fatalf("id %q: %d requests, want 1", id, len(reqs)-before)
				}
				if want := fmt.Sprintf(tc.route, escaped); reqs[before].path != want {
					t.Errorf("id %q: path %s, want %s", id, reqs[before].path, want)
				}
			}
		})
	}
}

// crmRejectCase is a call with invalid arguments that must fail before
// sending anything.
type crmRejectCase struct {
	name string
	call func(ctx context.Context, c *Client) error
	// is, when set, is an error the result must wrap.
	is error
}

func crmRunRejects(t *testing.T, cases []crmRejectCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, seen := crmServer(t, nil)
			err := tc.call(context.Background(), c)
			if err == nil {
				t.Fatal("no error")
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v does not wrap %v", err, tc.is)
			}
			if strings.Contains(err.Error(), coreToken) {
				t.Error("error shows the token")
			}
			if n := len(seen()); n != 0 {
				t.Fatalf("%d requests sent", n)
			}
		})
	}
}

// crmIterCase is an ...All iterator over a fake listing in one pagination
// style.
type crmIterCase struct {
	name  string
	style string // "cursor", "search", "page", "url" or "scroll"
	// method and path of every request (the next-URL pages too).
	method, path string
	// key is the JSON key of the items in a page; idKey the key of their id.
	key, idKey string
	// keep is query that must be on every request.
	keep url.Values
	// seq returns the iterator, asking for per items per page when the
	// endpoint takes a page size, and the ids of the items it yields.
	seq func(ctx context.Context, c *Client, per int) iter.Seq2[string, error]
}

// crmIDs turns an iterator of generated items into one of their ids.
func crmIDs[T any](seq iter.Seq2[T, error], id func(T) *string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for v, err := range seq {
			if !yield(valueOr(id(v)), err) {
				return
			}
		}
	}
}

// crmPager serves n items in tc's pagination style, per items per page.
type crmPager struct {
	t      *testing.T
	tc     crmIterCase
	n, per int
	calls  atomic.Int32
}

func (p *crmPager) page(start int) (string, int) {
	end := min(start+p.per, p.n)
	start = min(start, end)
	var b strings.Builder
	b.WriteByte('[')
	for i := start; i < end; i++ {
		if i > start {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{%q:"item-%d"}`, p.tc.idKey, i)
	}
	b.WriteByte(']')
	return b.String(), end
}

func (p *crmPager) handle(w http.ResponseWriter, r *http.Request, body []byte) {
	t, tc := p.t, p.tc
	p.calls.Add(1)
	if r.Method != tc.method || r.URL.EscapedPath() != tc.path {
		t.Errorf("request %s %s, want %s %s", r.Method, r.URL.EscapedPath(), tc.method, tc.path)
	}
	q := r.URL.Query()
	for k, v := range tc.keep {
		if !slices.Equal(q[k], v) {
			t.Errorf("request %s: %s=%q, want %q", r.URL, k, q[k], v)
		}
	}
	atoi := func(s string, def int) int {
		if s == "" {
			return def
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Errorf("request %s: bad number %q", r.URL, s)
		}
		return n
	}
	checkPer := func(got int) {
		if got != p.per {
			t.Errorf("request %s: per_page %d, want %d", r.URL, got, p.per)
		}
	}
	var resp string
	switch tc.style {
	case "cursor", "search":
		start := 0
		var cursor string
		if tc.style == "cursor" {
			checkPer(atoi(q.Get("per_page"), -1))
			cursor = q.Get("starting_after")
		} else {
			var req struct {
				Pagination *struct {
					PerPage       *int    `json:"per_page"`
					StartingAfter *string `json:"starting_after"`
				} `json:"pagination"`
				Query json.RawMessage `json:"query"`
			}
			if err := json.Unmarshal(body, &req); err != nil {
				t.Errorf("search body %s: %v", body, err)
			}
			if len(req.Query) == 0 || string(req.Query) == "null" {
				t.Errorf("search body %s has no query", body)
			}
			if req.Pagination == nil || req.Pagination.PerPage == nil {
				t.Errorf("search body %s: no per_page", body)
			} else {
				checkPer(*req.Pagination.PerPage)
			}
			if req.Pagination != nil && req.Pagination.StartingAfter != nil {
				cursor = *req.Pagination.StartingAfter
			}
		}
		if cursor != "" {
			start = atoi(strings.TrimPrefix(cursor, "cur-"), 0)
		}
		data, end := p.page(start)
		pages := `{"type":"pages"}`
		if end < p.n {
			pages = fmt.Sprintf(`{"type":"pages","next":{"starting_after":"cur-%d"}}`, end)
		}
		resp = fmt.Sprintf(`{"type":"list",%q:%s,"pages":%s}`, tc.key, data, pages)
	case "page":
		checkPer(atoi(q.Get("per_page"), -1))
		page := atoi(q.Get("page"), 1)
		data, _ := p.page((page - 1) * p.per)
		total := (p.n + p.per - 1) / p.per
		resp = fmt.Sprintf(`{"type":"list",%q:%s,"pages":{"type":"pages","page":%d,"per_page":%d,"total_pages":%d}}`,
			tc.key, data, page, p.per, total)
	case "url":
		start := atoi(q.Get("offset"), 0)
		if q.Has("offset") == (p.calls.Load() == 1) {
			t.Errorf("request %d: %s: only next-page links carry offset", p.calls.Load(), r.URL)
		}
		data, end := p.page(start)
		pages := `{"type":"pages"}`
		if end < p.n {
			next := url.Values{}
			for k, v := range tc.keep {
				next[k] = v
			}
			next.Set("offset", strconv.Itoa(end))
			// A link on Intercom's own host, as the API sends it: the client
			// must follow it on its own base URL.
			pages = fmt.Sprintf(`{"type":"pages","next":%q}`, "https://api.intercom.io"+tc.path+"?"+next.Encode())
		}
		resp = fmt.Sprintf(`{"type":"list",%q:%s,"pages":%s}`, tc.key, data, pages)
	case "scroll":
		param := q.Get("scroll_param")
		start := 0
		if param != "" {
			start = atoi(strings.TrimPrefix(param, "scroll-"), 0)
		}
		data, end := p.page(start)
		resp = fmt.Sprintf(`{"type":"list",%q:%s,"scroll_param":"scroll-%d"}`, tc.key, data, end)
	default:
		t.Fatalf("unknown style %q", tc.style)
	}
	coreJSON(w, http.StatusOK, resp)
}

// crmRunIters checks each iterator over listings of 0, 1, one full page and
// several pages: every item once, in order, with the expected number of
// requests; and that breaking early sends no further request.
func crmRunIters(t *testing.T, cases []crmIterCase) {
	t.Helper()
	const per = 3
	for _, tc := range cases {
		for _, n := range []int{0, 1, per, 3*per + 1} {
			t.Run(fmt.Sprintf("%s/n=%d", tc.name, n), func(t *testing.T) {
				p := &crmPager{t: t, tc: tc, n: n, per: per}
				c, _ := crmServer(t, p.handle)
				var got []string
				for id, err := range tc.seq(context.Background(), c, per) {
					if err != nil {
						t.Fatalf("after %d items: %v", len(got), err)
					}
					got = append(got, id)
				}
				want := make([]string, n)
				for i := range want {
					want[i] = "item-" + strconv.Itoa(i)
				}
				if !slices.Equal(got, want) {
					t.Fatalf("items %v, want %v", got, want)
				}
				wantCalls := max(1, (n+per-1)/per)
				if tc.style == "scroll" {
					wantCalls = (n+per-1)/per + 1 // the empty page ends a scroll
				}
				if calls := int(p.calls.Load()); calls != wantCalls {
					t.Errorf("%d requests, want %d", calls, wantCalls)
				}
			})
		}
		t.Run(tc.name+"/break", func(t *testing.T) {
			p := &crmPager{t: t, tc: tc, n: 3 * per, per: per}
			c, _ := crmServer(t, p.handle)
			for id, err := range tc.seq(context.Background(), c, per) {
				if err != nil || id != "item-0" {
					t.Fatalf("first item %q, %v", id, err)
				}
				break
			}
			if calls := p.calls.Load(); calls != 1 {
				t.Errorf("%d requests after breaking on the first item, want 1", calls)
			}
		})
	}
}

// crmContactJSON is a contact as the single-contact endpoints return it.
const crmContactJSON = `{"type":"contact","id":"6762f0d51bb69f9f2193bb7f","workspace_id":"ws1","external_id":"ext-1",` +
	`"role":"user","email":"joe@example.com","name":"Joe","owner_id":12,"enabled_push_messaging":true,` +
	`"custom_attributes":{"plan":"pro","seats":3,"beta":true},"created_at":1734537429,` +
	`"avatar":{"type":"avatar","image_url":"https://example.org/joe.png"}}`

func TestContactsCalls(t *testing.T) {
	searchReq, err := SearchQuery{Filter: Field("email").Equals("joe@example.com"), PerPage: 5}.Build()
	if err != nil {
		t.Fatal(err)
	}
	crmRun(t, []crmCase{
		{
			name: "Get",
			call: func(ctx context.Context, c *Client) (any, error) {
				return crmRes(c.Contacts.Get(ctx, "6762f0d51bb69f9f2193bb7f"))
			},
			method: "GET", path: "/contacts/6762f0d51bb69f9f2193bb7f", resp: crmContactJSON,
			check: func(t *testing.T, got any) {
				c := got.(*gen.ContactWithPush)
				if valueOr(c.Id) != "6762f0d51bb69f9f2193bb7f" || !valueOr(c.EnabledPushMessaging) ||
					valueOr(c.Avatar).ImageUrl == nil || (*c.CustomAttributes)["seats"] != 3.0 {
					t.Errorf("decoded %+v", c)
				}
				enc, _ := json.Marshal(c)
				crmSameJSON(t, "contact", enc, []byte(crmContactJSON))
			},
		},
		{
			name: "GetByExternalID",
			call: func(ctx context.Context, c *Client) (any, error) {
				return crmRes(c.Contacts.GetByExternalID(ctx, "ext-1"))
			},
			method: "GET", path: "/contacts/find_by_external_id/ext-1", resp: crmContactJSON,
		},
		{
			name: "List",
			call: func(ctx context.Context, c *Client) (any, error) {
				return crmRes(c.Contacts.List(ctx, &gen.ListContactsParams{PerPage: Ptr(2), StartingAfter: Ptr("cur-9")}))
			},
			method: "GET", path: "/contacts", query: url.Values{"per_page": {"2"}, "starting_after": {"cur-9"}},
			resp: `{"type":"list","data":[{"type":"contact","id":"c1"},{"type":"contact","id":"c2"}],"total_count":5,` +
				`"pages":{"type":"pages","page":1,"per_page":2,"total_pages":3,"next":{"per_page":2,"starting_after":"cur-11"}}}`,
		},
		{
			name: "List/nil params",
			call: func(ctx context.Context, c *Client) (any, error) {
				return crmRes(c.Contacts.List(ctx, nil))
			},
			method: "GET", path: "/contacts", resp: `{"type":"list","data":[],"total_count":0}`,
		},
		{
			name: "Create",
			call: func(ctx context.Context, c *Client) (any, error) {
				return crmRes(c.Contacts.Create(ctx, gen.CreateContactRequest{
					Role: Ptr("user"), Email: Ptr("joe@example.com"), ExternalId: Ptr("ext-1"),
					CustomAttributes: &map[string]any{"seats": 3},
				}))
			},
			method: "POST", path: "/contacts",
			body: `{"role":"user","email":"joe@example.com","external_id":"ext-1","custom_attributes":{"seats":3}}`,
			resp: crmContactJSON,
		},
		{
			name: "Update",
			call: func(ctx context.Context, c *Client) (any, error) {
				return crmRes(c.Contacts.Update(ctx, "c1", gen.UpdateContactRequest{Name: Ptr("Joe B"), UnsubscribedFromEmails: Ptr(true)}))
			},
			method: "PUT", path: "/contacts/c1",
			body: `{"name":"Joe B","unsubscribed_from_emails":true}`, resp: crmContactJSON,
		},
		{
			name: "Delete",
			call: func(ctx context.Context, c *Client) (any, error) {
				return crmRes(c.Contacts.Delete(ctx, "c1"))
			},
			method: "DELETE", path: "/contacts/c1",
			resp: `{"type":"contact","id":"c1","external_id":"ext-1","deleted":true}`,
		},
		{
			name: "Merge",
			call: func(ctx context.Context, c *Client) (any, error) {
				return crmRes(c.Contacts.Merge(ctx, "lead1", "user1"))
			},
			method: "POST", path: "/contacts/merge",
			body: `{"from":"lead1","into":"user1"}`, resp: crmContactJSON,
		},
		{
			name: "Search",
			call: func(ctx context.Context, c *Client) (any, error) {
				return crmRes(c.Contacts.Search(ctx, searchReq))
			},
			method: "POST", path: "/contacts/search",
			body: `{"query":{"field":"email","operator":"=","value":"joe@example.com"},"pagination":{"per_page":5}}`,
			resp: `{"type":"list","data":[{"type":"contact","id":"c1","email":"joe@example.com"}],"total_count":1,` +
				`"pages":{"type":"pages","page":1,"per_page":5,"total_pages":1}}`,
		},
		{
			name:   "Archive",
			call:   func(ctx context.Context, c *Client) (any, error) { return crmRes(c.Contacts.Archive(ctx, "c1")) },
			method: "POST", path: "/contacts/c1/archive",
			resp: `{"type":"contact","id":"c1","external_id":"ext-1","archived":true}`,
		},
		{
			name:   "Unarchive",
			call:   func(ctx context.Context, c *Client) (any, error) { return crmRes(c.Contacts.Unarchive(ctx, "c1")) },
			method: "POST", path: "/contacts/c1/unarchive",
			resp: `{"type":"contact","id":"c1","external_id":"ext-1","archived":false}`,
		},
		{
			name:   "Block",
			call:   func(ctx context.Context, c *Client) (any, error) { return crmRes(c.Contacts.Block(ctx, "c1")) },
			method: "POST", path: "/contacts/c1/block",
			resp: `{"type":"contact","id":"c1","external_id":"ext-1","blocked":true}`,
		},
		{
			name: "ListCompanies",
			call: func(ctx context.Context, c *Client) (any, error) {
				return crmRes(c.Contacts.ListCompanies(ctx, "c1", &gen.ListCompaniesForAContactParams{PerPage: Ptr(10)}))
			},
			method: "GET", path: "/contacts/c1/companies", query: url.Values{"per_page": {"10"}},
			resp: `{"type":"list","companies":[{"type":"company","id":"co1","name":"Acme"}],"total_count":1,` +
				`"pages":{"type":"pages","page":1,"per_page":10,"total_pages":1}}`,
		},
		{
			name: "AttachCompany",
			call: func(ctx context.Context, c *Client) (any, error) {
				return crmRes(c.Contacts.AttachCompany(ctx, "c1", "co1"))
			},
			method: "POST", path: "/contacts/c1/companies", body: `{"id":"co1"}`,
			resp: `{"type":"company","id":"co1","company_id":"acme","name":"Acme","user_count":1}`,
		},
		{
			name: "DetachCompany",
			call: func(ctx context.Context, c *Client) (any, error) {
				return crmRes(c.Contacts.DetachCompany(ctx, "c1", "co1"))
			},
			method: "DELETE", path: "/contacts/c1/companies/co1",
			resp: `{"type":"company","id":"co1","company_id":"acme","name":"Acme","user_count":0}`,
		},
		{
			name:   "ListSegments",
			call:   func(ctx context.Context, c *Client) (any, error) { return crmRes(c.Contacts.ListSegments(ctx, "c1")) },
			method: "GET", path: "/contacts/c1/segments",
			resp: `{"type":"list","data":[{"type":"segment","id":"s1","name":"Active","person_type":"user"}]}`,
		},
		{
			name: "ListSubscriptions",
			call: func(ctx context.Context, c *Client) (any, error) {
				return crmRes(c.Contacts.ListSubscriptions(ctx, "c1"))
			},
			method: "GET", path: "/contacts/c1/subscriptions",
			resp: `{"type":"list","data":[{"type":"subscription","id":"37846","state":"live","consent_type":"opt_in"}]}`,
		},
		{
			name: "Subscribe",
			call: func(ctx context.Context, c *Client) (any, error) {
				return crmRes(c.Contacts.Subscribe(ctx, "c1", "37846", ConsentOptIn))
			},
			method: "POST", path: "/contacts/c1/subscriptions", body: `{"id":"37846","consent_type":"opt_in"}`,
			resp: `{"type":"subscription","id":"37846","state":"live","consent_type":"opt_in"}`,
		},
		{
			name: "Unsubscribe",
			call: func(ctx context.Context, c *Client) (any, error) {
				return crmRes(c.Contacts.Unsubscribe(ctx, "c1", "37846"))
			},
			method: "DELETE", path: "/contacts/c1/subscriptions/37846",
			resp: `{"type":"subscription","id":"37846","state":"live","consent_type":"opt_in"}`,
		},
		{
			name:   "ListTags",
			call:   func(ctx context.Context, c *Client) (any, error) { return crmRes(c.Contacts.ListTags(ctx, "c1")) },
			method: "GET", path: "/contacts/c1/tags",
			resp: `{"type":"list","data":[{"type":"tag","id":"t1","name":"vip"}]}`,
		},
		{
			name:   "Tag",
			call:   func(ctx context.Context, c *Client) (any, error) { return crmRes(c.Contacts.Tag(ctx, "c1", "t1")) },
			method: "POST", path: "/contacts/c1/tags", body: `{"id":"t1"}`,
			resp: `{"type":"tag","id":"t1","name":"vip"}`,
		},
		{
			name:   "Untag",
			call:   func(ctx context.Context, c *Client) (any, error) { return crmRes(c.Contacts.Untag(ctx, "c1", "t1")) },
			method: "DELETE", path: "/contacts/c1/tags/t1",
			resp: `{"type":"tag","id":"t1","name":"vip"}`,
		},
		{
			name: "AddNote",
			call: func(ctx context.Context, c *Client) (any, error) {
				return crmRes(c.Contacts.AddNote(ctx, "c1", "991267460", "Called about renewal"))
			},
			method: "POST", path: "/contacts/c1/notes", body: `{"admin_id":"991267460","body":"Called about renewal"}`,
			resp: `{"type":"note","id":"34","created_at":1734537429,"body":"<p>Called about renewal</p>"}`,
		},
		{
			name: "AddNote/no admin",
			call: func(ctx context.Context, c *Client) (any, error) {
				return crmRes(c.Contacts.AddNote(ctx, "c1", "", "Hello"))
			},
			method: "POST", path: "/contacts/c1/notes", body: `{"body":"Hello"}`,
			resp: `{"type":"note","id":"35","body":"<p>Hello</p>"}`,
		},
		{
			name: "ListNotes",
			call: func(ctx context.Context, c *Client) (any, error) {
				return crmRes(c.Contacts.ListNotes(ctx, "c1", &gen.ListNotesParams{Page: Ptr(2), PerPage: Ptr(5)}))
			},
			method: "GET", path: "/contacts/c1/notes", query: url.Values{"page": {"2"}, "per_page": {"5"}},
			resp: `{"type":"list","data":[{"type":"note","id":"34","body":"<p>x</p>"}],"total_count":6,` +
				`"pages":{"type":"pages","page":2,"per_page":5,"total_pages":2}}`,
		},
	})
}

func TestContactsIDs(t *testing.T) {
	crmRunIDs(t, []crmIDCase{
		{"Get", "/contacts/%s", func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Get(ctx, id)
			return err
		}},
		{"GetByExternalID", "/contacts/find_by_external_id/%s", func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.GetByExternalID(ctx, id)
			return err
		}},
		{"Update", "/contacts/%s", func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Update(ctx, id, gen.UpdateContactRequest{})
			return err
		}},
		{"Delete", "/contacts/%s", func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Delete(ctx, id)
			return err
		}},
		{"Archive", "/contacts/%s/archive", func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Archive(ctx, id)
			return err
		}},
		{"Unarchive", "/contacts/%s/unarchive", func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Unarchive(ctx, id)
			return err
		}},
		{"Block", "/contacts/%s/block", func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Block(ctx, id)
			return err
		}},
		{"ListCompanies", "/contacts/%s/companies", func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.ListCompanies(ctx, id, nil)
			return err
		}},
		{"ListCompaniesAll", "/contacts/%s/companies", func(ctx context.Context, c *Client, id string) error {
			for _, err := range c.Contacts.ListCompaniesAll(ctx, id, nil) {
				return err
			}
			return nil
		}},
		{"AttachCompany/contact", "/contacts/%s/companies", func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.AttachCompany(ctx, id, "co1")
			return err
		}},
		{"DetachCompany/contact", "/contacts/%s/companies/co1", func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.DetachCompany(ctx, id, "co1")
			return err
		}},
		{"DetachCompany/company", "/contacts/c1/companies/%s", func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.DetachCompany(ctx, "c1", id)
			return err
		}},
		{"ListSegments", "/contacts/%s/segments", func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.ListSegments(ctx, id)
			return err
		}},
		{"ListSubscriptions", "/contacts/%s/subscriptions", func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.ListSubscriptions(ctx, id)
			return err
		}},
		{"Subscribe", "/contacts/%s/subscriptions", func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Subscribe(ctx, id, "1", ConsentOptOut)
			return err
		}},
		{"Unsubscribe/contact", "/contacts/%s/subscriptions/1", func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Unsubscribe(ctx, id, "1")
			return err
		}},
		{"Unsubscribe/subscription", "/contacts/c1/subscriptions/%s", func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Unsubscribe(ctx, "c1", id)
			return err
		}},
		{"ListTags", "/contacts/%s/tags", func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.ListTags(ctx, id)
			return err
		}},
		{"Tag", "/contacts/%s/tags", func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Tag(ctx, id, "t1")
			return err
		}},
		{"Untag/contact", "/contacts/%s/tags/t1", func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Untag(ctx, id, "t1")
			return err
		}},
		{"Untag/tag", "/contacts/c1/tags/%s", func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Untag(ctx, "c1", id)
			return err
		}},
		{"AddNote", "/contacts/%s/notes", func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.AddNote(ctx, id, "", "x")
			return err
		}},
		{"ListNotes", "/contacts/%s/notes", func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.ListNotes(ctx, id, nil)
			return err
		}},
		{"ListNotesAll", "/contacts/%s/notes", func(ctx context.Context, c *Client, id string) error {
			for _, err := range c.Contacts.ListNotesAll(ctx, id, nil) {
				return err
			}
			return nil
		}},
	})
}

func TestContactsRejects(t *testing.T) {
	crmRunRejects(t, []crmRejectCase{
		{"Merge/empty from", func(ctx context.Context, c *Client) error {
			_, err := c.Contacts.Merge(ctx, "", "u1")
			return err
		}, ErrInvalidID},
		{"Merge/empty into", func(ctx context.Context, c *Client) error {
			_, err := c.Contacts.Merge(ctx, "l1", "")
			return err
		}, ErrInvalidID},
		{"Merge/into itself", func(ctx context.Context, c *Client) error {
			_, err := c.Contacts.Merge(ctx, "c1", "c1")
			return err
		}, nil},
		{"AttachCompany/empty company", func(ctx context.Context, c *Client) error {
			_, err := c.Contacts.AttachCompany(ctx, "c1", "")
			return err
		}, ErrInvalidID},
		{"Tag/empty tag", func(ctx context.Context, c *Client) error {
			_, err := c.Contacts.Tag(ctx, "c1", "..")
			return err
		}, ErrInvalidID},
		{"Subscribe/empty subscription", func(ctx context.Context, c *Client) error {
			_, err := c.Contacts.Subscribe(ctx, "c1", "", ConsentOptIn)
			return err
		}, ErrInvalidID},
		{"Subscribe/bad consent", func(ctx context.Context, c *Client) error {
			_, err := c.Contacts.Subscribe(ctx, "c1", "1", "opt-in")
			return err
		}, nil},
		{"Subscribe/empty consent", func(ctx context.Context, c *Client) error {
			_, err := c.Contacts.Subscribe(ctx, "c1", "1", "")
			return err
		}, nil},
		{"AddNote/empty body", func(ctx context.Context, c *Client) error {
			_, err := c.Contacts.AddNote(ctx, "c1", "1", "")
			return err
		}, nil},
	})
}

func TestContactsIterators(t *testing.T) {
	contactID := func(v gen.Contact) *string { return v.Id }
	companyID := func(v gen.Company) *string { return v.Id }
	noteID := func(v gen.Note) *string { return v.Id }
	crmRunIters(t, []crmIterCase{
		{
			name: "ListAll", style: "cursor", method: "GET", path: "/contacts", key: "data", idKey: "id",
			seq: func(ctx context.Context, c *Client, per int) iter.Seq2[string, error] {
				return crmIDs(c.Contacts.ListAll(ctx, &gen.ListContactsParams{PerPage: Ptr(per)}), contactID)
			},
		},
		{
			name: "SearchAll", style: "search", method: "POST", path: "/contacts/search", key: "data", idKey: "id",
			seq: func(ctx context.Context, c *Client, per int) iter.Seq2[string, error] {
				req, err := SearchQuery{Filter: Field("role").Equals("user"), PerPage: per}.Build()
				if err != nil {
					return errSeq[string](err)
				}
				return crmIDs(c.Contacts.SearchAll(ctx, req), contactID)
			},
		},
		{
			name: "ListCompaniesAll", style: "url", method: "GET", path: "/contacts/c%2F1/companies",
			key: "companies", idKey: "id", keep: url.Values{"per_page": {"3"}},
			seq: func(ctx context.Context, c *Client, per int) iter.Seq2[string, error] {
				return crmIDs(c.Contacts.ListCompaniesAll(ctx, "c/1", &gen.ListCompaniesForAContactParams{PerPage: Ptr(per)}), companyID)
			},
		},
		{
			name: "ListNotesAll", style: "page", method: "GET", path: "/contacts/c1/notes", key: "data", idKey: "id",
			seq: func(ctx context.Context, c *Client, per int) iter.Seq2[string, error] {
				return crmIDs(c.Contacts.ListNotesAll(ctx, "c1", &gen.ListNotesParams{PerPage: Ptr(per)}), noteID)
			},
		},
	})
}

// The iterators copy their params: the caller's struct is never changed,
// even while pages advance.
func TestContactsIteratorsKeepParams(t *testing.T) {
	p := &crmPager{t: t, tc: crmIterCase{style: "cursor", method: "GET", path: "/contacts", key: "data", idKey: "id"}, n: 7, per: 2}
	c, _ := crmServer(t, p.handle)
	params := &gen.ListContactsParams{PerPage: Ptr(2)}
	n := 0
	for _, err := range c.Contacts.ListAll(context.Background(), params) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 7 || params.StartingAfter != nil || *params.PerPage != 2 {
		t.Fatalf("%d items; params changed to %+v", n, params)
	}

	req, err := SearchQuery{Filter: Field("role").Equals("lead"), PerPage: 2}.Build()
	if err != nil {
		t.Fatal(err)
	}
	before, _ := json.Marshal(req)
	ps := &crmPager{t: t, tc: crmIterCase{style: "search", method: "POST", path: "/contacts/search", key: "data", idKey: "id"}, n: 5, per: 2}
	cs, _ := crmServer(t, ps.handle)
	n = 0
	for _, err := range cs.Contacts.SearchAll(context.Background(), req) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	after, _ := json.Marshal(req)
	if n != 5 || !bytes.Equal(before, after) {
		t.Fatalf("%d items; request changed from %s to %s", n, before, after)
	}
}

// A next-page link to another host is refused: the token is never sent there.
func TestContactsListCompaniesAllRefusesForeignNextURL(t *testing.T) {
	var calls atomic.Int32
	c, _ := crmServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		calls.Add(1)
		coreJSON(w, http.StatusOK, `{"type":"list","companies":[{"id":"co1"}],"pages":{"next":"https://evil.example.com/contacts/c1/companies?page=2"}}`)
	})
	var got []string
	var errs []error
	for co, err := range c.Contacts.ListCompaniesAll(context.Background(), "c1", nil) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, valueOr(co.Id))
	}
	if !slices.Equal(got, []string{"co1"}) || len(errs) != 1 || calls.Load() != 1 {
		t.Fatalf("items %v, errors %v, %d requests", got, errs, calls.Load())
	}
	if !strings.Contains(errs[0].Error(), "evil.example.com") || strings.Contains(errs[0].Error(), coreToken) {
		t.Errorf("error %q", errs[0])
	}
}

// Call options reach the request, and API errors come back typed.
func TestContactsOptionsAndErrors(t *testing.T) {
	c, seen := crmServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		coreJSON(w, http.StatusNotFound, `{"type":"error.list","request_id":"req-1","errors":[{"code":"not_found","message":"User Not Found"}]}`)
	})
	var resp *http.Response
	_, err := c.Contacts.Get(context.Background(), "c404", WithAPIVersion("2.14"), WithResponseInto(&resp))
	if !IsNotFound(err) {
		t.Fatalf("error %v, want a 404 *Error", err)
	}
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.RequestID != "req-1" {
		t.Errorf("error %#v", err)
	}
	if reqs := seen(); len(reqs) != 1 || reqs[0].version != "2.14" {
		t.Errorf("requests %+v, want one with Intercom-Version 2.14", reqs)
	}
}
