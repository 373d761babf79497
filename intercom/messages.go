package intercom

import (
	"context"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// Create sends an outbound message from an admin to contacts: an in-app
// message or an email (POST /messages). Set body.MessageType, Body, From and
// To (one recipient or a list, set with To's From... methods); an email also
// needs Subject and Template.
func (s *MessagesService) Create(ctx context.Context, body gen.CreateMessageRequest, opts ...Option) (*gen.Message, error) {
	return doJSON[gen.Message](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CreateMessage(ctx, body)
	})
}
