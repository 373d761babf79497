package intercom

import (
	"context"
	"testing"
)

func TestTicketStatesMethods(t *testing.T) {
	svcRun(t, []svcCase{{
		name:   "List",
		call:   func(ctx context.Context, c *Client) (any, error) { return c.TicketStates.List(ctx) },
		method: "GET", path: "/ticket_states",
		resp: `{"type":"list","data":[{"type":"ticket_state","id":"8","category":"in_progress","internal_label":"Working","external_label":"In progress","archived":false}]}`,
	}})
}
