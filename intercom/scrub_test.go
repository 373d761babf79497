package intercom

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// scrubToken is shaped like a real Intercom token and holds every base64
// character that an encoding changes: "+", "/" and "=".
const scrubToken = "dG9rOmE0ZjE2+++/NjY1Nl80ZDRiOjE6MA=="

// tokenForms are the ways a server or a URL can hand scrubToken back.
func tokenForms(t *testing.T) map[string]string {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(scrubToken)
	if err != nil {
		t.Fatal(err)
	}
	jsonEsc := strings.ReplaceAll(scrubToken, "/", `\/`)
	return map[string]string{
		"literal":          scrubToken,
		"json \\/":         jsonEsc,
		"json \\u":         strings.NewReplacer("+", `\u002b`, "/", `\u002F`, "=", `\u003d`).Replace(scrubToken),
		"query-escaped":    url.QueryEscape(scrubToken),
		"path-escaped":     url.PathEscape(scrubToken),
		"lower-hex escape": strings.NewReplacer("%2B", "%2b", "%2F", "%2f", "%3D", "%3d").Replace(url.QueryEscape(scrubToken)),
		"double-escaped":   url.QueryEscape(url.QueryEscape(scrubToken)),
		"base64 url":       base64.URLEncoding.EncodeToString(raw),
		"base64 raw url":   base64.RawURLEncoding.EncodeToString(raw),
		"base64 raw std":   base64.RawStdEncoding.EncodeToString(raw),
	}
}

// leaks returns the forms of the token found in s.
func leaks(t *testing.T, s string) []string {
	t.Helper()
	var found []string
	for name, f := range tokenForms(t) {
		if strings.Contains(s, f) {
			found = append(found, name)
		}
	}
	// Any long-enough fragment of the token's text is also a leak.
	for _, frag := range []string{"OmE0ZjE2", "NjY1Nl80", "ZDRiOjE6"} {
		if strings.Contains(s, frag) {
			found = append(found, "fragment "+frag)
		}
	}
	return found
}

// TestScrubEveryFormEveryPlace sends a base64 token with "+", "/" and "="
// back in every encoded form through every place text leaves the SDK: the
// error text, Errors[].Message, RequestID (body and header), the raw body
// kept on the error, a transport error, the debug log and the observer's
// events. None may carry any form of it.
func TestScrubEveryFormEveryPlace(t *testing.T) {
	for name, form := range tokenForms(t) {
		t.Run(name, func(t *testing.T) {
			quoted := strings.ReplaceAll(form, `"`, `\"`)
			srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/redirect" {
					http.Redirect(w, r, "http://127.0.0.1:1/x?t="+form+"&u="+url.QueryEscape(form), http.StatusFound)
					return
				}
				w.Header().Set("X-Request-Id", "req-"+form)
				body := fmt.Sprintf(`{"type":"error.list","request_id":"r-%s","errors":[{"code":"c%s","message":"bad token %s","field":"f%s"}]}`, quoted, quoted, quoted, quoted)
				coreJSON(w, 401, body)
			})
			var logs lockedBuffer
			obs := &recObserver{}
			c, _ := coreClient(t, srv.URL, WithMaxRetries(0), WithObserver(obs),
				WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
			c.e.SetTokenForTest(scrubToken)

			_, err := coreDo(context.Background(), c, "GET", "/contacts", "")
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("want *Error, got %v", err)
			}
			places := map[string]string{
				"err.Error()": err.Error(),
				"RequestID":   e.RequestID,
				"Body":        string(e.Body),
				"Message":     e.Message(),
				"Code":        e.Code(),
				"Field":       e.Errors[0].Field,
			}
			_, terr := coreDo(context.Background(), c, "GET", "/redirect", "")
			if terr == nil {
				t.Fatal("redirect to a closed port: no error")
			}
			places["transport error"] = terr.Error()
			places["log"] = logs.String()
			obs.mu.Lock()
			for i, a := range obs.attempts {
				places[fmt.Sprintf("attempt %d RequestID", i)] = a.RequestID
				if a.Err != nil {
					places[fmt.Sprintf("attempt %d Err", i)] = a.Err.Error()
				}
			}
			for i, r := range obs.results {
				places[fmt.Sprintf("result %d RequestID", i)] = r.RequestID
				if r.Err != nil {
					places[fmt.Sprintf("result %d Err", i)] = r.Err.Error()
				}
			}
			obs.mu.Unlock()
			for place, text := range places {
				if l := leaks(t, text); len(l) > 0 {
					t.Errorf("%s carries the token (%v)", place, l)
				}
			}
			if !strings.Contains(places["log"], redacted) || !strings.Contains(e.Message(), redacted) {
				t.Errorf("the token was not replaced by %s: message %q", redacted, e.Message())
			}
		})
	}
}

// The scrubber leaves text without the token alone (same string, no copy)
// and replaces a padded form whole.
func TestSecretScrubberBasics(t *testing.T) {
	s := newSecretScrubber(scrubToken)
	if got := s.String("nothing to see / here %41 \\u0041"); got != "nothing to see / here %41 \\u0041" {
		t.Errorf("clean text changed: %q", got)
	}
	b := []byte("clean body")
	if got := s.Bytes(b); &got[0] != &b[0] {
		t.Error("clean body was copied")
	}
	if got := s.String("a " + scrubToken + " b"); got != "a "+redacted+" b" {
		t.Errorf("literal: %q", got)
	}
	var nilS *secretScrubber
	if nilS.String("x") != "x" || newSecretScrubber("").String(scrubToken) != scrubToken {
		t.Error("an empty scrubber must change nothing")
	}
}
