package intercom

import (
	"context"
	"errors"
	"iter"
	"net/url"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

func TestNotesCalls(t *testing.T) {
	svcRun(t, []svcCase{
		{
			name:   "Get",
			call:   func(ctx context.Context, c *Client) (any, error) { return svcRes(c.Notes.Get(ctx, "34")) },
			method: "GET", path: "/notes/34",
			resp: `{"type":"note","id":"34","created_at":1734537429,"body":"<p>Hi</p>","author":{"type":"admin","id":"991267460","name":"Ann"}}`,
		},
		{
			name: "ListForCompany",
			call: func(ctx context.Context, c *Client) (any, error) {
				return svcRes(c.Notes.ListForCompany(ctx, "co1", &gen.ListCompanyNotesParams{Page: Ptr(1), PerPage: Ptr(10)}))
			},
			method: "GET", path: "/companies/co1/notes", query: url.Values{"page": {"1"}, "per_page": {"10"}},
			resp: `{"type":"list","data":[{"type":"note","id":"34","body":"<p>Hi</p>"}],"total_count":1,"pages":{"type":"pages","page":1,"per_page":10,"total_pages":1}}`,
		},
	})
}

func TestNotesIDs(t *testing.T) {
	svcRunIDs(t, []svcIDCase{
		{name: "ListForCompany", route: "/companies/%s/notes", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Notes.ListForCompany(ctx, id, nil)
			return err
		}},
		{name: "ListForCompanyAll", route: "/companies/%s/notes", call: func(ctx context.Context, c *Client, id string) error {
			for _, err := range c.Notes.ListForCompanyAll(ctx, id, nil) {
				return err
			}
			return nil
		}},
	})
}

// Note and admin ids are numbers in the path but strings in the API's
// objects: anything but a positive decimal number is refused unsent.
func TestNumericIDs(t *testing.T) {
	calls := map[string]func(ctx context.Context, c *Client, id string) error{
		"Notes.Get": func(ctx context.Context, c *Client, id string) error {
			_, err := c.Notes.Get(ctx, id)
			return err
		},
		"Admins.Get": func(ctx context.Context, c *Client, id string) error {
			_, err := c.Admins.Get(ctx, id)
			return err
		},
		"Admins.SetAway": func(ctx context.Context, c *Client, id string) error {
			_, err := c.Admins.SetAway(ctx, id, gen.SetAwayAdminJSONRequestBody{})
			return err
		},
	}
	routes := map[string]string{"Notes.Get": "/notes/", "Admins.Get": "/admins/", "Admins.SetAway": "/admins/"}
	suffix := map[string]string{"Admins.SetAway": "/away"}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			c, seen := svcServer(t, nil)
			for _, id := range []string{"", ".", "..", "a/b", "../admins", "12a", "-1", "0", "+5", "007", "1e3", " 5", "99999999999999999999999"} {
				if err := call(context.Background(), c, id); !errors.Is(err, ErrInvalidID) {
					t.Errorf("id %q: error %v, want ErrInvalidID", id, err)
				}
			}
			if n := len(seen()); n != 0 {
				t.Fatalf("%d requests sent for invalid ids", n)
			}
			if err := call(context.Background(), c, "991267460"); err != nil {
				t.Fatal(err)
			}
			reqs := seen()
			if want := routes[name] + "991267460" + suffix[name]; len(reqs) != 1 || reqs[0].path != want {
				t.Errorf("requests %+v, want one to %s", reqs, want)
			}
		})
	}
}

func TestNotesIterators(t *testing.T) {
	svcRunIters(t, []svcIterCase{
		{
			name: "ListForCompanyAll", style: svcPageStyle, path: "/companies/co1/notes",
			seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
				return svcIDs(c.Notes.ListForCompanyAll(ctx, "co1", &gen.ListCompanyNotesParams{PerPage: Ptr(per)}, opts...),
					func(v gen.Note) string { return valueOr(v.Id) })
			},
		},
	})
}
