package intercom

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

func TestDataAttributesCalls(t *testing.T) {
	create := gen.CreateDataAttributeRequest{Name: "plan_tier", Model: gen.CreateDataAttributeRequestModelContact, Description: Ptr("Plan tier"), DataType: gen.CreateDataAttributeRequestDataTypeString}
	svcRun(t, []svcCase{
		{
			name: "List",
			call: func(ctx context.Context, c *Client) (any, error) {
				m := gen.ListDataAttributesParamsModelCompany
				return svcRes(c.DataAttributes.List(ctx, &gen.ListDataAttributesParams{Model: &m, IncludeArchived: Ptr(true)}))
			},
			method: "GET", path: "/data_attributes", query: url.Values{"model": {"company"}, "include_archived": {"true"}},
			resp: `{"type":"list","data":[{"type":"data_attribute","id":12878,"name":"name","full_name":"name","label":"Company name",` +
				`"data_type":"string","api_writable":false,"ui_writable":true,"custom":false,"archived":false,"model":"company"}]}`,
		},
		{
			name: "Create",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.DataAttributes.Create(ctx, create))
			},
			method: "POST", path: "/data_attributes",
			body: `{"name":"plan_tier","model":"contact","description":"Plan tier","data_type":"string"}`,
			resp: `{"type":"data_attribute","id":37,"name":"plan_tier","full_name":"custom_attributes.plan_tier","data_type":"string","model":"contact","custom":true}`,
		},
		{
			name: "Update",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.DataAttributes.Update(ctx, "37", gen.UpdateDataAttributeRequest{Archived: Ptr(true)}))
			},
			method: "PUT", path: "/data_attributes/37", body: `{"archived":true}`,
			resp: `{"type":"data_attribute","id":37,"name":"plan_tier","archived":true}`,
		},
	})
}

func TestDataAttributesRejects(t *testing.T) {
	for _, id := range []int{0, -1} {
		svcRunRejects(t, []svcRejectCase{
			{fmt.Sprintf("Update/%d", id), func(ctx context.Context, c *Client) error {
				_, err := c.DataAttributes.Update(ctx, strconv.Itoa(id), gen.UpdateDataAttributeRequest{})
				return err
			}, ErrInvalidID},
		})
	}
}
