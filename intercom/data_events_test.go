package intercom

import (
	"context"
	"iter"
	"net/url"
	"strconv"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

func TestDataEventsCalls(t *testing.T) {
	params := &gen.ListDataEventsParams{Email: Ptr("joe@example.com")}
	svcRun(t, []svcCase{
		{
			name: "Create",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcNoRes(c.DataEvents.Create(ctx, gen.CreateDataEventRequest{
					EventName: Ptr("invited-friend"), CreatedAt: Ptr(1671028894), UserId: Ptr("u1"),
					Metadata: map[string]any{"invitee_email": "pi@example.org"},
				}))
			},
			method: "POST", path: "/events", status: 202, resp: "",
			body: `{"event_name":"invited-friend","created_at":1671028894,"user_id":"u1","metadata":{"invitee_email":"pi@example.org"}}`,
		},
		{
			name: "Summaries",
			call: func(ctx context.Context, c *Client) (any, error) {
				body := gen.CreateDataEventSummariesRequest{UserId: Ptr("u1")}
				body.EventSummaries = &CreateDataEventSummariesRequestEventSummaries{Count: Ptr(3), EventName: Ptr("signed-in")}
				return svcNoRes(c.DataEvents.Summaries(ctx, body))
			},
			method: "POST", path: "/events/summaries", resp: "",
			body: `{"user_id":"u1","event_summaries":{"count":3,"event_name":"signed-in"}}`,
		},
		{
			name: "List",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.DataEvents.List(ctx, params))
			},
			method: "GET", path: "/events", query: url.Values{"type": {"user"}, "email": {"joe@example.com"}},
			resp: `{"type":"event.summary","email":"joe@example.com","events":[{"name":"signed-in","count":3,"first":"2024-01-01T00:00:00Z","last":"2024-02-01T00:00:00Z"}]}`,
		},
		{
			name: "List/summary",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.DataEvents.List(ctx, &gen.ListDataEventsParams{Type: "user", IntercomUserId: Ptr("c1"), Summary: Ptr(true)}))
			},
			method: "GET", path: "/events", query: url.Values{"type": {"user"}, "intercom_user_id": {"c1"}, "summary": {"true"}},
			resp: `{"type":"event.summary","intercom_user_id":"c1","events":[]}`,
		},
	})
	if params.Type != "" {
		t.Errorf("List changed the caller's params: %+v", params)
	}
}

func TestDataEventsRejects(t *testing.T) {
	svcRunRejects(t, []svcRejectCase{
		{"List/nil params", func(ctx context.Context, c *Client) error {
			_, err := c.DataEvents.List(ctx, nil)
			return err
		}, nil},
		{"List/no contact", func(ctx context.Context, c *Client) error {
			_, err := c.DataEvents.List(ctx, &gen.ListDataEventsParams{Type: "user", UserId: Ptr("")})
			return err
		}, nil},
		{"ListAll/no contact", func(ctx context.Context, c *Client) error {
			for _, err := range c.DataEvents.ListAll(ctx, &gen.ListDataEventsParams{}) {
				return err
			}
			return nil
		}, nil},
	})
}

func TestDataEventsIterators(t *testing.T) {
	svcRunIters(t, []svcIterCase{
		{
			name: "ListAll", style: svcURLStyle, path: "/events", nest: []string{"events"},
			item:  func(i int) map[string]any { return map[string]any{"name": strconv.Itoa(i)} },
			fixed: url.Values{"type": {"user"}, "user_id": {"u1"}},
			seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
				return svcIDs(c.DataEvents.ListAll(ctx, &gen.ListDataEventsParams{UserId: Ptr("u1"), PerPage: Ptr(per)}, opts...),
					func(v gen.DataEventSummaryItem) string { return valueOr(v.Name) })
			},
		},
	})
}
