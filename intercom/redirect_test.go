package intercom

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// authLog records the Authorization header of each request a server got.
type authLog struct {
	mu   sync.Mutex
	seen []string // "METHOD path auth"
}

func (a *authLog) add(r *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.seen = append(a.seen, r.Method+" "+r.URL.Path+" "+r.Header.Get("Authorization"))
}

func (a *authLog) all() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.seen...)
}

// TestRedirectPolicy: the token follows a redirect only to the client's own
// origin (scheme, host and port). Go's default policy compares host names
// only, so a redirect to the same host on another port got the token.
func TestRedirectPolicy(t *testing.T) {
	other := &authLog{}
	// Another origin on the same host: 127.0.0.1, another port.
	elsewhere := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		other.add(r)
		coreJSON(w, 200, `{"type":"admin","id":"2"}`)
	})
	own := &authLog{}
	api := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		own.add(r)
		switch r.URL.Path {
		case "/same":
			http.Redirect(w, r, "/target", http.StatusTemporaryRedirect)
		case "/other":
			http.Redirect(w, r, elsewhere.URL+"/target", http.StatusTemporaryRedirect)
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		default:
			coreJSON(w, 200, `{"type":"admin","id":"1"}`)
		}
	})
	bearer := "Bearer " + coreToken
	ctx := context.Background()

	t.Run("same origin keeps the token", func(t *testing.T) {
		c, _ := coreClient(t, api.URL)
		if _, err := coreDo(ctx, c, "POST", "/same", `{"a":1}`); err != nil {
			t.Fatal(err)
		}
		if got := own.all(); got[len(got)-1] != "POST /target "+bearer {
			t.Errorf("requests %q: the redirected POST must keep the token on the same origin", got)
		}
	})
	t.Run("other port: GET followed without the token", func(t *testing.T) {
		c, _ := coreClient(t, api.URL)
		resp, err := coreDo(ctx, c, "GET", "/other", "")
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != 200 {
			t.Errorf("status %d", resp.StatusCode)
		}
		if got := other.all(); len(got) != 1 || got[0] != "GET /target " {
			t.Errorf("the other origin got %q, want one GET without Authorization", got)
		}
	})
	t.Run("other port: POST refused", func(t *testing.T) {
		before := len(other.all())
		c, _ := coreClient(t, api.URL)
		_, err := coreDo(ctx, c, "POST", "/other", `{"a":1}`)
		if !errors.Is(err, ErrRedirectRefused) {
			t.Fatalf("err = %v, want ErrRedirectRefused", err)
		}
		if n := len(other.all()) - before; n != 0 {
			t.Errorf("the other origin got %d requests", n)
		}
	})
	t.Run("too many redirects", func(t *testing.T) {
		c, _ := coreClient(t, api.URL)
		_, err := coreDo(ctx, c, "GET", "/loop", "")
		if !errors.Is(err, ErrRedirectRefused) || !strings.Contains(err.Error(), "10 redirects") {
			t.Errorf("err = %v", err)
		}
	})
}

// TestRedirectDowngradeRefused: a redirect from https to plain http is never
// followed, also with the caller's own *http.Client, which is not modified.
func TestRedirectDowngradeRefused(t *testing.T) {
	plain := &authLog{}
	httpSrv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		plain.add(r)
		coreJSON(w, 200, `{}`)
	})
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The same host name and the same path: only the scheme (and port) differ.
		http.Redirect(w, r, httpSrv.URL+r.URL.Path, http.StatusMovedPermanently)
	}))
	t.Cleanup(tlsSrv.Close)
	var userChecks int
	hc := tlsSrv.Client()
	userCheck := func(req *http.Request, via []*http.Request) error { userChecks++; return nil }
	hc.CheckRedirect = userCheck
	c, _ := coreClient(t, tlsSrv.URL, WithHTTPClient(hc))
	_, err := coreDo(context.Background(), c, "GET", "/me", "")
	if !errors.Is(err, ErrRedirectRefused) || !strings.Contains(err.Error(), "downgrade") {
		t.Fatalf("err = %v, want a refused downgrade", err)
	}
	if got := plain.all(); len(got) != 0 {
		t.Errorf("the plain-http server got %q", got)
	}
	if userChecks != 0 {
		t.Errorf("the caller's CheckRedirect ran %d times on a refused redirect", userChecks)
	}
	if fmt.Sprintf("%p", hc.CheckRedirect) != fmt.Sprintf("%p", userCheck) {
		t.Error("NewClient replaced the CheckRedirect of the caller's *http.Client")
	}
	if c.e.HTTPClient() == hc {
		t.Error("the client uses the caller's *http.Client itself, not a copy")
	}
}

