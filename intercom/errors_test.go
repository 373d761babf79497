package intercom

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func TestErrorFromIntercomBody(t *testing.T) {
	_, u := newScripted(t, scriptStep{status: 401, header: map[string]string{"X-Request-Id": "hdr-id"},
		body: `{"type":"error.list","request_id":"0a1b2c","errors":[{"code":"unauthorized","message":"Access Token Invalid"}]}`})
	c, _ := coreClient(t, u)
	_, err := c.Contacts.Get(context.Background(), "abc")
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v (%T), want *Error", err, err)
	}
	if e.StatusCode != 401 || e.Type != "error.list" || e.RequestID != "0a1b2c" || e.Attempts != 1 ||
		len(e.Errors) != 1 || e.Errors[0] != (ErrorDetail{Code: "unauthorized", Message: "Access Token Invalid"}) {
		t.Errorf("Error = %+v", e)
	}
	if e.Method != "GET" || e.Path != "/contacts/abc" {
		t.Errorf("Method %q Path %q", e.Method, e.Path)
	}
	if e.Unwrap() != nil {
		t.Errorf("Unwrap() = %v for a well-formed body", e.Unwrap())
	}
	msg := e.Error()
	for _, want := range []string{"GET /contacts/abc", "401 Unauthorized", "unauthorized: Access Token Invalid", "0a1b2c"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if !IsUnauthorized(err) || IsNotFound(err) {
		t.Error("Is helpers disagree with the status")
	}
}

func TestErrorHelpers(t *testing.T) {
	helpers := map[string]func(error) bool{
		"IsNotFound": IsNotFound, "IsUnauthorized": IsUnauthorized, "IsForbidden": IsForbidden,
		"IsRateLimited": IsRateLimited, "IsConflict": IsConflict, "IsValidation": IsValidation,
	}
	want := map[int]string{404: "IsNotFound", 401: "IsUnauthorized", 403: "IsForbidden", 429: "IsRateLimited", 409: "IsConflict", 400: "IsValidation", 422: "IsValidation", 500: ""}
	for status, match := range want {
		err := fmt.Errorf("wrapped: %w", &Error{StatusCode: status})
		for name, f := range helpers {
			if got := f(err); got != (name == match) {
				t.Errorf("%s(status %d) = %v", name, status, got)
			}
		}
	}
	for name, f := range helpers {
		if f(nil) || f(errors.New("x")) {
			t.Errorf("%s true for a non-*Error", name)
		}
	}
}

func TestErrorNonJSONBody(t *testing.T) {
	html := "<html>\r\n<head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center></body></html>"
	_, u := newScripted(t, scriptStep{status: 502, header: map[string]string{"Content-Type": "text/html"}, body: html})
	c, _ := coreClient(t, u, WithMaxRetries(0))
	_, err := coreDo(context.Background(), c, "GET", "/me", "")
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v", err)
	}
	msg := err.Error()
	for _, want := range []string{"502 Bad Gateway", "non-JSON", "text/html", "<title>502 Bad Gateway</title>"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if strings.ContainsAny(msg, "\r\n") {
		t.Errorf("message has line breaks: %q", msg)
	}
	if string(e.Body) != html || len(e.Errors) != 0 {
		t.Errorf("Body %q Errors %v", e.Body, e.Errors)
	}
	var syn *json.SyntaxError
	if !errors.As(err, &syn) {
		t.Errorf("Unwrap does not reach the JSON error: %v", e.Unwrap())
	}
}

func TestErrorEmptyBodyAndHeaderRequestID(t *testing.T) {
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "from-header")
		w.WriteHeader(404)
	})
	c, _ := coreClient(t, srv.URL)
	_, err := coreDo(context.Background(), c, "DELETE", "/contacts/1", "")
	var e *Error
	if !errors.As(err, &e) || e.RequestID != "from-header" || !strings.Contains(e.Error(), "(empty body)") || !IsNotFound(err) {
		t.Errorf("err = %v", err)
	}
}

func TestErrorBodyBounded(t *testing.T) {
	big := `{"type":"error.list","errors":[{"code":"x","message":"` + strings.Repeat("a", 200<<10) + `"}]}`
	_, u := newScripted(t, scriptStep{status: 400, body: big})
	c, _ := coreClient(t, u)
	_, err := coreDo(context.Background(), c, "GET", "/me", "")
	var e *Error
	if !errors.As(err, &e) {
		t.Fatal(err)
	}
	if len(e.Body) != maxErrorBody || !e.Truncated || string(e.Body) != big[:maxErrorBody] {
		t.Errorf("Body len %d truncated %v", len(e.Body), e.Truncated)
	}
	if len(e.Error()) > 1024 {
		t.Errorf("message is %d bytes long", len(e.Error()))
	}
}

