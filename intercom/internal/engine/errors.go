package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// maxErrorBody bounds the bytes of an error response kept in [Error.Body].
const maxErrorBody = 64 << 10

// ErrInvalidID is wrapped by the error a method returns, without sending a
// request, when a path id is empty, "." or "..", or contains control
// characters.
var ErrInvalidID = errors.New("intercom: invalid id")

// ErrorDetail is one entry of the error list Intercom returns.
type ErrorDetail struct {
	// Code is a machine-readable code such as "unauthorized", "not_found" or
	// "parameter_invalid".
	Code string `json:"code"`
	// Message is a human-readable description.
	Message string `json:"message"`
	// Field names the offending parameter, when the API says which.
	Field string `json:"field,omitempty"`
}

// Error is a non-2xx response from the API, after any retries. Its fields come
// from Intercom's error body, e.g.
//
//	{"type":"error.list","request_id":"…","errors":[{"code":"unauthorized","message":"Access Token Invalid"}]}
//
// When the body is not that JSON (say a proxy's HTML page) Errors is empty,
// Body holds what was received and the message quotes a short excerpt. Use
// errors.As to get it, or the Is... helpers such as [IsNotFound].
type Error struct {
	// StatusCode is the HTTP status of the final response.
	StatusCode int
	// Method and Path identify the request (the path has no query string).
	Method, Path string
	// Type is the body's "type", normally "error.list".
	Type string
	// RequestID identifies the request for Intercom support: the body's
	// "request_id", else the X-Request-Id header.
	RequestID string
	// Errors is the list of errors reported by the API.
	Errors []ErrorDetail
	// RateLimit is the rate-limit state reported by the final response.
	RateLimit RateLimit
	// Attempts is how many attempts were made, retries included.
	Attempts int
	// Body is the raw response body, at most 64 KiB of it.
	Body []byte
	// Truncated reports that Body was cut at 64 KiB.
	Truncated bool

	contentType    string
	err            error // why Body could not be decoded, if it could not
	outcomeUnknown bool  // a 5xx to a write: see ErrOutcomeUnknown

	hint    string   // how to fix the call, see Hint (errors_help.go)
	conceal []string // what the message must not show, see Hint
}

// Error describes the failure without ever including the access token.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("intercom: ")
	if e.Method != "" {
		b.WriteString(e.Method)
		b.WriteByte(' ')
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(strconv.Itoa(e.StatusCode))
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteByte(' ')
		b.WriteString(t)
	}
	switch {
	case len(e.Errors) > 0:
		b.WriteString(": ")
		for i, d := range e.Errors {
			if i > 0 {
				b.WriteString("; ")
			}
			if d.Code != "" {
				b.WriteString(d.Code)
				if d.Message != "" || d.Field != "" {
					b.WriteString(": ")
				}
			}
			b.WriteString(d.Message)
			if d.Field != "" {
				fmt.Fprintf(&b, " (field %s)", d.Field)
			}
		}
	case len(bytes.TrimSpace(e.Body)) == 0:
		b.WriteString(" (empty body)")
	case e.err != nil:
		fmt.Fprintf(&b, ": %s: %q", e.bodyProblem(), excerpt(e.Body, 160))
	default:
		fmt.Fprintf(&b, ": %q", excerpt(e.Body, 160))
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " [request id %s]", e.RequestID)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (after %d attempts)", e.Attempts)
	}
	return e.withHint(b.String())
}

// bodyProblem says why an error body that could not be decoded as
// Intercom's error JSON could not be: a body cut at maxErrorBody, a JSON body
// that ends too early (a truncated response), malformed JSON, or a body of
// another content type (a proxy's HTML page, say).
func (e *Error) bodyProblem() string {
	ct := e.contentType
	if ct == "" {
		ct = "no content type"
	}
	var se *json.SyntaxError
	syntax := errors.As(e.err, &se)
	switch {
	case e.Truncated:
		return fmt.Sprintf("error body over %d KiB, cut (%s)", maxErrorBody>>10, Truncate(ct, 64))
	case !isJSONContentType(e.contentType) && !looksLikeJSON(e.Body):
		return fmt.Sprintf("unexpected non-JSON response body (%s)", Truncate(ct, 64))
	case syntax && se.Offset >= int64(len(e.Body)):
		return fmt.Sprintf("truncated JSON response body (%d bytes, ends before the JSON does)", len(e.Body))
	default:
		return fmt.Sprintf("malformed JSON response body (%s): %v", Truncate(ct, 64), e.err)
	}
}

