package intercom

// Regression (proof turn3): the token is scrubbed only in its literal
// form. Real Intercom tokens are base64 and usually end in "=", which a URL
// query carries as "%3D": a redirect quoting the token leaks it, percent-
// encoded, into the error and the debug log. log.go scrub/scrubErr compare
// the raw token only.

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// It is bug proof 05 of 2026-12-07 (TestAuditTokenScrubMissesPercentEncodedToken), kept with its assertions as a regular test.
func TestTokenScrubPercentEncoded(t *testing.T) {
	const token = "dG9rOmE0ZjE2YjFlXzY2NTZfNGQ0Yl9hYTBmOjE6MA==" // shape of a real Intercom token
	var buf lockedBuffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://127.0.0.1:1/x?access_token="+url.QueryEscape(token), http.StatusFound)
	})
	c, err := NewClient(token, WithBaseURL(srv.URL), WithLogger(logger), WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.CloseIdleConnections)
	_, err = coreDo(context.Background(), c, "GET", "/contacts", "")
	if err == nil {
		t.Fatal("no error")
	}
	esc := url.QueryEscape(token)
	if strings.Contains(err.Error(), esc) {
		t.Errorf("the error carries the (percent-encoded) token: %v", err)
	}
	if strings.Contains(buf.String(), esc) {
		t.Errorf("the debug log carries the (percent-encoded) token")
	}
}
