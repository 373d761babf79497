package intercom

import (
	"context"
	"net/url"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

func TestSegmentsCalls(t *testing.T) {
	svcRun(t, []svcCase{
		{
			name: "List",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Segments.List(ctx, &gen.ListSegmentsParams{IncludeCount: Ptr(true)}))
			},
			method: "GET", path: "/segments", query: url.Values{"include_count": {"true"}},
			resp: `{"type":"segment.list","segments":[{"type":"segment","id":"s1","name":"Active","person_type":"user","count":3,"created_at":1734537259}]}`,
		},
		{
			name:   "List/nil params",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Segments.List(ctx, nil)) },
			method: "GET", path: "/segments", resp: `{"type":"segment.list","segments":[]}`,
		},
		{
			name:   "Get",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Segments.Get(ctx, "s1")) },
			method: "GET", path: "/segments/s1",
			resp: `{"type":"segment","id":"s1","name":"Active","person_type":"user","created_at":1734537259,"updated_at":1734537261}`,
		},
	})
}

func TestSegmentsIDs(t *testing.T) {
	svcRunIDs(t, []svcIDCase{
		{name: "Get", route: "/segments/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Segments.Get(ctx, id)
			return err
		}},
	})
}
