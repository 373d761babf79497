package webhook_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/intercomkit/intercom-go/pkg/webhook"
)

// serve sends one signed (unless sig is given) POST to h and returns the recorder.
func serve(h http.Handler, body []byte, sig ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "/intercom/webhooks", bytes.NewReader(body))
	if sig == nil {
		r.Header.Set(webhook.SignatureHeader, webhook.Sign([]byte(testSecret), body))
	}
	for _, s := range sig {
		r.Header.Add(webhook.SignatureHeader, s)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func newHandler(t *testing.T, opts ...webhook.Option) (*webhook.Handler, *bytes.Buffer) {
	t.Helper()
	logs := &bytes.Buffer{}
	logger := slog.New(slog.NewTextHandler(&lockedWriter{w: logs}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h, err := webhook.NewHandler([]byte(testSecret), append([]webhook.Option{webhook.WithLogger(logger)}, opts...)...)
	if err != nil {
		t.Fatalf("NewHandler: %v", err)
	}
	t.Cleanup(func() {
		if strings.Contains(logs.String(), testSecret) {
			t.Errorf("logs contain the secret:\n%s", logs)
		}
	})
	return h, logs
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// recorder is a HandlerFunc that remembers the notifications it got.
type recorder struct {
	mu     sync.Mutex
	topics []string
	err    error
}

func (rec *recorder) handle(_ context.Context, n *webhook.Notification) error {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.topics = append(rec.topics, n.Topic)
	return rec.err
}

func (rec *recorder) calls() []string {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]string(nil), rec.topics...)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestHandlerRejections(t *testing.T) {
	h, logs := newHandler(t, webhook.WithMaxBodyBytes(int64(len(pingBody))))
	rec := &recorder{}
	must(t, h.Handle("*", rec.handle))
	must(t, h.Handle("ping", rec.handle))

	big := append([]byte(pingBody), ' ')
	tests := []struct {
		name   string
		method string
		body   []byte
		sigs   []string
		status int
	}{
		{"GET", http.MethodGet, nil, nil, http.StatusMethodNotAllowed},
		{"missing signature", http.MethodPost, []byte(pingBody), []string{}, http.StatusUnauthorized},
		{"malformed signature", http.MethodPost, []byte(pingBody), []string{"sha1=xyz"}, http.StatusUnauthorized},
		{"wrong signature", http.MethodPost, []byte(pingBody), []string{webhook.Sign([]byte("other"), []byte(pingBody))}, http.StatusUnauthorized},
		{"repeated signature", http.MethodPost, []byte(pingBody), []string{pingSig, pingSig}, http.StatusUnauthorized},
		{"oversize body", http.MethodPost, big, nil, http.StatusRequestEntityTooLarge},
		{"signed malformed JSON", http.MethodPost, []byte(`{"type":`), nil, http.StatusBadRequest},
		{"signed non-notification", http.MethodPost, []byte(`{"type":"conversation"}`), nil, http.StatusBadRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, "/", bytes.NewReader(tc.body))
			if tc.sigs == nil {
				r.Header.Set(webhook.SignatureHeader, webhook.Sign([]byte(testSecret), tc.body))
			}
			for _, s := range tc.sigs {
				r.Header.Add(webhook.SignatureHeader, s)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != tc.status {
				t.Fatalf("status = %d, want %d (body %q)", w.Code, tc.status, w.Body)
			}
			if strings.Contains(w.Body.String(), testSecret) {
				t.Fatal("response contains the secret")
			}
		})
	}
	if got := rec.calls(); len(got) != 0 {
		t.Fatalf("handler called for rejected requests: %v", got)
	}
	if got := w405Allow(t, h); got != http.MethodPost {
		t.Errorf("Allow = %q, want POST", got)
	}
	if !strings.Contains(logs.String(), "request rejected") {
		t.Errorf("rejections not logged:\n%s", logs)
	}
}

func w405Allow(t *testing.T, h http.Handler) string {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodPut, "/", nil))
	return w.Header().Get("Allow")
}

func TestHandlerKnownAnswerPing(t *testing.T) {
	h, _ := newHandler(t)
	// The literal signature computed with openssl (see signature_test.go).
	w := serve(h, []byte(pingBody), pingSig)
	if w.Code != http.StatusOK {
		t.Fatalf("ping status = %d, want 200 (body %q)", w.Code, w.Body)
	}
}

