package intercom

import (
	"context"
	"net/url"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

const crmOrderJSON = `{"type":"Order","id":"22","external_id":"ord-1","created_at":1734537270,"updated_at":1734537271,` +
	`"custom_attributes":{"order_number":"ORDER-12345","total":99.5,"paid":true}}`

func TestCustomObjectInstancesCalls(t *testing.T) {
	svcRun(t, []svcCase{
		{
			name: "Create",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.CustomObjectInstances.Create(ctx, "Order", gen.CreateOrUpdateCustomObjectInstanceRequest{
					ExternalId: Ptr("ord-1"), CustomAttributes: map[string]any{"order_number": "ORDER-12345", "total": 99.5},
				}))
			},
			method: "POST", path: "/custom_object_instances/Order",
			body: `{"external_id":"ord-1","custom_attributes":{"order_number":"ORDER-12345","total":99.5}}`,
			resp: crmOrderJSON,
		},
		{
			name: "Get",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.CustomObjectInstances.Get(ctx, "Order", "22"))
			},
			method: "GET", path: "/custom_object_instances/Order/22", resp: crmOrderJSON,
		},
		{
			name: "Delete",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.CustomObjectInstances.Delete(ctx, "Order", "22"))
			},
			method: "DELETE", path: "/custom_object_instances/Order/22",
			resp: `{"id":"22","object":"Order","deleted":true}`,
		},
		{
			name: "DeleteByExternalID",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.CustomObjectInstances.DeleteByExternalID(ctx, "Order", "ord-1"))
			},
			method: "DELETE", path: "/custom_object_instances/Order", query: url.Values{"external_id": {"ord-1"}},
			resp: `{"id":"22","object":"Order","deleted":true}`,
		},
	})
}

func TestCustomObjectInstancesIDs(t *testing.T) {
	svcRunIDs(t, []svcIDCase{
		{name: "Create/type", route: "/custom_object_instances/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.CustomObjectInstances.Create(ctx, id, gen.CreateOrUpdateCustomObjectInstanceRequest{})
			return err
		}},
		{name: "Get/type", route: "/custom_object_instances/%s/22", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.CustomObjectInstances.Get(ctx, id, "22")
			return err
		}},
		{name: "Get/instance", route: "/custom_object_instances/Order/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.CustomObjectInstances.Get(ctx, "Order", id)
			return err
		}},
		{name: "Delete/type", route: "/custom_object_instances/%s/22", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.CustomObjectInstances.Delete(ctx, id, "22")
			return err
		}},
		{name: "Delete/instance", route: "/custom_object_instances/Order/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.CustomObjectInstances.Delete(ctx, "Order", id)
			return err
		}},
		{name: "DeleteByExternalID/type", route: "/custom_object_instances/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.CustomObjectInstances.DeleteByExternalID(ctx, id, "ord-1")
			return err
		}},
	})
}

func TestCustomObjectInstancesRejects(t *testing.T) {
	svcRunRejects(t, []svcRejectCase{
		{"DeleteByExternalID/empty", func(ctx context.Context, c *Client) error {
			_, err := c.CustomObjectInstances.DeleteByExternalID(ctx, "Order", "")
			return err
		}, ErrInvalidID},
	})
}
