package fakecheck

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
	"github.com/intercomkit/intercom-go/scripts/internal/spec"
	"github.com/intercomkit/intercom-go/scripts/internal/spectest"
)

// loadDoc returns the pinned description of api/pin.yaml with its overlay applied (the
// generator's view), after checking that gen/ was generated from it: the fake is checked
// against the version the SDK is built for.
func loadDoc(t *testing.T) *openapi3.T {
	t.Helper()
	p := spectest.Load(t)
	if p.Doc.Info.Version != gen.APIVersion {
		t.Fatalf("api/pin.yaml pins %s (info.version %s) but gen/ was generated for %s: run make generate",
			p.Version, p.Doc.Info.Version, gen.APIVersion)
	}
	return p.Doc
}

// reqCheck says what request validation must conclude for an exchange.
type reqCheck int

const (
	reqValid   reqCheck = iota // the request must conform to the description
	reqInvalid                 // a deliberately bad request: it must not conform
	reqDefect                  // valid for Intercom, rejected by the description (defect says why)
)

// exch is one request to the fake and the status it must answer.
type exch struct {
	route  string            // "METHOD /template"
	params map[string]string // path parameters
	query  url.Values
	body   any // JSON-encoded unless it is a string (sent as is); nil: no body
	token  string
	want   int    // 0: any 2xx or 3xx (a redirect to a file)
	accept string // the Accept header; "" for application/json
	req    reqCheck
	defect string
}

// coverage counts, per route, the validated success and error exchanges.
type coverage struct{ ok, errs int }

// validator sends exchanges to the fake and checks each request and
// response against the description.
type validator struct {
	t         *testing.T
	doc       *openapi3.T
	srv       *intercomtest.Server
	hc        *http.Client
	cov       map[string]*coverage
	first     map[string]sent // first successful exchange per route, replayed with a bad token
	errSchema *openapi3.Schema
}

// sent is a request as sent, to replay.
type sent struct {
	e    exch
	path string
	body []byte
}

func newValidator(t *testing.T, doc *openapi3.T, srv *intercomtest.Server) *validator {
	es := doc.Components.Schemas["error"]
	if es == nil || es.Value == nil {
		t.Fatal("the description has no error schema")
	}
	hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone(),
		// A redirect (to a file) is the response to validate.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	t.Cleanup(hc.CloseIdleConnections)
	return &validator{t: t, doc: doc, srv: srv, hc: hc, cov: map[string]*coverage{}, first: map[string]sent{}, errSchema: es.Value}
}

// expand fills the template's parameters.
func expand(template string, params map[string]string) (string, error) {
	segs := strings.Split(template, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			v, ok := params[s[1:len(s)-1]]
			if !ok {
				return "", fmt.Errorf("no value for %s", s)
			}
			segs[i] = url.PathEscape(v)
		}
	}
	return strings.Join(segs, "/"), nil
}

// do runs one exchange and returns the decoded JSON response (nil if none).
func (v *validator) do(e exch) map[string]any {
	v.t.Helper()
	_, template, ok := strings.Cut(e.route, " ")
	if !ok {
		v.t.Fatalf("bad route %q", e.route)
	}
	if item := v.doc.Paths.Find(template); item == nil || item.GetOperation(strings.Fields(e.route)[0]) == nil {
		// An operation of another API version (this tree is generated for
		// one without it): the fake does not serve it either; checkCoverage
		// still requires every route it serves.
		v.t.Logf("%s: not an operation of API %s; not sent", e.route, v.doc.Info.Version)
		return nil
	}
	path, err := expand(template, e.params)
	if err != nil {
		v.t.Fatalf("%s: %v", e.route, err)
	}
	if e.req == reqValid {
		e.query = withRequiredQuery(v.doc.Paths.Find(template), strings.Fields(e.route)[0], e.query)
	}
	var body []byte
	switch b := e.body.(type) {
	case nil:
	case string:
		body = []byte(b)
	default:
		if body, err = json.Marshal(b); err != nil {
			v.t.Fatalf("%s: encode body: %v", e.route, err)
		}
	}
	return v.send(e, path, body)
}

