package webhook_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/pkg/webhook"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// envelope builds a notification body around item (raw JSON, "" for none).
func envelope(topic, id, item string) []byte {
	data := ""
	if item != "" {
		data = fmt.Sprintf(`,"data":{"type":"notification_event_data","item":%s}`, item)
	}
	return []byte(fmt.Sprintf(`{"type":"notification_event","id":%q,"topic":%q,"app_id":"abc123","created_at":1700000000,"delivery_attempts":1,"first_sent_at":1700000000%s}`, id, topic, data))
}

func TestParseEnvelope(t *testing.T) {
	n, err := webhook.Parse(readTestdata(t, "conversation_user_created.json"))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := webhook.Notification{
		Type:             "notification_event",
		ID:               "notif_11111111-2222-3333-4444-555555555555",
		Topic:            "conversation.user.created",
		AppID:            "abc123",
		CreatedAt:        1700000101,
		DeliveryStatus:   "pending",
		DeliveryAttempts: 1,
		DeliveredAt:      0,
		FirstSentAt:      1700000101,
	}
	got := *n
	got.Data = webhook.Data{}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("envelope = %+v\nwant       %+v", got, want)
	}
	if n.Data.Type != "notification_event_data" {
		t.Errorf("Data.Type = %q", n.Data.Type)
	}
	var item map[string]any
	if err := json.Unmarshal(n.Data.Item, &item); err != nil || item["id"] != "1001" {
		t.Errorf("Data.Item = %s (%v), want the raw conversation", n.Data.Item, err)
	}
	if n.Family() != "conversation" || n.ItemType() != "conversation" {
		t.Errorf("Family, ItemType = %q, %q", n.Family(), n.ItemType())
	}
}

func TestParseLenientNumbers(t *testing.T) {
	body := `{"type":"notification_event","topic":"ping","created_at":"1700000000","delivery_attempts":2.0,"first_sent_at":null,"delivered_at":""}`
	n, err := webhook.Parse([]byte(body))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if n.CreatedAt != 1700000000 || n.DeliveryAttempts != 2 || n.FirstSentAt != 0 || n.DeliveredAt != 0 {
		t.Errorf("got created_at=%d attempts=%d first_sent_at=%d delivered_at=%d", n.CreatedAt, n.DeliveryAttempts, n.FirstSentAt, n.DeliveredAt)
	}
	if n.Data.Item != nil {
		t.Errorf("Data.Item = %s, want nil without data", n.Data.Item)
	}
}

func TestParseMalformed(t *testing.T) {
	tests := map[string]string{
		"empty":               ``,
		"not JSON":            `hello`,
		"truncated":           `{"type":"notification_event","topic":"ping"`,
		"trailing garbage":    `{"type":"notification_event","topic":"ping"} x`,
		"array":               `[1,2]`,
		"string":              `"notification_event"`,
		"null":                `null`,
		"wrong type":          `{"type":"event","topic":"ping"}`,
		"missing type":        `{"topic":"ping"}`,
		"missing topic":       `{"type":"notification_event"}`,
		"blank topic":         `{"type":"notification_event","topic":"  "}`,
		"topic not a string":  `{"type":"notification_event","topic":5}`,
		"bad timestamp":       `{"type":"notification_event","topic":"ping","created_at":"yesterday"}`,
		"fractional attempts": `{"type":"notification_event","topic":"ping","delivery_attempts":1.5}`,
		"huge timestamp":      `{"type":"notification_event","topic":"ping","created_at":1e40}`,
		"data not an object":  `{"type":"notification_event","topic":"ping","data":[]}`,
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			n, err := webhook.Parse([]byte(body))
			if !errors.Is(err, webhook.ErrMalformedNotification) {
				t.Fatalf("Parse = %v, %v; want ErrMalformedNotification", n, err)
			}
			if n != nil {
				t.Fatalf("notification = %+v, want nil", n)
			}
		})
	}
}

