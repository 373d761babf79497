package intercom

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

func TestDoJSONAndResponseInto(t *testing.T) {
	_, u := newScripted(t, scriptStep{status: 200, header: map[string]string{"X-Request-Id": "rq"},
		body: `{"type":"admin","id":"42","email":"ops@example.com"}`})
	c, _ := coreClient(t, u)
	var resp *http.Response
	admin, err := doJSON[gen.AdminWithApp](context.Background(), c, nil, []Option{WithResponseInto(&resp)},
		adminReq(t, c), nil)
	if err != nil {
		t.Fatal(err)
	}
	if admin.Id == nil || *admin.Id != "42" || admin.Email == nil || *admin.Email != "ops@example.com" {
		t.Errorf("decoded %+v", admin)
	}
	if resp == nil || resp.StatusCode != 200 || resp.Header.Get("X-Request-Id") != "rq" {
		t.Fatalf("captured response %+v", resp)
	}
	// The captured body is in memory and can be read (again).
	s, ok := resp.Body.(io.Seeker)
	if !ok {
		t.Fatalf("body %T is not seekable", resp.Body)
	}
	for range 2 {
		if _, err := s.Seek(0, io.SeekStart); err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(resp.Body)
		if err != nil || !strings.Contains(string(b), `"id":"42"`) {
			t.Errorf("re-read body %q, %v", b, err)
		}
	}
}

func TestResponseIntoOnError(t *testing.T) {
	_, u := newScripted(t, scriptStep{status: 404, body: `{"type":"error.list","errors":[{"code":"not_found","message":"Contact Not Found"}]}`})
	c, _ := coreClient(t, u)
	var resp *http.Response
	err := doNoBody(context.Background(), c, nil, []Option{WithResponseInto(&resp)},
		pathReq(t, c, "DELETE", "/contacts/1"), nil)
	if !IsNotFound(err) {
		t.Fatalf("err = %v", err)
	}
	if resp == nil || resp.StatusCode != 404 {
		t.Fatalf("resp = %+v", resp)
	}
	if b, _ := io.ReadAll(resp.Body); !strings.Contains(string(b), "Contact Not Found") {
		t.Errorf("captured body %q", b)
	}
}

func TestDoNoBody(t *testing.T) {
	_, u := newScripted(t, scriptStep{status: 204, body: " "})
	c, _ := coreClient(t, u)
	if err := doNoBody(context.Background(), c, nil, nil, pathReq(t, c, "DELETE", "/contacts/1"), nil); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if err := doNoBody(context.Background(), c, nil, nil, nil, boom); !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
}

func TestGetURL(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.URL.RequestURI()+" "+r.Header.Get("Authorization"))
		mu.Unlock()
		coreJSON(w, 200, `{"type":"list"}`)
	})
	ctx := context.Background()
	c, _ := coreClient(t, srv.URL+"/proxy")
	ok := []struct{ in, want string }{
		{srv.URL + "/proxy/contacts/1/companies?page=2", "/proxy/contacts/1/companies?page=2"},
		{"https://api.intercom.io/contacts/1/companies?page=3#frag", "/proxy/contacts/1/companies?page=3"},
		{"https://API.EU.intercom.io:443/events?per_page=2", "/proxy/events?per_page=2"},
		{"/contacts?page=4", "/proxy/contacts?page=4"}, // an API path: under the prefix
		{"/proxy/x?page=6", "/proxy/proxy/x?page=6"},   // always: no guessing
		{"?page=7", "/proxy/?page=7"},
		{"contacts?page=5", "/proxy/contacts?page=5"},
	}
	for _, tt := range ok {
		resp, err := c.getURL(ctx, tt.in)
		if err != nil {
			t.Errorf("getURL(%q): %v", tt.in, err)
			continue
		}
		if resp.StatusCode != 200 {
			t.Errorf("getURL(%q): status %d", tt.in, resp.StatusCode)
		}
		mu.Lock()
		last := got[len(got)-1]
		mu.Unlock()
		if last != tt.want+" Bearer "+coreToken {
			t.Errorf("getURL(%q) requested %q, want %q with the token", tt.in, last, tt.want)
		}
	}
	mu.Lock()
	n := len(got)
	mu.Unlock()
	refused := []string{
		"https://evil.example.com/contacts?page=2",
		"http://api.intercom.io/contacts",              // plain http to Intercom
		"https://api.intercom.io:8443/contacts",        // other port
		"https://api.intercom.io.evil.com/contacts",    // look-alike host
		strings.Replace(srv.URL, "http:", "https:", 1), // other scheme
		"https://user:pw@api.intercom.io/contacts",
		"http://[::1]:1/x",
		"://bad",
	}
	for _, in := range refused {
		if _, err := c.getURL(ctx, in); err == nil {
			t.Errorf("getURL(%q) was allowed", in)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != n {
		t.Errorf("refused URLs still sent %d requests", len(got)-n)
	}
}

func TestRequireID(t *testing.T) {
	for _, id := range []string{"", ".", "..", "a\nb", "a\x00", "\x7f", "x\u0085y"} {
		err := requireID("contact id", id)
		if !errors.Is(err, ErrInvalidID) {
			t.Errorf("requireID(%q) = %v, want ErrInvalidID", id, err)
		} else if !strings.Contains(err.Error(), "contact id") {
			t.Errorf("requireID(%q) error %q does not name the id", id, err)
		}
	}
	for _, id := range []string{"5f1a2b", "a/b", "...", "x y", "ünïcode", "email@example.com"} {
		if err := requireID("contact id", id); err != nil {
			t.Errorf("requireID(%q) = %v", id, err)
		}
	}
}

func TestPtr(t *testing.T) {
	p := Ptr("x")
	q := Ptr("x")
	if *p != "x" || p == q {
		t.Error("Ptr must return a fresh pointer to the value")
	}
	if *Ptr(3) != 3 || !*Ptr(true) {
		t.Error("Ptr of int/bool")
	}
}
