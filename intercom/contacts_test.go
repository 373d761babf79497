package intercom

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

// crmContactJSON is a contact as the single-contact endpoints return it.
const crmContactJSON = `{"type":"contact","id":"6762f0d51bb69f9f2193bb7f","workspace_id":"ws1","external_id":"ext-1",` +
	`"role":"user","email":"joe@example.com","name":"Joe","enabled_push_messaging":true,` +
	`"custom_attributes":{"plan":"pro","seats":3,"beta":true},"created_at":1734537429,` +
	`"avatar":{"type":"avatar","image_url":"https://example.org/joe.png"}}`

func TestContactsCalls(t *testing.T) {
	searchReq, err := SearchQuery{Filter: Field("email").Equals("joe@example.com"), PerPage: 5}.ForContacts()
	if err != nil {
		t.Fatal(err)
	}
	svcRun(t, []svcCase{
		{
			name: "Get",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Contacts.Get(ctx, "6762f0d51bb69f9f2193bb7f"))
			},
			method: "GET", path: "/contacts/6762f0d51bb69f9f2193bb7f", resp: crmContactJSON,
			check: func(t *testing.T, got any) {
				c := got.(*gen.Contact)
				if valueOr(c.Id) != "6762f0d51bb69f9f2193bb7f" || !valueOr(c.EnabledPushMessaging) ||
					c.GetAvatar().GetImageURL() == "" || c.CustomAttributes["seats"] != 3.0 {
					t.Errorf("decoded %+v", c)
				}
				enc, _ := json.Marshal(c)
				sameJSON(t, "contact", enc, []byte(crmContactJSON))
			},
		},
		{
			name: "GetByExternalID",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Contacts.GetByExternalID(ctx, "ext-1"))
			},
			method: "GET", path: "/contacts/find_by_external_id/ext-1", resp: crmContactJSON,
		},
		{
			name: "List",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Contacts.List(ctx, &gen.ListContactsParams{PerPage: Ptr(2), StartingAfter: Ptr("cur-9")}))
			},
			method: "GET", path: "/contacts", query: url.Values{"per_page": {"2"}, "starting_after": {"cur-9"}},
			resp: `{"type":"list","data":[{"type":"contact","id":"c1"},{"type":"contact","id":"c2"}],"total_count":5,` +
				`"pages":{"type":"pages","page":1,"per_page":2,"total_pages":3,"next":{"per_page":2,"starting_after":"cur-11"}}}`,
		},
		{
			name: "List/nil params",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Contacts.List(ctx, nil))
			},
			method: "GET", path: "/contacts", resp: `{"type":"list","data":[],"total_count":0}`,
		},
		{
			name: "Create",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Contacts.Create(ctx, gen.CreateContactRequest{
					Role: Ptr("user"), Email: Ptr("joe@example.com"), ExternalId: Ptr("ext-1"),
					CustomAttributes: map[string]any{"seats": 3},
				}))
			},
			method: "POST", path: "/contacts",
			body: `{"role":"user","email":"joe@example.com","external_id":"ext-1","custom_attributes":{"seats":3}}`,
			resp: crmContactJSON,
		},
		{
			name: "Update",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Contacts.Update(ctx, "c1", gen.UpdateContactRequest{Name: Ptr("Joe B"), UnsubscribedFromEmails: Ptr(true)}))
			},
			method: "PUT", path: "/contacts/c1",
			body: `{"name":"Joe B","unsubscribed_from_emails":true}`, resp: crmContactJSON,
		},
		{
			name: "Delete",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Contacts.Delete(ctx, "c1"))
			},
			method: "DELETE", path: "/contacts/c1",
			resp: `{"type":"contact","id":"c1","external_id":"ext-1","deleted":true}`,
		},
		{
			name: "Merge",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Contacts.Merge(ctx, "lead1", "user1"))
			},
			method: "POST", path: "/contacts/merge",
			body: `{"from":"lead1","into":"user1"}`, resp: crmContactJSON,
		},
		{
			name: "Search",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Contacts.Search(ctx, searchReq))
			},
			method: "POST", path: "/contacts/search",
			body: `{"query":{"field":"email","operator":"=","value":"joe@example.com"},"pagination":{"per_page":5}}`,
			resp: `{"type":"list","data":[{"type":"contact","id":"c1","email":"joe@example.com"}],"total_count":1,` +
				`"pages":{"type":"pages","page":1,"per_page":5,"total_pages":1}}`,
		},
		{
			name:   "Archive",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Contacts.Archive(ctx, "c1")) },
			method: "POST", path: "/contacts/c1/archive",
			resp: `{"type":"contact","id":"c1","external_id":"ext-1","archived":true}`,
		},
		{
			name:   "Unarchive",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Contacts.Unarchive(ctx, "c1")) },
			method: "POST", path: "/contacts/c1/unarchive",
			resp: `{"type":"contact","id":"c1","external_id":"ext-1","archived":false}`,
		},
		{
			name:   "Block",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Contacts.Block(ctx, "c1")) },
			method: "POST", path: "/contacts/c1/block",
			resp: `{"type":"contact","id":"c1","external_id":"ext-1","blocked":true}`,
		},
		{
			name: "ListCompanies",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Contacts.ListCompanies(ctx, "c1", &gen.ListCompaniesForAContactParams{PerPage: Ptr(10)}))
			},
			method: "GET", path: "/contacts/c1/companies", query: url.Values{"per_page": {"10"}},
			resp: `{"type":"list","companies":[{"type":"company","id":"co1","name":"Acme"}],"total_count":1,` +
				`"pages":{"type":"pages","page":1,"per_page":10,"total_pages":1}}`,
		},
		{
			name: "AttachCompany",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Contacts.AttachCompany(ctx, "c1", "co1"))
			},
			method: "POST", path: "/contacts/c1/companies", body: `{"id":"co1"}`,
			resp: `{"type":"company","id":"co1","company_id":"acme","name":"Acme","user_count":1}`,
		},
		{
			name: "DetachCompany",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Contacts.DetachCompany(ctx, "c1", "co1"))
			},
			method: "DELETE", path: "/contacts/c1/companies/co1",
			resp: `{"type":"company","id":"co1","company_id":"acme","name":"Acme","user_count":0}`,
		},
		{
			name:   "ListSegments",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Contacts.ListSegments(ctx, "c1")) },
			method: "GET", path: "/contacts/c1/segments",
			resp: `{"type":"list","data":[{"type":"segment","id":"s1","name":"Active","person_type":"user"}]}`,
		},
		{
			name: "ListSubscriptions",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Contacts.ListSubscriptions(ctx, "c1"))
			},
			method: "GET", path: "/contacts/c1/subscriptions",
			resp: `{"type":"list","data":[{"type":"subscription","id":"37846","state":"live","consent_type":"opt_in"}]}`,
		},
		{
			name: "Subscribe",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Contacts.Subscribe(ctx, "c1", "37846", ConsentOptIn))
			},
			method: "POST", path: "/contacts/c1/subscriptions", body: `{"id":"37846","consent_type":"opt_in"}`,
			resp: `{"type":"subscription","id":"37846","state":"live","consent_type":"opt_in"}`,
		},
		{
			name: "Unsubscribe",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Contacts.Unsubscribe(ctx, "c1", "37846"))
			},
			method: "DELETE", path: "/contacts/c1/subscriptions/37846",
			resp: `{"type":"subscription","id":"37846","state":"live","consent_type":"opt_in"}`,
		},
		{
			name:   "ListTags",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Contacts.ListTags(ctx, "c1")) },
			method: "GET", path: "/contacts/c1/tags",
			resp: `{"type":"list","data":[{"type":"tag","id":"t1","name":"vip"}]}`,
		},
		{
			name:   "Tag",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Contacts.Tag(ctx, "c1", "t1")) },
			method: "POST", path: "/contacts/c1/tags", body: `{"id":"t1"}`,
			resp: `{"type":"tag","id":"t1","name":"vip"}`,
		},
		{
			name:   "Untag",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Contacts.Untag(ctx, "c1", "t1")) },
			method: "DELETE", path: "/contacts/c1/tags/t1",
			resp: `{"type":"tag","id":"t1","name":"vip"}`,
		},
		{
			name: "AddNote",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Contacts.AddNote(ctx, "c1", "991267460", "Called about renewal"))
			},
			method: "POST", path: "/contacts/c1/notes", body: `{"admin_id":"991267460","body":"Called about renewal"}`,
			resp: `{"type":"note","id":"34","created_at":1734537429,"body":"<p>Called about renewal</p>"}`,
		},
		{
			name: "AddNote/no admin",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Contacts.AddNote(ctx, "c1", "", "Hello"))
			},
			method: "POST", path: "/contacts/c1/notes", body: `{"body":"Hello"}`,
			resp: `{"type":"note","id":"35","body":"<p>Hello</p>"}`,
		},
		{
			name: "ListNotes",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Contacts.ListNotes(ctx, "c1", &gen.ListNotesParams{Page: Ptr(2), PerPage: Ptr(5)}))
			},
			method: "GET", path: "/contacts/c1/notes", query: url.Values{"page": {"2"}, "per_page": {"5"}},
			resp: `{"type":"list","data":[{"type":"note","id":"34","body":"<p>x</p>"}],"total_count":6,` +
				`"pages":{"type":"pages","page":2,"per_page":5,"total_pages":2}}`,
		},
	})
}

