package intercom_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strconv"

	"github.com/intercomkit/intercom-go/intercom"
)

// contactsAPI stands in for Intercom in the contact examples: five users,
// joe0@example.com to joe4@example.com, served a page at a time.
func contactsAPI() *httptest.Server {
	const total = 5
	page := func(w http.ResponseWriter, perPage int, after string) {
		start := 0
		if after != "" {
			start, _ = strconv.Atoi(after)
		}
		end := min(start+perPage, total)
		list := []map[string]any{}
		for i := start; i < end; i++ {
			list = append(list, map[string]any{"type": "contact", "id": fmt.Sprintf("c%d", i),
				"role": "user", "email": fmt.Sprintf("joe%d@example.com", i)})
		}
		pages := map[string]any{"type": "pages", "per_page": perPage}
		if end < total {
			pages["next"] = map[string]any{"per_page": perPage, "starting_after": strconv.Itoa(end)}
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"type": "list", "total_count": total, "data": list, "pages": pages})
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /contacts", func(w http.ResponseWriter, r *http.Request) {
		per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
		page(w, max(per, 1), r.URL.Query().Get("starting_after"))
	})
	mux.HandleFunc("POST /contacts/search", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Pagination struct {
				PerPage       int    `json:"per_page"`
				StartingAfter string `json:"starting_after"`
			} `json:"pagination"`
		}
		_ = json.NewDecoder(r.Body).Decode(&body)
		page(w, max(body.Pagination.PerPage, 1), body.Pagination.StartingAfter)
	})
	mux.HandleFunc("GET /contacts/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") != "c1" {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"type":"error.list","request_id":"req-9","errors":[{"code":"not_found","message":"User Not Found"}]}`)
			return
		}
		fmt.Fprint(w, `{"type":"contact","id":"c1","role":"user","email":"joe1@example.com","name":"Joe","enabled_push_messaging":true,"custom_attributes":{"plan":"pro"}}`)
	})
	mux.HandleFunc("POST /contacts/{id}/tags", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			ID string `json:"id"`
		}
		_ = json.NewDecoder(r.Body).Decode(&body)
		fmt.Fprintf(w, `{"type":"tag","id":%q,"name":"vip"}`, body.ID)
	})
	mux.HandleFunc("POST /contacts/{id}/notes", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Body string `json:"body"`
		}
		_ = json.NewDecoder(r.Body).Decode(&body)
		fmt.Fprintf(w, `{"type":"note","id":"34","body":%q,"contact":{"type":"contact","id":%q}}`, "<p>"+body.Body+"</p>", r.PathValue("id"))
	})
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		mux.ServeHTTP(w, r)
	}))
}

func ExampleContactsService_Get() {
	srv := contactsAPI()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer client.CloseIdleConnections()
	ctx := context.Background()

	contact, err := client.Contacts.Get(ctx, "c1")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*contact.Email, *contact.EnabledPushMessaging, contact.CustomAttributes["plan"])

	_, err = client.Contacts.Get(ctx, "c404")
	fmt.Println(intercom.IsNotFound(err))
	// Output:
	// joe1@example.com true pro
	// true
}

func ExampleContactsService_SearchAll() {
	srv := contactsAPI()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer client.CloseIdleConnections()

	// Users whose email ends with example.com, two per page: SearchAll
	// follows the cursor in the request body until the last page.
	query, err := intercom.SearchQuery{
		Filter: intercom.And(
			intercom.Field("role").Equals("user"),
			intercom.Field("email").EndsWith("@example.com"),
		),
		PerPage: 2,
	}.ForContacts()
	if err != nil {
		log.Fatal(err)
	}
	for contact, err := range client.Contacts.SearchAll(context.Background(), query) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(*contact.Id, *contact.Email)
	}
	// Output:
	// c0 joe0@example.com
	// c1 joe1@example.com
	// c2 joe2@example.com
	// c3 joe3@example.com
	// c4 joe4@example.com
}

func ExampleContactsService_ListAll() {
	srv := contactsAPI()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer client.CloseIdleConnections()

	// Pages are fetched as the loop needs them; breaking out stops fetching.
	n := 0
	for contact, err := range client.Contacts.ListAll(context.Background(), &intercom.ListContactsParams{PerPage: intercom.Ptr(2)}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(*contact.Email)
		if n++; n == 3 {
			break
		}
	}
	// Output:
	// joe0@example.com
	// joe1@example.com
	// joe2@example.com
}

func ExampleContactsService_Tag() {
	srv := contactsAPI()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer client.CloseIdleConnections()
	ctx := context.Background()

	tag, err := client.Contacts.Tag(ctx, "c1", "t7")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*tag.Id, *tag.Name)

	note, err := client.Contacts.AddNote(ctx, "c1", "991267460", "Asked about the pro plan")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*note.Body)

	// An empty id is refused before anything is sent.
	_, err = client.Contacts.Tag(ctx, "", "t7")
	fmt.Println(errors.Is(err, intercom.ErrInvalidID))
	// Output:
	// t7 vip
	// <p>Asked about the pro plan</p>
	// true
}
