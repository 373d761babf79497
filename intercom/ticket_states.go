package intercom

import (
	"context"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// List lists the ticket states of the workspace (GET /ticket_states).
func (s *TicketStatesService) List(ctx context.Context, opts ...Option) (*gen.TicketStateList, error) {
	return doJSON[gen.TicketStateList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListTicketStates(ctx)
	})
}
