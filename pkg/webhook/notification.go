package webhook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/intercomkit/intercom-go/gen"
)

// NotificationType is the value of the "type" field of every Intercom
// webhook notification.
const NotificationType = "notification_event"

// TopicPing is the topic of the notification Intercom sends to test an
// endpoint.
const TopicPing = "ping"

// Errors returned by the item accessors of [Notification].
var (
	// ErrNoItem means the notification has no data.item (or it is null).
	ErrNoItem = errors.New("webhook: notification has no data.item")
	// ErrItemType means the item is not of the type asked for, for example
	// Contact() on a conversation notification.
	ErrItemType = errors.New("webhook: notification item is of another type")
)

// Notification is one Intercom webhook notification (the envelope with
// "type": "notification_event"). Timestamps are Unix seconds, as Intercom
// sends them.
type Notification struct {
	// Type is always "notification_event".
	Type string `json:"type"`
	// ID identifies the notification; redeliveries of it keep the same ID.
	ID string `json:"id"`
	// Topic is what happened, such as "conversation.user.created" or "ping".
	Topic string `json:"topic"`
	// AppID is the workspace the event happened in.
	AppID string `json:"app_id"`
	// CreatedAt is when the notification was created.
	CreatedAt int64 `json:"created_at"`
	// DeliveryStatus is Intercom's delivery status, such as "pending".
	DeliveryStatus string `json:"delivery_status,omitempty"`
	// DeliveryAttempts counts deliveries of this notification, this one included.
	DeliveryAttempts int `json:"delivery_attempts"`
	// DeliveredAt is when the notification was delivered, 0 if not yet.
	DeliveredAt int64 `json:"delivered_at,omitempty"`
	// FirstSentAt is when the first delivery was attempted.
	FirstSentAt int64 `json:"first_sent_at"`
	// Data holds the object the notification is about.
	Data Data `json:"data"`
}

// Data is the "data" member of a notification.
type Data struct {
	// Type is the data wrapper's type, normally "notification_event_data".
	Type string `json:"type,omitempty"`
	// Item is the object the notification is about, as sent. It is kept raw
	// so every topic can be read, including ones this package does not model;
	// see [Notification.Item] and the typed accessors.
	Item json.RawMessage `json:"item,omitempty"`
}

// Ping is the item of a "ping" notification.
type Ping struct {
	// Type is "ping".
	Type string `json:"type"`
	// Message is the text Intercom put in the ping.
	Message string `json:"message"`
}

// wireNotification mirrors Notification but accepts timestamps and counters
// sent as numbers, numeric strings or null.
type wireNotification struct {
	Type             string  `json:"type"`
	ID               string  `json:"id"`
	Topic            string  `json:"topic"`
	AppID            string  `json:"app_id"`
	CreatedAt        flexInt `json:"created_at"`
	DeliveryStatus   string  `json:"delivery_status"`
	DeliveryAttempts flexInt `json:"delivery_attempts"`
	DeliveredAt      flexInt `json:"delivered_at"`
	FirstSentAt      flexInt `json:"first_sent_at"`
	Data             *Data   `json:"data"`
}

// Parse decodes a notification from the raw request body. It checks the
// envelope (a JSON object with "type": "notification_event" and a non-empty
// "topic") and keeps data.item raw; decoding the item happens in the
// accessors, so an item this package cannot decode never makes Parse fail.
// Errors match ErrMalformedNotification.
//
// Parse does not check the signature: call [Verify] or [VerifyRequest] first.
func Parse(body []byte) (*Notification, error) {
	var w wireNotification
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrMalformedNotification, describeJSONError(err))
	}
	if w.Type != NotificationType {
		return nil, fmt.Errorf("%w: type is %q, want %q", ErrMalformedNotification, clip(w.Type), NotificationType)
	}
	if strings.TrimSpace(w.Topic) == "" {
		return nil, fmt.Errorf("%w: no topic", ErrMalformedNotification)
	}
	n := &Notification{
		Type:             w.Type,
		ID:               w.ID,
		Topic:            w.Topic,
		AppID:            w.AppID,
		CreatedAt:        int64(w.CreatedAt),
		DeliveryStatus:   w.DeliveryStatus,
		DeliveryAttempts: int(w.DeliveryAttempts),
		DeliveredAt:      int64(w.DeliveredAt),
		FirstSentAt:      int64(w.FirstSentAt),
	}
	if w.Data != nil {
		n.Data.Type = w.Data.Type
		if item := bytes.TrimSpace(w.Data.Item); len(item) > 0 && !bytes.Equal(item, []byte("null")) {
			n.Data.Item = append(json.RawMessage(nil), item...)
		}
	}
	return n, nil
}

