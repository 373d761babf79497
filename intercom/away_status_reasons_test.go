package intercom

import (
	"context"
	"testing"
)

func TestAwayStatusReasonsCalls(t *testing.T) {
	svcRun(t, []svcCase{
		{
			name:   "List",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.AwayStatusReasons.List(ctx)) },
			method: "GET", path: "/away_status_reasons",
			resp: `{"type":"list","data":[{"type":"away_status_reason","id":"1","label":"On a break","emoji":"☕","order":1,"deleted":false}]}`,
		},
	})
}
