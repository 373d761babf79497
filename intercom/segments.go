package intercom

import (
	"context"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// List lists the segments of the workspace (GET /segments). Set
// params.IncludeCount to get the number of contacts in each segment; params
// may be nil.
func (s *SegmentsService) List(ctx context.Context, params *gen.ListSegmentsParams, opts ...Option) (*gen.SegmentList, error) {
	return doJSON[gen.SegmentList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListSegments(ctx, params)
	})
}

// Get fetches one segment (GET /segments/{segment_id}).
func (s *SegmentsService) Get(ctx context.Context, segmentID string, opts ...Option) (*gen.Segment, error) {
	if err := requireID("segment id", segmentID); err != nil {
		return nil, err
	}
	return doJSON[gen.Segment](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.RetrieveSegment(ctx, segmentID)
	})
}
