package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/intercomkit/intercom-go/pkg/oauth"
)

const (
	demoClientID     = "demo-client-id"
	demoClientSecret = "demo-client-secret"
	demoCode         = "demo-authorization-code"
	demoToken        = "demo-access-token"
)

// fakeIntercom plays Intercom's consent page (the user answers at once) and
// token endpoint on loopback.
type fakeIntercom struct {
	deny      atomic.Bool
	exchanges atomic.Int32
}

func (f *fakeIntercom) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /oauth", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		back, err := url.Parse(q.Get("redirect_uri"))
		if q.Get("client_id") != demoClientID || err != nil || back.Host == "" {
			http.Error(w, "unknown app or redirect", http.StatusBadRequest)
			return
		}
		v := url.Values{"state": {q.Get("state")}}
		if f.deny.Load() {
			v.Set("error", "access_denied")
		} else {
			v.Set("code", demoCode)
		}
		back.RawQuery = v.Encode()
		http.Redirect(w, r, back.String(), http.StatusFound)
	})
	mux.HandleFunc("POST /auth/eagle/token", func(w http.ResponseWriter, r *http.Request) {
		f.exchanges.Add(1)
		w.Header().Set("Content-Type", "application/json")
		if r.PostFormValue("client_id") != demoClientID || r.PostFormValue("client_secret") != demoClientSecret || r.PostFormValue("code") != demoCode {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"type":"error.list","errors":[{"code":"unauthorized","message":"bad client or code"}]}`)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]string{"token_type": "Bearer", "token": demoToken, "access_token": demoToken})
	})
	return mux
}

// runDemo installs the app against the fake, then checks a denial, a forged
// callback and a rejected code.
func runDemo(logger *slog.Logger) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	fake := &fakeIntercom{}
	fakeLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fakeSrv := &http.Server{Handler: fake.routes(), ReadHeaderTimeout: 5 * time.Second}
	fakeDone := make(chan error, 1)
	go func() { fakeDone <- fakeSrv.Serve(fakeLn) }()
	defer func() {
		_ = fakeSrv.Close()
		<-fakeDone
	}()

	appLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fakeURL := "http://" + fakeLn.Addr().String()
	appURL := "http://" + appLn.Addr().String()
	transport := &http.Transport{}
	defer transport.CloseIdleConnections()
	in := newInstaller(&oauth.Config{
		ClientID:     demoClientID,
		ClientSecret: demoClientSecret,
		RedirectURL:  appURL + "/callback",
		AuthURL:      fakeURL + "/oauth",            // instead of https://app.intercom.com/oauth
		TokenURL:     fakeURL + "/auth/eagle/token", // instead of https://api.intercom.io/auth/eagle/token
		HTTPClient:   &http.Client{Transport: transport},
	}, logger)
	appDone := make(chan error, 1)
	go func() { appDone <- serve(ctx, appLn, in) }()
	defer func() {
		cancel()
		<-appDone
	}()

	// browser follows redirects and keeps cookies, as a user's browser does.
	newBrowser := func() (*http.Client, error) {
		jar, err := cookiejar.New(nil)
		if err != nil {
			return nil, err
		}
		return &http.Client{Jar: jar, Transport: transport, Timeout: 10 * time.Second}, nil
	}
	visit := func(b *http.Client, u string) (int, string, error) {
		resp, err := b.Get(u)
		if err != nil {
			return 0, "", err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return resp.StatusCode, string(body), err
	}

	var failed error
	check := func(name string, gotStatus int, body string, err error, wantStatus int, wantText string) {
		switch {
		case err != nil:
			failed = errors.Join(failed, fmt.Errorf("%s: %w", name, err))
		case gotStatus != wantStatus || !strings.Contains(body, wantText):
			failed = errors.Join(failed, fmt.Errorf("%s: status %d body %q, want %d containing %q", name, gotStatus, body, wantStatus, wantText))
		default:
			fmt.Printf("demo: %-32s -> %d %s\n", name, gotStatus, wantText)
		}
	}

	// 1. A complete install.
	b, err := newBrowser()
	if err != nil {
		return err
	}
	status, body, err := visit(b, appURL+"/install")
	check("install", status, body, err, http.StatusOK, "Installed")
	if in.installedCount() != 1 {
		failed = errors.Join(failed, fmt.Errorf("install: %d tokens stored, want 1", in.installedCount()))
	}

	// 2. The user declines on the consent page.
	fake.deny.Store(true)
	b, _ = newBrowser()
	status, body, err = visit(b, appURL+"/install")
	check("denied install", status, body, err, http.StatusForbidden, "access was denied")
	fake.deny.Store(false)

	// 3. A forged callback: right code, but not this browser's state.
	b, _ = newBrowser()
	_, _, _ = visit(b, appURL+"/") // no install started
	before := fake.exchanges.Load()
	status, body, err = visit(b, appURL+"/callback?code="+demoCode+"&state=forged")
	check("forged callback", status, body, err, http.StatusBadRequest, "stale")
	if fake.exchanges.Load() != before {
		failed = errors.Join(failed, errors.New("forged callback: the code was exchanged"))
	}

	// 4. The token endpoint refuses the code.
	b, _ = newBrowser()
	jarURL, _ := url.Parse(appURL)
	b.Jar.SetCookies(jarURL, []*http.Cookie{{Name: stateCookie, Value: "s1", Path: "/"}})
	status, body, err = visit(b, appURL+"/callback?code=expired&state=s1")
	check("rejected code", status, body, err, http.StatusBadGateway, "refused")

	if in.installedCount() != 1 {
		failed = errors.Join(failed, fmt.Errorf("%d tokens stored in total, want 1", in.installedCount()))
	}
	return failed
}
