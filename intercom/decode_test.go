package intercom

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

// recordingHandler is a slog.Handler that keeps every record.
type recordingHandler struct {
	mu      sync.Mutex
	records []slog.Record
}

func (h *recordingHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *recordingHandler) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	h.records = append(h.records, r.Clone())
	h.mu.Unlock()
	return nil
}
func (h *recordingHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *recordingHandler) WithGroup(string) slog.Handler      { return h }

// warnings returns the "field" attribute of every warning record.
func (h *recordingHandler) warnings() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for _, r := range h.records {
		if r.Level != slog.LevelWarn {
			continue
		}
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "field" {
				out = append(out, a.Value.String())
			}
			return true
		})
	}
	return out
}

// mismatchedConversation has three fields that do not fit their types:
// open (bool) is a string, created_at (int) is a string, and the second tag's
// name (string) is a number; everything else fits.
const mismatchedConversation = `{
	"type": "conversation", "id": "c1", "state": "open", "read": true,
	"open": "yes",
	"created_at": "yesterday",
	"updated_at": 1700000000,
	"tags": {"type": "tag.list", "tags": [{"type": "tag", "id": "1", "name": "vip"}, {"type": "tag", "id": "2", "name": 5}]},
	"custom_attributes": {"plan": "pro", "seats": 3}
}`

func getConversation(t *testing.T, body string, clientOpts []Option, callOpts ...Option) (*gen.Conversation, error) {
	t.Helper()
	_, u := newScripted(t, scriptStep{status: 200, body: body})
	c, _ := coreClient(t, u, clientOpts...)
	return c.Conversations.Get(context.Background(), "c1", nil, callOpts...)
}

func TestDecodeKeepsTheRestAndReportsMismatches(t *testing.T) {
	var report DecodeReport
	conv, err := getConversation(t, mismatchedConversation, nil, WithDecodeReport(&report))
	if err != nil {
		t.Fatalf("tolerant decode failed: %v", err)
	}
	if conv.GetId() != "c1" || conv.GetState() != gen.ConversationStateOpen || !conv.GetRead() || conv.GetUpdatedAt() != 1700000000 {
		t.Errorf("the fields that fit were not decoded: %+v", conv)
	}
	if conv.Open != nil || conv.CreatedAt != nil {
		t.Errorf("mismatched fields were given values: open %v created_at %v", conv.Open, conv.CreatedAt)
	}
	tags := conv.GetTags().GetTags()
	if len(tags) != 2 || tags[0].GetName() != "vip" || tags[1].GetId() != "2" || tags[1].Name != nil {
		t.Errorf("tags = %+v, want both, the second without its name", tags)
	}
	if attrs := conv.GetCustomAttributes(); len(attrs) != 2 {
		t.Errorf("custom attributes = %v", attrs)
	}
	want := []Mismatch{
		{Path: "created_at", Expected: "int", Received: "string"},
		{Path: "open", Expected: "bool", Received: "string"},
		{Path: "tags.tags[1].name", Expected: "string", Received: "number"},
	}
	if got := report.Mismatches(); !reflect.DeepEqual(got, want) {
		t.Errorf("report = %v\nwant     %v", got, want)
	}
}

func TestDecodeStrictReturnsDecodeErrorWithPartialValue(t *testing.T) {
	for name, opts := range map[string]struct{ client, call []Option }{
		"call option":   {call: []Option{WithStrictDecoding()}},
		"client option": {client: []Option{WithStrictDecoding()}},
	} {
		t.Run(name, func(t *testing.T) {
			conv, err := getConversation(t, mismatchedConversation, opts.client, opts.call...)
			if conv != nil {
				t.Errorf("strict decoding returned a value with the error")
			}
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("err = %v (%T), want *DecodeError", err, err)
			}
			if len(de.Mismatches) != 3 || de.Mismatches[0].Path != "created_at" {
				t.Errorf("mismatches = %v", de.Mismatches)
			}
			partial, ok := de.Value.(*gen.Conversation)
			if !ok || partial.GetId() != "c1" || partial.GetUpdatedAt() != 1700000000 {
				t.Errorf("partial value = %#v", de.Value)
			}
			if de.StatusCode != 200 || !strings.Contains(string(de.Body), `"open": "yes"`) {
				t.Errorf("status %d body %q", de.StatusCode, de.Body)
			}
			msg := err.Error()
			if !strings.Contains(msg, "created_at: want int, got JSON string") || !strings.Contains(msg, "(and 2 more)") {
				t.Errorf("message %q does not name the first mismatch and the count", msg)
			}
		})
	}
}

func TestDecodeWarnsOncePerOperationAndField(t *testing.T) {
	h := &recordingHandler{}
	// One response with the same field wrong in two array elements, served twice.
	body := `{"type":"list","data":[{"id":"1","name":1},{"id":"2","name":2}]}`
	s, u := newScripted(t, scriptStep{status: 200, body: body})
	c, _ := coreClient(t, u, WithLogger(slog.New(h)))
	for range 2 {
		tags, err := c.Tags.List(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if got := tags.GetData(); len(got) != 2 || got[1].GetId() != "2" {
			t.Fatalf("tags = %+v", got)
		}
	}
	if s.hits() != 2 {
		t.Fatalf("%d requests", s.hits())
	}
	if got := h.warnings(); !reflect.DeepEqual(got, []string{"data[0].name"}) {
		t.Errorf("warnings for fields %q, want one for data[0].name", got)
	}
	for _, r := range h.records {
		if strings.Contains(recordText(r), coreToken) {
			t.Errorf("a log record contains the token")
		}
	}
}

func recordText(r slog.Record) string {
	var b strings.Builder
	b.WriteString(r.Message)
	r.Attrs(func(a slog.Attr) bool {
		b.WriteString(" " + a.Key + "=" + a.Value.String())
		return true
	})
	return b.String()
}

func TestDecodeNullOrEmptyBodyIsAnError(t *testing.T) {
	for _, body := range []string{"null", " null\n", "", "   "} {
		// The scripted server writes a default body for "", so serve the exact bytes.
		srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) { coreJSON(w, 200, body) })
		c, _ := coreClient(t, srv.URL)
		conv, err := c.Conversations.Get(context.Background(), "c1", nil)
		if conv != nil {
			t.Errorf("body %q: got a value %+v", body, conv)
		}
		var de *DecodeError
		if !errors.As(err, &de) || !errors.Is(err, ErrNullBody) {
			t.Errorf("body %q: err = %v, want a *DecodeError wrapping ErrNullBody", body, err)
		}
	}
}

