package intercom

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Faults of the fault matrix (CONTRIBUTING.md, "Fault matrix") not covered elsewhere: a connection lost in
// the middle of a JSON body, and response headers that never come.

// cutBody answers with a 200 whose announced body is longer than what it
// sends, then drops the connection: a reset in the middle of the body.
func cutBody(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", "100")
	w.WriteHeader(200)
	io.WriteString(w, `{"type":"contact","id":`)
	w.(http.Flusher).Flush()
	if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
		conn.Close()
	}
}

// A connection lost while a 2xx JSON body is read: a GET is retried like
// after a reset before the response; a POST, which the server processed, is
// not.
func TestResetDuringBody(t *testing.T) {
	var n atomic.Int32
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			cutBody(w)
			return
		}
		coreJSON(w, 200, `{"type":"contact","id":"c1"}`)
	})
	t.Run("GET retried", func(t *testing.T) {
		n.Store(0)
		c, sl := coreClient(t, srv.URL)
		got, err := c.Contacts.Get(context.Background(), "c1")
		if err != nil || got.Id == nil {
			t.Fatalf("Get: %v", err)
		}
		if n.Load() != 2 || len(sl.recorded()) != 1 {
			t.Errorf("%d requests, waits %v; want 2 and one wait", n.Load(), sl.recorded())
		}
	})
	t.Run("POST not retried", func(t *testing.T) {
		n.Store(0)
		c, _ := coreClient(t, srv.URL)
		_, err := coreDo(context.Background(), c, "POST", "/contacts", `{"email":"a@example.com"}`)
		if !errors.Is(err, io.ErrUnexpectedEOF) || !strings.Contains(err.Error(), "reading response body") {
			t.Fatalf("err = %v, want the cut body reported", err)
		}
		if n.Load() != 1 {
			t.Errorf("%d requests, want 1", n.Load())
		}
	})
}

// Response headers that never come: the transport's ResponseHeaderTimeout
// (60s in the default transport; 50ms here) ends the attempt, which is
// retried like a connection failure. The server blocks, it does not sleep.
func TestSlowHeadersTimeout(t *testing.T) {
	var n atomic.Int32
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			<-r.Context().Done() // never answer; released when the client gives up
			return
		}
		coreJSON(w, 200, `{"type":"admin","id":"1"}`)
	})
	tr := defaultTransport()
	tr.ResponseHeaderTimeout = 50 * time.Millisecond
	t.Cleanup(tr.CloseIdleConnections)
	c, sl := coreClient(t, srv.URL, WithHTTPClient(&http.Client{Transport: tr}))
	if _, err := c.Admins.Me(context.Background()); err != nil {
		t.Fatalf("Me: %v", err)
	}
	if n.Load() != 2 || len(sl.recorded()) != 1 {
		t.Errorf("%d requests, waits %v; want 2 and one wait", n.Load(), sl.recorded())
	}
	if tr := defaultTransport(); tr.ResponseHeaderTimeout != defaultResponseHeaderTimeout {
		t.Errorf("default ResponseHeaderTimeout %v", tr.ResponseHeaderTimeout)
	}
}

// Every test the fault matrix (the "Fault matrix" section of CONTRIBUTING.md)
// names exists, so the matrix cannot claim a proof that is not there.
func TestFaultMatrixNamesExistingTests(t *testing.T) {
	contributing, err := os.ReadFile("../CONTRIBUTING.md")
	if err != nil {
		t.Fatal(err)
	}
	_, doc, ok := bytes.Cut(contributing, []byte("\n## Fault matrix\n"))
	if !ok {
		t.Fatal(`CONTRIBUTING.md has no "## Fault matrix" section`)
	}
	doc, _, _ = bytes.Cut(doc, []byte("\n## "))
	names := regexp.MustCompile("`((?:Test|Fuzz)[A-Za-z0-9_]+)`").FindAllSubmatch(doc, -1)
	if len(names) < 20 {
		t.Fatalf("only %d test names in the fault matrix", len(names))
	}
	var sources strings.Builder
	for _, dir := range []string{".", "internal/engine", "../pkg/ratelimit", "../pkg/webhook", "../pkg/oauth"} {
		files, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f.Name(), "_test.go") {
				b, err := os.ReadFile(dir + "/" + f.Name())
				if err != nil {
					t.Fatal(err)
				}
				sources.Write(b)
			}
		}
	}
	src := sources.String()
	for _, m := range names {
		name := string(m[1])
		if !strings.Contains(src, "func "+name+"(") {
			t.Errorf("the fault matrix of CONTRIBUTING.md names %s, which does not exist", name)
		}
	}
}
