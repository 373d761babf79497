package intercom

import (
	"context"
	"iter"
	"net/http"
	"reflect"

	"github.com/intercomkit/intercom-go/intercom/internal/bridge"
)

// init lends the engine to intercom/preview through intercom/internal/bridge
// (see that package): the Preview surface runs every call on this engine,
// with no copy of it and without a word of it in this package's API.
func init() {
	bridge.Engine = bridge.Functions{
		DoInto: func(ctx context.Context, c, op, opts any, req *http.Request, buildErr error, v any, t reflect.Type) error {
			return doInto(ctx, c.(*Client), op.(*Operation), opts.([]Option), req, buildErr, v, t)
		},
		DoNoBody: func(ctx context.Context, c, op, opts any, req *http.Request, buildErr error) error {
			return doNoBody(ctx, c.(*Client), op.(*Operation), opts.([]Option), req, buildErr)
		},
		DoDownload: func(ctx context.Context, c, op, opts any, accept string, req *http.Request, buildErr error) (any, error) {
			return doDownload(ctx, c.(*Client), op.(*Operation), opts.([]Option), accept, req, buildErr)
		},
		NextPageRequest: func(c any, rawURL string) (*http.Request, error) {
			return c.(*Client).nextPageRequest(rawURL)
		},
		Paginate: bridgePaginate,
		PaginateScroll: func(ctx context.Context, op, opts any, fetch func(context.Context, string, any) ([]any, string, error)) iter.Seq2[any, error] {
			return paginateScroll(ctx, opts.([]Option), scrollFetcher[any]{op: op.(*Operation),
				fetch: func(ctx context.Context, param string, opts []Option) ([]any, string, error) {
					return fetch(ctx, param, opts)
				}})
		},
		ScrollError:   scrollError,
		ScrollOptions: func(opts any) any { return scrollOptions(opts.([]Option)) },
		BaseURL:       func(c any) string { return c.(*Client).server },
		NewOperation: func(id, service, method, httpMethod, path string, retrySafe, paramsOption bool) any {
			return &Operation{ID: id, Service: service, Method: method, HTTPMethod: httpMethod, Path: path,
				RetrySafe: retrySafe, paramsOption: paramsOption}
		},
		RequireID:        requireID,
		NumericID:        numericID,
		RequireParam:     requireParam,
		RequireUnionBody: requireUnionBody,
		ParamsOf:         func(opts any) any { return paramsOf(opts.([]Option)) },
		PageParam:        pageParam,
		PageAfter:        pageAfter,
		NextCursor:       nextCursor,
		PageNext:         pageNextOf,
	}
}

// bridgePaginate is paginate over items of any type, for intercom/preview.
func bridgePaginate(ctx context.Context, op any, fetch func(context.Context, string) ([]any, string, error)) iter.Seq2[any, error] {
	o, _ := op.(*Operation)
	return paginate(ctx, func(ctx context.Context, cursor string) (pageOf[any], error) {
		items, next, err := fetch(ctx, cursor)
		if err != nil {
			return pageOf[any]{}, err
		}
		return pageOf[any]{Items: items, Next: next, Op: o}, nil
	})
}