// isJSONContentType reports whether ct is application/json or a +json type.
func isJSONContentType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// looksLikeJSON reports whether body starts like a JSON object or array.
func looksLikeJSON(body []byte) bool {
	b := bytes.TrimSpace(body)
	return len(b) > 0 && (b[0] == '{' || b[0] == '[')
}

// Unwrap returns why the body could not be decoded as Intercom's error JSON,
// or nil when it could.
func (e *Error) Unwrap() error { return e.err }

// Code returns the code of the first entry of the error list ("not_found",
// "conflict", "parameter_invalid", ...), or "" when the response had none
// (a proxy's HTML page, an empty body) or e is nil. Use it rather than
// indexing Errors, which may be empty.
func (e *Error) Code() string {
	if e == nil || len(e.Errors) == 0 {
		return ""
	}
	return e.Errors[0].Code
}

// Message returns the message of the first entry of the error list, or ""
// when there is none.
func (e *Error) Message() string {
	if e == nil || len(e.Errors) == 0 {
		return ""
	}
	return e.Errors[0].Message
}

// HasCode reports whether any entry of the error list has the given code.
func (e *Error) HasCode(code string) bool {
	if e == nil {
		return false
	}
	for _, d := range e.Errors {
		if d.Code == code {
			return true
		}
	}
	return false
}

// ErrorCode returns the code of the first entry of the error list of the
// [*Error] in err's chain, or "" when err is not one or the list is empty:
//
//	if intercom.ErrorCode(err) == "conflict" { ... }
func ErrorCode(err error) string {
	e, _ := asError(err)
	return e.Code()
}

// excerpt returns the start of body as one line: runs of white space and
// control characters become one space, and it is cut at about n bytes.
func excerpt(body []byte, n int) string {
	var b strings.Builder
	space := false
	for _, r := range string(bytes.TrimSpace(body)) {
		if r <= ' ' || r == 0x7f || r == '\uFFFD' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
		if b.Len() >= n {
			b.WriteString("…")
			break
		}
	}
	return b.String()
}

// errorBody is Intercom's error schema, and the other shapes Intercom
// documents for some operations: {"error_key": code, "message": text} (phone
// call redirects), {"errors": {field: text}} (Fin CSAT) and
// {"type": "error", "message": text} (WhatsApp status). Errors is decoded by
// hand: a list of details, or an object of field → message.
type errorBody struct {
	Type      string          `json:"type"`
	RequestID string          `json:"request_id"`
	Errors    json.RawMessage `json:"errors"`
	ErrorKey  string          `json:"error_key"`
	Message   string          `json:"message"`
}

// details returns the body's error details, whatever the documented shape.
func (eb *errorBody) details() ([]ErrorDetail, error) {
	var list []ErrorDetail
	switch raw := bytes.TrimSpace(eb.Errors); {
	case len(raw) == 0 || bytes.Equal(raw, []byte("null")):
	case raw[0] == '[':
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, err
		}
	case raw[0] == '{':
		var byField map[string]string
		if err := json.Unmarshal(raw, &byField); err != nil {
			return nil, err
		}
		for _, f := range slices.Sorted(maps.Keys(byField)) {
			list = append(list, ErrorDetail{Field: f, Message: byField[f]})
		}
	default:
		return nil, fmt.Errorf("errors is neither a list nor an object: %.40s", raw)
	}
	if len(list) == 0 && (eb.ErrorKey != "" || eb.Message != "") {
		list = []ErrorDetail{{Code: eb.ErrorKey, Message: eb.Message}}
	}
	return list, nil
}