func TestContactsIDs(t *testing.T) {
	svcRunIDs(t, []svcIDCase{
		{name: "Get", route: "/contacts/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Get(ctx, id)
			return err
		}},
		{name: "GetByExternalID", route: "/contacts/find_by_external_id/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.GetByExternalID(ctx, id)
			return err
		}},
		{name: "Update", route: "/contacts/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Update(ctx, id, gen.UpdateContactRequest{})
			return err
		}},
		{name: "Delete", route: "/contacts/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Delete(ctx, id)
			return err
		}},
		{name: "Archive", route: "/contacts/%s/archive", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Archive(ctx, id)
			return err
		}},
		{name: "Unarchive", route: "/contacts/%s/unarchive", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Unarchive(ctx, id)
			return err
		}},
		{name: "Block", route: "/contacts/%s/block", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Block(ctx, id)
			return err
		}},
		{name: "ListCompanies", route: "/contacts/%s/companies", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.ListCompanies(ctx, id, nil)
			return err
		}},
		{name: "ListCompaniesAll", route: "/contacts/%s/companies", call: func(ctx context.Context, c *Client, id string) error {
			for _, err := range c.Contacts.ListCompaniesAll(ctx, id, nil) {
				return err
			}
			return nil
		}},
		{name: "AttachCompany/contact", route: "/contacts/%s/companies", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.AttachCompany(ctx, id, "co1")
			return err
		}},
		{name: "DetachCompany/contact", route: "/contacts/%s/companies/co1", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.DetachCompany(ctx, id, "co1")
			return err
		}},
		{name: "DetachCompany/company", route: "/contacts/c1/companies/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.DetachCompany(ctx, "c1", id)
			return err
		}},
		{name: "ListSegments", route: "/contacts/%s/segments", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.ListSegments(ctx, id)
			return err
		}},
		{name: "ListSubscriptions", route: "/contacts/%s/subscriptions", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.ListSubscriptions(ctx, id)
			return err
		}},
		{name: "Subscribe", route: "/contacts/%s/subscriptions", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Subscribe(ctx, id, "1", ConsentOptOut)
			return err
		}},
		{name: "Unsubscribe/contact", route: "/contacts/%s/subscriptions/1", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Unsubscribe(ctx, id, "1")
			return err
		}},
		{name: "Unsubscribe/subscription", route: "/contacts/c1/subscriptions/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Unsubscribe(ctx, "c1", id)
			return err
		}},
		{name: "ListTags", route: "/contacts/%s/tags", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.ListTags(ctx, id)
			return err
		}},
		{name: "Tag", route: "/contacts/%s/tags", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Tag(ctx, id, "t1")
			return err
		}},
		{name: "Untag/contact", route: "/contacts/%s/tags/t1", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Untag(ctx, id, "t1")
			return err
		}},
		{name: "Untag/tag", route: "/contacts/c1/tags/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.Untag(ctx, "c1", id)
			return err
		}},
		{name: "AddNote", route: "/contacts/%s/notes", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.AddNote(ctx, id, "", "x")
			return err
		}},
		{name: "ListNotes", route: "/contacts/%s/notes", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Contacts.ListNotes(ctx, id, nil)
			return err
		}},
		{name: "ListNotesAll", route: "/contacts/%s/notes", call: func(ctx context.Context, c *Client, id string) error {
			for _, err := range c.Contacts.ListNotesAll(ctx, id, nil) {
				return err
			}
			return nil
		}},
	})
}

