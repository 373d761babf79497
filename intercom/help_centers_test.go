package intercom

import (
	"context"
	"iter"
	"net/url"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

func TestHelpCentersCalls(t *testing.T) {
	const helpCenter = `{"id":"123","workspace_id":"hfi1bx4l","created_at":1672928359,"updated_at":1672928610,"identifier":"help-center-1","website_turned_on":true,"display_name":"Intercom Help Center","url":"https://help.example.com","custom_domain":"help.example.com"}`
	// order: an integer in 2.16, a string once a version changes its type: the
	// fixture takes the generated type's wire form.
	collection := `{"id":"165","workspace_id":"hfi1bx4l","name":"Billing","url":"https://help.example.com/collections/165","order":` + wireValue[gen.Collection](t, "order", "1") + `,"created_at":1672928359,"updated_at":1672928610,"description":"All about billing","icon":"book-bookmark","help_center_id":123,"default_locale":"en","parent_id":"12","translated_content":{"type":"group_translated_content","fr":{"type":"group_translated_content","name":"Facturation","description":"Tout sur la facturation"}}}`
	svcRun(t, []svcCase{
		{
			name:   "List",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.HelpCenters.List(ctx)) },
			method: "GET", path: "/help_center/help_centers",
			resp: `{"type":"list","data":[` + helpCenter + `]}`,
		},
		{
			name:   "Get",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.HelpCenters.Get(ctx, "123")) },
			method: "GET", path: "/help_center/help_centers/123",
			resp: helpCenter,
		},
		{
			name: "ListCollections",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.HelpCenters.ListCollections(ctx, &gen.ListAllCollectionsParams{Page: Ptr(1), PerPage: Ptr(20)}))
			},
			method: "GET", path: "/help_center/collections", query: url.Values{"page": {"1"}, "per_page": {"20"}},
			resp: `{"type":"list","data":[` + collection + `],"total_count":1,"pages":{"type":"pages","page":1,"per_page":20,"total_pages":1}}`,
		},
		{
			name: "CreateCollection",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.HelpCenters.CreateCollection(ctx, gen.CreateCollectionRequest{
					Name: "Billing", Description: Ptr("All about billing"), HelpCenterId: Ptr("123"), ParentId: Ptr("12"),
				}))
			},
			method: "POST", path: "/help_center/collections",
			body: `{"name":"Billing","description":"All about billing","help_center_id":123,"parent_id":"12"}`,
			resp: collection,
		},
		{
			name: "GetCollection",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.HelpCenters.GetCollection(ctx, "165"))
			},
			method: "GET", path: "/help_center/collections/165",
			resp: collection,
		},
		{
			name: "UpdateCollection",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.HelpCenters.UpdateCollection(ctx, "165", gen.UpdateCollectionRequest{Name: Ptr("Billing")}))
			},
			method: "PUT", path: "/help_center/collections/165",
			body: `{"name":"Billing"}`,
			resp: collection,
		},
		{
			name: "DeleteCollection",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.HelpCenters.DeleteCollection(ctx, "165"))
			},
			method: "DELETE", path: "/help_center/collections/165",
			resp: `{"id":"165","object":"collection","deleted":true}`,
		},
	})
}

func TestHelpCentersIDs(t *testing.T) {
	svcRunIDs(t, []svcIDCase{
		{name: "Get", route: "/help_center/help_centers/%s", numeric: true, call: func(ctx context.Context, c *Client, id string) error {
			return svcErr(c.HelpCenters.Get(ctx, id))
		}},
		{name: "GetCollection", route: "/help_center/collections/%s", numeric: true, call: func(ctx context.Context, c *Client, id string) error {
			return svcErr(c.HelpCenters.GetCollection(ctx, id))
		}},
		{name: "UpdateCollection", route: "/help_center/collections/%s", numeric: true, call: func(ctx context.Context, c *Client, id string) error {
			return svcErr(c.HelpCenters.UpdateCollection(ctx, id, gen.UpdateCollectionRequest{}))
		}},
		{name: "DeleteCollection", route: "/help_center/collections/%s", numeric: true, call: func(ctx context.Context, c *Client, id string) error {
			return svcErr(c.HelpCenters.DeleteCollection(ctx, id))
		}},
	})
}

func TestHelpCentersIterators(t *testing.T) {
	svcRunIters(t, []svcIterCase{
		{
			name: "ListCollectionsAll", style: svcPageStyle, path: "/help_center/collections", item: svcItem("collection"),
			seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
				return svcIDs(c.HelpCenters.ListCollectionsAll(ctx, &gen.ListAllCollectionsParams{PerPage: Ptr(per)}, opts...),
					func(col gen.Collection) string { return valueOr(col.Id) })
			},
		},
	})
}
