package intercom

import (
	"context"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// List lists the brands of the workspace (GET /brands).
func (s *BrandsService) List(ctx context.Context, opts ...Option) (*gen.BrandList, error) {
	return doJSON[gen.BrandList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListBrands(ctx)
	})
}

// Get fetches one brand (GET /brands/{id}).
func (s *BrandsService) Get(ctx context.Context, brandID string, opts ...Option) (*gen.Brand, error) {
	if err := requireID("brand id", brandID); err != nil {
		return nil, err
	}
	return doJSON[gen.Brand](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.RetrieveBrand(ctx, brandID)
	})
}
