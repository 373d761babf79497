package main

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestServesAnotherProcess builds intercom-fake, starts it as a process of
// its own on a loopback port, serves a client from this process with the
// base URL and token it printed, and stops it with SIGTERM: it exits 0
// after saying so.
func TestServesAnotherProcess(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "intercom-fake")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-token", "fake-token", "-seed-contacts", "3",
		"-fault", "GET /contacts/{contact_id}=503,times=1", "-clock", "skip")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill() }()
	lines := bufio.NewScanner(stdout)
	vars := map[string]string{}
	for len(vars) < 2 && lines.Scan() {
		if k, v, ok := strings.Cut(lines.Text(), "="); ok && strings.HasPrefix(k, "INTERCOM_") {
			vars[k] = v
		}
	}
	base, token := vars["INTERCOM_BASE_URL"], vars["INTERCOM_ACCESS_TOKEN"]
	if !strings.HasPrefix(base, "http://127.0.0.1:") || token != "fake-token" {
		t.Fatalf("printed base URL %q and token %q", base, token)
	}

	c, err := intercom.NewClient(token, intercom.WithBaseURL(base))
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	n := 0
	var first string
	for contact, err := range c.Contacts.ListAll(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		if first == "" {
			first = contact.GetId()
		}
		n++
	}
	if n != 3 {
		t.Errorf("listed %d seeded contacts, want 3", n)
	}
	// The injected 503 is retried by the client.
	if got, err := c.Contacts.Get(ctx, first); err != nil || got.GetId() != first {
		t.Errorf("get after an injected 503: %v %v", got, err)
	}
	created, err := c.Contacts.Create(ctx, intercom.CreateContactRequest{Email: intercom.Ptr("new@example.com")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Contacts.Get(ctx, created.GetId()); err != nil {
		t.Errorf("the created contact: %v", err)
	}
	wrong, err := intercom.NewClient("wrong-token", intercom.WithBaseURL(base), intercom.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	var apiErr *intercom.Error
	if _, err := wrong.Contacts.Get(ctx, first); !errors.As(err, &apiErr) || apiErr.StatusCode != 401 {
		t.Errorf("a wrong token: %v, want 401", err)
	}
	wrong.CloseIdleConnections()

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	var rest []string
	for lines.Scan() {
		rest = append(rest, lines.Text())
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("after SIGTERM: %v, want exit status 0", err)
	}
	if len(rest) == 0 || rest[len(rest)-1] != "intercom-fake: stopped" {
		t.Errorf("output after SIGTERM %q, want it to say it stopped", rest)
	}
}

func TestParseFault(t *testing.T) {
	f, err := parseFault("POST /contacts=429,times=2,retry-after=3s")
	if err != nil || f.Route != "POST /contacts" || f.Status != 429 || f.Times != 2 || f.RetryAfter != 3*time.Second {
		t.Errorf("parseFault: %+v %v", f, err)
	}
	f, err = parseFault("*=drop,p=0.5,latency=1s")
	if err != nil || f.Route != "" || !f.Drop || f.Probability != 0.5 || f.Latency != time.Second {
		t.Errorf("parseFault: %+v %v", f, err)
	}
	for _, bad := range []string{"", "GET /x", "GET /x=", "GET /x=200", "=503", "GET /x=503,times", "GET /x=503,color=red"} {
		if _, err := parseFault(bad); err == nil {
			t.Errorf("parseFault(%q): no error", bad)
		}
	}
}