// Family returns the first dot-separated part of the topic: "conversation"
// for "conversation.admin.replied", "conversation_part" for
// "conversation_part.tag.created", "ping" for "ping".
func (n *Notification) Family() string {
	return Family(n.Topic)
}

// Family returns the first dot-separated part of topic.
func Family(topic string) string {
	if i := strings.IndexByte(topic, '.'); i >= 0 {
		return topic[:i]
	}
	return topic
}

// ItemType returns the "type" field of data.item ("contact", "conversation",
// "ticket"...), or "" when there is no item, it is not a JSON object, or it
// has no string "type".
func (n *Notification) ItemType() string {
	if len(n.Data.Item) == 0 {
		return ""
	}
	var head struct {
		Type json.RawMessage `json:"type"`
	}
	if json.Unmarshal(n.Data.Item, &head) != nil {
		return ""
	}
	var t string
	if json.Unmarshal(head.Type, &t) != nil {
		return ""
	}
	return t
}

// Item kinds this package decodes into typed values.
const (
	kindContact          = "contact"
	kindVisitor          = "visitor"
	kindConversation     = "conversation"
	kindConversationPart = "conversation_part"
	kindTicket           = "ticket"
	kindCompany          = "company"
	kindAdmin            = "admin"
	kindPing             = "ping"
)

// kindOfItemType maps an item's own "type" to the kind it decodes as.
var kindOfItemType = map[string]string{
	"contact":           kindContact,
	"user":              kindContact,
	"lead":              kindContact,
	"visitor":           kindVisitor,
	"conversation":      kindConversation,
	"conversation_part": kindConversationPart,
	"ticket":            kindTicket,
	"company":           kindCompany,
	"admin":             kindAdmin,
	"ping":              kindPing,
}

// kindOfFamily maps a topic family to the kind its items decode as when the
// item does not say its own type.
var kindOfFamily = map[string]string{
	"contact":           kindContact,
	"user":              kindContact,
	"visitor":           kindVisitor,
	"conversation":      kindConversation,
	"conversation_part": kindConversation, // Intercom sends the whole conversation
	"ticket":            kindTicket,
	"company":           kindCompany,
	"admin":             kindAdmin,
	"ping":              kindPing,
}

// kind decides which typed value the item decodes as: the item's own "type"
// when it has one, otherwise the topic family. "" means not modelled.
func (n *Notification) kind() string {
	if t := n.ItemType(); t != "" {
		return kindOfItemType[t]
	}
	return kindOfFamily[n.Family()]
}

// Item decodes data.item according to the topic family and the item's own
// "type" (which wins when present) and returns one of:
//
//   - *gen.Contact for contact.*, user.* and items of type contact, user or lead
//   - *gen.Visitor for visitor.* and items of type visitor
//   - *gen.Conversation for conversation.* and conversation_part.* (Intercom
//     sends the whole conversation) and items of type conversation
//   - *gen.ConversationPart for items of type conversation_part
//   - *gen.Ticket for ticket.* and items of type ticket
//   - *gen.Company for company.* and items of type company
//   - *gen.Admin for admin.* and items of type admin
//   - *Ping for ping
//   - json.RawMessage (the raw item) for everything else, such as event.*,
//     content_stat.* or contact.tag.created (whose item is a contact_tag)
//
// It returns ErrNoItem when there is no item, and a wrapped JSON error when
// the item does not decode into its type; the raw item stays in Data.Item.
func (n *Notification) Item() (any, error) {
	if len(n.Data.Item) == 0 {
		return nil, ErrNoItem
	}
	switch n.kind() {
	case kindContact:
		return n.Contact()
	case kindVisitor:
		return n.Visitor()
	case kindConversation:
		return n.Conversation()
	case kindConversationPart:
		return n.ConversationPart()
	case kindTicket:
		return n.Ticket()
	case kindCompany:
		return n.Company()
	case kindAdmin:
		return n.Admin()
	case kindPing:
		return n.Ping()
	default:
		return n.Data.Item, nil
	}
}

