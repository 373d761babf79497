package intercom

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

const crmCompanyJSON = `{"type":"company","id":"531ee472cce572a6ec000006","company_id":"acme","name":"Acme",` +
	`"plan":{"type":"plan","id":"1","name":"pro"},"size":250,"monthly_spend":1000,"user_count":4,"session_count":12,` +
	`"custom_attributes":{"tier":"gold","seats":25,"churned":false},"created_at":1734537429,"updated_at":1734537430}`

func TestCompaniesCalls(t *testing.T) {
	svcRun(t, []svcCase{
		{
			name: "CreateOrUpdate",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Companies.CreateOrUpdate(ctx, gen.CreateOrUpdateCompanyRequest{
					CompanyId: Ptr("acme"), Name: Ptr("Acme"), Size: Ptr(250),
					CustomAttributes: map[string]any{"tier": "gold", "seats": 25},
				}))
			},
			method: "POST", path: "/companies",
			body: `{"company_id":"acme","name":"Acme","size":250,"custom_attributes":{"tier":"gold","seats":25}}`,
			resp: crmCompanyJSON,
		},
		{
			name: "Get",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Companies.Get(ctx, "531ee472cce572a6ec000006"))
			},
			method: "GET", path: "/companies/531ee472cce572a6ec000006", resp: crmCompanyJSON,
			check: func(t *testing.T, got any) {
				co := got.(*gen.Company)
				if valueOr(co.CompanyId) != "acme" || co.CustomAttributes["churned"] != false || valueOr(co.Size) != 250 {
					t.Errorf("decoded %+v", co)
				}
			},
		},
		{
			name: "Update",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Companies.Update(ctx, "co1", gen.UpdateCompanyRequest{Industry: Ptr("Manufacturing")}))
			},
			method: "PUT", path: "/companies/co1", body: `{"industry":"Manufacturing"}`, resp: crmCompanyJSON,
		},
		{
			name:   "Delete",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Companies.Delete(ctx, "co1")) },
			method: "DELETE", path: "/companies/co1", resp: `{"id":"co1","object":"company","deleted":true}`,
		},
		{
			name: "List",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Companies.List(ctx, &gen.ListCompaniesParams{Name: Ptr("Acme Inc"), TagId: Ptr("t1"), Page: Ptr(2), PerPage: Ptr(20)}))
			},
			method: "GET", path: "/companies",
			query: url.Values{"name": {"Acme Inc"}, "tag_id": {"t1"}, "page": {"2"}, "per_page": {"20"}},
			resp:  `{"type":"list","data":[` + crmCompanyJSON + `],"total_count":21,"pages":{"type":"pages","page":2,"per_page":20,"total_pages":2}}`,
		},
		{
			name: "ListOrdered",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Companies.ListOrdered(ctx, &gen.ListAllCompaniesParams{Order: Ptr("asc"), PerPage: Ptr(50)}))
			},
			method: "POST", path: "/companies/list", query: url.Values{"order": {"asc"}, "per_page": {"50"}},
			resp: `{"type":"list","data":[{"type":"company","id":"co1"}],"total_count":1,"pages":{"type":"pages","page":1,"per_page":50,"total_pages":1}}`,
		},
		{
			name:   "Scroll/open",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Companies.Scroll(ctx, nil)) },
			method: "GET", path: "/companies/scroll",
			resp: `{"type":"list","data":[{"type":"company","id":"co1"}],"scroll_param":"sp-1","total_count":1}`,
		},
		{
			name: "Scroll/next",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Companies.Scroll(ctx, &gen.ScrollOverAllCompaniesParams{ScrollParam: Ptr("sp-1")}))
			},
			method: "GET", path: "/companies/scroll", query: url.Values{"scroll_param": {"sp-1"}},
			resp: `{"type":"list","data":[],"scroll_param":"sp-1"}`,
		},
		{
			name: "ListContacts",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Companies.ListContacts(ctx, "co1", &gen.ListAttachedContactsParams{PerPage: Ptr(5)}))
			},
			method: "GET", path: "/companies/co1/contacts", query: url.Values{"per_page": {"5"}},
			resp: `{"type":"list","data":[{"type":"contact","id":"c1","role":"user"}],"total_count":1,"pages":{"type":"pages","page":1,"per_page":5,"total_pages":1}}`,
		},
		{
			name:   "ListSegments",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Companies.ListSegments(ctx, "co1")) },
			method: "GET", path: "/companies/co1/segments",
			resp: `{"type":"list","data":[{"type":"segment","id":"s1","name":"Big","person_type":"user"}]}`,
		},
	})
}

func TestCompaniesIDs(t *testing.T) {
	svcRunIDs(t, []svcIDCase{
		{name: "Get", route: "/companies/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Companies.Get(ctx, id)
			return err
		}},
		{name: "Update", route: "/companies/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Companies.Update(ctx, id, gen.UpdateCompanyRequest{})
			return err
		}},
		{name: "Delete", route: "/companies/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Companies.Delete(ctx, id)
			return err
		}},
		{name: "ListContacts", route: "/companies/%s/contacts", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Companies.ListContacts(ctx, id, nil)
			return err
		}},
		{name: "ListContactsAll", route: "/companies/%s/contacts", call: func(ctx context.Context, c *Client, id string) error {
			for _, err := range c.Companies.ListContactsAll(ctx, id, nil) {
				return err
			}
			return nil
		}},
		{name: "ListSegments", route: "/companies/%s/segments", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Companies.ListSegments(ctx, id)
			return err
		}},
	})
}

