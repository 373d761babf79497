package webhook_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/pkg/webhook"
)

func ExampleHandler() {
	// The app's client secret; in a real program it comes from configuration.
	secret := []byte("test-client-secret")

	dedup, err := webhook.NewMemoryDeduplicator(10_000)
	if err != nil {
		log.Fatal(err)
	}
	h, err := webhook.NewHandler(secret, webhook.WithDeduplicator(dedup))
	if err != nil {
		log.Fatal(err)
	}
	// One topic exactly...
	err = h.Handle("conversation.user.created", func(ctx context.Context, n *webhook.Notification) error {
		c, err := n.Conversation()
		if err != nil {
			return err // 500: Intercom delivers it again
		}
		fmt.Println("new conversation", *c.Id)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	// ...and a whole family.
	err = h.Handle("contact.*", func(ctx context.Context, n *webhook.Notification) error {
		fmt.Println("contact event", n.Topic)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}

	mux := http.NewServeMux()
	mux.Handle("POST /intercom/webhooks", h)

	// Simulate Intercom delivering a notification.
	body := `{"type":"notification_event","id":"notif_1","topic":"conversation.user.created",` +
		`"data":{"type":"notification_event_data","item":{"type":"conversation","id":"1001"}}}`
	req := httptest.NewRequest(http.MethodPost, "/intercom/webhooks", strings.NewReader(body))
	req.Header.Set(webhook.SignatureHeader, webhook.Sign(secret, []byte(body)))
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	fmt.Println(rec.Code)
	// Output:
	// new conversation 1001
	// 200
}

func ExampleVerify() {
	secret := []byte("test-client-secret")
	body := []byte(`{"type":"notification_event","topic":"ping"}`)

	good := webhook.Sign(secret, body)
	fmt.Println(webhook.Verify(secret, body, good))

	err := webhook.Verify(secret, body, "sha1=0000000000000000000000000000000000000000")
	fmt.Println(errors.Is(err, webhook.ErrInvalidSignature))

	err = webhook.Verify(secret, body, "")
	fmt.Println(errors.Is(err, webhook.ErrMissingSignature))
	// Output:
	// <nil>
	// true
	// true
}

func ExampleVerifyRequest() {
	secret := []byte("test-client-secret")
	handler := func(w http.ResponseWriter, r *http.Request) {
		body, err := webhook.VerifyRequest(r, secret, 1<<20)
		if err != nil {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		n, err := webhook.Parse(body)
		if err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		fmt.Println("got", n.Topic)
	}

	body := `{"type":"notification_event","topic":"ping","data":{"item":{"type":"ping","message":"hi"}}}`
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	req.Header.Set(webhook.SignatureHeader, webhook.Sign(secret, []byte(body)))
	handler(httptest.NewRecorder(), req)
	// Output: got ping
}

func ExampleParse() {
	body := []byte(`{"type":"notification_event","id":"notif_9","topic":"contact.user.created",` +
		`"app_id":"abc123","created_at":1700000000,"delivery_attempts":1,` +
		`"data":{"type":"notification_event_data","item":{"type":"contact","id":"6500aa","email":"jane@example.com"}}}`)
	n, err := webhook.Parse(body) // after webhook.Verify!
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n.Topic, n.Family(), n.ItemType())

	item, err := n.Item()
	if err != nil {
		log.Fatal(err)
	}
	switch v := item.(type) {
	case *gen.Contact:
		fmt.Println("contact", *v.Id, *v.Email)
	case *gen.Conversation:
		fmt.Println("conversation", *v.Id)
	case json.RawMessage:
		fmt.Println("item not modelled:", string(v))
	}
	// Output:
	// contact.user.created contact contact
	// contact 6500aa jane@example.com
}
