package intercom

import (
	"context"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// List lists the sender email addresses of the workspace (GET /emails).
func (s *EmailsService) List(ctx context.Context, opts ...Option) (*gen.EmailList, error) {
	return doJSON[gen.EmailList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListEmails(ctx)
	})
}

// Get fetches the settings of one sender email address (GET /emails/{id}).
func (s *EmailsService) Get(ctx context.Context, emailID string, opts ...Option) (*gen.EmailSetting, error) {
	if err := requireID("email id", emailID); err != nil {
		return nil, err
	}
	return doJSON[gen.EmailSetting](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.RetrieveEmail(ctx, emailID)
	})
}