func (v *validator) newRequest(e exch, path string, body []byte) *http.Request {
	method, _, _ := strings.Cut(e.route, " ")
	u := v.srv.URL + path
	if len(e.query) > 0 {
		u += "?" + e.query.Encode()
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, u, rd)
	if err != nil {
		v.t.Fatalf("%s: %v", e.route, err)
	}
	token := e.token
	if token == "" {
		token = v.srv.Token()
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")
	if e.accept != "" {
		req.Header.Set("Accept", e.accept)
	}
	req.Header.Set("Intercom-Version", gen.APIVersion)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}

func (v *validator) send(e exch, path string, body []byte) map[string]any {
	v.t.Helper()
	method, template, _ := strings.Cut(e.route, " ")
	label := fmt.Sprintf("%s %s (%s)", method, path, e.route)
	pathItem := v.doc.Paths.Find(template)
	if pathItem == nil || pathItem.GetOperation(method) == nil {
		v.t.Fatalf("%s: the description has no such operation", label)
	}
	op := pathItem.GetOperation(method)

	resp, err := v.hc.Do(v.newRequest(e, path, body))
	if err != nil {
		v.t.Fatalf("%s: %v", label, err)
	}
	respBody, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		v.t.Fatalf("%s: read response: %v", label, err)
	}
	if e.want == 0 && (resp.StatusCode < 200 || resp.StatusCode > 399) {
		v.t.Errorf("%s: status %d, want 2xx or 3xx; body %s", label, resp.StatusCode, truncate(respBody))
		return nil
	}
	if e.want != 0 && resp.StatusCode != e.want {
		v.t.Errorf("%s: status %d, want %d; body %s", label, resp.StatusCode, e.want, respBody)
		return nil
	}
	// The fake must have routed it to the operation we meant.
	reqs := v.srv.Requests()
	if got := reqs[len(reqs)-1].Route; got != e.route {
		v.t.Errorf("%s: the fake matched route %q", label, got)
	}

	// The request.
	vreq := v.newRequest(e, path, body)
	input := &openapi3filter.RequestValidationInput{
		Request:    vreq,
		PathParams: e.params,
		Route:      &routers.Route{Spec: v.doc, Path: template, PathItem: pathItem, Method: method, Operation: op},
		// Not RejectWhenRequestBodyNotSpecified: in kin-openapi v0.142 it
		// rejects every request with a body, declared or not; checked below.
		Options: &openapi3filter.Options{AuthenticationFunc: bearerPresent},
	}
	reqErr := openapi3filter.ValidateRequest(context.Background(), input)
	if reqErr == nil && op.RequestBody == nil && len(body) > 0 {
		reqErr = errors.New("the operation declares no request body, but one was sent")
	}
	switch e.req {
	case reqValid:
		if reqErr != nil {
			v.t.Errorf("%s: the request does not conform to the description: %v", label, reqErr)
		}
	case reqInvalid:
		if reqErr == nil {
			v.t.Errorf("%s: the request was meant to violate the description but conforms", label)
		}
	case reqDefect:
		// Checked the other way round: the day the description (or the
		// overlay) is fixed, this fails and the exchange becomes reqValid.
		if e.defect == "" {
			v.t.Errorf("%s: a known description defect without its explanation", label)
		}
		if reqErr == nil {
			v.t.Errorf("%s: the request now conforms to the description; the defect (%s) is fixed: mark it reqValid", label, e.defect)
		} else {
			v.t.Logf("%s: the description rejects this valid request (%s): %v", label, e.defect, firstLine(reqErr))
		}
	}

	// Headers every response carries.
	for _, h := range []string{"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-Request-Id"} {
		if resp.Header.Get(h) == "" {
			v.t.Errorf("%s: response has no %s header", label, h)
		}
	}

	// The response.
	input.Options = &openapi3filter.Options{AuthenticationFunc: bearerPresent}
	rin := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: input,
		Status:                 resp.StatusCode,
		Header:                 resp.Header,
		Body:                   io.NopCloser(bytes.NewReader(respBody)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true},
	}
	declared := op.Responses.Status(resp.StatusCode) != nil || op.Responses.Default() != nil
	if declared {
		if err := openapi3filter.ValidateResponse(context.Background(), rin); err != nil && !overlappingResponse(op, resp.StatusCode, respBody) {
			v.t.Errorf("%s: the %d response does not conform to the description: %v\nbody: %s", label, resp.StatusCode, err, truncate(respBody))
		}
	} else if resp.StatusCode < 400 {
		v.t.Errorf("%s: the description declares no %d response", label, resp.StatusCode)
	}
	if resp.StatusCode >= 400 {
		// Undeclared error statuses are checked against the error schema
		// directly; declared ones were checked above, and are checked again
		// here for the request id.
		v.checkError(label, resp, respBody)
	}

	c := v.cov[e.route]
	if c == nil {
		c = &coverage{}
		v.cov[e.route] = c
	}
	if resp.StatusCode < 400 {
		c.ok++
		if _, seen := v.first[e.route]; !seen && e.token == "" {
			v.first[e.route] = sent{e: e, path: path, body: body}
		}
	} else {
		c.errs++
	}
	if len(bytes.TrimSpace(respBody)) == 0 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		return nil
	}
	var doc any
	if err := json.Unmarshal(respBody, &doc); err != nil {
		v.t.Errorf("%s: response is not JSON: %v", label, err)
	}
	m, _ := doc.(map[string]any)
	return m
}

