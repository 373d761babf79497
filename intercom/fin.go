package intercom

import (
	"context"
	"net/http"
	"time"

	"github.com/intercomkit/intercom-go/gen"
)

// FinStartResult is the reply of [FinService.Start]: Fin's status in the
// conversation and, when SSE is enabled, the URL to follow its events. It is
// the type of the generated gen.StartFinConversationResponse.JSON200 (an
// inline schema in the API description, so it has no name in package gen).
type FinStartResult = struct {
	ConversationId     *string                                            `json:"conversation_id,omitempty"`
	CreatedAtMs        *time.Time                                         `json:"created_at_ms,omitempty"`
	Errors             *gen.FinAgentAttributeErrors                       `json:"errors,omitempty"`
	SseSubscriptionUrl *string                                            `json:"sse_subscription_url,omitempty"`
	Status             *gen.StartFinConversation200JSONResponseBodyStatus `json:"status,omitempty"`
	UserId             *string                                            `json:"user_id,omitempty"`
}

// FinReplyResult is the reply of [FinService.Reply]. It is the type of the
// generated gen.ReplyToFinResponse.JSON200.
type FinReplyResult = struct {
	ConversationId     *string                                  `json:"conversation_id,omitempty"`
	CreatedAtMs        *time.Time                               `json:"created_at_ms,omitempty"`
	Errors             *gen.FinAgentAttributeErrors             `json:"errors,omitempty"`
	SseSubscriptionUrl *string                                  `json:"sse_subscription_url,omitempty"`
	Status             *gen.ReplyToFin200JSONResponseBodyStatus `json:"status,omitempty"`
	UserId             *string                                  `json:"user_id,omitempty"`
}

// FinCsatResult is the reply of [FinService.SubmitCsat]: the rating now
// recorded. It is the type of the generated gen.SubmitFinCsatResponse.JSON200.
type FinCsatResult = struct {
	ConversationId *string                                     `json:"conversation_id,omitempty"`
	Rating         *gen.SubmitFinCsat200JSONResponseBodyRating `json:"rating,omitempty"`
	Status         *gen.SubmitFinCsat200JSONResponseBodyStatus `json:"status,omitempty"`
}

// The generated response fields must stay the very types above.
var (
	_ = func(r *gen.StartFinConversationResponse) *FinStartResult { return r.JSON200 }
	_ = func(r *gen.ReplyToFinResponse) *FinReplyResult { return r.JSON200 }
	_ = func(r *gen.SubmitFinCsatResponse) *FinCsatResult { return r.JSON200 }
)

// Start hands a conversation of yours to Fin: the user's message, the user,
// and optionally earlier history and attachments (POST /fin/start). Fin then
// moves through statuses such as "thinking" and "awaiting_user_reply" and
// ends with "complete", reported by webhook or server-sent events.
func (s *FinService) Start(ctx context.Context, body gen.StartFinConversationJSONRequestBody, opts ...Option) (*FinStartResult, error) {
	return doJSON[FinStartResult](ctx, s.c, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.StartFinConversation(ctx, body)
	})
}

// Reply sends the user's next message to Fin in a conversation started with
// [FinService.Start] (POST /fin/reply).
func (s *FinService) Reply(ctx context.Context, body gen.ReplyToFinJSONRequestBody, opts ...Option) (*FinReplyResult, error) {
	return doJSON[FinReplyResult](ctx, s.c, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ReplyToFin(ctx, body)
	})
}

// SubmitCsat records the user's satisfaction rating of a Fin conversation
// (POST /fin/csat).
func (s *FinService) SubmitCsat(ctx context.Context, body gen.SubmitFinCsatJSONRequestBody, opts ...Option) (*FinCsatResult, error) {
	return doJSON[FinCsatResult](ctx, s.c, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.SubmitFinCsat(ctx, body)
	})
}
