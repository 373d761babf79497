package oauth_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
)

const (
	testClientID     = "client-abc"
	testClientSecret = "shh-client-secret-0123456789"
	goodCode         = "code-good-1234"
	issuedToken      = "dG9rOmZha2UtYWNjZXNzLXRva2Vu"
)

// fakeIntercom is a loopback stand-in for Intercom's consent page and token
// endpoint.
type fakeIntercom struct {
	srv *httptest.Server

	mu        sync.Mutex
	deny      bool                 // the consent page answers error=access_denied
	exchanges []url.Values         // forms the token endpoint received
	answer    func() (int, string) // overrides the token endpoint's answer
}

func newFakeIntercom(t *testing.T) *fakeIntercom {
	t.Helper()
	f := &fakeIntercom{}
	mux := http.NewServeMux()
	// The consent page: the user "clicks" allow (or deny) at once.
	mux.HandleFunc("GET /oauth", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("client_id") != testClientID {
			http.Error(w, "unknown app", http.StatusBadRequest)
			return
		}
		back, err := url.Parse(q.Get("redirect_uri"))
		if err != nil || back.Host == "" {
			http.Error(w, "no redirect_uri", http.StatusBadRequest)
			return
		}
		v := url.Values{}
		f.mu.Lock()
		deny := f.deny
		f.mu.Unlock()
		if deny {
			v.Set("error", "access_denied")
			v.Set("error_description", "The user denied the request")
		} else {
			v.Set("code", goodCode)
		}
		if s := q.Get("state"); s != "" {
			v.Set("state", s)
		}
		back.RawQuery = v.Encode()
		http.Redirect(w, r, back.String(), http.StatusFound)
	})
	mux.HandleFunc("POST /auth/eagle/token", func(w http.ResponseWriter, r *http.Request) {
		if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
			http.Error(w, "bad content type "+ct, http.StatusUnsupportedMediaType)
			return
		}
		if err := r.ParseForm(); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		f.mu.Lock()
		f.exchanges = append(f.exchanges, r.PostForm)
		answer := f.answer
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if answer != nil {
			status, body := answer()
			w.WriteHeader(status)
			_, _ = w.Write([]byte(body))
			return
		}
		if r.PostForm.Get("client_id") != testClientID || r.PostForm.Get("client_secret") != testClientSecret {
			w.WriteHeader(http.StatusUnauthorized)
			_ = json.NewEncoder(w).Encode(map[string]any{"type": "error.list", "request_id": "req-1",
				"errors": []map[string]string{{"code": "unauthorized", "message": "Invalid client credentials"}}})
			return
		}
		if r.PostForm.Get("code") != goodCode {
			w.Header().Set("X-Request-Id", "req-2")
			w.WriteHeader(http.StatusBadRequest)
			_ = json.NewEncoder(w).Encode(map[string]any{"type": "error.list",
				"errors": []map[string]string{{"code": "invalid_grant", "message": "Code is invalid or expired"}}})
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]string{"token_type": "Bearer", "token": issuedToken, "access_token": issuedToken})
	})
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeIntercom) setAnswer(fn func() (int, string)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.answer = fn
}

func (f *fakeIntercom) exchangeCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.exchanges)
}

func (f *fakeIntercom) lastExchange() url.Values {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.exchanges) == 0 {
		return nil
	}
	return f.exchanges[len(f.exchanges)-1]
}