// checkError validates an error body against the description's error schema
// and checks that it names the response's request id.
func (v *validator) checkError(label string, resp *http.Response, body []byte) {
	v.t.Helper()
	var doc any
	if err := json.Unmarshal(body, &doc); err != nil {
		v.t.Errorf("%s: error body is not JSON: %v", label, err)
		return
	}
	if err := v.errSchema.VisitJSON(doc); err != nil {
		v.t.Errorf("%s: error body does not match the error schema: %v\nbody: %s", label, err, body)
	}
	var e struct {
		Type      string `json:"type"`
		RequestID string `json:"request_id"`
		Errors    []struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"errors"`
	}
	_ = json.Unmarshal(body, &e)
	if e.Type != "error.list" || len(e.Errors) == 0 || e.Errors[0].Code == "" || e.Errors[0].Message == "" {
		v.t.Errorf("%s: error body lacks type error.list, a code or a message: %s", label, body)
	}
	if e.RequestID == "" || e.RequestID != resp.Header.Get("X-Request-Id") {
		v.t.Errorf("%s: error request_id %q does not match X-Request-Id %q", label, e.RequestID, resp.Header.Get("X-Request-Id"))
	}
}

func bearerPresent(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	if in.SecuritySchemeName != "bearerAuth" {
		return fmt.Errorf("unexpected security scheme %q", in.SecuritySchemeName)
	}
	h := in.RequestValidationInput.Request.Header.Get("Authorization")
	if !strings.HasPrefix(h, "Bearer ") || len(h) == len("Bearer ") {
		return errors.New("no bearer token")
	}
	return nil
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

func truncate(b []byte) string {
	if len(b) > 2000 {
		return string(b[:2000]) + "..."
	}
	return string(b)
}

// replayUnauthorized sends each route's first successful request again with a
// wrong token: every route must answer 401 with Intercom's error body.
func (v *validator) replayUnauthorized() {
	v.t.Helper()
	names := make([]string, 0, len(v.first))
	for name := range v.first {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		s := v.first[name]
		e := s.e
		e.token = "wrong-token"
		e.want = http.StatusUnauthorized
		v.send(e, s.path, s.body)
	}
}

// checkCoverage fails for any route the fake serves that was not exercised
// with both a success and an error.
func (v *validator) checkCoverage() {
	v.t.Helper()
	for _, r := range intercomtest.Routes() {
		c := v.cov[r]
		switch {
		case c == nil:
			v.t.Errorf("route %s is served by the fake but was not exercised", r)
		case c.ok == 0:
			v.t.Errorf("route %s: no successful exchange was validated", r)
		case c.errs == 0:
			v.t.Errorf("route %s: no error exchange was validated", r)
		}
	}
	ok, errs := 0, 0
	for _, c := range v.cov {
		ok += c.ok
		errs += c.errs
	}
	v.t.Logf("validated %d routes: %d success and %d error exchanges", len(v.cov), ok, errs)
}

// Helpers to read decoded JSON.

func str(m map[string]any, path ...string) string {
	var cur any = m
	for _, p := range path {
		mm, ok := cur.(map[string]any)
		if !ok {
			return ""
		}
		cur = mm[p]
	}
	switch x := cur.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

func list(m map[string]any, key string) []any {
	l, _ := m[key].([]any)
	return l
}

// withRequiredQuery returns q with every required query parameter of the operation that
// q lacks set from the description: its first enum value, else its example, else "1".
// An exchange written before a version made a parameter required (GET /articles' order
// in the synthetic next version of scripts/suites/bumptest) so stays a valid request.
func withRequiredQuery(item *openapi3.PathItem, method string, q url.Values) url.Values {
	op := item.GetOperation(method)
	params := append(append(openapi3.Parameters{}, item.Parameters...), op.Parameters...)
	for _, pr := range params {
		p := pr.Value
		if p == nil || p.In != openapi3.ParameterInQuery || !p.Required || q.Has(p.Name) {
			continue
		}
		val := "1"
		switch s := p.Schema; {
		case s != nil && s.Value != nil && len(s.Value.Enum) > 0:
			val = fmt.Sprint(s.Value.Enum[0])
		case p.Example != nil:
			val = fmt.Sprint(p.Example)
		case s != nil && s.Value != nil && s.Value.Example != nil:
			val = fmt.Sprint(s.Value.Example)
		}
		if q == nil {
			q = url.Values{}
		} else {
			q = maps.Clone(q)
		}
		q.Set(p.Name, val)
	}
	return q
}

// overlappingResponse reports whether body, the JSON response of op with status code,
// fails its schema only because the schema is a oneOf whose members overlap (no value
// can match exactly one of them: spec.OverlappingOneOf); the fake answers with a value
// of one member, as make generate samples it.
func overlappingResponse(op *openapi3.Operation, code int, body []byte) bool {
	r := op.Responses.Status(code)
	if r == nil || r.Value == nil {
		return false
	}
	mt := r.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return false
	}
	var v any
	if json.Unmarshal(body, &v) != nil {
		return false
	}
	return spec.OverlappingOneOf(mt.Schema.Value, v)
}
