package intercom

import (
	"context"
	"testing"
)

func TestEmailsCalls(t *testing.T) {
	svcRun(t, []svcCase{
		{
			name:   "List",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Emails.List(ctx)) },
			method: "GET", path: "/emails",
			resp: `{"type":"list","data":[{"type":"email_setting","id":"e1","email":"support@example.com","forwarding_enabled":true,"domain":"example.com","brand_id":"b1"}]}`,
		},
		{
			name:   "Get",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Emails.Get(ctx, "e1")) },
			method: "GET", path: "/emails/e1",
			resp: `{"type":"email_setting","id":"e1","email":"support@example.com","forwarding_enabled":true}`,
		},
	})
}

func TestEmailsIDs(t *testing.T) {
	svcRunIDs(t, []svcIDCase{
		{name: "Get", route: "/emails/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Emails.Get(ctx, id)
			return err
		}},
	})
}
