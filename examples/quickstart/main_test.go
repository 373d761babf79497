package main

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// With no token the tour runs against the embedded fake and covers every step.
func TestQuickstartOnTheFake(t *testing.T) {
	t.Setenv(intercom.EnvAccessToken, "")
	var out bytes.Buffer
	if err := run(context.Background(), &out, false); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	for _, want := range []string{
		"touring the in-memory fake", "signed in as", "created contact", "renamed it to",
		"tagged it", "added note", "listed", "search (role = \"user\"", "opened conversation",
		"admin replied", "rate limit:", "a missing contact is a typed error: 404 not_found", "Done.",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if lines := strings.Count(out.String(), "\n"); lines > 25 {
		t.Errorf("output is %d lines; keep it short", lines)
	}
}

// Without -write the tour against a workspace is read-only: it sends no request that
// changes anything (search is a POST that reads).
func TestQuickstartReadOnly(t *testing.T) {
	srv := intercomtest.NewServer(t)
	srv.SeedContacts(3)
	var out bytes.Buffer
	if err := tour(context.Background(), &out, srv.Client(), false); err != nil {
		t.Fatalf("tour: %v\n%s", err, out.String())
	}
	for _, r := range srv.Requests() {
		if r.Method != http.MethodGet && r.Route != "POST /contacts/search" {
			t.Errorf("read-only tour sent %s %s", r.Method, r.Path)
		}
	}
	if strings.Contains(out.String(), "created contact") {
		t.Errorf("read-only tour created a contact:\n%s", out.String())
	}
}
