package intercom

import (
	"context"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// Each method below decodes into the type of its generated JSON200 field.
var (
	_ = func(r *gen.StartFinConversationResponse) *gen.FinStartResult { return r.JSON200 }
	_ = func(r *gen.ReplyToFinResponse) *gen.FinReplyResult { return r.JSON200 }
	_ = func(r *gen.SubmitFinCsatResponse) *gen.FinCsatResult { return r.JSON200 }
)

// Start hands a conversation of yours to Fin: the user's message, the user,
// and optionally earlier history and attachments (POST /fin/start). Fin then
// moves through statuses such as "thinking" and "awaiting_user_reply" and
// ends with "complete", reported by webhook or server-sent events.
func (s *FinService) Start(ctx context.Context, body gen.StartFinConversationJSONRequestBody, opts ...Option) (*gen.FinStartResult, error) {
	return doJSON[gen.FinStartResult](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.StartFinConversation(ctx, body)
	})
}

// Reply sends the user's next message to Fin in a conversation started with
// [FinService.Start] (POST /fin/reply).
func (s *FinService) Reply(ctx context.Context, body gen.ReplyToFinJSONRequestBody, opts ...Option) (*gen.FinReplyResult, error) {
	return doJSON[gen.FinReplyResult](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ReplyToFin(ctx, body)
	})
}

// SubmitCsat records the user's satisfaction rating of a Fin conversation
// (POST /fin/csat).
func (s *FinService) SubmitCsat(ctx context.Context, body gen.SubmitFinCsatJSONRequestBody, opts ...Option) (*gen.FinCsatResult, error) {
	return doJSON[gen.FinCsatResult](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.SubmitFinCsat(ctx, body)
	})
}
