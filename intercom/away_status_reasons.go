package intercom

import (
	"context"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// List lists the away status reasons of the workspace
// (GET /away_status_reasons). Pass a reason's id to [AdminsService.SetAway].
func (s *AwayStatusReasonsService) List(ctx context.Context, opts ...Option) (*gen.AwayStatusReasonList, error) {
	return doJSON[gen.AwayStatusReasonList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListAwayStatusReasons(ctx)
	})
}