func TestHandlerRouting(t *testing.T) {
	h, _ := newHandler(t)
	var got []string
	var mu sync.Mutex
	reg := func(pattern string) {
		must(t, h.Handle(pattern, func(_ context.Context, n *webhook.Notification) error {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, pattern+" <- "+n.Topic)
			return nil
		}))
	}
	reg("conversation.user.created")
	reg("conversation.*")
	reg("conversation.admin.*")
	reg("contact.*")

	tests := []struct {
		topic string
		want  string // "" = no handler called
		body  string
	}{
		{"conversation.user.created", "conversation.user.created <- conversation.user.created", "ok"},
		{"conversation.user.replied", "conversation.* <- conversation.user.replied", "ok"},
		{"conversation.admin.replied", "conversation.admin.* <- conversation.admin.replied", "ok"},
		{"conversation.admin.single.created", "conversation.admin.* <- conversation.admin.single.created", "ok"},
		{"contact.user.created", "contact.* <- contact.user.created", "ok"},
		{"conversation_part.tag.created", "", "ignored"}, // "conversation.*" is not a prefix of it
		{"conversation", "", "ignored"}, // a family wildcard needs a sub-topic
		{"ticket.created", "", "ignored"},
		{"ping", "", "pong"}, // wildcards never see pings
	}
	for _, tc := range tests {
		t.Run(tc.topic, func(t *testing.T) {
			mu.Lock()
			got = nil
			mu.Unlock()
			w := serve(h, envelope(tc.topic, "id-"+tc.topic, `{"type":"x"}`))
			if w.Code != http.StatusOK || strings.TrimSpace(w.Body.String()) != tc.body {
				t.Fatalf("status %d body %q, want 200 %q", w.Code, w.Body, tc.body)
			}
			mu.Lock()
			defer mu.Unlock()
			switch {
			case tc.want == "" && len(got) != 0:
				t.Fatalf("calls = %v, want none", got)
			case tc.want != "" && (len(got) != 1 || got[0] != tc.want):
				t.Fatalf("calls = %v, want [%s]", got, tc.want)
			}
		})
	}
}

func TestHandlerFallbackAndPing(t *testing.T) {
	h, _ := newHandler(t)
	fallback := &recorder{}
	ping := &recorder{}
	must(t, h.Handle("*", fallback.handle))

	if w := serve(h, envelope("brand.new.topic", "1", `{}`)); w.Code != http.StatusOK {
		t.Fatalf("fallback status = %d", w.Code)
	}
	if w := serve(h, []byte(pingBody)); w.Code != http.StatusOK {
		t.Fatalf("ping status = %d", w.Code)
	}
	if got := fallback.calls(); len(got) != 1 || got[0] != "brand.new.topic" {
		t.Fatalf("fallback calls = %v, want [brand.new.topic] (no ping)", got)
	}

	must(t, h.Handle("ping", ping.handle))
	if w := serve(h, []byte(pingBody)); w.Code != http.StatusOK {
		t.Fatalf("ping status = %d", w.Code)
	}
	if got := ping.calls(); len(got) != 1 {
		t.Fatalf("registered ping handler calls = %v, want 1", got)
	}
	ping.mu.Lock()
	ping.err = errors.New("ping failed")
	ping.mu.Unlock()
	if w := serve(h, []byte(pingBody)); w.Code != http.StatusInternalServerError {
		t.Fatalf("failing ping handler status = %d, want 500", w.Code)
	}
}

