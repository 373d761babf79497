package preview_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
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
// by external id (overlay fix [16]: upstream declares no success response for it).
func TestPreviewFinVoiceCallByPhoneNumberReturnsTheCall(t *testing.T) {
	p, _ := previewServer(t, `{"id":7,"app_id":12,"external_call_id":"call-123-abc","call_summary":"refund asked"}`)
	call, err := p.Calls.CollectFinVoiceCallByPhoneNumber(context.Background(), "+1234567890")
	if err != nil {
		t.Fatal(err)
	}
	if call.GetExternalCallId() != "call-123-abc" || call.GetCallSummary() != "refund asked" {
		t.Errorf("call %+v", call)
	}
}
