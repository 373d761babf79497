package intercom

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

// errClient returns a client whose every request is answered status with
// body, and counts the requests.
func errClient(t *testing.T, status int, body string, opts ...Option) (*Client, *[]*http.Request) {
	t.Helper()
	var reqs []*http.Request
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		reqs = append(reqs, r)
		return fakeResponse(r, status, body), nil
	})}
	c, err := NewClient(coreToken, append([]Option{WithHTTPClient(hc), WithMaxRetries(0)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c, &reqs
}

const unauthorizedBody = `{"type":"error.list","request_id":"r1","errors":[{"code":"unauthorized","message":"Access Token Invalid"}]}`

// TestUnauthorizedNamesRegion: a 401 says which region the token went to
// and how to choose another (an EU workspace's token on the default US
// region is the usual cause).
func TestUnauthorizedNamesRegion(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []Option
		want []string
	}{
		{"default US", nil, []string{"region us (https://api.intercom.io)"}},
		{"EU", []Option{WithRegion(RegionEU)}, []string{"region eu (https://api.eu.intercom.io)"}},
		{"base URL", []Option{WithBaseURL("https://proxy.example.com/intercom")}, []string{"https://proxy.example.com/intercom (WithBaseURL)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := errClient(t, http.StatusUnauthorized, unauthorizedBody, tc.opts...)
			_, err := c.Admins.Me(context.Background())
			if !IsUnauthorized(err) {
				t.Fatalf("err = %v, want a 401", err)
			}
			msg := err.Error()
			for _, w := range append(tc.want, "WithRegion", "INTERCOM_REGION", "Access Token Invalid") {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
			if strings.Contains(msg, coreToken) {
				t.Error("the message shows the token")
			}
			var e *Error
			if errors.As(err, &e); !strings.Contains(e.Hint(), "WithRegion") {
				t.Errorf("Hint() = %q", e.Hint())
			}
		})
	}
	// Other statuses get no region hint.
	c, _ := errClient(t, http.StatusForbidden, `{"type":"error.list","errors":[{"code":"forbidden","message":"no"}]}`)
	if _, err := c.Admins.Me(context.Background()); err == nil || strings.Contains(err.Error(), "region") {
		t.Errorf("403: %v", err)
	}
}

// TestBearerPrefixNamed: a token pasted with its "Bearer " scheme is named as
// the cause, and the token never shows.
func TestBearerPrefixNamed(t *testing.T) {
	for _, tok := range []string{"Bearer " + coreToken, "bearer\t" + coreToken, "  BEARER " + coreToken} {
		_, err := NewClient(tok)
		if !errors.Is(err, ErrBearerPrefix) {
			t.Fatalf("NewClient(%q...) = %v, want ErrBearerPrefix", tok[:8], err)
		}
		if strings.Contains(err.Error(), coreToken) || !strings.Contains(err.Error(), `starts with "Bearer "`) {
			t.Errorf("message %q", err)
		}
	}
	t.Setenv(EnvAccessToken, "Bearer "+coreToken)
	if _, err := NewClientFromEnv(); !errors.Is(err, ErrBearerPrefix) || strings.Contains(err.Error(), coreToken) {
		t.Errorf("NewClientFromEnv: %v", err)
	}
	// A token that merely starts with the letters is fine.
	if _, err := NewClient("bearertoken123"); err != nil {
		t.Errorf("NewClient(bearertoken123): %v", err)
	}
}

// TestNotFoundEmailAsContactID: a 404 on a contact looked up by an email
// address says to search by email, and the message does not repeat the
// address (Intercom's message and the path would).
func TestNotFoundEmailAsContactID(t *testing.T) {
	const email = "ada.lovelace+x@example.com"
	body := `{"type":"error.list","errors":[{"code":"not_found","message":"User Not Found: ` + email + `"}]}`
	c, reqs := errClient(t, http.StatusNotFound, body)
	ctx := context.Background()
	calls := map[string]func() error{
		"Get":    func() error { _, err := c.Contacts.Get(ctx, email); return err },
		"Update": func() error { _, err := c.Contacts.Update(ctx, email, UpdateContactRequest{}); return err },
		"Tag":    func() error { _, err := c.Contacts.Tag(ctx, email, "7"); return err },
	}
	for name, call := range calls {
		err := call()
		if !IsNotFound(err) {
			t.Fatalf("%s: %v, want a 404", name, err)
		}
		msg := err.Error()
		if !strings.Contains(msg, "FindByEmail") {
			t.Errorf("%s: message %q does not say to search by email", name, msg)
		}
		if strings.Contains(msg, email) || strings.Contains(msg, "lovelace") {
			t.Errorf("%s: message %q repeats the email", name, msg)
		}
		var e *Error
		errors.As(err, &e)
		if got, _ := io.ReadAll(strings.NewReader(string(e.Body))); !strings.Contains(string(got), email) {
			t.Errorf("%s: Body lost what was received", name)
		}
	}
	if len(*reqs) != len(calls) {
		t.Errorf("%d requests", len(*reqs))
	}
	// An id that is not an email gets no hint; another resource neither.
	if _, err := c.Contacts.Get(ctx, "6762f0dd1bb69f9f2193bb83"); err == nil || strings.Contains(err.Error(), "FindByEmail") {
		t.Errorf("plain id: %v", err)
	}
	if _, err := c.Tags.Get(ctx, email); err == nil || strings.Contains(err.Error(), "FindByEmail") {
		t.Errorf("tag: %v", err)
	}
}

// TestErrorsSayIntercomOnce walks representative errors of every layer
// (options, environment, ids, search builder, HTTP errors, transport
// failures, redirects, decoding, pagination) and requires "intercom:" once.
func TestErrorsSayIntercomOnce(t *testing.T) {
	ctx := context.Background()
	var errs []error
	add := func(err error) {
		t.Helper()
		if err == nil {
			t.Errorf("case %d: no error", len(errs))
		}
		errs = append(errs, err)
	}
	_, err := NewClient(coreToken, WithRegion("mars"))
	add(err)
	_, err = NewClient(coreToken, WithBaseURL("http://example.com"))
	add(err)
	_, err = NewClient("Bearer " + coreToken)
	add(err)
	_, err = NewClient("")
	add(err)
	t.Setenv(EnvAccessToken, coreToken)
	t.Setenv(EnvRegion, "mars")
	_, err = NewClientFromEnv()
	add(err)

	c, reqs := errClient(t, http.StatusNotFound, `{"type":"error.list","errors":[{"code":"not_found","message":"Resource Not Found"}]}`)
	_, err = c.Tickets.Get(ctx, "")
	add(err)
	_, err = c.Admins.Get(ctx, "abc")
	add(err)
	_, err = c.Tickets.ReplyAsAdmin(ctx, "1", "x", "hi")
	add(err)
	_, err = c.Conversations.Get(ctx, "a\nb", nil)
	add(err)
	_, err = And().ForConversations()
	add(err)
	_, err = c.Contacts.Get(ctx, "42")
	add(err)
	if len(*reqs) != 1 {
		t.Errorf("%d requests, want the one Contacts.Get", len(*reqs))
	}

	c401, _ := errClient(t, http.StatusUnauthorized, unauthorizedBody)
	_, err = c401.Admins.Me(ctx)
	add(err)

	// A transport failure and a cancelled context.
	fail := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return nil, errors.New("connection refused")
	})}
	cf, err := NewClient(coreToken, WithHTTPClient(fail), WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	_, err = cf.Contacts.Get(ctx, "42")
	add(err)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err = cf.Contacts.Get(cctx, "42")
	add(err)

	// A redirect to another origin of a POST, and a null body.
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			http.Redirect(w, r, "https://elsewhere.example.com/x", http.StatusTemporaryRedirect)
			return
		}
		coreJSON(w, http.StatusOK, "null")
	})
	cs, _ := coreClient(t, srv.URL, WithMaxRetries(0))
	_, err = cs.Contacts.Create(ctx, CreateContactRequest{Email: Ptr("a@example.com")})
	add(err)
	_, err = cs.Contacts.Get(ctx, "42")
	add(err)

	for i, err := range errs {
		if err == nil {
			continue
		}
		t.Logf("case %d: %s", i, err)
		if n := strings.Count(err.Error(), "intercom:"); n != 1 {
			t.Errorf("case %d: %q says intercom: %d times", i, err, n)
		}
	}
	// errors.Is still sees through the single prefix.
	if !errors.Is(errs[5], ErrInvalidID) || !errors.Is(errs[13], context.Canceled) {
		t.Error("errors.Is lost the wrapped error")
	}
}