func TestHandlerErrorAndPanic(t *testing.T) {
	h, logs := newHandler(t)
	must(t, h.Handle("conversation.admin.closed", func(context.Context, *webhook.Notification) error {
		return fmt.Errorf("database down")
	}))
	must(t, h.Handle("conversation.admin.opened", func(context.Context, *webhook.Notification) error {
		panic("boom")
	}))
	var nilMap map[string]int
	must(t, h.Handle("conversation.admin.snoozed", func(context.Context, *webhook.Notification) error {
		nilMap["x"] = 1 // runtime panic
		return nil
	}))

	for _, topic := range []string{"conversation.admin.closed", "conversation.admin.opened", "conversation.admin.snoozed"} {
		w := serve(h, envelope(topic, "id", `{"type":"conversation"}`))
		if w.Code != http.StatusInternalServerError {
			t.Errorf("%s: status = %d, want 500", topic, w.Code)
		}
		if strings.Contains(w.Body.String(), "database") || strings.Contains(w.Body.String(), "boom") {
			t.Errorf("%s: response leaks the error: %q", topic, w.Body)
		}
	}
	out := logs.String()
	for _, want := range []string{"database down", "handler panicked: boom", "assignment to entry in nil map"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
}

func TestHandlerPassesNotificationAndContext(t *testing.T) {
	h, _ := newHandler(t)
	type key struct{}
	var gotCtx any
	var gotConversation string
	must(t, h.Handle("conversation.user.created", func(ctx context.Context, n *webhook.Notification) error {
		gotCtx = ctx.Value(key{})
		c, err := n.Conversation()
		if err != nil {
			return err
		}
		gotConversation = *c.Id
		return nil
	}))
	body := readTestdata(t, "conversation_user_created.json")
	r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	r = r.WithContext(context.WithValue(r.Context(), key{}, "from-request"))
	r.Header.Set(webhook.SignatureHeader, webhook.Sign([]byte(testSecret), body))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		t.Fatalf("status = %d", w.Code)
	}
	if gotCtx != "from-request" || gotConversation != "1001" {
		t.Fatalf("ctx value %v, conversation %q", gotCtx, gotConversation)
	}
}

func TestHandleInvalidPatterns(t *testing.T) {
	h, _ := newHandler(t)
	noop := func(context.Context, *webhook.Notification) error { return nil }
	must(t, h.Handle("conversation.*", noop))
	for _, p := range []string{"", ".", "conversation.", ".created", "a..b", "*.created", "conv*", "conversation.*.created", "a.b*", "has space", "tab\t.x", "**"} {
		if err := h.Handle(p, noop); err == nil {
			t.Errorf("Handle(%q) = nil, want an error", p)
		}
	}
	if err := h.Handle("conversation.*", noop); err == nil {
		t.Error("duplicate Handle = nil, want an error")
	}
	if err := h.Handle("ticket.created", nil); err == nil {
		t.Error("Handle with nil func = nil, want an error")
	}
	// Nothing above changed the routing: ticket.created still ignored.
	if w := serve(h, envelope("ticket.created", "1", `{}`)); strings.TrimSpace(w.Body.String()) != "ignored" {
		t.Errorf("ticket.created: %q, want ignored", w.Body)
	}
}

func TestNewHandlerBadInput(t *testing.T) {
	if _, err := webhook.NewHandler(nil); !errors.Is(err, webhook.ErrEmptySecret) {
		t.Errorf("NewHandler(nil) = %v, want ErrEmptySecret", err)
	}
	for name, opt := range map[string]webhook.Option{
		"zero body limit":  webhook.WithMaxBodyBytes(0),
		"negative limit":   webhook.WithMaxBodyBytes(-1),
		"nil deduplicator": webhook.WithDeduplicator(nil),
		"nil logger":       webhook.WithLogger(nil),
	} {
		if h, err := webhook.NewHandler([]byte(testSecret), opt); err == nil || h != nil {
			t.Errorf("%s: NewHandler = %v, %v; want an error", name, h, err)
		} else if strings.Contains(err.Error(), testSecret) {
			t.Errorf("%s: error contains the secret", name)
		}
	}
}

func TestHandlerCopiesSecret(t *testing.T) {
	secret := []byte(testSecret)
	h, err := webhook.NewHandler(secret)
	must(t, err)
	secret[0] = 'X' // the caller reuses its buffer
	if w := serve(h, []byte(pingBody), pingSig); w.Code != http.StatusOK {
		t.Fatalf("status = %d, want 200", w.Code)
	}
}

