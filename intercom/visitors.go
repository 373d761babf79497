package intercom

import (
	"context"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// Get fetches a Messenger visitor by its user_id (GET /visitors?user_id=...).
// A visitor's user_id is the anonymous identifier the Messenger assigned it.
func (s *VisitorsService) Get(ctx context.Context, userID string, opts ...Option) (*gen.Visitor, error) {
	if err := requireID("visitor user_id", userID); err != nil {
		return nil, err
	}
	return doJSON[gen.Visitor](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.RetrieveVisitorWithUserId(ctx, &gen.RetrieveVisitorWithUserIdParams{UserId: userID})
	})
}

// Update updates a visitor (PUT /visitors). Identify the visitor with
// body.Id or body.UserId and set the fields to change.
func (s *VisitorsService) Update(ctx context.Context, body gen.UpdateVisitorRequest, opts ...Option) (*gen.Visitor, error) {
	return doJSON[gen.Visitor](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.UpdateVisitor(ctx, body)
	})
}

// Convert turns a visitor into a contact (POST /visitors/convert): body.Type
// is "user" or "lead", body.Visitor identifies the visitor and body.User the
// contact to merge it into or create. It returns the resulting contact.
func (s *VisitorsService) Convert(ctx context.Context, body gen.ConvertVisitorRequest, opts ...Option) (*gen.Contact, error) {
	return doJSON[gen.Contact](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ConvertVisitor(ctx, body)
	})
}
