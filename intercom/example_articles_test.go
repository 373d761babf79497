package intercom_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/intercomkit/intercom-go/intercom"
)

// articlesAPI stands in for Intercom in the article examples: article 42
// exists, creating an article echoes it back with id 43, and a search finds
// article 42.
func articlesAPI() *httptest.Server {
	const article42 = `{"type":"article","id":"42","title":"Getting started","state":"published","author_id":991,"url":"https://help.example.com/en/articles/42-getting-started"}`
	mux := http.NewServeMux()
	mux.HandleFunc("POST /articles", func(w http.ResponseWriter, r *http.Request) {
		var in map[string]any
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		in["type"], in["id"] = "article", "43"
		_ = json.NewEncoder(w).Encode(in)
	})
	mux.HandleFunc("GET /articles/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") != "42" {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"type":"error.list","request_id":"req-7","errors":[{"code":"not_found","message":"Resource Not Found"}]}`)
			return
		}
		fmt.Fprint(w, article42)
	})
	mux.HandleFunc("GET /articles/search", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"type":"list","total_count":1,"data":{"articles":[%s],"highlights":[{"article_id":"42","highlighted_title":[{"type":"highlight","text":"Getting"},{"type":"plain","text":" started"}]}]},"pages":{"type":"pages","page":1,"per_page":10,"total_pages":1}}`, article42)
	})
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		mux.ServeHTTP(w, r)
	}))
}

func ExampleArticlesService_Create() {
	srv := articlesAPI()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	article, err := client.Articles.Create(context.Background(), intercom.CreateArticleRequest{
		Title:    "Resetting your password",
		AuthorId: "991", // an admin id (ids are strings)
		Body:     intercom.Ptr("<p>Open Settings, then Security.</p>"),
		State:    intercom.Ptr(intercom.CreateArticleRequestStateDraft),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*article.Id, *article.Title, *article.State)
	// Output: 43 Resetting your password draft
}

func ExampleArticlesService_Get() {
	srv := articlesAPI()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	// Article ids are strings of digits, as the API returns them.
	article, err := client.Articles.Get(context.Background(), "42")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*article.Title, *article.Url)

	_, err = client.Articles.Get(context.Background(), "7")
	fmt.Println(intercom.IsNotFound(err))

	// An id that is not a positive number is refused before any request.
	_, err = client.Articles.Get(context.Background(), "../admins")
	fmt.Println(err)
	// Output:
	// Getting started https://help.example.com/en/articles/42-getting-started
	// true
	// intercom: article id "../admins" is not a positive number: invalid id
}

func ExampleArticlesService_Search() {
	srv := articlesAPI()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	// Search returns one page, with the highlights when asked for; use
	// SearchAll to iterate over every matching article.
	res, err := client.Articles.Search(context.Background(), &intercom.SearchArticlesParams{
		Phrase:    intercom.Ptr("getting started"),
		State:     intercom.Ptr("published"),
		Highlight: intercom.Ptr(true),
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range res.Data.Articles {
		fmt.Println(*a.Id, *a.Title)
	}
	for _, h := range res.Data.Highlights {
		var parts []string
		for _, part := range h.HighlightedTitle {
			parts = append(parts, fmt.Sprintf("%s=%q", *part.Type, *part.Text))
		}
		fmt.Println(*h.ArticleId, strings.Join(parts, " "))
	}
	// Output:
	// 42 Getting started
	// 42 highlight="Getting" plain=" started"
}
