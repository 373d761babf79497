package intercomtest_test

import (
	"context"
	"fmt"
	"log"

	"github.com/intercomkit/intercom-go/pkg/intercomtest"
	"github.com/intercomkit/intercom-go/pkg/webhook"
)

// Test a webhook receiver: the server signs and delivers a notification about
// a conversation it holds.
func ExampleServer_DeliverWebhook() {
	srv, err := intercomtest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	contact := srv.SeedContacts(1)[0]
	conv, err := srv.AddConversation(contact.GetId(), "My order is late")
	if err != nil {
		log.Fatal(err)
	}

	secret := []byte("client-secret")
	receiver, err := webhook.NewHandler(secret)
	if err != nil {
		log.Fatal(err)
	}
	if err := receiver.Handle("conversation.user.created", func(ctx context.Context, n *webhook.Notification) error {
		c, err := n.Conversation()
		if err != nil {
			return err
		}
		fmt.Println("new conversation:", c.GetSource().GetBody())
		return nil
	}); err != nil {
		log.Fatal(err)
	}

	resp, err := srv.DeliverWebhook(receiver, secret, intercomtest.Webhook{Topic: "conversation.user.created", Item: conv})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.StatusCode)
	// Output:
	// new conversation: My order is late
	// 200
}
