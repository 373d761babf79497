package intercom

import (
	"context"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// List lists the subscription types of the workspace (GET /subscription_types).
// Attach one to a contact with [ContactsService.Subscribe].
func (s *SubscriptionTypesService) List(ctx context.Context, opts ...Option) (*gen.SubscriptionTypeList, error) {
	return doJSON[gen.SubscriptionTypeList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListSubscriptionTypes(ctx)
	})
}
