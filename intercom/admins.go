package intercom

import (
	"context"
	"errors"
	"iter"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// Me fetches the admin the access token belongs to, with its workspace
// (GET /me).
func (s *AdminsService) Me(ctx context.Context, opts ...Option) (*gen.AdminWithApp, error) {
	return doJSON[gen.AdminWithApp](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.IdentifyAdmin(ctx)
	})
}

// List lists the admins of the workspace (GET /admins). params may be nil.
func (s *AdminsService) List(ctx context.Context, params *gen.ListAdminsParams, opts ...Option) (*gen.AdminList, error) {
	return doJSON[gen.AdminList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListAdmins(ctx, params)
	})
}

// Get fetches one admin (GET /admins/{admin_id}). adminID is the admin's id
// as the API returns it, a string of digits such as "991267460".
func (s *AdminsService) Get(ctx context.Context, adminID string, opts ...Option) (*gen.Admin, error) {
	id, err := numericID("admin id", adminID)
	if err != nil {
		return nil, err
	}
	return doJSON[gen.Admin](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.RetrieveAdmin(ctx, id)
	})
}

// SetAway sets or clears an admin's away mode (PUT /admins/{admin_id}/away):
// body.AwayModeEnabled turns it on or off, body.AwayModeReassign sends new
// replies to the default inbox, and body.AwayStatusReasonId gives a reason
// (see [AwayStatusReasonsService.List]). adminID is a string of digits.
func (s *AdminsService) SetAway(ctx context.Context, adminID string, body gen.SetAwayAdminJSONRequestBody, opts ...Option) (*gen.Admin, error) {
	id, err := numericID("admin id", adminID)
	if err != nil {
		return nil, err
	}
	return doJSON[gen.Admin](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.SetAwayAdmin(ctx, id, body)
	})
}

// ListActivityLogs fetches one page of the workspace's admin activity logs
// (GET /admins/activity_logs). params.CreatedAtAfter, a Unix timestamp in
// seconds, is required; params.Page and params.PerPage choose the page.
func (s *AdminsService) ListActivityLogs(ctx context.Context, params *gen.ListActivityLogsParams, opts ...Option) (*gen.ActivityLogList, error) {
	if err := checkActivityLogsParams(params); err != nil {
		return nil, err
	}
	return doJSON[gen.ActivityLogList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListActivityLogs(ctx, params)
	})
}

// ListActivityLogsAll iterates over every activity log matching params,
// page by page (GET /admins/activity_logs with page numbers), starting at
// params.Page (default the first). params is copied and not modified;
// params.CreatedAtAfter is required. An error is yielded once and ends the
// iteration.
func (s *AdminsService) ListActivityLogsAll(ctx context.Context, params *gen.ListActivityLogsParams, opts ...Option) iter.Seq2[*gen.ActivityLog, error] {
	if err := checkActivityLogsParams(params); err != nil {
		return errSeq[*gen.ActivityLog](err)
	}
	return paginate(ctx, fetchPages(s.c, nil, opts,
		pageCall(params, func(q *gen.ListActivityLogsParams, page *int) { q.Page = page },
			func(ctx context.Context, q *gen.ListActivityLogsParams) (*http.Response, error) {
				return s.c.gen.ListActivityLogs(ctx, q)
			}),
		func(l *gen.ActivityLogList) ([]*gen.ActivityLog, string) {
			return items(l.ActivityLogs), pageNext(l.Pages)
		}))
}

func checkActivityLogsParams(p *gen.ListActivityLogsParams) error {
	if p == nil || p.CreatedAtAfter == "" {
		return errors.New("intercom: listing activity logs needs params.CreatedAtAfter (a Unix timestamp in seconds)")
	}
	return nil
}
