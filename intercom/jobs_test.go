package intercom

import (
	"context"
	"testing"
)

func TestJobsMethods(t *testing.T) {
	svcRun(t, []svcCase{{
		name:   "Get",
		call:   func(ctx context.Context, c *Client) (any, error) { return c.Jobs.Get(ctx, "2") },
		method: "GET", path: "/jobs/status/2",
		resp: `{"type":"job","id":"2","status":"success","resource_type":"ticket","resource_id":"20","resource_url":"https://api.intercom.io/tickets/20"}`,
	}})
	svcRunIDs(t, []svcIDCase{{name: "Get", route: "/jobs/status/%s", call: func(ctx context.Context, c *Client, id string) error {
		_, err := c.Jobs.Get(ctx, id)
		return err
	}}})
}