// newError builds the Error of a final non-2xx response whose body (at most
// maxErrorBody bytes) has been read. The token is scrubbed from everything
// kept, in case a proxy echoes the request.
func (c *Client) newError(req *http.Request, resp *http.Response, body []byte, truncated bool, attempts int, rl RateLimit) *Error {
	body = c.scrubBytes(body)
	e := &Error{
		StatusCode:  resp.StatusCode,
		Method:      req.Method,
		Path:        c.scrub(req.URL.EscapedPath()),
		RateLimit:   rl,
		Attempts:    attempts,
		Body:        body,
		Truncated:   truncated,
		contentType: resp.Header.Get("Content-Type"),
	}
	if len(bytes.TrimSpace(body)) > 0 {
		var eb errorBody
		if err := json.Unmarshal(body, &eb); err != nil {
			if truncated {
				err = fmt.Errorf("body cut at %d bytes: %w", maxErrorBody, err)
			}
			e.err = err
		} else if e.Errors, err = eb.details(); err != nil {
			e.err = err
		} else {
			e.Type, e.RequestID = eb.Type, eb.RequestID
		}
	}
	if e.RequestID == "" {
		e.RequestID = resp.Header.Get(hdrRequestID)
	}
	c.explain(req, e)
	c.scrubError(e)
	return e
}

// redacted replaces the access token wherever it could otherwise show.
const redacted = "[REDACTED]"

func asError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

func hasStatus(err error, codes ...int) bool {
	e, ok := asError(err)
	if !ok {
		return false
	}
	for _, c := range codes {
		if e.StatusCode == c {
			return true
		}
	}
	return false
}

// IsNotFound reports whether err is an [*Error] with status 404 Not Found.
func IsNotFound(err error) bool { return hasStatus(err, http.StatusNotFound) }

// IsUnauthorized reports whether err is an [*Error] with status 401
// Unauthorized: the access token is missing, invalid or revoked.
func IsUnauthorized(err error) bool { return hasStatus(err, http.StatusUnauthorized) }

// IsForbidden reports whether err is an [*Error] with status 403 Forbidden:
// the token lacks a permission (OAuth scope) the operation needs.
func IsForbidden(err error) bool { return hasStatus(err, http.StatusForbidden) }

// IsRateLimited reports whether err is an [*Error] with status 429 Too Many
// Requests, after any retries. Its RateLimit field says when the window resets.
func IsRateLimited(err error) bool { return hasStatus(err, http.StatusTooManyRequests) }

// IsConflict reports whether err is an [*Error] with status 409 Conflict, e.g.
// creating a contact that already exists.
func IsConflict(err error) bool { return hasStatus(err, http.StatusConflict) }

// IsValidation reports whether err is an [*Error] with status 400 Bad Request
// or 422 Unprocessable Entity: a parameter was missing or invalid. The Errors
// field says which.
func IsValidation(err error) bool {
	return hasStatus(err, http.StatusBadRequest, http.StatusUnprocessableEntity)
}

// DecodeError is returned when a 2xx response body cannot be decoded into the
// result type: it is not JSON, it is empty or null where a value is expected
// (Err wraps [ErrNullBody]), or, with [WithStrictDecoding], some fields do not
// fit their types. The raw body is kept, so nothing the API sent is lost.
type DecodeError struct {
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Body is the complete raw response body.
	Body []byte
	// Err is the decoding error.
	Err error
	// Mismatches lists the fields that did not fit their types, sorted by
	// path, when that is the failure ([WithStrictDecoding]); nil otherwise.
	Mismatches []Mismatch
	// Value is the rest of the response, decoded, when Mismatches is set: a
	// pointer to the method's result type (e.g. *gen.Conversation) with the
	// mismatched fields left at their zero values. Nil otherwise.
	Value any
}

// Error describes the failure; it does not include the body.
func (e *DecodeError) Error() string {
	if len(e.Mismatches) > 0 {
		more := ""
		if n := len(e.Mismatches) - 1; n > 0 {
			more = fmt.Sprintf(" (and %d more)", n)
		}
		return prefixOnce(fmt.Sprintf("intercom: decoding %d response (%d bytes): %v: %s%s",
			e.StatusCode, len(e.Body), e.Err, e.Mismatches[0], more))
	}
	return prefixOnce(fmt.Sprintf("intercom: decoding %d response (%d bytes): %v", e.StatusCode, len(e.Body), e.Err))
}

// Unwrap returns the decoding error.
func (e *DecodeError) Unwrap() error { return e.Err }
