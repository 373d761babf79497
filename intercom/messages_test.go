package intercom

import (
	"context"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

func TestMessagesMethods(t *testing.T) {
	svcRun(t, []svcCase{{
		name: "Create",
		call: func(ctx context.Context, c *Client) (any, error) {
			body := gen.CreateMessageRequest{
				MessageType: Ptr(gen.CreateMessageRequestMessageTypeEmail),
				Subject:     Ptr("Welcome"),
				Body:        Ptr("Hello there"),
				Template:    Ptr("plain"),
			}
			body.From = &gen.MessageSender{Id: "394051", Type: gen.CreateMessageRequestFromTypeAdmin}
			to, err := gen.MessageRecipientsOf(gen.Recipient{Id: "536e564f", Type: gen.RecipientTypeUser})
			if err != nil {
				return nil, err
			}
			body.To = &to
			return c.Messages.Create(ctx, body)
		},
		method: "POST", path: "/messages",
		body: `{"message_type":"email","subject":"Welcome","body":"Hello there","template":"plain","from":{"type":"admin","id":394051},"to":{"type":"user","id":"536e564f"}}`,
		resp: `{"type":"admin_message","id":"2001","created_at":1734537500,"subject":"Welcome","body":"Hello there","message_type":"email","conversation_id":"64619700005570"}`,
	}})
}
