package intercom_test

import (
	"context"
	"fmt"
	"log"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

// Find the open conversations nobody is assigned to: "value": null.
func ExampleSearchField_IsNull() {
	srv, err := intercomtest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()
	contact := srv.SeedContacts(1)[0]
	for _, body := range []string{"Where is my order?", "Refund please"} {
		if _, err := srv.AddConversation(contact.GetId(), body); err != nil {
			log.Fatal(err)
		}
	}

	query := intercom.And(
		intercom.Field("state").Equals("open"),
		intercom.Field("admin_assignee_id").IsNull(),
	)
	fmt.Println(query)
	req, err := query.ForConversations()
	if err != nil {
		log.Fatal(err)
	}
	n := 0
	for conv, err := range client.Conversations.SearchAll(ctx, req) {
		if err != nil {
			log.Fatal(err)
		}
		if conv.GetAdminAssigneeId() == "" {
			n++
		}
	}
	fmt.Println(n, "unassigned")
	// Output:
	// (state = "open" AND admin_assignee_id = null)
	// 2 unassigned
}
