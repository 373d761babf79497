package intercom_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strconv"

	"github.com/intercomkit/intercom-go/intercom"
)

// nextURLAPI stands in for Intercom's next-URL listings: five external
// pages, each page of the listing giving the URL of the next one in
// pages.next, as GET /ai/external_pages answers. It prints every request it
// gets.
func nextURLAPI() *httptest.Server {
	const total = 5
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println("GET", r.URL.RequestURI())
		if r.URL.Path != "/ai/external_pages" {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		q := r.URL.Query()
		page, _ := strconv.Atoi(q.Get("page"))
		page = max(page, 1)
		per, _ := strconv.Atoi(q.Get("per_page"))
		per = max(per, 1)
		list := []map[string]any{}
		for i := (page-1)*per + 1; i <= min(page*per, total); i++ {
			list = append(list, map[string]any{"type": "external_page", "id": fmt.Sprintf("ep-%d", i),
				"title": fmt.Sprintf("Guide %d", i), "source_id": 33, "external_id": fmt.Sprintf("doc-%d", i)})
		}
		pages := map[string]any{"type": "pages", "per_page": per}
		if page*per < total {
			// Intercom names its own host; the client sends the request to
			// its base URL (and refuses a link to any other host).
			pages["next"] = fmt.Sprintf("https://api.intercom.io/ai/external_pages?page=%d&per_page=%d", page+1, per)
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"type": "list", "total_count": total, "data": list, "pages": pages})
	}))
}

// Listings paginated by a next URL (content import sources, external pages,
// a contact's companies) have an ...All iterator that sends the first
// request with the params given, then follows each page's pages.next URL
// until a page has none.
func ExampleAIContentService_ListExternalPagesAll() {
	srv := nextURLAPI()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	params := &intercom.ListExternalPagesParams{PerPage: intercom.Ptr(2)}
	for page, err := range client.AIContent.ListExternalPagesAll(context.Background(), params) {
		if err != nil {
			log.Fatal(err) // the iteration ends after an error
		}
		fmt.Println(page.Id, page.Title, page.ExternalId)
	}
	// Output:
	// GET /ai/external_pages?per_page=2
	// ep-1 Guide 1 doc-1
	// ep-2 Guide 2 doc-2
	// GET /ai/external_pages?page=2&per_page=2
	// ep-3 Guide 3 doc-3
	// ep-4 Guide 4 doc-4
	// GET /ai/external_pages?page=3&per_page=2
	// ep-5 Guide 5 doc-5
}
