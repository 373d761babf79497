package intercom

import (
	"context"
	"fmt"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// List lists the data attributes of contacts, companies and conversations
// (GET /data_attributes). params may be nil; set params.Model to list one
// model's attributes and params.IncludeArchived to include archived ones.
func (s *DataAttributesService) List(ctx context.Context, params *gen.ListDataAttributesParams, opts ...Option) (*gen.DataAttributeList, error) {
	return doJSON[gen.DataAttributeList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListDataAttributes(ctx, params)
	})
}

// Create creates a custom data attribute (POST /data_attributes). Set
// body.Name and body.Model; the data type is part of the body's union: set it
// with body.FromCreateDataAttributeRequest1 (data_type "string", "integer",
// "float", "boolean", "datetime" or "date") or, for a list of options, with
// body.FromCreateDataAttributeRequest0 (data_type "options" and Options).
func (s *DataAttributesService) Create(ctx context.Context, body gen.CreateDataAttributeRequest, opts ...Option) (*gen.DataAttribute, error) {
	return doJSON[gen.DataAttribute](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CreateDataAttribute(ctx, body)
	})
}

// Update updates a custom data attribute, for example to archive it
// (PUT /data_attributes/{data_attribute_id}). attributeID is the attribute's
// id, a positive number.
func (s *DataAttributesService) Update(ctx context.Context, attributeID int, body gen.UpdateDataAttributeRequest, opts ...Option) (*gen.DataAttribute, error) {
	if attributeID <= 0 {
		return nil, fmt.Errorf("intercom: data attribute id %d is not a positive number: %w", attributeID, ErrInvalidID)
	}
	return doJSON[gen.DataAttribute](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.UpdateDataAttribute(ctx, attributeID, body)
	})
}