// TestTokenNeverInErrors makes the server echo the Authorization header back
// in every way and checks no error string carries the token.
func TestTokenNeverInErrors(t *testing.T) {
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		switch r.URL.Path {
		case "/json":
			coreJSON(w, 401, `{"type":"error.list","request_id":"`+auth+`","errors":[{"code":"unauthorized","message":"bad token `+auth+`","field":"`+auth+`"}]}`)
		case "/html":
			w.Header().Set("X-Request-Id", auth)
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(502)
			fmt.Fprintf(w, "<html>%s</html>", auth)
		case "/decode":
			coreJSON(w, 200, `{"id": "`+auth+`" oops`)
		}
	})
	c, _ := coreClient(t, srv.URL, WithMaxRetries(0))
	ctx := context.Background()
	var errs []error
	for _, p := range []string{"/json", "/html"} {
		var resp *http.Response
		_, err := coreDo(ContextWithOptions(ctx, WithResponseInto(&resp)), c, "GET", p, "")
		errs = append(errs, err)
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("%s: %v", p, err)
		}
		if strings.Contains(string(e.Body), coreToken) {
			t.Errorf("%s: Body holds the token", p)
		}
		if resp == nil {
			t.Fatalf("%s: no response captured", p)
		}
		if b, _ := responseBytes(resp); strings.Contains(string(b), coreToken) {
			t.Errorf("%s: captured response body holds the token", p)
		}
	}
	_, err := doJSON[map[string]any](ctx, c, nil, nil, pathReq(t, c, "GET", "/decode"), nil)
	var de *DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("err = %v, want *DecodeError", err)
	}
	errs = append(errs, err)
	// Transport failures, bad options and refused next links.
	dead := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return nil, &url.Error{Op: "Get", URL: r.URL.String(), Err: errors.New("connection refused")}
	})}
	c2, _ := coreClient(t, srv.URL, WithHTTPClient(dead), WithMaxRetries(0))
	_, err = coreDo(ctx, c2, "GET", "/x", "")
	errs = append(errs, err)
	_, err = c.getURL(ctx, "https://evil.example.com/contacts?page=2")
	errs = append(errs, err)
	_, err = NewClient(coreToken, WithRegion("nowhere"))
	errs = append(errs, err)
	for i, err := range errs {
		if err == nil {
			t.Errorf("case %d: no error", i)
			continue
		}
		for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
			if strings.Contains(s, coreToken) {
				t.Errorf("case %d: error text holds the token: %s", i, s)
			}
		}
	}
}

func TestDecodeError(t *testing.T) {
	_, u := newScripted(t, scriptStep{status: 200, body: `{"id": 5`})
	c, _ := coreClient(t, u)
	_, err := doJSON[struct{ ID int }](context.Background(), c, nil, nil, pathReq(t, c, "GET", "/x"), nil)
	var de *DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("err = %v", err)
	}
	if de.StatusCode != 200 || string(de.Body) != `{"id": 5` || de.Unwrap() == nil || !strings.Contains(de.Error(), "decoding 200") {
		t.Errorf("DecodeError = %+v", de)
	}
}

func FuzzErrorBody(f *testing.F) {
	f.Add(401, []byte(`{"type":"error.list","request_id":"r","errors":[{"code":"unauthorized","message":"Access Token Invalid"}]}`))
	f.Add(502, []byte("<html>bad gateway</html>"))
	f.Add(500, []byte(""))
	f.Add(429, []byte(`{"errors":null}`))
	f.Add(400, []byte(`{"errors":[{"code":1}]}`))
	f.Add(404, []byte("\xff\xfe"+coreToken))
	c, err := NewClient(coreToken)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if len(body) > maxErrorBody {
			body = body[:maxErrorBody]
		}
		req, _ := http.NewRequest("GET", "https://api.intercom.io/contacts/1", nil)
		resp := &http.Response{StatusCode: status, Header: http.Header{}}
		e := c.e.NewError(req, resp, append([]byte(nil), body...), false, 1, RateLimit{})
		msg := e.Error()
		if !strings.HasPrefix(msg, "intercom: ") {
			t.Fatalf("message %q", msg)
		}
		if strings.Contains(msg, coreToken) || strings.Contains(string(e.Body), coreToken) {
			t.Fatalf("token leaked: %q", msg)
		}
		if len(msg) > 4096+len(body) {
			t.Fatalf("message is %d bytes", len(msg))
		}
	})
}

func TestErrorCodeHelpers(t *testing.T) {
	e := &Error{StatusCode: 409, Errors: []ErrorDetail{{Code: "conflict", Message: "A contact matching those details already exists"}, {Code: "parameter_invalid"}}}
	wrapped := fmt.Errorf("sync: %w", e)
	if e.Code() != "conflict" || e.Message() != "A contact matching those details already exists" || ErrorCode(wrapped) != "conflict" {
		t.Errorf("Code %q Message %q ErrorCode %q", e.Code(), e.Message(), ErrorCode(wrapped))
	}
	if !e.HasCode("parameter_invalid") || e.HasCode("not_found") {
		t.Error("HasCode")
	}
	var none *Error
	empty := &Error{StatusCode: 502, Body: []byte("<html>")}
	if none.Code() != "" || none.Message() != "" || none.HasCode("x") || empty.Code() != "" || empty.Message() != "" ||
		ErrorCode(errors.New("other")) != "" || ErrorCode(nil) != "" {
		t.Error("an error without a list has a code")
	}
}

// The other error shapes Intercom documents are read into Errors too.
func TestErrorOtherDocumentedShapes(t *testing.T) {
	for name, tc := range map[string]struct {
		body string
		want []ErrorDetail
	}{
		"error_key":       {`{"error_key":"invalid_phone_number","message":"Invalid phone number"}`, []ErrorDetail{{Code: "invalid_phone_number", Message: "Invalid phone number"}}},
		"errors by field": {`{"errors":{"rating":"Rating isn't an option","base":"closed"}}`, []ErrorDetail{{Field: "base", Message: "closed"}, {Field: "rating", Message: "Rating isn't an option"}}},
		"type error":      {`{"type":"error","request_id":"req_1","message":"ruleset_id is required"}`, []ErrorDetail{{Message: "ruleset_id is required"}}},
	} {
		t.Run(name, func(t *testing.T) {
			_, u := newScripted(t, scriptStep{status: 422, body: tc.body})
			c, _ := coreClient(t, u)
			_, err := c.Admins.Me(context.Background())
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if !reflect.DeepEqual(e.Errors, tc.want) {
				t.Errorf("Errors = %+v, want %+v", e.Errors, tc.want)
			}
		})
	}
}
