package intercom

import (
	"context"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

func TestTicketTypesMethods(t *testing.T) {
	tt := `{"type":"ticket_type","id":"53","name":"Bug","category":"Back-office","archived":false}`
	attr := `{"type":"ticket_type_attribute","id":"7","name":"Severity","data_type":"string","ticket_type_id":53}`
	svcRun(t, []svcCase{
		{
			name:   "List",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.TicketTypes.List(ctx) },
			method: "GET", path: "/ticket_types",
			resp: `{"type":"list","data":[` + tt + `]}`,
		},
		{
			name: "Create",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.TicketTypes.Create(ctx, gen.CreateTicketTypeRequest{Name: "Bug", Description: Ptr("Bugs"), Category: Ptr(gen.CreateTicketTypeRequestCategory("Back-office"))})
			},
			method: "POST", path: "/ticket_types",
			body: `{"name":"Bug","description":"Bugs","category":"Back-office"}`,
			resp: tt,
		},
		{
			name:   "Get",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.TicketTypes.Get(ctx, "53") },
			method: "GET", path: "/ticket_types/53",
			resp: tt,
		},
		{
			name: "Update",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.TicketTypes.Update(ctx, "53", gen.UpdateTicketTypeRequest{Archived: Ptr(true)})
			},
			method: "PUT", path: "/ticket_types/53",
			body: `{"archived":true}`,
			resp: tt,
		},
		{
			name: "CreateAttribute",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.TicketTypes.CreateAttribute(ctx, "53", gen.CreateTicketTypeAttributeRequest{Name: "Severity", Description: "How bad", DataType: "string"})
			},
			method: "POST", path: "/ticket_types/53/attributes",
			body: `{"name":"Severity","description":"How bad","data_type":"string"}`,
			resp: attr,
		},
		{
			name: "UpdateAttribute",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.TicketTypes.UpdateAttribute(ctx, "53", "7", gen.UpdateTicketTypeAttributeRequest{Description: Ptr("How bad, really")})
			},
			method: "PUT", path: "/ticket_types/53/attributes/7",
			body: `{"description":"How bad, really"}`,
			resp: attr,
		},
	})
}

func TestTicketTypesIDs(t *testing.T) {
	svcRunIDs(t, []svcIDCase{
		{name: "Get", route: "/ticket_types/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.TicketTypes.Get(ctx, id)
			return err
		}},
		{name: "Update", route: "/ticket_types/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.TicketTypes.Update(ctx, id, gen.UpdateTicketTypeRequest{})
			return err
		}},
		{name: "CreateAttribute", route: "/ticket_types/%s/attributes", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.TicketTypes.CreateAttribute(ctx, id, gen.CreateTicketTypeAttributeRequest{})
			return err
		}},
		{name: "UpdateAttribute", route: "/ticket_types/%s/attributes/7", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.TicketTypes.UpdateAttribute(ctx, id, "7", gen.UpdateTicketTypeAttributeRequest{})
			return err
		}},
		{name: "UpdateAttribute/attribute id", route: "/ticket_types/53/attributes/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.TicketTypes.UpdateAttribute(ctx, "53", id, gen.UpdateTicketTypeAttributeRequest{})
			return err
		}},
	})
}
