// Command webhook-receiver receives Intercom webhook notifications.
//
// It verifies each notification's X-Hub-Signature with the app's client
// secret, de-duplicates redeliveries, and logs what arrived:
//
//	INTERCOM_CLIENT_SECRET=... go run ./examples/webhook-receiver -addr 127.0.0.1:8080
//
// then point Intercom (through a tunnel) at http://127.0.0.1:8080/intercom/webhooks.
// With -demo it starts on a free loopback port, posts a few signed and
// unsigned notifications to itself, checks the answers and exits (0 when all
// are as expected), so it runs anywhere without Intercom.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/intercomkit/intercom-go/pkg/webhook"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	path := flag.String("path", "/intercom/webhooks", "URL path Intercom posts to")
	secret := flag.String("secret", "", "the app's client secret (default: $INTERCOM_CLIENT_SECRET)")
	maxBody := flag.Int64("max-body", webhook.DefaultMaxBodyBytes, "largest accepted body, in bytes")
	demo := flag.Bool("demo", false, "run against itself on loopback and exit")
	flag.Parse()

	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if *demo {
		if err := runDemo(logger); err != nil {
			logger.Error("demo failed", "error", err)
			os.Exit(1)
		}
		fmt.Println("demo: all checks passed")
		return
	}

	key := *secret
	if key == "" {
		key = os.Getenv("INTERCOM_CLIENT_SECRET")
	}
	if key == "" {
		fmt.Fprintln(os.Stderr, "webhook-receiver: set -secret or INTERCOM_CLIENT_SECRET (or use -demo)")
		os.Exit(2)
	}
	h, err := newReceiver([]byte(key), *maxBody, logger)
	if err != nil {
		fmt.Fprintln(os.Stderr, "webhook-receiver:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, *addr, *path, h, logger); err != nil {
		logger.Error("server stopped", "error", err)
		os.Exit(1)
	}
}

// newReceiver builds the webhook handler with the topics this program cares about.
func newReceiver(secret []byte, maxBody int64, logger *slog.Logger) (*webhook.Handler, error) {
	dedup, err := webhook.NewMemoryDeduplicator(10_000)
	if err != nil {
		return nil, err
	}
	h, err := webhook.NewHandler(secret,
		webhook.WithMaxBodyBytes(maxBody),
		webhook.WithDeduplicator(dedup),
		webhook.WithLogger(logger),
	)
	if err != nil {
		return nil, err
	}
	routes := map[string]webhook.HandlerFunc{
		"conversation.*": func(ctx context.Context, n *webhook.Notification) error {
			c, err := n.Conversation()
			if err != nil {
				return err
			}
			logger.InfoContext(ctx, "conversation event", "topic", n.Topic, "conversation", deref(c.Id))
			return nil
		},
		"contact.*": func(ctx context.Context, n *webhook.Notification) error {
			item, err := n.Item() // contact.tag.* items are not contacts: Item copes with both
			if err != nil {
				return err
			}
			logger.InfoContext(ctx, "contact event", "topic", n.Topic, "item", fmt.Sprintf("%T", item))
			return nil
		},
		"ticket.*": func(ctx context.Context, n *webhook.Notification) error {
			t, err := n.Ticket()
			if err != nil {
				return err
			}
			logger.InfoContext(ctx, "ticket event", "topic", n.Topic, "ticket", deref(t.Id))
			return nil
		},
		"*": func(ctx context.Context, n *webhook.Notification) error {
			logger.InfoContext(ctx, "other event", "topic", n.Topic, "item_type", n.ItemType())
			return nil
		},
	}
	for pattern, fn := range routes {
		if err := h.Handle(pattern, fn); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// serve runs the receiver on addr until ctx ends.
func serve(ctx context.Context, addr, path string, h http.Handler, logger *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return serveListener(ctx, ln, path, h, logger)
}

func serveListener(ctx context.Context, ln net.Listener, path string, h http.Handler, logger *slog.Logger) error {
	mux := http.NewServeMux()
	mux.Handle(path, h)
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	logger.Info("listening", "url", "http://"+ln.Addr().String()+path)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// runDemo starts the receiver on a free loopback port with a throw-away
// secret and checks its answers to a few deliveries.
func runDemo(logger *slog.Logger) error {
	secret := []byte("demo-client-secret")
	h, err := newReceiver(secret, 64<<10, logger)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serveListener(ctx, ln, "/intercom/webhooks", h, logger) }()
	url := "http://" + ln.Addr().String() + "/intercom/webhooks"

	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	post := func(body, sig string) (int, string, error) {
		req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader([]byte(body)))
		if err != nil {
			return 0, "", err
		}
		if sig != "" {
			req.Header.Set(webhook.SignatureHeader, sig)
		}
		resp, err := client.Do(req)
		if err != nil {
			return 0, "", err
		}
		defer resp.Body.Close()
		answer, err := io.ReadAll(io.LimitReader(resp.Body, 1024))
		return resp.StatusCode, strings.TrimSpace(string(answer)), err
	}
	sign := func(body string) string { return webhook.Sign(secret, []byte(body)) }

	ping := `{"type":"notification_event","id":"notif_ping","topic":"ping","data":{"item":{"type":"ping","message":"hello"}}}`
	conv := `{"type":"notification_event","id":"notif_c1","topic":"conversation.user.created","data":{"item":{"type":"conversation","id":"1001"}}}`
	checks := []struct {
		name, body, sig string
		want            int
		answer          string
	}{
		{"signed ping", ping, sign(ping), http.StatusOK, "pong"},
		{"signed conversation", conv, sign(conv), http.StatusOK, "ok"},
		{"redelivered conversation", conv, sign(conv), http.StatusOK, "duplicate"},
		{"unsigned notification", conv, "", http.StatusUnauthorized, "Unauthorized"},
		{"wrong signature", conv, webhook.Sign([]byte("not-the-secret"), []byte(conv)), http.StatusUnauthorized, "Unauthorized"},
		{"malformed JSON", `{"type":`, sign(`{"type":`), http.StatusBadRequest, "malformed notification"},
		{"conversation item that does not decode", broken, sign(broken), http.StatusInternalServerError, "handler failed"},
	}
	var failed error
	for _, c := range checks {
		got, answer, err := post(c.body, c.sig)
		switch {
		case err != nil:
			failed = errors.Join(failed, fmt.Errorf("%s: %w", c.name, err))
		case got != c.want || answer != c.answer:
			failed = errors.Join(failed, fmt.Errorf("%s: %d %q, want %d %q", c.name, got, answer, c.want, c.answer))
		default:
			fmt.Printf("demo: %-40s -> %d %s\n", c.name, got, answer)
		}
	}
	cancel()
	if err := <-done; err != nil {
		failed = errors.Join(failed, err)
	}
	return failed
}

// broken is a conversation notification whose item has a created_at that is
// not a number: the handler's Conversation() fails, so it answers 500 and
// Intercom would deliver it again.
const broken = `{"type":"notification_event","id":"notif_c2","topic":"conversation.admin.replied","data":{"item":{"type":"conversation","id":"1002","created_at":"soon"}}}`

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
