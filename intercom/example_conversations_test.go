package intercom_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strconv"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
)

// conversationsAPI stands in for Intercom in the conversation examples: five
// open conversations, 101 to 105, served a page at a time.
func conversationsAPI() *httptest.Server {
	page := func(w http.ResponseWriter, perPage int, after string) {
		start := 0
		if after != "" {
			start, _ = strconv.Atoi(after)
		}
		end := min(start+perPage, 5)
		var list []map[string]any
		for i := start; i < end; i++ {
			list = append(list, map[string]any{"type": "conversation", "id": strconv.Itoa(101 + i), "state": "open"})
		}
		pages := map[string]any{"type": "pages", "per_page": perPage}
		if end < 5 {
			pages["next"] = map[string]any{"per_page": perPage, "starting_after": strconv.Itoa(end)}
		}
		json.NewEncoder(w).Encode(map[string]any{"type": "conversation.list", "total_count": 5, "conversations": list, "pages": pages})
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.Method + " " + r.URL.Path {
		case "GET /conversations":
			per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
			page(w, max(per, 1), r.URL.Query().Get("starting_after"))
		case "POST /conversations/search":
			var body struct {
				Pagination struct {
					PerPage       int    `json:"per_page"`
					StartingAfter string `json:"starting_after"`
				} `json:"pagination"`
			}
			json.NewDecoder(r.Body).Decode(&body)
			page(w, max(body.Pagination.PerPage, 1), body.Pagination.StartingAfter)
		case "POST /conversations/101/reply":
			var body map[string]any
			json.NewDecoder(r.Body).Decode(&body)
			fmt.Fprintf(w, `{"type":"conversation","id":"101","state":"open","conversation_parts":{"type":"conversation_part.list","total_count":1,"conversation_parts":[{"type":"conversation_part","id":"9","part_type":%q,"body":%q}]}}`,
				body["message_type"], body["body"])
		case "POST /conversations/101/parts":
			var body struct {
				MessageType  string `json:"message_type"`
				SnoozedUntil int    `json:"snoozed_until"`
			}
			json.NewDecoder(r.Body).Decode(&body)
			switch body.MessageType {
			case "snoozed":
				fmt.Fprintf(w, `{"type":"conversation","id":"101","state":"snoozed","snoozed_until":%d}`, body.SnoozedUntil)
			case "close":
				fmt.Fprint(w, `{"type":"conversation","id":"101","state":"closed","open":false}`)
			default:
				fmt.Fprint(w, `{"type":"conversation","id":"101","state":"open","open":true}`)
			}
		default:
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"type":"error.list","request_id":"req-1","errors":[{"code":"not_found","message":"Resource Not Found"}]}`)
		}
	}))
}

func ExampleConversationsService_ListAll() {
	srv := conversationsAPI()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	// Pages of two, fetched one at a time as the loop needs them.
	for conv, err := range client.Conversations.ListAll(context.Background(), &intercom.ListConversationsParams{PerPage: intercom.Ptr(2)}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(*conv.Id, *conv.State)
	}
	// Output:
	// 101 open
	// 102 open
	// 103 open
	// 104 open
	// 105 open
}

func ExampleConversationsService_SearchAll() {
	srv := conversationsAPI()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	// Open conversations updated since a given time, three per request.
	req, err := intercom.SearchQuery{
		Filter: intercom.And(
			intercom.Field("open").Equals(true),
			intercom.Field("updated_at").GreaterThan(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)),
		),
		PerPage: 3,
	}.ForConversations()
	if err != nil {
		log.Fatal(err)
	}
	n := 0
	for conv, err := range client.Conversations.SearchAll(context.Background(), req) {
		if err != nil {
			log.Fatal(err)
		}
		n++
		if n == 4 {
			fmt.Println("stopping at", *conv.Id) // no further page is requested
			break
		}
	}
	// Output:
	// stopping at 104
}

func ExampleConversationsService_ReplyAsAdmin() {
	srv := conversationsAPI()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	conv, err := client.Conversations.ReplyAsAdmin(ctx, "101", "991", "Thanks, we are looking into it.")
	if err != nil {
		log.Fatal(err)
	}
	part := conv.ConversationParts.ConversationParts[0]
	fmt.Println(*part.PartType+":", *part.Body)

	// An internal note goes through the same endpoint.
	conv, err = client.Conversations.AddNote(ctx, "101", "991", "Customer on the Pro plan.")
	if err != nil {
		log.Fatal(err)
	}
	part = conv.ConversationParts.ConversationParts[0]
	fmt.Println(*part.PartType+":", *part.Body)

	// A missing conversation is a typed error.
	_, err = client.Conversations.ReplyAsAdmin(ctx, "999", "991", "Hello?")
	fmt.Println(intercom.IsNotFound(err))
	// Output:
	// comment: Thanks, we are looking into it.
	// note: Customer on the Pro plan.
	// true
}

func ExampleConversationsService_Snooze() {
	srv := conversationsAPI()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	// Snooze until Monday 9:00 in Paris; the API gets Unix seconds.
	paris := time.FixedZone("CET", 3600)
	conv, err := client.Conversations.Snooze(ctx, "101", "991", time.Date(2026, 3, 2, 9, 0, 0, 0, paris))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*conv.State, time.Unix(int64(*conv.SnoozedUntil), 0).UTC().Format(time.RFC3339))

	// Close it with a message to the customer.
	conv, err = client.Conversations.Close(ctx, "101", "991", "Glad we could help!")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*conv.State)

	// An empty id is refused before any request is sent.
	_, err = client.Conversations.Open(ctx, "", "991")
	fmt.Println(err)
	// Output:
	// snoozed 2026-03-02T08:00:00Z
	// closed
	// intercom: conversation id is empty: invalid id
}
