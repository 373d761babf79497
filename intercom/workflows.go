package intercom

import (
	"context"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// Export exports a workflow's configuration (GET /export/workflows/{id}).
func (s *WorkflowsService) Export(ctx context.Context, workflowID string, opts ...Option) (*gen.WorkflowExport, error) {
	if err := requireID("workflow id", workflowID); err != nil {
		return nil, err
	}
	return doJSON[gen.WorkflowExport](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ExportWorkflow(ctx, workflowID)
	})
}
