package redisrate_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// redisServer is a redis-server process started by a test.
type redisServer struct {
	Addr   string
	cmd    *exec.Cmd
	exited chan struct{} // closed once the process has exited
}

// needRedisServer skips the test, saying why, when there is no redis-server
// binary to start.
func needRedisServer(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Skip("skipping: no redis-server binary in PATH (install the Debian package redis-server)")
	}
	return bin
}

// redisAddr returns the address of a Redis for the test: $REDIS_ADDR when
// set, else a redis-server started for this test on a free port and stopped
// when it ends.
func redisAddr(t *testing.T) string {
	t.Helper()
	if addr := os.Getenv("REDIS_ADDR"); addr != "" {
		return addr
	}
	return startRedis(t, 0).Addr
}

// startRedis starts redis-server on 127.0.0.1:port (a free port when port is
// 0), waits until it accepts connections, and stops it at the end of the test.
func startRedis(t *testing.T, port int) *redisServer {
	t.Helper()
	bin := needRedisServer(t)
	var lastErr error
	for range 3 {
		p := port
		if p == 0 {
			p = freePort(t)
		}
		srv, err := launchRedis(bin, p)
		if err == nil {
			t.Cleanup(srv.Stop)
			return srv
		}
		lastErr = err
		if port != 0 {
			break
		}
	}
	t.Fatalf("starting redis-server: %v", lastErr)
	return nil
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// launchRedis runs redis-server in the foreground, without persistence, and
// returns once its log says it is ready (or it has exited).
func launchRedis(bin string, port int) (*redisServer, error) {
	cmd := exec.Command(bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "notice")
	w := &readyWriter{ready: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = w, w
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	srv := &redisServer{Addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), cmd: cmd, exited: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		close(srv.exited)
	}()
	timer := time.NewTimer(20 * time.Second)
	defer timer.Stop()
	select {
	case <-w.ready:
		return srv, nil
	case <-srv.exited:
		return nil, fmt.Errorf("redis-server on port %d exited before it was ready:\n%s", port, w.text())
	case <-timer.C:
		srv.Stop()
		return nil, fmt.Errorf("redis-server on port %d not ready within 20s:\n%s", port, w.text())
	}
}

// readyWriter collects redis-server's log until it says it is ready.
type readyWriter struct {
	mu    sync.Mutex
	log   strings.Builder
	done  bool
	ready chan struct{}
}

func (w *readyWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.done {
		w.log.Write(p)
		if strings.Contains(w.log.String(), "Ready to accept connections") {
			w.done = true
			close(w.ready)
		}
	}
	return len(p), nil
}

func (w *readyWriter) text() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.log.String()
}

// Stop kills the server and waits for it to exit. It may be called twice.
func (s *redisServer) Stop() {
	_ = s.cmd.Process.Kill()
	<-s.exited
}

// newClient returns a Redis client for addr, closed at the end of the test.
func newClient(t *testing.T, addr string) *redis.Client {
	t.Helper()
	c := redis.NewClient(&redis.Options{Addr: addr})
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// uniqueKey returns a key no other test (or earlier run, on a shared Redis)
// uses.
func uniqueKey(t *testing.T) string {
	t.Helper()
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return "intercom-go-test:" + t.Name() + ":" + hex.EncodeToString(b)
}

// deadAddr returns an address where nothing listens.
func deadAddr(t *testing.T) string {
	t.Helper()
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(freePort(t)))
}

func testCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}
