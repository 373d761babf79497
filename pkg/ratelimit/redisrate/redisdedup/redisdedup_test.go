package redisdedup_test

import (
	"bufio"
	"context"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"go.uber.org/goleak"

	"github.com/intercomkit/intercom-go/pkg/intercomtest"
	"github.com/intercomkit/intercom-go/pkg/ratelimit/redisrate/redisdedup"
	"github.com/intercomkit/intercom-go/pkg/webhook"
)

type quiet struct{}

func (quiet) Printf(context.Context, string, ...any) {}

func TestMain(m *testing.M) {
	redis.SetLogger(quiet{})
	goleak.VerifyTestMain(m)
}

// startRedis starts a redis-server for the test on a Unix socket in a
// temporary directory (no port to race for, no persistence) and returns the
// socket's path; the server is stopped when the test ends. Like
// scripts/redis.sh, it needs the redis-server binary, and skips saying so
// without it.
func startRedis(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Skip("skipping: no redis-server binary in PATH (install the Debian package redis-server)")
	}
	dir := t.TempDir()
	sock := filepath.Join(dir, "redis.sock")
	cmd := exec.Command(bin, "--port", "0", "--unixsocket", sock, "--unixsocketperm", "700",
		"--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan bool, 1)
	var log strings.Builder
	go func() {
		sc := bufio.NewScanner(out)
		said := false
		for sc.Scan() {
			if !said {
				log.WriteString(sc.Text() + "\n")
				// "Ready to accept connections" on TCP, "ready to accept
				// connections at <socket>" on a Unix socket.
				if strings.Contains(strings.ToLower(sc.Text()), "ready to accept connections") {
					said = true
					ready <- true
				}
			}
		}
		if !said {
			ready <- false
		}
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	select {
	case ok := <-ready:
		if !ok {
			t.Fatalf("redis-server exited before it was ready:\n%s", log.String())
		}
	case <-time.After(30 * time.Second): // a bound, not a wait: ready comes first
		t.Fatal("redis-server not ready within 30s")
	}
	return sock
}

func client(t *testing.T, sock string) *redis.Client {
	t.Helper()
	rdb := redis.NewClient(&redis.Options{Network: "unix", Addr: sock})
	t.Cleanup(func() { _ = rdb.Close() })
	return rdb
}

func newDedup(t *testing.T, rdb redis.UniversalClient, opts ...redisdedup.Option) *redisdedup.Deduplicator {
	t.Helper()
	d, err := redisdedup.New(rdb, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestClaimFinish walks one id through its states and checks the expiries
// Redis holds (no waiting: an expiry is read with PTTL, and a claim that
// expired is simulated by deleting its key).
func TestClaimFinish(t *testing.T) {
	ctx := context.Background()
	rdb := client(t, startRedis(t))
	a := newDedup(t, rdb, redisdedup.WithClaimTTL(time.Minute), redisdedup.WithDoneTTL(time.Hour))
	b := newDedup(t, rdb, redisdedup.WithClaimTTL(time.Minute), redisdedup.WithDoneTTL(time.Hour))

	claim := func(d *redisdedup.Deduplicator, want webhook.ClaimResult) {
		t.Helper()
		got, err := d.Claim(ctx, "n1")
		if err != nil || got != want {
			t.Fatalf("Claim = %v, %v; want %v", got, err, want)
		}
	}
	ttl := func(want time.Duration) {
		t.Helper()
		got := rdb.PTTL(ctx, a.Key("n1")).Val()
		if got <= want-5*time.Second || got > want {
			t.Errorf("PTTL = %v, want about %v", got, want)
		}
	}
	claim(a, webhook.ClaimNew)
	ttl(time.Minute)
	claim(b, webhook.ClaimInFlight)
	claim(a, webhook.ClaimInFlight) // also for the same process

	// A failed handler releases the claim: a redelivery is processed.
	if err := a.Finish(ctx, "n1", false); err != nil {
		t.Fatal(err)
	}
	claim(b, webhook.ClaimNew)
	if err := b.Finish(ctx, "n1", true); err != nil {
		t.Fatal(err)
	}
	ttl(time.Hour)
	claim(a, webhook.ClaimDone)
	claim(b, webhook.ClaimDone)

	// A receiver whose claim expired (and was taken by another) releases
	// nothing of the other's.
	claimOf := func(d *redisdedup.Deduplicator, id string) webhook.ClaimResult {
		r, err := d.Claim(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if claimOf(a, "n2") != webhook.ClaimNew {
		t.Fatal("n2 not new")
	}
	rdb.Del(ctx, a.Key("n2")) // as if the claim TTL had passed
	if claimOf(b, "n2") != webhook.ClaimNew {
		t.Fatal("n2 not new after its claim expired")
	}
	if err := a.Finish(ctx, "n2", false); err != nil {
		t.Fatal(err)
	}
	if got := claimOf(a, "n2"); got != webhook.ClaimInFlight {
		t.Errorf("after the stale receiver's release, n2 is %v, want in-flight (b's claim stays)", got)
	}
}

// TestSharedByReceivers: three receivers (webhook.Handlers, each with its own
// Redis connection and Deduplicator) get the same notification many times
// at once, as Intercom's redeliveries can reach any of them: the handler
// runs once; the other deliveries get 503 while it runs, 200 after.
func TestSharedByReceivers(t *testing.T) {
	sock := startRedis(t)
	srv := intercomtest.NewServer(t)
	secret := []byte("client-secret")

	var runs atomic.Int64
	started, release := make(chan struct{}), make(chan struct{})
	var receivers []*webhook.Handler
	for range 3 {
		h, err := webhook.NewHandler(secret, webhook.WithDeduplicator(newDedup(t, client(t, sock))))
		if err != nil {
			t.Fatal(err)
		}
		if err := h.Handle("contact.user.created", func(ctx context.Context, n *webhook.Notification) error {
			if runs.Add(1) == 1 {
				close(started)
				<-release
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		receivers = append(receivers, h)
	}
	contact := srv.SeedContacts(1)[0]
	note := intercomtest.Webhook{Topic: "contact.user.created", Item: contact, ID: "notif_shared_1"}
	deliver := func(h *webhook.Handler) int {
		resp, err := srv.DeliverWebhook(h, secret, note)
		if err != nil {
			t.Error(err)
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}

	first := make(chan int, 1)
	go func() { first <- deliver(receivers[0]) }()
	<-started // the first delivery holds the claim
	var wg sync.WaitGroup
	statuses := make(chan int, 12)
	for i := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses <- deliver(receivers[i%3])
		}()
	}
	wg.Wait()
	close(statuses)
	for s := range statuses {
		if s != http.StatusServiceUnavailable {
			t.Errorf("delivery while the first runs: %d, want 503", s)
		}
	}
	close(release)
	if s := <-first; s != http.StatusOK {
		t.Errorf("first delivery: %d", s)
	}
	for _, h := range receivers {
		if s := deliver(h); s != http.StatusOK {
			t.Errorf("redelivery after success: %d, want 200", s)
		}
	}
	if n := runs.Load(); n != 1 {
		t.Errorf("the handler ran %d times, want 1", n)
	}
}

// TestRedisDown: without Redis, Claim fails and the receiver answers 500, so
// Intercom delivers again later; the handler does not run.
func TestRedisDown(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Network: "unix", Addr: filepath.Join(t.TempDir(), "none.sock"), MaxRetries: -1})
	defer rdb.Close()
	d := newDedup(t, rdb)
	if _, err := d.Claim(context.Background(), "n1"); err == nil || !strings.HasPrefix(err.Error(), "redisdedup: claim: ") {
		t.Fatalf("Claim without Redis: %v", err)
	}
	srv := intercomtest.NewServer(t)
	h, err := webhook.NewHandler([]byte("s"), webhook.WithDeduplicator(d))
	if err != nil {
		t.Fatal(err)
	}
	ran := false
	if err := h.Handle("contact.user.created", func(context.Context, *webhook.Notification) error { ran = true; return nil }); err != nil {
		t.Fatal(err)
	}
	resp, err := srv.DeliverWebhook(h, []byte("s"), intercomtest.Webhook{Topic: "contact.user.created", ID: "n1"})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusInternalServerError || ran {
		t.Errorf("status %d, handler ran %v; want 500 and not run", resp.StatusCode, ran)
	}
}

func TestOptions(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	defer rdb.Close()
	for _, o := range []redisdedup.Option{redisdedup.WithPrefix(""), redisdedup.WithClaimTTL(0), redisdedup.WithDoneTTL(time.Microsecond)} {
		if _, err := redisdedup.New(rdb, o); err == nil {
			t.Error("a bad option was accepted")
		}
	}
	if _, err := redisdedup.New(nil); err == nil {
		t.Error("nil client accepted")
	}
	d, err := redisdedup.New(rdb, redisdedup.WithPrefix("app1:hooks:"))
	if err != nil || d.Key("x") != "app1:hooks:x" {
		t.Errorf("prefix: %v %v", d, err)
	}
}
