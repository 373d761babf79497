package intercom

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestObserverSeesDecodeError: a 200 whose body cannot be decoded ends the
// call, for its observers, with the *DecodeError the caller gets (the call
// was reported as a success before decoding), once; a call that decodes is
// reported once with no error.
func TestObserverSeesDecodeError(t *testing.T) {
	body := "null"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}))
	defer srv.Close()
	obs := &recObserver{}
	c, err := NewClient("tok", WithBaseURL(srv.URL), WithObserver(obs))
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()

	_, err = c.Contacts.Get(context.Background(), "abc")
	var de *DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("err = %v, want a *DecodeError", err)
	}
	if len(obs.results) != 1 {
		t.Fatalf("%d CallDone, want 1", len(obs.results))
	}
	if r := obs.results[0]; !errors.As(r.Err, &de) || r.StatusCode != 200 || r.Attempts != 1 {
		t.Errorf("CallResult %+v, want the *DecodeError, status 200, 1 attempt", r)
	}

	body = `{"type":"contact","id":"abc"}`
	if _, err := c.Contacts.Get(context.Background(), "abc"); err != nil {
		t.Fatal(err)
	}
	if len(obs.results) != 2 || obs.results[1].Err != nil {
		t.Errorf("results %+v, want a second CallDone without error", obs.results)
	}
}