// Contact decodes the item of a contact.* or user.* notification (or any item
// of type contact, user or lead). Other items give an error matching
// ErrItemType; a missing item gives ErrNoItem.
func (n *Notification) Contact() (*gen.Contact, error) {
	return decodeKind[gen.Contact](n, kindContact)
}

// Visitor decodes the item of a visitor.* notification (or any item of type
// visitor).
func (n *Notification) Visitor() (*gen.Visitor, error) {
	return decodeKind[gen.Visitor](n, kindVisitor)
}

// Conversation decodes the item of a conversation.* or conversation_part.*
// notification (or any item of type conversation).
func (n *Notification) Conversation() (*gen.Conversation, error) {
	return decodeKind[gen.Conversation](n, kindConversation)
}

// ConversationPart decodes an item of type conversation_part.
func (n *Notification) ConversationPart() (*gen.ConversationPart, error) {
	return decodeKind[gen.ConversationPart](n, kindConversationPart)
}

// Ticket decodes the item of a ticket.* notification (or any item of type
// ticket).
func (n *Notification) Ticket() (*gen.Ticket, error) {
	return decodeKind[gen.Ticket](n, kindTicket)
}

// Company decodes the item of a company.* notification (or any item of type
// company).
func (n *Notification) Company() (*gen.Company, error) {
	return decodeKind[gen.Company](n, kindCompany)
}

// Admin decodes the item of an admin.* notification (or any item of type
// admin).
func (n *Notification) Admin() (*gen.Admin, error) {
	return decodeKind[gen.Admin](n, kindAdmin)
}

// Ping decodes the item of a ping notification.
func (n *Notification) Ping() (*Ping, error) {
	return decodeKind[Ping](n, kindPing)
}

// DecodeItem decodes data.item into a new T without checking its type. Use it
// for items this package does not model, with your own type or another
// generated one. It returns ErrNoItem when there is no item.
func DecodeItem[T any](n *Notification) (*T, error) {
	if len(n.Data.Item) == 0 {
		return nil, ErrNoItem
	}
	v := new(T)
	if err := json.Unmarshal(n.Data.Item, v); err != nil {
		return nil, fmt.Errorf("webhook: decoding item of topic %q: %w", clip(n.Topic), err)
	}
	return v, nil
}

func decodeKind[T any](n *Notification, want string) (*T, error) {
	if len(n.Data.Item) == 0 {
		return nil, ErrNoItem
	}
	if got := n.kind(); got != want {
		return nil, fmt.Errorf("%w: topic %q with item type %q is not a %s", ErrItemType, clip(n.Topic), clip(n.ItemType()), want)
	}
	return DecodeItem[T](n)
}

// flexInt decodes a JSON number, a numeric string or null into an int64.
type flexInt int64

// UnmarshalJSON implements json.Unmarshaler.
func (f *flexInt) UnmarshalJSON(b []byte) error {
	s := string(bytes.TrimSpace(b))
	if s == "null" {
		return nil
	}
	if len(s) >= 2 && s[0] == '"' {
		var str string
		if err := json.Unmarshal(b, &str); err != nil {
			return err
		}
		s = strings.TrimSpace(str)
		if s == "" {
			*f = 0
			return nil
		}
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		*f = flexInt(i)
		return nil
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || x != math.Trunc(x) || x < math.MinInt64 || x >= math.MaxInt64 {
		return fmt.Errorf("not an integer: %s", clip(s))
	}
	*f = flexInt(int64(x))
	return nil
}

// describeJSONError turns a JSON error into a short message that does not
// quote the body.
func describeJSONError(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("invalid JSON at byte %d", syn.Offset)
	case errors.As(err, &typ):
		if typ.Field != "" {
			return fmt.Sprintf("field %q has the wrong JSON type (%s)", typ.Field, typ.Value)
		}
		return fmt.Sprintf("not a JSON object (%s)", typ.Value)
	default:
		return clip(err.Error())
	}
}

// clip bounds strings taken from a request before they go into an error.
func clip(s string) string {
	const maxLen = 100
	if len(s) <= maxLen {
		return s
	}
	return s[:maxLen] + "..."
}
