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

// ticketsAPI stands in for Intercom in the ticket examples.
func ticketsAPI() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		var body map[string]any
		json.NewDecoder(r.Body).Decode(&body)
		switch r.Method + " " + r.URL.Path {
		case "POST /tickets":
			attrs, _ := body["ticket_attributes"].(map[string]any)
			fmt.Fprintf(w, `{"type":"ticket","id":"474","ticket_id":"22","open":true,"ticket_attributes":{"_default_title_":%q},"ticket_type":{"type":"ticket_type","id":%q,"name":"Bug"}}`,
				attrs["_default_title_"], body["ticket_type_id"])
		case "POST /tickets/enqueue":
			fmt.Fprint(w, `{"type":"job","id":"2","status":"pending"}`)
		case "GET /jobs/status/2":
			fmt.Fprint(w, `{"type":"job","id":"2","status":"success","resource_type":"ticket","resource_id":"475"}`)
		case "POST /tickets/474/reply":
			fmt.Fprintf(w, `{"type":"ticket_part","id":"9001","part_type":%q,"body":%q}`, body["message_type"], body["body"])
		case "POST /tickets/search":
			// Seven matching tickets, 500 to 506, in pages of pagination.per_page.
			p, _ := body["pagination"].(map[string]any)
			per, _ := p["per_page"].(float64)
			after, _ := p["starting_after"].(string)
			start, _ := strconv.Atoi(after)
			end := min(start+max(int(per), 1), 7)
			var tickets []map[string]any
			for i := start; i < end; i++ {
				tickets = append(tickets, map[string]any{"type": "ticket", "id": strconv.Itoa(500 + i), "open": true})
			}
			pages := map[string]any{"type": "pages"}
			if end < 7 {
				pages["next"] = map[string]any{"starting_after": strconv.Itoa(end)}
			}
			json.NewEncoder(w).Encode(map[string]any{"type": "ticket.list", "total_count": 7, "tickets": tickets, "pages": pages})
		default:
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"type":"error.list","errors":[{"code":"not_found","message":"Resource Not Found"}]}`)
		}
	}))
}

func ExampleTicketsService_Create() {
	srv := ticketsAPI()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	// The contact is named by its Intercom id (an email or your user_id also work).
	contact, err := intercom.TicketContactOf(intercom.ContactById{Id: "6762f0dd1bb69f9f2193bb83"})
	if err != nil {
		log.Fatal(err)
	}
	ticket, err := client.Tickets.Create(context.Background(), intercom.CreateTicketRequest{
		TicketTypeId:     "53",
		Contacts:         []intercom.TicketContact{contact},
		TicketAttributes: intercom.TicketCustomAttributes{"_default_title_": intercom.StringValue("Export button does nothing")},
	})
	if err != nil {
		log.Fatal(err)
	}
	title, _ := ticket.TicketAttributes["_default_title_"].AsString() // a string attribute
	fmt.Println(ticket.GetId(), ticket.GetTicketType().GetName(), title)
	// Output:
	// 474 Bug Export button does nothing
}

func ExampleTicketsService_EnqueueCreate() {
	srv := ticketsAPI()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	contact, err := intercom.TicketContactOf(intercom.ContactByEmail{Email: "ann@example.com"})
	if err != nil {
		log.Fatal(err)
	}
	job, err := client.Tickets.EnqueueCreate(ctx, intercom.EnqueueCreateTicketRequest{
		TicketTypeId: "53",
		Contacts:     []intercom.TicketContact{contact},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("job", job.Id, *job.Status)

	// Later (a real program would poll with a delay):
	job, err = client.Jobs.Get(ctx, job.Id)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("job", job.Id, *job.Status, "created ticket", *job.ResourceId)
	// Output:
	// job 2 pending
	// job 2 success created ticket 475
}

func ExampleTicketsService_ReplyAsAdmin() {
	srv := ticketsAPI()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	part, err := client.Tickets.ReplyAsAdmin(context.Background(), "474", "991", "A fix ships on Monday.")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*part.PartType, *part.Body)
	// Output:
	// comment A fix ships on Monday.
}

func ExampleTicketsService_SearchAll() {
	srv := ticketsAPI()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	req, err := intercom.SearchQuery{
		Filter:  intercom.And(intercom.Field("open").Equals(true), intercom.Field("ticket_type_id").Equals("53")),
		PerPage: 3,
	}.ForTickets()
	if err != nil {
		log.Fatal(err)
	}
	var ids []string
	for ticket, err := range client.Tickets.SearchAll(context.Background(), req) {
		if err != nil {
			log.Fatal(err)
		}
		ids = append(ids, *ticket.Id)
	}
	fmt.Println(len(ids), "tickets:", ids)
	// Output:
	// 7 tickets: [500 501 502 503 504 505 506]
}
