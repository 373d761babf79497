package intercom

import (
	"context"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

func TestIPAllowlistCalls(t *testing.T) {
	svcRun(t, []svcCase{
		{
			name:   "Get",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.IPAllowlist.Get(ctx)) },
			method: "GET", path: "/ip_allowlist",
			resp: `{"type":"ip_allowlist","enabled":true,"ip_allowlist":["192.168.1.0/24","2001:db8::/32"]}`,
		},
		{
			name: "Update",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.IPAllowlist.Update(ctx, gen.IpAllowlist{Enabled: Ptr(true), IpAllowlist: &[]string{"10.0.0.1"}}))
			},
			method: "PUT", path: "/ip_allowlist", body: `{"enabled":true,"ip_allowlist":["10.0.0.1"]}`,
			resp: `{"type":"ip_allowlist","enabled":true,"ip_allowlist":["10.0.0.1"]}`,
		},
	})
}
