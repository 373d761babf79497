package intercom

import (
	"context"
	"testing"
)

func TestTeamsCalls(t *testing.T) {
	svcRun(t, []svcCase{
		{
			name:   "List",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Teams.List(ctx)) },
			method: "GET", path: "/teams",
			resp: `{"type":"team.list","teams":[{"type":"team","id":"814865","name":"Support","admin_ids":[493881]}]}`,
		},
		{
			name:   "Get",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Teams.Get(ctx, "814865")) },
			method: "GET", path: "/teams/814865",
			resp: `{"type":"team","id":"814865","name":"Support","admin_ids":[493881]}`,
		},
	})
}

func TestTeamsIDs(t *testing.T) {
	svcRunIDs(t, []svcIDCase{
		{name: "Get", route: "/teams/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Teams.Get(ctx, id)
			return err
		}},
	})
}
