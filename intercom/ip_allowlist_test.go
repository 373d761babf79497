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
		{
			// ip_allowlist keeps its pointer (overlay [22]): a pointer to an
			// empty slice sends [] (an enabled, empty allowlist allows every IP),
			name: "Update empties the list",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.IPAllowlist.Update(ctx, gen.IpAllowlist{Enabled: Ptr(true), IpAllowlist: &[]string{}}))
			},
			method: "PUT", path: "/ip_allowlist", body: `{"enabled":true,"ip_allowlist":[]}`,
			resp: `{"type":"ip_allowlist","enabled":true,"ip_allowlist":[]}`,
		},
		{
			// and nil sends nothing.
			name: "Update leaves the list",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.IPAllowlist.Update(ctx, gen.IpAllowlist{Enabled: Ptr(false)}))
			},
			method: "PUT", path: "/ip_allowlist", body: `{"enabled":false}`,
			resp: `{"type":"ip_allowlist","enabled":false,"ip_allowlist":["10.0.0.1"]}`,
		},
	})
}
