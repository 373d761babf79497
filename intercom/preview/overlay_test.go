package preview_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/intercom/preview"
)

// previewServer answers every request with body and counts the requests.
func previewServer(t *testing.T, body string) (*preview.Client, *int) {
	t.Helper()
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n++
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	c, err := intercom.NewClient("tok_preview", intercom.WithBaseURL(srv.URL), intercom.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.CloseIdleConnections)
	return preview.New(c), &n
}

// A new contact without email, external_id or role is refused before anything is sent,
// as package intercom refuses it; with an email it is sent. (The overlay drops the
// required-properties anyOf of create_contact_request, fix [21], so the body is a plain
// struct and the rule is checked by the SDK.)
func TestPreviewCreateContactNeedsAnIdentifier(t *testing.T) {
	p, n := previewServer(t, `{"type":"contact","id":"6762f0dd1bb69f9f2193bb83","role":"user"}`)
	if _, err := p.Contacts.Create(context.Background(), preview.CreateContactRequest{}); err == nil {
		t.Error("a contact without email, external_id or role was accepted")
	}
	if *n != 0 {
		t.Errorf("%d requests sent for a refused contact", *n)
	}
	c, err := p.Contacts.Create(context.Background(), preview.CreateContactRequest{Email: intercom.Ptr("ann@example.com")})
	if err != nil || c.GetId() != "6762f0dd1bb69f9f2193bb83" || *n != 1 {
		t.Errorf("Create with an email: %v, %v, %d requests", c, err, *n)
	}
}

// CollectFinVoiceCallByPhoneNumber returns the call it found, like its siblings by id and
// by external id (overlay fix [16]: upstream declares no success response for it). Its
// integer ids are string ids (fix [19]), read from a JSON number or a JSON string.
func TestPreviewFinVoiceCallByPhoneNumberReturnsTheCall(t *testing.T) {
	p, _ := previewServer(t, `{"id":7,"app_id":"12","external_call_id":"call-123-abc","call_summary":"refund asked"}`)
	call, err := p.Calls.CollectFinVoiceCallByPhoneNumber(context.Background(), "+1234567890")
	if err != nil {
		t.Fatal(err)
	}
	if call.GetExternalCallId() != "call-123-abc" || call.GetCallSummary() != "refund asked" || call.GetId() != "7" || call.GetAppId() != "12" {
		t.Errorf("call %+v", call)
	}
}

// A page-numbered list whose pages.next comes as a cursor object instead of the URL
// string of pages_link still decodes, and its iterator follows the page number (fix
// [18], types.NextPage, as in package intercom).
func TestPreviewPagesNextAcceptsEitherShape(t *testing.T) {
	var pages []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pages = append(pages, r.URL.Query().Get("page"))
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("page") == "2" {
			_, _ = io.WriteString(w, `{"type":"list","data":[{"type":"article","id":"2"}],"pages":{"type":"pages","page":2,"next":null}}`)
			return
		}
		_, _ = io.WriteString(w, `{"type":"list","data":[{"type":"article","id":"1"}],"pages":{"type":"pages","page":1,"next":{"page":2,"starting_after":"x"}}}`)
	}))
	t.Cleanup(srv.Close)
	c, err := intercom.NewClient("tok_preview", intercom.WithBaseURL(srv.URL), intercom.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.CloseIdleConnections)
	var ids []string
	for a, err := range preview.New(c).Articles.ListAll(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.GetId())
	}
	if strings.Join(ids, ",") != "1,2" || strings.Join(pages, ",") != ",2" {
		t.Errorf("articles %v from pages %q, want 1,2 from the first page and page 2", ids, pages)
	}
}

// The iterators of two Preview-only lists walk every page: folders by page number,
// contact activities by the starting_after cursor.
func TestPreviewOnlyIterators(t *testing.T) {
	var queries []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		queries = append(queries, r.URL.Path+"?"+r.URL.RawQuery)
		w.Header().Set("Content-Type", "application/json")
		q := r.URL.Query()
		switch {
		case r.URL.Path == "/folders" && q.Get("page") == "":
			_, _ = io.WriteString(w, `{"type":"list","data":[{"id":1,"name":"a"}],"pages":{"type":"pages","page":1,"total_pages":2}}`)
		case r.URL.Path == "/folders":
			_, _ = io.WriteString(w, `{"type":"list","data":[{"id":2,"name":"b"}],"pages":{"type":"pages","page":2,"total_pages":2}}`)
		case q.Get("starting_after") == "":
			_, _ = io.WriteString(w, `{"type":"list","data":[{"id":"e1"}],"pages":{"type":"pages","next":{"starting_after":"c1"}}}`)
		default:
			_, _ = io.WriteString(w, `{"type":"list","data":[{"id":"e2"}],"pages":{"type":"pages","next":null}}`)
		}
	}))
	t.Cleanup(srv.Close)
	c, err := intercom.NewClient("tok_preview", intercom.WithBaseURL(srv.URL), intercom.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.CloseIdleConnections)
	p := preview.New(c)
	var got []string
	for f, err := range p.Folders.ListAll(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, f.GetName())
	}
	for e, err := range p.Contacts.ListActivitiesAll(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, e.GetId())
	}
	want := "a,b,e1,e2"
	wantQ := "/folders?,/folders?page=2,/contacts/activities?,/contacts/activities?starting_after=c1"
	if strings.Join(got, ",") != want || strings.Join(queries, ",") != wantQ {
		t.Errorf("items %v from %v, want %s from %s", got, queries, want, wantQ)
	}
}
