package intercom

import (
	"context"
	"testing"
)

func TestSubscriptionTypesCalls(t *testing.T) {
	svcRun(t, []svcCase{
		{
			name:   "List",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.SubscriptionTypes.List(ctx)) },
			method: "GET", path: "/subscription_types",
			resp: `{"type":"list","data":[{"type":"subscription","id":"37846","state":"live","consent_type":"opt_out",` +
				`"content_types":["email"],"default_translation":{"name":"Newsletters","description":"Lots of news","locale":"en"}}]}`,
		},
	})
}
