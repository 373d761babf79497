package intercom

import (
	"context"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// Custom object instances live under their custom object type, named by its
// identifier (such as "Order"), which every method takes first.
//
// The operation ids of the two deletes are swapped in Intercom's description
// (deleteCustomObjectInstancesById deletes by external_id and the other way
// round); the method names here say what each one does.

// Create creates a custom object instance of the type typeIdentifier, or
// updates the instance with the same body.ExternalId
// (POST /custom_object_instances/{custom_object_type_identifier}).
func (s *CustomObjectInstancesService) Create(ctx context.Context, typeIdentifier string, body gen.CreateOrUpdateCustomObjectInstanceRequest, opts ...Option) (*gen.CustomObjectInstance, error) {
	if err := requireID("custom object type identifier", typeIdentifier); err != nil {
		return nil, err
	}
	return doJSON[gen.CustomObjectInstance](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CreateCustomObjectInstances(ctx, typeIdentifier, body)
	})
}

// Get fetches a custom object instance by its id
// (GET /custom_object_instances/{custom_object_type_identifier}/{custom_object_instance_id}).
func (s *CustomObjectInstancesService) Get(ctx context.Context, typeIdentifier, instanceID string, opts ...Option) (*gen.CustomObjectInstance, error) {
	if err := requireID("custom object type identifier", typeIdentifier); err != nil {
		return nil, err
	}
	if err := requireID("custom object instance id", instanceID); err != nil {
		return nil, err
	}
	return doJSON[gen.CustomObjectInstance](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.GetCustomObjectInstancesById(ctx, typeIdentifier, instanceID)
	})
}

// GetByExternalID fetches a custom object instance by the id it has in your
// system (GET /custom_object_instances/{custom_object_type_identifier}?external_id=...).
func (s *CustomObjectInstancesService) GetByExternalID(ctx context.Context, typeIdentifier, externalID string, opts ...Option) (*gen.CustomObjectInstance, error) {
	if err := requireID("custom object type identifier", typeIdentifier); err != nil {
		return nil, err
	}
	if err := requireID("custom object instance external_id", externalID); err != nil {
		return nil, err
	}
	return doJSON[gen.CustomObjectInstance](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.GetCustomObjectInstancesByExternalId(ctx, typeIdentifier,
			&gen.GetCustomObjectInstancesByExternalIdParams{ExternalId: externalID})
	})
}

// Delete deletes a custom object instance by its Intercom id
// (DELETE /custom_object_instances/{custom_object_type_identifier}/{custom_object_instance_id}).
func (s *CustomObjectInstancesService) Delete(ctx context.Context, typeIdentifier, instanceID string, opts ...Option) (*gen.CustomObjectInstanceDeleted, error) {
	if err := requireID("custom object type identifier", typeIdentifier); err != nil {
		return nil, err
	}
	if err := requireID("custom object instance id", instanceID); err != nil {
		return nil, err
	}
	return doJSON[gen.CustomObjectInstanceDeleted](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.DeleteCustomObjectInstancesByExternalId(ctx, typeIdentifier, instanceID)
	})
}

// DeleteByExternalID deletes a custom object instance by the id it has in
// your system
// (DELETE /custom_object_instances/{custom_object_type_identifier}?external_id=...).
func (s *CustomObjectInstancesService) DeleteByExternalID(ctx context.Context, typeIdentifier, externalID string, opts ...Option) (*gen.CustomObjectInstanceDeleted, error) {
	if err := requireID("custom object type identifier", typeIdentifier); err != nil {
		return nil, err
	}
	if err := requireID("custom object instance external_id", externalID); err != nil {
		return nil, err
	}
	return doJSON[gen.CustomObjectInstanceDeleted](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.DeleteCustomObjectInstancesById(ctx, typeIdentifier,
			&gen.DeleteCustomObjectInstancesByIdParams{ExternalId: externalID})
	})
}
