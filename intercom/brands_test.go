package intercom

import (
	"context"
	"testing"
)

func TestBrandsCalls(t *testing.T) {
	svcRun(t, []svcCase{
		{
			name:   "List",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Brands.List(ctx)) },
			method: "GET", path: "/brands",
			resp: `{"type":"list","data":[{"type":"brand","id":"b1","name":"Acme","is_default":true,"created_at":1734537259}]}`,
		},
		{
			name:   "Get",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Brands.Get(ctx, "b1")) },
			method: "GET", path: "/brands/b1",
			resp: `{"type":"brand","id":"b1","name":"Acme","is_default":true}`,
		},
	})
}

func TestBrandsIDs(t *testing.T) {
	svcRunIDs(t, []svcIDCase{
		{name: "Get", route: "/brands/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Brands.Get(ctx, id)
			return err
		}},
	})
}
