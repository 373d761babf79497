package intercom_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"

	"github.com/intercomkit/intercom-go/intercom"
)

// cursorAPI stands in for GET /conversations: total conversations served
// with the starting_after cursor, printing each request it gets. With stuck,
// it hands back the same next cursor forever, as a misbehaving proxy might.
func cursorAPI(total int, stuck bool) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println("GET", r.URL.RequestURI())
		q := r.URL.Query()
		per, _ := strconv.Atoi(q.Get("per_page"))
		per = max(per, 1)
		start, _ := strconv.Atoi(strings.TrimPrefix(q.Get("starting_after"), "c"))
		var list []string
		for i := start; i < min(start+per, total); i++ {
			list = append(list, fmt.Sprintf(`{"type":"conversation","id":"%d","state":"open"}`, 101+i))
		}
		next := ""
		switch {
		case stuck:
			next = `,"next":{"starting_after":"c2"}`
		case start+per < total:
			next = fmt.Sprintf(`,"next":{"starting_after":"c%d"}`, start+per)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"type":"conversation.list","conversations":[%s],"pages":{"type":"pages"%s}}`, strings.Join(list, ","), next)
	}))
}

// Every ...All iterator fetches a page only when the loop has used the
// previous one: breaking out of the loop sends no further request, and memory
// stays at one page however long the listing is.
func Example_pagination() {
	srv := cursorAPI(100, false)
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	params := &intercom.ListConversationsParams{PerPage: intercom.Ptr(2)}
	n := 0
	for conv, err := range client.Conversations.ListAll(context.Background(), params) {
		if err != nil {
			log.Fatal(err) // an error is yielded once and ends the iteration
		}
		fmt.Println("conversation", *conv.Id)
		if n++; n == 3 {
			break
		}
	}
	fmt.Println("params unchanged:", params.StartingAfter == nil)
	// Output:
	// GET /conversations?per_page=2
	// conversation 101
	// conversation 102
	// GET /conversations?per_page=2&starting_after=c2
	// conversation 103
	// params unchanged: true
}

// When the API hands back a cursor it already gave, following it would loop
// forever: the iteration ends with ErrRepeatedCursor instead.
func Example_repeatedCursor() {
	srv := cursorAPI(100, true)
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	n := 0
	for _, err := range client.Conversations.ListAll(context.Background(), &intercom.ListConversationsParams{PerPage: intercom.Ptr(2)}) {
		if errors.Is(err, intercom.ErrRepeatedCursor) {
			fmt.Println("stopped after", n, "conversations:", err)
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		n++
	}
	// Output:
	// GET /conversations?per_page=2
	// GET /conversations?per_page=2&starting_after=c2
	// stopped after 4 conversations: intercom: pagination stopped: the API returned a cursor it had already returned, so the listing would loop (after page 2)
}
