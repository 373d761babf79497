package intercom

import (
	"context"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

func TestSwitchMethods(t *testing.T) {
	svcRun(t, []svcCase{{
		name: "Create",
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Switch.Create(ctx, gen.CreatePhoneSwitchRequest{Phone: "+353832345678"})
		},
		method: "POST", path: "/phone_call_redirects",
		body: `{"phone":"+353832345678"}`,
		resp: `{"type":"phone_call_redirect","phone":"+353832345678"}`,
	}})
}
