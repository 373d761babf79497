package intercom

import (
	"context"
	"testing"
)

func TestWorkflowsMethods(t *testing.T) {
	svcRun(t, []svcCase{{
		name:   "Export",
		call:   func(ctx context.Context, c *Client) (any, error) { return c.Workflows.Export(ctx, "12345") },
		method: "GET", path: "/export/workflows/12345",
		resp: `{"export_version":"1.0","exported_at":"2025-01-24T10:00:00Z","app_id":7,"workflow":{"id":"12345","title":"Triage","state":"live","trigger_type":"inbound_conversation","target_channels":["chat"],"snapshot":{"steps":[]}}}`,
	}})
	svcRunIDs(t, []svcIDCase{{name: "Export", route: "/export/workflows/%s", call: func(ctx context.Context, c *Client, id string) error {
		_, err := c.Workflows.Export(ctx, id)
		return err
	}}})
}
