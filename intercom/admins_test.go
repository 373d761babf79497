package intercom

import (
	"context"
	"iter"
	"net/url"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

const crmAdminJSON = `{"type":"admin","id":"991267460","name":"Ann","email":"ann@example.com","job_title":"Support",` +
	`"away_mode_enabled":true,"away_mode_reassign":false,"has_inbox_seat":true,"team_ids":[814865]}`

func TestAdminsCalls(t *testing.T) {
	svcRun(t, []svcCase{
		{
			name:   "Me",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Admins.Me(ctx)) },
			method: "GET", path: "/me",
			resp: `{"type":"admin","id":"991267460","email":"ann@example.com","name":"Ann","email_verified":true,` +
				`"app":{"type":"app","id_code":"this_is_an_id","name":"MyApp","region":"US","timezone":"America/Los_Angeles","created_at":1734537243,"identity_verification":false}}`,
		},
		{
			name: "List",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Admins.List(ctx, &gen.ListAdminsParams{DisplayAvatar: Ptr(true)}))
			},
			method: "GET", path: "/admins", query: url.Values{"display_avatar": {"true"}},
			resp: `{"type":"admin.list","admins":[` + crmAdminJSON + `]}`,
		},
		{
			name:   "Get",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Admins.Get(ctx, "991267460")) },
			method: "GET", path: "/admins/991267460", resp: crmAdminJSON,
		},
		{
			name: "SetAway",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Admins.SetAway(ctx, "991267460", gen.SetAwayAdminJSONRequestBody{
					AwayModeEnabled: true, AwayStatusReasonId: Ptr("12345"),
				}))
			},
			method: "PUT", path: "/admins/991267460/away",
			body: `{"away_mode_enabled":true,"away_mode_reassign":false,"away_status_reason_id":12345}`,
			resp: crmAdminJSON,
		},
		{
			name: "ListActivityLogs",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Admins.ListActivityLogs(ctx, &gen.ListActivityLogsParams{CreatedAtAfter: "1677253093", CreatedAtBefore: Ptr("1677861493")}))
			},
			method: "GET", path: "/admins/activity_logs",
			query: url.Values{"created_at_after": {"1677253093"}, "created_at_before": {"1677861493"}},
			resp: `{"type":"activity_log.list","activity_logs":[{"id":"fca3d1","activity_type":"admin_away_mode_change",` +
				`"activity_description":"Ann changed status to away","created_at":1734537253,` +
				`"performed_by":{"type":"admin","id":"991267460","email":"ann@example.com","ip":"127.0.0.1"}}],` +
				`"pages":{"type":"pages","page":1,"per_page":20,"total_pages":1}}`,
		},
	})
}

func TestAdminsRejects(t *testing.T) {
	svcRunRejects(t, []svcRejectCase{
		{"ListActivityLogs/nil params", func(ctx context.Context, c *Client) error {
			_, err := c.Admins.ListActivityLogs(ctx, nil)
			return err
		}, nil},
		{"ListActivityLogs/no created_at_after", func(ctx context.Context, c *Client) error {
			_, err := c.Admins.ListActivityLogs(ctx, &gen.ListActivityLogsParams{})
			return err
		}, nil},
		{"ListActivityLogsAll/no created_at_after", func(ctx context.Context, c *Client) error {
			n := 0
			var last error
			for _, err := range c.Admins.ListActivityLogsAll(ctx, &gen.ListActivityLogsParams{}) {
				n++
				last = err
			}
			if n != 1 {
				t.Errorf("%d values yielded, want the error once", n)
			}
			return last
		}, nil},
	})
}

func TestAdminsIterators(t *testing.T) {
	svcRunIters(t, []svcIterCase{
		{
			name: "ListActivityLogsAll", style: svcPageStyle, path: "/admins/activity_logs",
			nest: []string{"activity_logs"}, fixed: url.Values{"created_at_after": {"1677253093"}},
			seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
				return svcIDs(c.Admins.ListActivityLogsAll(ctx, &gen.ListActivityLogsParams{CreatedAtAfter: "1677253093", PerPage: Ptr(per)}, opts...),
					func(v gen.ActivityLog) string { return valueOr(v.Id) })
			},
		},
	})
}