func TestCompaniesIterators(t *testing.T) {
	companyID := func(v gen.Company) string { return valueOr(v.Id) }
	svcRunIters(t, []svcIterCase{
		{
			name: "ListAll", style: svcPageStyle, path: "/companies",
			fixed: url.Values{"segment_id": {"seg 1"}},
			seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
				return svcIDs(c.Companies.ListAll(ctx, &gen.ListCompaniesParams{SegmentId: Ptr("seg 1"), PerPage: Ptr(per)}, opts...), companyID)
			},
		},
		{
			name: "ListOrderedAll", style: svcPageStyle, method: "POST", path: "/companies/list",
			fixed: url.Values{"order": {"asc"}},
			seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
				return svcIDs(c.Companies.ListOrderedAll(ctx, &gen.ListAllCompaniesParams{Order: Ptr("asc"), PerPage: Ptr(per)}, opts...), companyID)
			},
		},
		{
			name: "ListContactsAll", style: svcPageStyle, path: "/companies/co1/contacts",
			seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
				return svcIDs(c.Companies.ListContactsAll(ctx, "co1", &gen.ListAttachedContactsParams{PerPage: Ptr(per)}, opts...),
					func(v gen.Contact) string { return valueOr(v.Id) })
			},
		},
		{
			name: "ScrollAll", style: svcScrollStyle, path: "/companies/scroll",
			seq: func(ctx context.Context, c *Client, _ int, opts ...Option) iter.Seq2[string, error] {
				return svcIDs(c.Companies.ScrollAll(ctx, nil, opts...), companyID)
			},
		},
	})
}

// ListAll starts at the caller's page and keeps the caller's params intact.
func TestCompaniesListAllStartsAtCallerPage(t *testing.T) {
	p := &svcPager{t: t, tc: svcIterCase{style: svcPageStyle, path: "/companies"}, n: 7, per: 2}
	c, seen := svcServer(t, p.handle)
	params := &gen.ListCompaniesParams{Page: Ptr(3), PerPage: Ptr(2)}
	var got []string
	for co, err := range c.Companies.ListAll(context.Background(), params) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, valueOr(co.Id))
	}
	if want := []string{"5", "6", "7"}; !slices.Equal(got, want) {
		t.Fatalf("items %v, want %v", got, want)
	}
	var pages []string
	for _, r := range seen() {
		q, _ := url.ParseQuery(r.rawQuery)
		pages = append(pages, q.Get("page"))
	}
	if !slices.Equal(pages, []string{"3", "4"}) {
		t.Errorf("pages requested %v, want [3 4]", pages)
	}
	if *params.Page != 3 {
		t.Errorf("caller's page changed to %d", *params.Page)
	}
}

// A 500 in the middle of a scroll ends it with ErrScrollExpired, without
// retrying (a failed scroll cannot be continued).
func TestCompaniesScrollAllExpired(t *testing.T) {
	var calls atomic.Int32
	c, _ := svcServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		if calls.Add(1) == 1 {
			coreJSON(w, http.StatusOK, `{"type":"list","data":[{"id":"co1"},{"id":"co2"}],"scroll_param":"sp-1"}`)
			return
		}
		coreJSON(w, http.StatusInternalServerError, `{"type":"error.list","errors":[{"code":"server_error","message":"scroll expired"}]}`)
	})
	var got []string
	var errs []error
	for co, err := range c.Companies.ScrollAll(context.Background(), nil) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, valueOr(co.Id))
	}
	if !slices.Equal(got, []string{"co1", "co2"}) || len(errs) != 1 {
		t.Fatalf("items %v, errors %v", got, errs)
	}
	var apiErr *Error
	if !errors.Is(errs[0], ErrScrollExpired) || !errors.As(errs[0], &apiErr) || apiErr.StatusCode != 500 {
		t.Errorf("error %v, want ErrScrollExpired wrapping the 500", errs[0])
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("%d requests, want 2 (no retry)", n)
	}
}

// The single-page Scroll behaves the same way: a 500 on a continued scroll
// wraps ErrScrollExpired and is not retried; opening fails plainly.
func TestCompaniesScrollExpired(t *testing.T) {
	var calls atomic.Int32
	c, _ := svcServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		calls.Add(1)
		coreJSON(w, http.StatusInternalServerError, `{"type":"error.list","errors":[{"code":"server_error","message":"boom"}]}`)
	})
	_, err := c.Companies.Scroll(context.Background(), &gen.ScrollOverAllCompaniesParams{ScrollParam: Ptr("sp-1")})
	if !errors.Is(err, ErrScrollExpired) || !hasStatus(err, 500) {
		t.Errorf("continue: error %v, want ErrScrollExpired wrapping the 500", err)
	}
	_, err = c.Companies.Scroll(context.Background(), nil)
	if err == nil || errors.Is(err, ErrScrollExpired) || !hasStatus(err, 500) {
		t.Errorf("open: error %v, want the plain 500", err)
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("%d requests, want 2 (no retry)", n)
	}
}
