package intercom

import (
	"context"
	"iter"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// Help center and collection ids are strings of digits in the objects the
// API returns (gen.HelpCenter.Id, gen.Collection.Id) while the paths declare
// them as integers: the methods below take the string, check that it is a
// positive decimal number and reject anything else with an error wrapping
// [ErrInvalidID], without sending a request.

// The methods below decode into the types of the generated responses'
// JSON200 fields; these assignments stop compiling if those change.
var (
	_ = func(r *gen.ListHelpCentersResponse) *gen.HelpCenterList { return r.JSON200 }
	_ = func(r *gen.RetrieveHelpCenterResponse) *gen.HelpCenter { return r.JSON200 }
	_ = func(r *gen.ListAllCollectionsResponse) *gen.CollectionList { return r.JSON200 }
	_ = func(r *gen.CreateCollectionResponse) *gen.Collection { return r.JSON200 }
	_ = func(r *gen.RetrieveCollectionResponse) *gen.Collection { return r.JSON200 }
	_ = func(r *gen.UpdateCollectionResponse) *gen.Collection { return r.JSON200 }
	_ = func(r *gen.DeleteCollectionResponse) *gen.DeletedCollectionObject { return r.JSON200 }
)

// List lists the workspace's help centers (GET /help_center/help_centers).
// The listing is not paginated: every help center comes in one response.
func (s *HelpCentersService) List(ctx context.Context, opts ...Option) (*gen.HelpCenterList, error) {
	return doJSON[gen.HelpCenterList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListHelpCenters(ctx)
	})
}

// Get fetches a help center (GET /help_center/help_centers/{help_center_id}).
// helpCenterID is a string of digits.
func (s *HelpCentersService) Get(ctx context.Context, helpCenterID string, opts ...Option) (*gen.HelpCenter, error) {
	id, err := numericID("help center id", helpCenterID)
	if err != nil {
		return nil, err
	}
	return doJSON[gen.HelpCenter](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.RetrieveHelpCenter(ctx, id)
	})
}

// ListCollections fetches one page of the help center collections
// (GET /help_center/collections), most recently updated first. params may
// be nil; params.Page and params.PerPage choose the page. Use
// [HelpCentersService.ListCollectionsAll] to get every page.
func (s *HelpCentersService) ListCollections(ctx context.Context, params *gen.ListAllCollectionsParams, opts ...Option) (*gen.CollectionList, error) {
	return doJSON[gen.CollectionList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListAllCollections(ctx, params)
	})
}

// ListCollectionsAll iterates over every help center collection
// (GET /help_center/collections, page by page), starting at params.Page
// (default the first). params may be nil (params.PerPage sets the page
// size); it is copied and not modified. An error is yielded once and ends
// the iteration.
func (s *HelpCentersService) ListCollectionsAll(ctx context.Context, params *gen.ListAllCollectionsParams, opts ...Option) iter.Seq2[gen.Collection, error] {
	return paginate(ctx, fetchPages(s.c, nil, opts,
		pageCall(params, func(q *gen.ListAllCollectionsParams, page *int) { q.Page = page },
			func(ctx context.Context, q *gen.ListAllCollectionsParams) (*http.Response, error) {
				return s.c.gen.ListAllCollections(ctx, q)
			}),
		func(l *gen.CollectionList) ([]gen.Collection, string) {
			return items(l.Data), pageNext(l.Pages)
		}))
}

// CreateCollection creates a collection (POST /help_center/collections).
// body.Name is required; body.HelpCenterId chooses the help center (nil:
// the default one) and body.ParentId nests it in another collection.
func (s *HelpCentersService) CreateCollection(ctx context.Context, body gen.CreateCollectionRequest, opts ...Option) (*gen.Collection, error) {
	return doJSON[gen.Collection](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CreateCollection(ctx, body)
	})
}

// GetCollection fetches a collection
// (GET /help_center/collections/{collection_id}). collectionID is a string
// of digits.
func (s *HelpCentersService) GetCollection(ctx context.Context, collectionID string, opts ...Option) (*gen.Collection, error) {
	id, err := numericID("collection id", collectionID)
	if err != nil {
		return nil, err
	}
	return doJSON[gen.Collection](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.RetrieveCollection(ctx, id)
	})
}

// UpdateCollection updates a collection
// (PUT /help_center/collections/{collection_id}); only the fields set in
// body change. collectionID is a string of digits.
func (s *HelpCentersService) UpdateCollection(ctx context.Context, collectionID string, body gen.UpdateCollectionRequest, opts ...Option) (*gen.Collection, error) {
	id, err := numericID("collection id", collectionID)
	if err != nil {
		return nil, err
	}
	return doJSON[gen.Collection](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.UpdateCollection(ctx, id, body)
	})
}

// DeleteCollection deletes a collection
// (DELETE /help_center/collections/{collection_id}). collectionID is a
// string of digits.
func (s *HelpCentersService) DeleteCollection(ctx context.Context, collectionID string, opts ...Option) (*gen.DeletedCollectionObject, error) {
	id, err := numericID("collection id", collectionID)
	if err != nil {
		return nil, err
	}
	return doJSON[gen.DeletedCollectionObject](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.DeleteCollection(ctx, id)
	})
}
