package intercom

import (
	"context"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// List lists the ticket types of the workspace (GET /ticket_types).
func (s *TicketTypesService) List(ctx context.Context, opts ...Option) (*gen.TicketTypeList, error) {
	return doJSON[gen.TicketTypeList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListTicketTypes(ctx)
	})
}

// Create creates a ticket type (POST /ticket_types).
func (s *TicketTypesService) Create(ctx context.Context, body gen.CreateTicketTypeRequest, opts ...Option) (*gen.TicketType, error) {
	return doJSON[gen.TicketType](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CreateTicketType(ctx, body)
	})
}

// Get fetches a ticket type with its attributes and states
// (GET /ticket_types/{ticket_type_id}).
func (s *TicketTypesService) Get(ctx context.Context, ticketTypeID string, opts ...Option) (*gen.TicketType, error) {
	if err := requireID("ticket type id", ticketTypeID); err != nil {
		return nil, err
	}
	return doJSON[gen.TicketType](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.GetTicketType(ctx, ticketTypeID)
	})
}

// Update changes a ticket type, or archives it (PUT /ticket_types/{ticket_type_id}).
func (s *TicketTypesService) Update(ctx context.Context, ticketTypeID string, body gen.UpdateTicketTypeRequest, opts ...Option) (*gen.TicketType, error) {
	if err := requireID("ticket type id", ticketTypeID); err != nil {
		return nil, err
	}
	return doJSON[gen.TicketType](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.UpdateTicketType(ctx, ticketTypeID, body)
	})
}

// CreateAttribute adds an attribute to a ticket type
// (POST /ticket_types/{ticket_type_id}/attributes).
func (s *TicketTypesService) CreateAttribute(ctx context.Context, ticketTypeID string, body gen.CreateTicketTypeAttributeRequest, opts ...Option) (*gen.TicketTypeAttribute, error) {
	if err := requireID("ticket type id", ticketTypeID); err != nil {
		return nil, err
	}
	return doJSON[gen.TicketTypeAttribute](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CreateTicketTypeAttribute(ctx, ticketTypeID, body)
	})
}

// UpdateAttribute changes an attribute of a ticket type, or archives it
// (PUT /ticket_types/{ticket_type_id}/attributes/{attribute_id}).
func (s *TicketTypesService) UpdateAttribute(ctx context.Context, ticketTypeID, attributeID string, body gen.UpdateTicketTypeAttributeRequest, opts ...Option) (*gen.TicketTypeAttribute, error) {
	if err := requireID("ticket type id", ticketTypeID); err != nil {
		return nil, err
	}
	if err := requireID("attribute id", attributeID); err != nil {
		return nil, err
	}
	return doJSON[gen.TicketTypeAttribute](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.UpdateTicketTypeAttribute(ctx, ticketTypeID, attributeID, body)
	})
}