func TestDecodeNullBodyEndsAnIteratorWithAnError(t *testing.T) {
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) { coreJSON(w, 200, "null") })
	c, _ := coreClient(t, srv.URL)
	n := 0
	var last error
	for _, err := range c.Conversations.ListAll(context.Background(), nil) {
		n++
		last = err
	}
	if n != 1 || !errors.Is(last, ErrNullBody) {
		t.Errorf("iterator yielded %d values, last error %v; want one ErrNullBody", n, last)
	}
}

func TestDecodeWrongTopLevelShapeAndSyntaxAreErrors(t *testing.T) {
	for _, body := range []string{`[1,2]`, `"text"`, `{"id": "c1",`, `<html>`} {
		conv, err := getConversation(t, body, nil)
		var de *DecodeError
		if conv != nil || !errors.As(err, &de) || len(de.Mismatches) != 0 || de.Value != nil {
			t.Errorf("body %q: conv %v err %v", body, conv, err)
		}
	}
}

func TestDecodeReportCollectsEveryPage(t *testing.T) {
	pages := []string{
		`{"type":"conversation.list","conversations":[{"id":"1","open":"x"}],"pages":{"next":{"starting_after":"p2"}}}`,
		`{"type":"conversation.list","conversations":[{"id":"2"},{"id":"3","read":7}],"pages":{}}`,
	}
	var mu sync.Mutex
	n := 0
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		i := n
		n++
		mu.Unlock()
		coreJSON(w, 200, pages[min(i, len(pages)-1)])
	})
	c, _ := coreClient(t, srv.URL)
	var report DecodeReport
	var ids []string
	for item, err := range c.Conversations.ListAll(context.Background(), nil, WithDecodeReport(&report)) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, item.GetId())
	}
	if strings.Join(ids, ",") != "1,2,3" {
		t.Errorf("ids = %v", ids)
	}
	want := []Mismatch{
		{Path: "conversations[0].open", Expected: "bool", Received: "string"},
		{Path: "conversations[1].read", Expected: "bool", Received: "number"},
	}
	if got := report.Mismatches(); !reflect.DeepEqual(got, want) {
		t.Errorf("report = %v, want %v", got, want)
	}
}

// strictThing decodes itself strictly, like the generated types with custom
// UnmarshalJSON methods: one bad member fails it whole.
type strictThing struct {
	A int    `json:"a"`
	B string `json:"b"`
}

func (s *strictThing) UnmarshalJSON(b []byte) error {
	type plain strictThing
	return json.Unmarshal(b, (*plain)(s))
}

type holder struct {
	Thing  *strictThing           `json:"thing"`
	Things []strictThing          `json:"things"`
	Map    map[string]int         `json:"map"`
	Raw    json.RawMessage        `json:"raw"`
	Any    any                    `json:"any"`
	Small  int8                   `json:"small"`
	Bytes  []byte                 `json:"bytes"`
	Nested map[string]strictThing `json:"nested"`
}

func TestDecodeTolerantWalker(t *testing.T) {
	body := `{
		"thing": {"a": "one", "b": "kept"},
		"things": [{"a": 1, "b": 2}, 7],
		"map": {"x": 1, "y": "two"},
		"raw": {"anything": [1, "x"]},
		"any": [true],
		"small": 300,
		"bytes": "not base64!",
		"nested": {"k": {"a": 1.5}}
	}`
	var h holder
	found, err := decodeTolerant([]byte(body), &h)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range found {
		got = append(got, f.String()+" @"+f.Field())
	}
	want := []string{
		"bytes: want []uint8, got JSON string @bytes",
		`map["y"]: want int, got JSON string @map[]`,
		`nested["k"].a: want int, got JSON number @nested[].a`,
		"small: want int8, got JSON number @small",
		"thing.a: want int, got JSON string @thing.a",
		"things[0].b: want string, got JSON number @things[].b",
		"things[1]: want intercom.strictThing, got JSON number @things[]",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("mismatches:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if h.Thing == nil || h.Thing.B != "kept" || h.Thing.A != 0 {
		t.Errorf("thing = %+v, want b kept and a dropped", h.Thing)
	}
	if len(h.Things) != 2 || h.Things[0].A != 1 || h.Things[0].B != "" {
		t.Errorf("things = %+v", h.Things)
	}
	if h.Map["x"] != 1 || len(h.Map) != 1 {
		t.Errorf("map = %v", h.Map)
	}
	if string(h.Raw) == "" || h.Any == nil || h.Small != 0 || h.Bytes != nil {
		t.Errorf("raw %q any %v small %d bytes %v", h.Raw, h.Any, h.Small, h.Bytes)
	}
	if _, ok := h.Nested["k"]; !ok {
		t.Errorf("nested = %v, want the k entry kept without a", h.Nested)
	}
}
