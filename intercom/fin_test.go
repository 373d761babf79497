package intercom

import (
	"context"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/gen"
)

func TestFinMethods(t *testing.T) {
	at := time.Date(2025, 1, 24, 10, 0, 0, 0, time.UTC)
	msg := gen.FinAgentMessage{Author: gen.FinAgentMessageAuthorUser, Body: "How do I reset my password?", Timestamp: at}
	user := gen.FinAgentUser{Id: "user-456", Email: Ptr("ann@example.com")}
	svcRun(t, []svcCase{
		{
			name: "Start",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Fin.Start(ctx, gen.StartFinConversationJSONRequestBody{ConversationId: "ext-123", Message: msg, User: user})
			},
			method: "POST", path: "/fin/start",
			body: `{"conversation_id":"ext-123","message":{"author":"user","body":"How do I reset my password?","timestamp":"2025-01-24T10:00:00Z"},"user":{"id":"user-456","email":"ann@example.com"}}`,
			resp: `{"conversation_id":"ext-123","user_id":"user-456","status":"thinking","created_at_ms":"2025-01-24T10:00:00.123Z","sse_subscription_url":"https://primary-realtime.intercom-messenger.com/event-stream?channels=x"}`,
			check: func(t *testing.T, got any) {
				r := got.(*gen.FinStartResult)
				if valueOr(r.ConversationId) != "ext-123" || r.Status == nil || *r.Status != gen.StartFinConversation200JSONResponseBodyStatusThinking ||
					r.CreatedAtMs == nil || !r.CreatedAtMs.Equal(at.Add(123*time.Millisecond)) || r.SseSubscriptionUrl == nil {
					t.Errorf("decoded %+v", r)
				}
			},
		},
		{
			name: "Reply",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Fin.Reply(ctx, gen.ReplyToFinJSONRequestBody{ConversationId: "ext-123", Message: msg, User: user})
			},
			method: "POST", path: "/fin/reply",
			body: `{"conversation_id":"ext-123","message":{"author":"user","body":"How do I reset my password?","timestamp":"2025-01-24T10:00:00Z"},"user":{"id":"user-456","email":"ann@example.com"}}`,
			resp: `{"conversation_id":"ext-123","user_id":"user-456","status":"awaiting_user_reply","errors":{"user":{"attributes":{"plan":"unknown attribute"}}}}`,
		},
		{
			name: "SubmitCsat",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Fin.SubmitCsat(ctx, gen.SubmitFinCsatJSONRequestBody{ConversationId: "ext-123", Rating: gen.SubmitFinCsatJSONBodyRatingAmazing, Remark: Ptr("Fast")})
			},
			method: "POST", path: "/fin/csat",
			body: `{"conversation_id":"ext-123","rating":"amazing","remark":"Fast"}`,
			resp: `{"conversation_id":"ext-123","rating":"amazing","status":"rated"}`,
		},
	})
}
