package intercom

import (
	"context"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

func TestTagsCalls(t *testing.T) {
	untag := gen.UntagCompanyRequest{Name: "vip", Companies: []UntagCompanyRequestCompaniesItem{{Id: Ptr("co1")}, {CompanyId: Ptr("acme")}}}
	svcRun(t, []svcCase{
		{
			name:   "List",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Tags.List(ctx)) },
			method: "GET", path: "/tags",
			resp: `{"type":"list","data":[{"type":"tag","id":"t1","name":"vip"},{"type":"tag","id":"t2","name":"beta"}]}`,
		},
		{
			name:   "Get",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Tags.Get(ctx, "t1")) },
			method: "GET", path: "/tags/t1", resp: `{"type":"tag","id":"t1","name":"vip"}`,
		},
		{
			name: "Delete",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcNoRes(c.Tags.Delete(ctx, "t1"))
			},
			method: "DELETE", path: "/tags/t1", resp: "",
		},
		{
			// POST /tags takes a union body: what is sent must be the
			// chosen member's JSON, not {}.
			name: "Create",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Tags.Create(ctx, gen.CreateOrUpdateTagRequest{Name: "vip"}))
			},
			method: "POST", path: "/tags", body: `{"name":"vip"}`, resp: `{"type":"tag","id":"t1","name":"vip"}`,
		},
		{
			name: "Create/rename",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Tags.Create(ctx, gen.CreateOrUpdateTagRequest{Id: Ptr("t1"), Name: "gold"}))
			},
			method: "POST", path: "/tags", body: `{"id":"t1","name":"gold"}`, resp: `{"type":"tag","id":"t1","name":"gold"}`,
		},
		{
			name: "TagCompanies",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Tags.TagCompanies(ctx, gen.TagCompanyRequest{Name: "vip", Companies: []TagCompanyRequestCompaniesItem{{Id: Ptr("co1")}}}))
			},
			method: "POST", path: "/tags", body: `{"name":"vip","companies":[{"id":"co1"}]}`,
			resp: `{"type":"tag","id":"t1","name":"vip"}`,
		},
		{
			name: "UntagCompanies",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Tags.UntagCompanies(ctx, untag))
			},
			method: "POST", path: "/tags",
			body: `{"name":"vip","companies":[{"id":"co1","untag":true},{"company_id":"acme","untag":true}]}`,
			resp: `{"type":"tag","id":"t1","name":"vip"}`,
		},
		{
			name: "TagContacts",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Tags.TagContacts(ctx, gen.TagMultipleUsersRequest{Name: "vip", Users: []TagMultipleUsersRequestUsersItem{{Id: Ptr("c1")}, {Id: Ptr("c2")}}}))
			},
			method: "POST", path: "/tags", body: `{"name":"vip","users":[{"id":"c1"},{"id":"c2"}]}`,
			resp: `{"type":"tag","id":"t1","name":"vip"}`,
		},
	})
	for _, co := range untag.Companies {
		if co.Untag != nil {
			t.Errorf("UntagCompanies changed the caller's slice: %+v", untag.Companies)
		}
	}
}

func TestTagsIDs(t *testing.T) {
	svcRunIDs(t, []svcIDCase{
		{name: "Get", route: "/tags/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Tags.Get(ctx, id)
			return err
		}},
		{name: "Delete", route: "/tags/%s", call: func(ctx context.Context, c *Client, id string) error {
			return c.Tags.Delete(ctx, id)
		}},
	})
}

func TestTagsRejects(t *testing.T) {
	svcRunRejects(t, []svcRejectCase{
		{"Create/no name", func(ctx context.Context, c *Client) error {
			_, err := c.Tags.Create(ctx, gen.CreateOrUpdateTagRequest{})
			return err
		}, nil},
		{"TagCompanies/no companies", func(ctx context.Context, c *Client) error {
			_, err := c.Tags.TagCompanies(ctx, gen.TagCompanyRequest{Name: "vip"})
			return err
		}, nil},
		{"TagCompanies/no name", func(ctx context.Context, c *Client) error {
			_, err := c.Tags.TagCompanies(ctx, gen.TagCompanyRequest{Companies: []TagCompanyRequestCompaniesItem{{Id: Ptr("co1")}}})
			return err
		}, nil},
		{"UntagCompanies/no companies", func(ctx context.Context, c *Client) error {
			_, err := c.Tags.UntagCompanies(ctx, gen.UntagCompanyRequest{Name: "vip"})
			return err
		}, nil},
		{"TagContacts/no contacts", func(ctx context.Context, c *Client) error {
			_, err := c.Tags.TagContacts(ctx, gen.TagMultipleUsersRequest{Name: "vip"})
			return err
		}, nil},
	})
}