func TestContactsRejects(t *testing.T) {
	svcRunRejects(t, []svcRejectCase{
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
	contactID := func(v gen.Contact) string { return valueOr(v.Id) }
	companyID := func(v gen.Company) string { return valueOr(v.Id) }
	noteID := func(v gen.Note) string { return valueOr(v.Id) }
	svcRunIters(t, []svcIterCase{
		{
			name: "ListAll", style: svcCursorStyle, path: "/contacts",
			seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
				return svcIDs(c.Contacts.ListAll(ctx, &gen.ListContactsParams{PerPage: Ptr(per)}, opts...), contactID)
			},
		},
		{
			name: "SearchAll", style: svcSearchStyle, method: "POST", path: "/contacts/search",
			seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
				req, err := SearchQuery{Filter: Field("role").Equals("user"), PerPage: per}.ForContacts()
				if err != nil {
					return errSeq[string](err)
				}
				return svcIDs(c.Contacts.SearchAll(ctx, req, opts...), contactID)
			},
		},
		{
			name: "ListCompaniesAll", style: svcURLStyle, path: "/contacts/c%2F1/companies",
			nest: []string{"companies"}, fixed: url.Values{"per_page": {"3"}},
			seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
				return svcIDs(c.Contacts.ListCompaniesAll(ctx, "c/1", &gen.ListCompaniesForAContactParams{PerPage: Ptr(per)}, opts...), companyID)
			},
		},
		{
			name: "ListNotesAll", style: svcPageStyle, path: "/contacts/c1/notes",
			seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
				return svcIDs(c.Contacts.ListNotesAll(ctx, "c1", &gen.ListNotesParams{PerPage: Ptr(per)}, opts...), noteID)
			},
		},
	})
}

// The iterators copy their params: the caller's struct is never changed,
// even while pages advance.
func TestContactsIteratorsKeepParams(t *testing.T) {
	p := &svcPager{t: t, tc: svcIterCase{style: svcCursorStyle, path: "/contacts"}, n: 7, per: 2}
	c, _ := svcServer(t, p.handle)
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

	req, err := SearchQuery{Filter: Field("role").Equals("lead"), PerPage: 2}.ForContacts()
	if err != nil {
		t.Fatal(err)
	}
	before, _ := json.Marshal(req)
	ps := &svcPager{t: t, tc: svcIterCase{style: svcSearchStyle, method: "POST", path: "/contacts/search"}, n: 5, per: 2}
	cs, _ := svcServer(t, ps.handle)
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
	c, _ := svcServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
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
	c, seen := svcServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
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
	if reqs := seen(); len(reqs) != 1 || reqs[0].version() != "2.14" {
		t.Errorf("requests %+v, want one with Intercom-Version 2.14", reqs)
	}
}
