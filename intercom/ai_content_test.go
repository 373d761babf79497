package intercom

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom/types"
)

const kbSource = `{"type":"content_import_source","id":33,"last_synced_at":1672928610,"sync_behavior":"api","status":"active","url":"https://docs.example.com","created_at":1672928359,"updated_at":1672928610,"audience_ids":[5678]}`

const kbPage = `{"type":"external_page","id":"ep-9","title":"Install guide","html":"<p>Run the installer</p>","url":"https://docs.example.com/install","ai_agent_availability":true,"ai_copilot_availability":false,"fin_availability":true,"locale":"en","source_id":33,"external_id":"doc-1","created_at":1672928359,"updated_at":1672928610,"last_ingested_at":1672928610}`

func TestAIContentCalls(t *testing.T) {
	createAudience := types.IDs{"5678"}
	updateAudience := types.IDs{"5678"}
	svcRun(t, []svcCase{
		{
			name: "ListContentImportSources",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.AIContent.ListContentImportSources(ctx, &gen.ListContentImportSourcesParams{PerPage: Ptr(50)}))
			},
			method: "GET", path: "/ai/content_import_sources", query: url.Values{"per_page": {"50"}},
			resp: `{"type":"list","data":[` + kbSource + `],"pages":{"type":"pages","page":1,"per_page":50,"total_pages":1},"total_count":1}`,
		},
		{
			name: "CreateContentImportSource",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.AIContent.CreateContentImportSource(ctx, gen.CreateContentImportSourceRequest{
					Url: "https://docs.example.com", SyncBehavior: gen.CreateContentImportSourceRequestSyncBehaviorApi,
					Status: Ptr(gen.CreateContentImportSourceRequestStatusActive), AudienceIds: &createAudience,
				}))
			},
			method: "POST", path: "/ai/content_import_sources",
			body: `{"url":"https://docs.example.com","sync_behavior":"api","status":"active","audience_ids":[5678]}`,
			resp: kbSource,
		},
		{
			name: "GetContentImportSource",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.AIContent.GetContentImportSource(ctx, "33"))
			},
			method: "GET", path: "/ai/content_import_sources/33",
			resp: kbSource,
		},
		{
			name: "UpdateContentImportSource",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.AIContent.UpdateContentImportSource(ctx, "33", gen.UpdateContentImportSourceRequest{
					Url: "https://docs.example.com", SyncBehavior: gen.UpdateContentImportSourceRequestSyncBehaviorApi,
					Status: Ptr(gen.UpdateContentImportSourceRequestStatusDeactivated), AudienceIds: &updateAudience,
					ApplyAudienceToExistingContent: Ptr(true),
				}))
			},
			method: "PUT", path: "/ai/content_import_sources/33",
			body: `{"url":"https://docs.example.com","sync_behavior":"api","status":"deactivated","audience_ids":[5678],"apply_audience_to_existing_content":true}`,
			resp: kbSource,
		},
		{
			name: "DeleteContentImportSource",
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.AIContent.DeleteContentImportSource(ctx, "33")
			},
			method: "DELETE", path: "/ai/content_import_sources/33",
			status: http.StatusNoContent,
		},
		{
			name: "ListExternalPages",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.AIContent.ListExternalPages(ctx, &gen.ListExternalPagesParams{Page: Ptr(2), PerPage: Ptr(1)}))
			},
			method: "GET", path: "/ai/external_pages", query: url.Values{"page": {"2"}, "per_page": {"1"}},
			resp: `{"type":"list","data":[` + kbPage + `],"pages":{"type":"pages","page":2,"per_page":1,"total_pages":3,"next":"https://api.intercom.io/ai/external_pages?page=3&per_page=1"},"total_count":3}`,
		},
		{
			name: "CreateExternalPage",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.AIContent.CreateExternalPage(ctx, gen.CreateExternalPageRequest{
					Title: "Install guide", Html: "<p>Run the installer</p>", Url: Ptr("https://docs.example.com/install"),
					Locale: gen.CreateExternalPageRequestLocaleEn, SourceId: "33", ExternalId: "doc-1", AiAgentAvailability: Ptr(true),
				}))
			},
			method: "POST", path: "/ai/external_pages",
			body: `{"title":"Install guide","html":"<p>Run the installer</p>","url":"https://docs.example.com/install","locale":"en","source_id":33,"external_id":"doc-1","ai_agent_availability":true}`,
			resp: kbPage,
		},
		{
			name: "GetExternalPage",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.AIContent.GetExternalPage(ctx, "ep-9"))
			},
			method: "GET", path: "/ai/external_pages/ep-9",
			resp: kbPage,
		},
		{
			name: "UpdateExternalPage",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.AIContent.UpdateExternalPage(ctx, "ep-9", gen.UpdateExternalPageRequest{
					Title: "Install guide", Html: "<p>Run the installer</p>", Url: "https://docs.example.com/install",
					Locale: gen.UpdateExternalPageRequestLocaleEn, SourceId: "33", FinAvailability: Ptr(true),
				}))
			},
			method: "PUT", path: "/ai/external_pages/ep-9",
			body: `{"title":"Install guide","html":"<p>Run the installer</p>","url":"https://docs.example.com/install","locale":"en","source_id":33,"fin_availability":true}`,
			resp: kbPage,
		},
		{
			name: "DeleteExternalPage",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.AIContent.DeleteExternalPage(ctx, "ep-9"))
			},
			method: "DELETE", path: "/ai/external_pages/ep-9",
			resp: kbPage,
		},
	})
}