func TestItemTyped(t *testing.T) {
	t.Run("conversation", func(t *testing.T) {
		n := mustParse(t, readTestdata(t, "conversation_user_created.json"))
		c, err := n.Conversation()
		if err != nil {
			t.Fatalf("Conversation: %v", err)
		}
		if c.Id == nil || *c.Id != "1001" || c.CreatedAt == nil || *c.CreatedAt != 1700000100 {
			t.Fatalf("conversation = %+v", c)
		}
		item, err := n.Item()
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := item.(*gen.Conversation); !ok || *got.Id != "1001" {
			t.Fatalf("Item() = %T, want *gen.Conversation", item)
		}
		if _, err := n.Contact(); !errors.Is(err, webhook.ErrItemType) {
			t.Fatalf("Contact() on a conversation = %v, want ErrItemType", err)
		}
	})
	t.Run("contact", func(t *testing.T) {
		n := mustParse(t, readTestdata(t, "contact_created.json"))
		c, err := n.Contact()
		if err != nil {
			t.Fatalf("Contact: %v", err)
		}
		if c.Id == nil || *c.Id != "6500aa" || c.Email == nil || *c.Email != "jane@example.com" {
			t.Fatalf("contact = %+v", c)
		}
		if item, _ := n.Item(); fmt.Sprintf("%T", item) != "*gen.Contact" {
			t.Fatalf("Item() = %T, want *gen.Contact", item)
		}
		if _, err := n.Ticket(); !errors.Is(err, webhook.ErrItemType) {
			t.Fatalf("Ticket() on a contact = %v, want ErrItemType", err)
		}
	})
	t.Run("ticket", func(t *testing.T) {
		n := mustParse(t, readTestdata(t, "ticket_created.json"))
		tk, err := n.Ticket()
		if err != nil {
			t.Fatalf("Ticket: %v", err)
		}
		if tk.Id == nil || *tk.Id != "3001" || tk.TicketId == nil || *tk.TicketId != "42" {
			t.Fatalf("ticket = %+v", tk)
		}
		if n.DeliveryAttempts != 2 {
			t.Fatalf("DeliveryAttempts = %d", n.DeliveryAttempts)
		}
	})
	t.Run("ping", func(t *testing.T) {
		n := mustParse(t, []byte(pingBody))
		p, err := n.Ping()
		if err != nil || p.Message != "something something interzen" || p.Type != "ping" {
			t.Fatalf("Ping() = %+v, %v", p, err)
		}
	})
	t.Run("contact_tag is not modelled", func(t *testing.T) {
		raw := readTestdata(t, "contact_tag_created.json")
		n := mustParse(t, raw)
		if _, err := n.Contact(); !errors.Is(err, webhook.ErrItemType) {
			t.Fatalf("Contact() on contact.tag.created = %v, want ErrItemType", err)
		}
		item, err := n.Item()
		if err != nil {
			t.Fatal(err)
		}
		rawItem, ok := item.(json.RawMessage)
		if !ok || !strings.Contains(string(rawItem), `"contact_tag"`) {
			t.Fatalf("Item() = %T %s, want the raw contact_tag item", item, item)
		}
		type contactTag struct {
			Type string `json:"type"`
			Tag  struct {
				Name string `json:"name"`
			} `json:"tag"`
		}
		ct, err := webhook.DecodeItem[contactTag](n)
		if err != nil || ct.Tag.Name != "vip" {
			t.Fatalf("DecodeItem = %+v, %v", ct, err)
		}
	})
	t.Run("event is kept raw", func(t *testing.T) {
		n := mustParse(t, readTestdata(t, "event_created.json"))
		item, err := n.Item()
		if err != nil {
			t.Fatal(err)
		}
		if raw, ok := item.(json.RawMessage); !ok || !strings.Contains(string(raw), "invited-friend") {
			t.Fatalf("Item() = %T, want json.RawMessage with the event", item)
		}
	})
}

func TestItemKinds(t *testing.T) {
	tests := []struct {
		topic, item string
		want        string // %T of Item()
	}{
		{"user.created", `{"type":"user","id":"1"}`, "*gen.Contact"},
		{"contact.lead.created", `{"type":"lead","id":"1"}`, "*gen.Contact"},
		{"contact.deleted", `{"id":"1"}`, "*gen.Contact"}, // minimal payload: family decides
		{"visitor.signed_up", `{"type":"visitor","id":"1"}`, "*gen.Visitor"},
		{"visitor.signed_up", `{"type":"contact","id":"1"}`, "*gen.Contact"}, // the item's type wins
		{"conversation.admin.replied", `{"type":"conversation","id":"1"}`, "*gen.Conversation"},
		{"conversation_part.tag.created", `{"type":"conversation","id":"1"}`, "*gen.Conversation"},
		{"conversation_part.redacted", `{"type":"conversation_part","id":"1"}`, "*gen.ConversationPart"},
		{"conversation_part.tag.created", `{"id":"1"}`, "*gen.Conversation"},
		{"ticket.state.updated", `{"type":"ticket","id":"1"}`, "*gen.Ticket"},
		{"company.created", `{"type":"company","id":"1"}`, "*gen.Company"},
		{"admin.away_mode_updated", `{"type":"admin","id":"1"}`, "*gen.Admin"},
		{"ping", `{"type":"ping","message":"hi"}`, "*webhook.Ping"},
		{"content_stat.series", `{"type":"content_stat.series","id":"1"}`, "json.RawMessage"},
		{"event.created", `{"event_name":"x"}`, "json.RawMessage"},
		{"company.contact.attached", `{"type":"contact_company"}`, "json.RawMessage"},
		{"brand.new.topic", `{"anything":true}`, "json.RawMessage"},
		{"conversation.user.created", `[1,2,3]`, "error"}, // not an object: cannot be a Conversation
	}
	for _, tc := range tests {
		t.Run(tc.topic+" "+tc.item, func(t *testing.T) {
			n := mustParse(t, envelope(tc.topic, "n1", tc.item))
			item, err := n.Item()
			got := fmt.Sprintf("%T", item)
			if err != nil {
				got = "error"
			}
			if got != tc.want {
				t.Fatalf("Item() = %s (%v), want %s", got, err, tc.want)
			}
		})
	}
}

