package contract

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// prismErrorPrefix starts the problem type of every error Prism generates itself
// (https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY, #NO_PATH_MATCHED_ERROR, ...).
const prismErrorPrefix = "https://stoplight.io/prism/errors#"

// violation is one finding Prism reported about a request: an entry of the sl-violations
// header or of the `validation` list of a Prism-generated 422, or a Prism error of its own
// (no route matched, security not met, ...).
type violation struct {
	Location []string `json:"location"`
	Severity string   `json:"severity"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
}

// inResponse reports whether the violation is about Prism's response (its example broke
// the description's schema) rather than about the request the SDK sent.
func (v violation) inResponse() bool {
	return len(v.Location) > 0 && v.Location[0] == "response"
}

func (v violation) String() string {
	loc := strings.Join(v.Location, ".")
	if loc == "" {
		loc = "-"
	}
	return fmt.Sprintf("[%s] %s %s: %s", v.Severity, loc, v.Code, v.Message)
}

// exchange is one recorded request and what came back.
type exchange struct {
	Call       string // the table entry that sent it (from the request context)
	Method     string
	Path       string // escaped path, without the base URL's path prefix
	Status     int    // 0 when the round trip failed
	Violations []violation
	Err        error // transport error, if any

	// Offsite marks a followed redirect to another host (a signed download URL). The
	// recorder answers it itself; AuthSent records whether it carried Authorization.
	Offsite  bool
	AuthSent bool
}

type callKey struct{}

// callTag is what a request's context tells the recorder.
type callTag struct {
	name   string // table entry (plus a run suffix)
	prefer string // Prism Prefer header to send, "" for none
}

// withCall tags ctx so that the recorder knows which table entry sent a request and which
// Prism Prefer header, if any, to add to it.
func withCall(ctx context.Context, name, prefer string) context.Context {
	return context.WithValue(ctx, callKey{}, callTag{name: name, prefer: prefer})
}

// recorder is an http.RoundTripper that records every request's method and path and
// every violation Prism reports about it. It changes nothing but the Prefer header that
// the request's call tag asks for (a Prism control header; see exampleExceptions).
type recorder struct {
	next       http.RoundTripper
	host       string // the only host requests may go to (Prism's)
	basePrefix string // path of the base URL, stripped from recorded paths

	mu  sync.Mutex
	log []exchange
}

func newRecorder(next http.RoundTripper, base *url.URL) *recorder {
	return &recorder{next: next, host: base.Host, basePrefix: strings.TrimSuffix(base.Path, "/")}
}

// RoundTrip implements http.RoundTripper.
func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	tag, _ := req.Context().Value(callKey{}).(callTag)
	if req.URL.Host != r.host {
		// Nothing leaves loopback. A followed redirect (Prism's Location for a signed
		// download URL) gets a stub answer; anything else is refused.
		ex := exchange{Call: tag.name, Method: req.Method, Path: req.URL.EscapedPath(),
			Offsite: true, AuthSent: req.Header.Get("Authorization") != ""}
		if req.Response == nil || req.Method != http.MethodGet {
			ex.Err = fmt.Errorf("contract: refusing request to %s://%s: only %s is allowed", req.URL.Scheme, req.URL.Host, r.host)
			r.add(ex)
			return nil, ex.Err
		}
		ex.Status = http.StatusOK
		r.add(ex)
		return offsiteStub(req), nil
	}
	if tag.prefer != "" {
		req = req.Clone(req.Context())
		req.Header.Set("Prefer", tag.prefer)
	}
	ex := exchange{
		Call:   tag.name,
		Method: req.Method,
		Path:   strings.TrimPrefix(req.URL.EscapedPath(), r.basePrefix),
	}
	resp, err := r.next.RoundTrip(req)
	if err != nil {
		ex.Err = err
		r.add(ex)
		return nil, err
	}
	ex.Status = resp.StatusCode
	vs, err := violationsOf(resp)
	if err != nil {
		resp.Body.Close()
		ex.Err = err
		r.add(ex)
		return nil, err
	}
	ex.Violations = vs
	r.add(ex)
	return resp, nil
}

// offsiteStub answers a followed redirect to a host other than Prism's.
func offsiteStub(req *http.Request) *http.Response {
	body := "contract suite stand-in for " + req.URL.Host
	return &http.Response{
		Status:        "200 OK",
		StatusCode:    http.StatusOK,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"application/octet-stream"}},
		Body:          io.NopCloser(strings.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       req,
	}
}

func (r *recorder) add(ex exchange) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.log = append(r.log, ex)
}

// exchanges returns a copy of everything recorded so far.
func (r *recorder) exchanges() []exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]exchange(nil), r.log...)
}

// exchangesOf returns what the table entry name sent.
func (r *recorder) exchangesOf(name string) []exchange {
	var out []exchange
	for _, ex := range r.exchanges() {
		if ex.Call == name {
			out = append(out, ex)
		}
	}
	return out
}

// prismProblem is the application/problem+json body of an error Prism generates.
type prismProblem struct {
	Type       string      `json:"type"`
	Title      string      `json:"title"`
	Detail     string      `json:"detail"`
	Validation []violation `json:"validation"`
}

// violationsOf extracts what Prism reported about an exchange from its response: the
// sl-violations header (set whenever the request, or Prism's own example response, broke
// the description, including when Prism answers with the description's own 4xx example)
// or, for the errors Prism makes up itself without that header, the problem+json body.
// Each violation's location starts with "request" or "response". A body it reads is put
// back so the caller still sees it.
func violationsOf(resp *http.Response) ([]violation, error) {
	var out []violation
	for _, h := range resp.Header.Values("sl-violations") {
		var vs []violation
		if err := json.Unmarshal([]byte(h), &vs); err != nil {
			return nil, fmt.Errorf("contract: unreadable sl-violations header %q: %w", h, err)
		}
		out = append(out, vs...)
	}
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mt != "application/problem+json" {
		return out, nil
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("contract: read problem body: %w", err)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	var p prismProblem
	if json.Unmarshal(body, &p) != nil || !strings.HasPrefix(p.Type, prismErrorPrefix) {
		return out, nil
	}
	if len(out) > 0 {
		return out, nil // the header already lists what the body repeats
	}
	if len(p.Validation) > 0 {
		for _, v := range p.Validation {
			if len(v.Location) == 0 || (v.Location[0] != "request" && v.Location[0] != "response") {
				v.Location = append([]string{"request"}, v.Location...)
			}
			out = append(out, v)
		}
		return out, nil
	}
	return append(out, violation{
		Location: []string{"request"},
		Severity: "Error",
		Code:     strings.TrimPrefix(p.Type, prismErrorPrefix),
		Message:  strings.TrimSpace(p.Title + ": " + p.Detail),
	}), nil
}