func TestAIContentIDs(t *testing.T) {
	body := gen.UpdateExternalPageRequest{Title: "t", Html: "h", Url: "u", Locale: gen.UpdateExternalPageRequestLocaleEn, SourceId: "1"}
	svcRunIDs(t, []svcIDCase{
		{name: "GetExternalPage", route: "/ai/external_pages/%s", call: func(ctx context.Context, c *Client, id string) error {
			return svcErr(c.AIContent.GetExternalPage(ctx, id))
		}},
		{name: "UpdateExternalPage", route: "/ai/external_pages/%s", call: func(ctx context.Context, c *Client, id string) error {
			return svcErr(c.AIContent.UpdateExternalPage(ctx, id, body))
		}},
		{name: "DeleteExternalPage", route: "/ai/external_pages/%s", call: func(ctx context.Context, c *Client, id string) error {
			return svcErr(c.AIContent.DeleteExternalPage(ctx, id))
		}},
	})
}

// TestAIContentSourceIDs checks the numeric content import source ids: zero
// and negative ones are refused before any request, others reach the route.
func TestAIContentSourceIDs(t *testing.T) {
	update := gen.UpdateContentImportSourceRequest{Url: "u", SyncBehavior: gen.UpdateContentImportSourceRequestSyncBehaviorApi}
	calls := map[string]func(ctx context.Context, c *Client, id int) error{
		"Get": func(ctx context.Context, c *Client, id int) error {
			return svcErr(c.AIContent.GetContentImportSource(ctx, strconv.Itoa(id)))
		},
		"Update": func(ctx context.Context, c *Client, id int) error {
			return svcErr(c.AIContent.UpdateContentImportSource(ctx, strconv.Itoa(id), update))
		},
		"Delete": func(ctx context.Context, c *Client, id int) error {
			return c.AIContent.DeleteContentImportSource(ctx, strconv.Itoa(id))
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			c, seen := svcServer(t, nil)
			for _, id := range []int{0, -1, -33} {
				if err := call(context.Background(), c, id); !errors.Is(err, ErrInvalidID) {
					t.Errorf("id %d: error %v, want ErrInvalidID", id, err)
				}
			}
			if n := len(seen()); n != 0 {
				t.Fatalf("%d requests sent for invalid ids", n)
			}
			if err := call(context.Background(), c, 1<<40); err != nil {
				t.Fatal(err)
			}
			if reqs := seen(); len(reqs) != 1 || reqs[0].path != "/ai/content_import_sources/1099511627776" {
				t.Errorf("requests %+v, want one to /ai/content_import_sources/1099511627776", reqs)
			}
		})
	}
}

func TestAIContentIterators(t *testing.T) {
	svcRunIters(t, []svcIterCase{
		{
			name: "ListContentImportSourcesAll", style: svcURLStyle, path: "/ai/content_import_sources",
			item: func(i int) map[string]any {
				return map[string]any{"type": "content_import_source", "id": i, "url": fmt.Sprintf("https://docs.example.com/%d", i), "sync_behavior": "api", "status": "active"}
			},
			seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
				return svcIDs(c.AIContent.ListContentImportSourcesAll(ctx, &gen.ListContentImportSourcesParams{PerPage: Ptr(per)}, opts...),
					func(s gen.ContentImportSource) string { return s.GetId() })
			},
		},
		{
			name: "ListExternalPagesAll", style: svcURLStyle, path: "/ai/external_pages", item: svcItem("external_page"),
			seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
				return svcIDs(c.AIContent.ListExternalPagesAll(ctx, &gen.ListExternalPagesParams{PerPage: Ptr(per)}, opts...),
					func(p gen.ExternalPage) string { return p.Id })
			},
		},
	})
}

// TestAIContentNextURLOnAnotherHost checks that a pages.next URL on a host
// other than the client's is refused: the iteration ends with an error that
// does not carry the token, after the items of the first page.
func TestAIContentNextURLOnAnotherHost(t *testing.T) {
	c, seen := svcServer(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		coreJSON(w, http.StatusOK, `{"type":"list","data":[`+kbPage+`],"pages":{"type":"pages","next":"https://attacker.example.com/ai/external_pages?page=2"}}`)
	})
	params := &gen.ListExternalPagesParams{PerPage: Ptr(1)}
	var got []string
	var errs []error
	for p, err := range c.AIContent.ListExternalPagesAll(context.Background(), params) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, p.Id)
	}
	if len(got) != 1 || got[0] != "ep-9" {
		t.Errorf("items %v, want [ep-9]", got)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "attacker.example.com") || strings.Contains(errs[0].Error(), coreToken) {
		t.Errorf("errors %v, want one refusing attacker.example.com, without the token", errs)
	}
	if n := len(seen()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
	if params.Page != nil || *params.PerPage != 1 {
		t.Errorf("params changed: %+v", params)
	}
}
