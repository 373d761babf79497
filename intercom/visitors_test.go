package intercom

import (
	"context"
	"fmt"
	"net/url"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

const crmVisitorJSON = `{"type":"visitor","id":"6762f2b41bb69f9f2193bc4d","user_id":"3ecf64d0-9ed1-4e9f-88e1-da7d6e6782f3",` +
	`"anonymous":true,"name":"Visitor 1","app_id":"this_is_an_id","created_at":1734537396,"session_count":1,` +
	`"custom_attributes":{"seen":2}}`

func TestVisitorsCalls(t *testing.T) {
	var convert gen.ConvertVisitorRequest
	convert.Type = "user"
	convert.User.Email = Ptr("winston@example.com")
	convert.Visitor.UserId = Ptr("3ecf64d0")
	svcRun(t, []svcCase{
		{
			name:   "Get",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Visitors.Get(ctx, "3ecf64d0 &x=1")) },
			method: "GET", path: "/visitors", query: url.Values{"user_id": {"3ecf64d0 &x=1"}}, resp: crmVisitorJSON,
		},
		{
			name: "Update",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Visitors.Update(ctx, gen.UpdateVisitorRequest{UserId: Ptr("3ecf64d0"), Name: Ptr("Winston")}))
			},
			method: "PUT", path: "/visitors", body: `{"user_id":"3ecf64d0","name":"Winston"}`, resp: crmVisitorJSON,
		},
		{
			name: "Convert",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Visitors.Convert(ctx, convert))
			},
			method: "POST", path: "/visitors/convert",
			body: `{"type":"user","user":{"email":"winston@example.com"},"visitor":{"user_id":"3ecf64d0"}}`,
			resp: `{"type":"contact","id":"6762f3141bb69f9f2193bc6b","role":"user","email":"winston@example.com"}`,
		},
	})
}

func TestVisitorsRejects(t *testing.T) {
	for _, id := range []string{"", "\n"} {
		svcRunRejects(t, []svcRejectCase{
			{fmt.Sprintf("Get/%q", id), func(ctx context.Context, c *Client) error {
				_, err := c.Visitors.Get(ctx, id)
				return err
			}, ErrInvalidID},
		})
	}
}
