package intercom

import (
	"context"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// Get fetches the status of an asynchronous job, such as one started by
// [TicketsService.EnqueueCreate] (GET /jobs/status/{job_id}).
func (s *JobsService) Get(ctx context.Context, jobID string, opts ...Option) (*gen.Jobs, error) {
	if err := requireID("job id", jobID); err != nil {
		return nil, err
	}
	return doJSON[gen.Jobs](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.JobsStatus(ctx, jobID)
	})
}