func TestItemErrors(t *testing.T) {
	n := mustParse(t, envelope("conversation.user.created", "n1", ""))
	if _, err := n.Item(); !errors.Is(err, webhook.ErrNoItem) {
		t.Errorf("Item() without item = %v, want ErrNoItem", err)
	}
	if _, err := n.Conversation(); !errors.Is(err, webhook.ErrNoItem) {
		t.Errorf("Conversation() without item = %v, want ErrNoItem", err)
	}
	if _, err := webhook.DecodeItem[map[string]any](n); !errors.Is(err, webhook.ErrNoItem) {
		t.Errorf("DecodeItem without item = %v, want ErrNoItem", err)
	}
	n = mustParse(t, envelope("conversation.user.created", "n1", "null"))
	if _, err := n.Item(); !errors.Is(err, webhook.ErrNoItem) {
		t.Errorf("Item() with null item = %v, want ErrNoItem", err)
	}

	// A typed field of the wrong JSON type: the decode error is returned, the raw item kept.
	n = mustParse(t, envelope("conversation.user.created", "n1", `{"type":"conversation","id":"1","created_at":"yesterday"}`))
	if _, err := n.Conversation(); err == nil || errors.Is(err, webhook.ErrItemType) {
		t.Errorf("Conversation() with a bad created_at = %v, want a decode error", err)
	}
	if !strings.Contains(string(n.Data.Item), "yesterday") {
		t.Errorf("raw item lost: %s", n.Data.Item)
	}
}

func TestFamily(t *testing.T) {
	for topic, want := range map[string]string{
		"conversation.admin.replied":    "conversation",
		"conversation_part.tag.created": "conversation_part",
		"ping":                          "ping",
		"":                              "",
		".x":                            "",
	} {
		if got := webhook.Family(topic); got != want {
			t.Errorf("Family(%q) = %q, want %q", topic, got, want)
		}
	}
}

func mustParse(t testing.TB, body []byte) *webhook.Notification {
	t.Helper()
	n, err := webhook.Parse(body)
	if err != nil {
		t.Fatalf("Parse(%s): %v", body, err)
	}
	return n
}

func FuzzParse(f *testing.F) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".json") {
			f.Add(readTestdata(f, e.Name()))
		}
	}
	f.Add([]byte(pingBody))
	f.Add(envelope("conversation_part.tag.created", "x", `{"type":"conversation_part","id":1}`))
	f.Add(envelope("contact.deleted", "", `{"id":"1","created_at":"x"}`))
	f.Add([]byte(`{"type":"notification_event","topic":"a","created_at":"9e18","data":{"item":"str"}}`))
	f.Add([]byte(`{"type":"notification_event","topic":"ping","data":null}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`not json`))
	f.Fuzz(func(t *testing.T, body []byte) {
		n, err := webhook.Parse(body)
		if err != nil {
			if !errors.Is(err, webhook.ErrMalformedNotification) {
				t.Fatalf("Parse returned an undocumented error: %v", err)
			}
			if n != nil {
				t.Fatal("Parse returned a notification with an error")
			}
			return
		}
		if n.Type != webhook.NotificationType || strings.TrimSpace(n.Topic) == "" {
			t.Fatalf("Parse accepted type %q topic %q", n.Type, n.Topic)
		}
		_ = n.Family()
		_ = n.ItemType()
		item, err := n.Item()
		if len(n.Data.Item) == 0 {
			if !errors.Is(err, webhook.ErrNoItem) {
				t.Fatalf("Item() without item = %v, want ErrNoItem", err)
			}
		} else if err == nil && item == nil {
			t.Fatal("Item() = nil, nil")
		}
		// Every accessor must answer without panicking.
		_, _ = n.Contact()
		_, _ = n.Visitor()
		_, _ = n.Conversation()
		_, _ = n.ConversationPart()
		_, _ = n.Ticket()
		_, _ = n.Company()
		_, _ = n.Admin()
		_, _ = n.Ping()
		_, _ = webhook.DecodeItem[map[string]any](n)
		// The notification survives a JSON round trip.
		out, err := json.Marshal(n)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		again, err := webhook.Parse(out)
		if err != nil {
			t.Fatalf("Parse(Marshal(n)) = %v for %s", err, out)
		}
		if again.Topic != n.Topic || again.ID != n.ID || again.CreatedAt != n.CreatedAt {
			t.Fatalf("round trip changed the envelope: %+v vs %+v", again, n)
		}
	})
}