// TestRedirectCallsUserCheckRedirect: the caller's policy still runs on the
// redirects the SDK allows.
func TestRedirectCallsUserCheckRedirect(t *testing.T) {
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/from" {
			http.Redirect(w, r, "/to", http.StatusFound)
			return
		}
		coreJSON(w, 200, `{}`)
	})
	var checked []string
	hc := &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error {
		checked = append(checked, req.URL.Path+" "+req.Header.Get("Authorization"))
		return nil
	}}
	c, _ := coreClient(t, srv.URL, WithHTTPClient(hc))
	if _, err := coreDo(context.Background(), c, "GET", "/from", ""); err != nil {
		t.Fatal(err)
	}
	if len(checked) != 1 || checked[0] != "/to Bearer "+coreToken {
		t.Errorf("caller's CheckRedirect saw %q", checked)
	}
}

// TestTokenScrubbedFromTransportErrors: a redirect to a URL that carries the
// token (refused, or failing to connect) makes net/http quote that URL in
// its *url.Error; neither the error nor the debug log may show the token.
func TestTokenScrubbedFromTransportErrors(t *testing.T) {
	var buf lockedBuffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/refused": // a POST to another origin: refused
			http.Redirect(w, r, "http://localhost:1/x?access_token="+url.QueryEscape(coreToken), http.StatusTemporaryRedirect)
		case "/unreachable": // a GET to another origin: followed, connection refused
			http.Redirect(w, r, "http://127.0.0.1:1/"+coreToken+"?access_token="+url.QueryEscape(coreToken), http.StatusFound)
		}
	})
	c, _ := coreClient(t, srv.URL, WithLogger(logger))
	ctx := context.Background()
	_, err1 := coreDo(ctx, c, "POST", "/refused", `{"a":1}`)
	_, err2 := coreDo(ctx, c, "GET", "/unreachable", "")
	_, err3 := c.getURL(ctx, "/contacts/"+coreToken+"%zz") // an invalid next-page link
	for i, err := range []error{err1, err2, err3} {
		if err == nil {
			t.Fatalf("case %d: no error", i)
		}
		for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
			if strings.Contains(s, coreToken) {
				t.Errorf("case %d: the error shows the token: %s", i, s)
			}
		}
		var ue *url.Error
		if errors.As(err, &ue) && strings.Contains(ue.URL, coreToken) {
			t.Errorf("case %d: the *url.Error's URL holds the token", i)
		}
		for e := error(err); e != nil; e = errors.Unwrap(e) {
			if strings.Contains(e.Error(), coreToken) {
				t.Errorf("case %d: a wrapped error shows the token: %s", i, e)
			}
		}
	}
	if !errors.Is(err1, ErrRedirectRefused) {
		t.Errorf("err1 = %v, want ErrRedirectRefused (matching must survive the scrubbing)", err1)
	}
	out := buf.String()
	if strings.Contains(out, coreToken) {
		t.Errorf("the debug log shows the token:\n%s", out)
	}
	if !strings.Contains(out, "request failed") || !bytes.Contains([]byte(out), []byte(redacted)) {
		t.Errorf("the log lacks the failed request with the token redacted:\n%s", out)
	}
}