func TestHandlerDeduplication(t *testing.T) {
	dedup, err := webhook.NewMemoryDeduplicator(100)
	must(t, err)
	h, _ := newHandler(t, webhook.WithDeduplicator(dedup))
	var calls atomic.Int32
	var fail atomic.Bool
	must(t, h.Handle("contact.*", func(context.Context, *webhook.Notification) error {
		calls.Add(1)
		if fail.Load() {
			return errors.New("temporary failure")
		}
		return nil
	}))
	body := envelope("contact.user.created", "notif_1", `{"type":"contact","id":"1"}`)

	// A failed delivery is processed again on redelivery.
	fail.Store(true)
	if w := serve(h, body); w.Code != http.StatusInternalServerError {
		t.Fatalf("first delivery = %d, want 500", w.Code)
	}
	fail.Store(false)
	if w := serve(h, body); w.Code != http.StatusOK || strings.TrimSpace(w.Body.String()) != "ok" {
		t.Fatalf("redelivery = %d %q, want 200 ok", w.Code, w.Body)
	}
	// A successful one is not processed again.
	if w := serve(h, body); w.Code != http.StatusOK || strings.TrimSpace(w.Body.String()) != "duplicate" {
		t.Fatalf("duplicate = %d %q, want 200 duplicate", w.Code, w.Body)
	}
	if got := calls.Load(); got != 2 {
		t.Fatalf("handler calls = %d, want 2", got)
	}
	// Notifications without an id are not de-duplicated.
	noID := envelope("contact.user.created", "", `{"type":"contact"}`)
	serve(h, noID)
	serve(h, noID)
	if got := calls.Load(); got != 4 {
		t.Fatalf("handler calls = %d, want 4", got)
	}
}

func TestHandlerDeduplicationInFlight(t *testing.T) {
	dedup, err := webhook.NewMemoryDeduplicator(10)
	must(t, err)
	h, _ := newHandler(t, webhook.WithDeduplicator(dedup))
	entered := make(chan struct{})
	release := make(chan struct{})
	var calls atomic.Int32
	must(t, h.Handle("ticket.created", func(context.Context, *webhook.Notification) error {
		if calls.Add(1) == 1 {
			close(entered)
			<-release
		}
		return nil
	}))
	body := envelope("ticket.created", "notif_slow", `{"type":"ticket"}`)

	first := make(chan int)
	go func() { first <- serve(h, body).Code }()
	<-entered
	w := serve(h, body)
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Fatalf("concurrent redelivery = %d (Retry-After %q), want 503 with Retry-After", w.Code, w.Header().Get("Retry-After"))
	}
	close(release)
	if code := <-first; code != http.StatusOK {
		t.Fatalf("first delivery = %d, want 200", code)
	}
	if w := serve(h, body); strings.TrimSpace(w.Body.String()) != "duplicate" {
		t.Fatalf("later redelivery = %q, want duplicate", w.Body)
	}
	if got := calls.Load(); got != 1 {
		t.Fatalf("handler calls = %d, want 1", got)
	}
}

// brokenDedup fails or answers nonsense.
type brokenDedup struct {
	claimErr error
	result   webhook.ClaimResult
	finished atomic.Int32
}

func (b *brokenDedup) Claim(context.Context, string) (webhook.ClaimResult, error) {
	return b.result, b.claimErr
}

func (b *brokenDedup) Finish(context.Context, string, bool) error {
	b.finished.Add(1)
	return errors.New("store unavailable")
}

func TestHandlerDeduplicatorFailures(t *testing.T) {
	body := envelope("company.created", "c1", `{"type":"company"}`)
	for name, tc := range map[string]struct {
		d      *brokenDedup
		status int
		calls  int32
	}{
		"claim error":    {&brokenDedup{claimErr: errors.New("store unavailable")}, http.StatusInternalServerError, 0},
		"unknown result": {&brokenDedup{result: 99}, http.StatusInternalServerError, 0},
		"finish error":   {&brokenDedup{result: webhook.ClaimNew}, http.StatusOK, 1}, // the work was done
	} {
		t.Run(name, func(t *testing.T) {
			h, logs := newHandler(t, webhook.WithDeduplicator(tc.d))
			var calls atomic.Int32
			must(t, h.Handle("company.created", func(context.Context, *webhook.Notification) error {
				calls.Add(1)
				return nil
			}))
			if w := serve(h, body); w.Code != tc.status {
				t.Fatalf("status = %d, want %d", w.Code, tc.status)
			}
			if calls.Load() != tc.calls {
				t.Fatalf("handler calls = %d, want %d", calls.Load(), tc.calls)
			}
			if !strings.Contains(logs.String(), "deduplicator") {
				t.Fatalf("failure not logged:\n%s", logs)
			}
		})
	}
}

