package intercomtest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/pkg/intercomtest"
	"github.com/intercomkit/intercom-go/pkg/webhook"
)

func TestDeliverWebhookToHandler(t *testing.T) {
	srv := intercomtest.NewServer(t, intercomtest.WithClock(intercomtest.NewManualClock(t0)))
	secret := []byte("client-secret")
	contact := srv.SeedContacts(1)[0]
	conv, err := srv.AddConversation(contact.GetId(), "Hello")
	if err != nil {
		t.Fatal(err)
	}
	dedupe, err := webhook.NewMemoryDeduplicator(100)
	if err != nil {
		t.Fatal(err)
	}
	h, err := webhook.NewHandler(secret, webhook.WithDeduplicator(dedupe))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	if err := h.Handle("conversation.*", func(ctx context.Context, n *webhook.Notification) error {
		c, err := n.Conversation()
		if err != nil {
			return err
		}
		got = append(got, n.Topic+" "+c.GetId()+" "+n.AppID)
		if n.CreatedAt != t0.Unix() || n.DeliveryAttempts != 1 {
			t.Errorf("created_at %d attempts %d", n.CreatedAt, n.DeliveryAttempts)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	w := intercomtest.Webhook{Topic: "conversation.user.created", Item: conv, ID: "notif_1"}
	for i, wantBody := range []string{"ok", "duplicate"} {
		resp, err := srv.DeliverWebhook(h, secret, w)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || !strings.Contains(string(body), wantBody) {
			t.Errorf("delivery %d: %d %q, want 200 %q", i+1, resp.StatusCode, body, wantBody)
		}
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "conversation.user.created "+conv.GetId()+" ") || strings.HasSuffix(got[0], " ") {
		t.Errorf("handler saw %q, want the conversation once with the app id", got)
	}

	// A notification signed with another secret is refused by the handler.
	resp, err := srv.DeliverWebhook(h, []byte("wrong"), intercomtest.Webhook{Topic: "conversation.user.created", Item: conv})
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusUnauthorized && resp.StatusCode != http.StatusForbidden {
		t.Errorf("wrong secret: status %d", resp.StatusCode)
	}
	if len(got) != 1 {
		t.Errorf("the handler ran for a forged notification")
	}
}

func TestWebhookRequestForOwnHandler(t *testing.T) {
	srv := intercomtest.NewServer(t)
	secret := []byte("s3cret")
	item := json.RawMessage(`{"type":"contact","id":"6500aa","email":"jane@example.com"}`)
	req, err := srv.WebhookRequest("/hooks/intercom", secret, intercomtest.Webhook{
		Topic: "contact.user.created", Item: item, DeliveryAttempts: 2, CreatedAt: time.Unix(1700000000, 0),
	})
	if err != nil {
		t.Fatal(err)
	}
	// The user's own handler: verify, then parse.
	var seen *webhook.Notification
	own := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := webhook.VerifyRequest(r, secret, 1<<20)
		if err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		if seen, err = webhook.Parse(body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
		}
	})
	rec := httptest.NewRecorder()
	own.ServeHTTP(rec, req)
	if rec.Code != 200 || seen == nil {
		t.Fatalf("own handler: %d %s", rec.Code, rec.Body)
	}
	c, err := seen.Contact()
	if err != nil || c.GetEmail() != "jane@example.com" || seen.DeliveryAttempts != 2 || seen.CreatedAt != 1700000000 ||
		!strings.HasPrefix(seen.ID, "notif_") || req.URL.Path != "/hooks/intercom" || req.Method != http.MethodPost {
		t.Errorf("notification %+v, contact %+v, err %v", seen, c, err)
	}

	for name, call := range map[string]func() error{
		"empty topic":  func() error { _, err := srv.WebhookRequest("", secret, intercomtest.Webhook{}); return err },
		"empty secret": func() error { _, err := srv.WebhookRequest("", nil, intercomtest.Webhook{Topic: "ping"}); return err },
		"bad item": func() error {
			_, err := srv.WebhookRequest("", secret, intercomtest.Webhook{Topic: "x", Item: json.RawMessage("{")})
			return err
		},
		"nil handler": func() error { _, err := srv.DeliverWebhook(nil, secret, intercomtest.Webhook{Topic: "x"}); return err },
	} {
		if err := call(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
