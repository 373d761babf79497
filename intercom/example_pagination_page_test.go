package intercom_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"

	"github.com/intercomkit/intercom-go/intercom"
)

// pageNumbersAPI stands in for Intercom's page-numbered listings: five
// articles and three news items, served a page at a time with
// pages{page, per_page, total_pages}, as GET /articles and
// GET /news/news_items answer. It prints every request it gets, with its
// paging parameters.
func pageNumbersAPI() *httptest.Server {
	serve := func(w http.ResponseWriter, r *http.Request, total int, item func(i int) map[string]any) {
		// The paging parameters the iterator sends (page, per_page): what the
		// Examples show. Other query parameters an API version adds or requires
		// are not their subject, so the output holds on every version.
		q := r.URL.Query()
		paging := url.Values{}
		for _, k := range []string{"page", "per_page"} {
			if v, ok := q[k]; ok {
				paging[k] = v
			}
		}
		target := r.URL.Path
		if len(paging) > 0 {
			target += "?" + paging.Encode()
		}
		fmt.Println("GET", target)
		page, _ := strconv.Atoi(q.Get("page"))
		page = max(page, 1)
		per, _ := strconv.Atoi(q.Get("per_page"))
		per = max(per, 1)
		list := []map[string]any{}
		for i := (page-1)*per + 1; i <= min(page*per, total); i++ {
			list = append(list, item(i))
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"type": "list", "total_count": total, "data": list,
			"pages": map[string]any{"type": "pages", "page": page, "per_page": per, "total_pages": (total + per - 1) / per},
		})
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /articles", func(w http.ResponseWriter, r *http.Request) {
		serve(w, r, 5, func(i int) map[string]any {
			return map[string]any{"type": "article", "id": strconv.Itoa(100 + i), "title": fmt.Sprintf("Article %d", i)}
		})
	})
	mux.HandleFunc("GET /news/news_items", func(w http.ResponseWriter, r *http.Request) {
		serve(w, r, 3, func(i int) map[string]any {
			return map[string]any{"type": "news-item", "id": strconv.Itoa(200 + i), "title": fmt.Sprintf("Release %d", i), "state": "live"}
		})
	})
	return httptest.NewServer(mux)
}

// Listings paginated by page number (articles, collections, internal
// articles, news, companies, ...) have an ...All iterator that asks for
// page 1, 2, ... until pages.total_pages, one page at a time, as the loop
// takes the items.
func ExampleArticlesService_ListAll() {
	srv := pageNumbersAPI()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	params := &intercom.ListArticlesParams{PerPage: intercom.Ptr(2)}
	for article, err := range client.Articles.ListAll(context.Background(), params) {
		if err != nil {
			log.Fatal(err) // the iteration ends after an error
		}
		fmt.Println(*article.Id, *article.Title)
	}
	// Output:
	// GET /articles?per_page=2
	// 101 Article 1
	// 102 Article 2
	// GET /articles?page=2&per_page=2
	// 103 Article 3
	// 104 Article 4
	// GET /articles?page=3&per_page=2
	// 105 Article 5
}

// The news item listings yield news items (ListNewsfeedsAll yields
// newsfeeds).
func ExampleNewsService_ListItemsAll() {
	srv := pageNumbersAPI()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	for news, err := range client.News.ListItemsAll(context.Background(), &intercom.ListNewsItemsParams{PerPage: intercom.Ptr(10)}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(*news.Type, *news.Id, *news.Title, *news.State)
	}
	// Output:
	// GET /news/news_items?per_page=10
	// news-item 201 Release 1 live
	// news-item 202 Release 2 live
	// news-item 203 Release 3 live
}
