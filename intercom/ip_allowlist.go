package intercom

import (
	"context"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// Get fetches the IP allowlist of the workspace (GET /ip_allowlist).
func (s *IPAllowlistService) Get(ctx context.Context, opts ...Option) (*gen.IpAllowlist, error) {
	return doJSON[gen.IpAllowlist](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.GetIpAllowlist(ctx)
	})
}

// Update replaces the IP allowlist of the workspace (PUT /ip_allowlist) and
// returns it as saved. Set Enabled and IpAllowlist (IPv4/IPv6 addresses or
// CIDR ranges); the list replaces the current one. Enabling a list that does
// not contain the address your requests come from locks those requests out.
func (s *IPAllowlistService) Update(ctx context.Context, body gen.IpAllowlist, opts ...Option) (*gen.IpAllowlist, error) {
	return doJSON[gen.IpAllowlist](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.UpdateIpAllowlist(ctx, body)
	})
}
