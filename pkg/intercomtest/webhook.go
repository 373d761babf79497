package intercomtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/intercomkit/intercom-go/pkg/webhook"
)

// Webhook is a notification the server builds, signs and delivers to a
// webhook receiver under test: see [Server.WebhookRequest] and
// [Server.DeliverWebhook].
type Webhook struct {
	// Topic is the notification's topic, such as "conversation.user.created"
	// or "contact.user.created". Required.
	Topic string
	// Item is what the notification is about, its data.item: a value of
	// package gen (a gen.Conversation, a gen.Contact, ...), for example one
	// the server returned, or a json.RawMessage. nil sends no item.
	Item any
	// ID is the notification's id; "" makes a new one. Intercom keeps the id
	// when it delivers a notification again, so send the same ID twice to
	// test de-duplication.
	ID string
	// DeliveryAttempts is how many times Intercom has tried to deliver the
	// notification; 0 means 1.
	DeliveryAttempts int
	// CreatedAt is when the notification was made; zero means now on the
	// server's [Clock].
	CreatedAt time.Time
}

// WebhookRequest returns the request Intercom would POST to url for w: the
// JSON notification envelope (type "notification_event", the server's app
// id, data.item, ...), signed with secret, the app's client secret, in the
// X-Hub-Signature header as [webhook.Sign] computes it. Serve it to your own
// handler with handler.ServeHTTP(httptest.NewRecorder(), req), or send it
// with an http.Client. url "" means "/".
func (s *Server) WebhookRequest(url string, secret []byte, w Webhook) (*http.Request, error) {
	if len(secret) == 0 {
		return nil, errors.New("intercomtest: WebhookRequest: empty secret")
	}
	body, err := s.webhookBody(w)
	if err != nil {
		return nil, err
	}
	if url == "" {
		url = "/"
	}
	var req *http.Request
	if strings.HasPrefix(url, "/") {
		req = httptest.NewRequestWithContext(context.Background(), http.MethodPost, url, bytes.NewReader(body))
	} else if req, err = http.NewRequest(http.MethodPost, url, bytes.NewReader(body)); err != nil {
		return nil, fmt.Errorf("intercomtest: WebhookRequest: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "intercomtest-webhook")
	req.Header.Set(webhook.SignatureHeader, webhook.Sign(secret, body))
	return req, nil
}

// DeliverWebhook builds and signs w as [Server.WebhookRequest] does, serves
// it to h and returns the response h wrote (its body can be read).
func (s *Server) DeliverWebhook(h http.Handler, secret []byte, w Webhook) (*http.Response, error) {
	if h == nil {
		return nil, errors.New("intercomtest: DeliverWebhook: nil handler")
	}
	req, err := s.WebhookRequest("/", secret, w)
	if err != nil {
		return nil, err
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result(), nil
}

// webhookBody encodes the notification envelope of w.
func (s *Server) webhookBody(w Webhook) ([]byte, error) {
	if strings.TrimSpace(w.Topic) == "" {
		return nil, errors.New("intercomtest: webhook: empty topic")
	}
	var item json.RawMessage
	switch v := w.Item.(type) {
	case nil:
	case json.RawMessage:
		if !json.Valid(v) {
			return nil, errors.New("intercomtest: webhook: the item is not valid JSON")
		}
		item = v
	default:
		b, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("intercomtest: webhook: encoding the item: %w", err)
		}
		item = b
	}
	s.mu.Lock()
	now := s.cfg.clock.Now()
	id := w.ID
	if id == "" {
		id = "notif_" + s.newRequestID()
	}
	appID := s.st.appID
	s.mu.Unlock()
	created := w.CreatedAt
	if created.IsZero() {
		created = now
	}
	attempts := w.DeliveryAttempts
	if attempts <= 0 {
		attempts = 1
	}
	type data struct {
		Type string          `json:"type"`
		Item json.RawMessage `json:"item,omitempty"`
	}
	return json.Marshal(struct {
		Type             string `json:"type"`
		ID               string `json:"id"`
		Topic            string `json:"topic"`
		AppID            string `json:"app_id"`
		Data             data   `json:"data"`
		DeliveryAttempts int    `json:"delivery_attempts"`
		FirstSentAt      int64  `json:"first_sent_at"`
		CreatedAt        int64  `json:"created_at"`
	}{
		Type: webhook.NotificationType, ID: id, Topic: w.Topic, AppID: appID,
		Data:             data{Type: "notification_event_data", Item: item},
		DeliveryAttempts: attempts,
		FirstSentAt:      created.Unix(), CreatedAt: created.Unix(),
	})
}
