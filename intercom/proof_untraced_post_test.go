package intercom

// Regression (proof turn3): whether a write "may have reached the
// server" is known only from the httptrace WroteHeaders hook
// (transport.go attempt:360, res.written = wt == nil || wt.written.Load()).
// A RoundTripper that does not report httptrace events (any non-net/http
// transport, or one that re-issues the request with its own context) makes
// every failed POST look unsent, so a POST whose response was lost after the
// server acted on it is sent again: a duplicated write, although the README
// says WithHTTPClient "keeps every behaviour" and writes are "never retried
// blindly".

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"syscall"
	"testing"
)

// It is bug proof 01 of 2026-12-07 (TestAuditPOSTRetriedThroughUntracedTransport), kept with its assertions as a regular test.
func TestPOSTNotRetriedThroughUntracedTransport(t *testing.T) {
	var posts atomic.Int32
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
		coreJSON(w, 200, `{"type":"contact","id":"c1"}`)
	})
	var calls atomic.Int32
	inner := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(inner.CloseIdleConnections)
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		// Forwards the request without the caller's trace hooks.
		resp, err := inner.RoundTrip(r.Clone(context.Background()))
		if err == nil && calls.Add(1) == 1 {
			resp.Body.Close()
			return nil, fmt.Errorf("proxy: response lost: %w", syscall.ECONNRESET)
		}
		return resp, err
	})
	c, _ := coreClient(t, srv.URL, WithHTTPClient(&http.Client{Transport: rt}))
	_, err := c.Contacts.Create(context.Background(), CreateContactRequest{Email: Ptr("a@example.com")})
	if n := posts.Load(); n != 1 {
		t.Errorf("the server processed the POST %d times (err %v); a write that reached the server must not be retried", n, err)
	}
}