// TestHandlerOverHTTP runs the handler behind a real loopback server,
// concurrently, under the race detector.
func TestHandlerOverHTTP(t *testing.T) {
	dedup, err := webhook.NewMemoryDeduplicator(1000)
	must(t, err)
	h, _ := newHandler(t, webhook.WithDeduplicator(dedup), webhook.WithMaxBodyBytes(4096))
	var processed atomic.Int32
	must(t, h.Handle("conversation.*", func(context.Context, *webhook.Notification) error {
		processed.Add(1)
		return nil
	}))
	srv := httptest.NewServer(h)
	defer srv.Close()

	post := func(body []byte, sig string) (int, error) {
		req, err := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(body))
		if err != nil {
			return 0, err
		}
		if sig != "" {
			req.Header.Set(webhook.SignatureHeader, sig)
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		_, _ = io.Copy(io.Discard, resp.Body)
		return resp.StatusCode, nil
	}

	const distinct = 20
	var wg sync.WaitGroup
	errs := make(chan error, 2*distinct)
	for i := range 2 * distinct { // every notification delivered twice
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := envelope("conversation.user.replied", fmt.Sprintf("n%d", i%distinct), `{"type":"conversation"}`)
			code, err := post(body, webhook.Sign([]byte(testSecret), body))
			if err == nil && code != http.StatusOK && code != http.StatusServiceUnavailable {
				err = fmt.Errorf("status %d", code)
			}
			if err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := processed.Load(); got != distinct {
		t.Errorf("processed %d notifications, want %d (each exactly once)", got, distinct)
	}

	big := bytes.Repeat([]byte("x"), 8192)
	if code, err := post(big, webhook.Sign([]byte(testSecret), big)); err != nil || code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversize: %d, %v; want 413", code, err)
	}
	if code, err := post([]byte(pingBody), ""); err != nil || code != http.StatusUnauthorized {
		t.Errorf("unsigned: %d, %v; want 401", code, err)
	}
	srv.Client().CloseIdleConnections()
}

func FuzzHandler(f *testing.F) {
	f.Add([]byte(pingBody), true)
	f.Add(envelope("conversation.user.created", "1", `{"type":"conversation","id":"1"}`), true)
	f.Add(envelope("ticket.created", "2", `{"type":"ticket"}`), true)
	f.Add(envelope("fails.always", "3", `{}`), true)
	f.Add(envelope("panics.always", "4", `{}`), true)
	f.Add([]byte(`{"type":"notification_event"`), true)
	f.Add([]byte(pingBody), false)
	f.Fuzz(func(t *testing.T, body []byte, signed bool) {
		h, err := webhook.NewHandler([]byte(testSecret), webhook.WithMaxBodyBytes(1024))
		if err != nil {
			t.Fatal(err)
		}
		must(t, h.Handle("fails.*", func(context.Context, *webhook.Notification) error { return errors.New("x") }))
		must(t, h.Handle("panics.*", func(context.Context, *webhook.Notification) error { panic("x") }))
		must(t, h.Handle("*", func(_ context.Context, n *webhook.Notification) error {
			_, _ = n.Item()
			return nil
		}))
		sig := "sha1=" + strings.Repeat("0", 40)
		if signed {
			sig = webhook.Sign([]byte(testSecret), body)
		}
		w := serve(h, body, sig)
		switch w.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusInternalServerError:
			if !signed && len(body) <= 1024 {
				t.Fatalf("unsigned body answered %d", w.Code)
			}
		case http.StatusUnauthorized:
			if signed {
				t.Fatalf("signed body answered 401")
			}
		default:
			t.Fatalf("undefined status %d", w.Code)
		}
	})
}

// The zero Handler does not panic: it registers patterns, and answers every
// notification 500 since it has no secret to verify with.
func TestZeroHandler(t *testing.T) {
	var h webhook.Handler
	if err := h.Handle("conversation.*", func(context.Context, *webhook.Notification) error { return nil }); err != nil {
		t.Fatalf("Handle on the zero Handler: %v", err)
	}
	body := []byte(`{"type":"notification_event","topic":"conversation.user.created","id":"n1","data":{"item":{}}}`)
	for _, sig := range [][]string{nil, {"sha1=00"}} {
		w := serve(&h, body, sig...)
		if w.Code != http.StatusInternalServerError {
			t.Errorf("status %d, want 500", w.Code)
		}
	}
	var z webhook.Handler
	if w := serve(&z, body); w.Code != http.StatusInternalServerError {
		t.Errorf("zero Handler without patterns: status %d, want 500", w.Code)
	}
}
