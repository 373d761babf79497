package contract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"reflect"
	"strings"

	"github.com/intercomkit/intercom-go/intercom"
)

// testToken is the bearer token sent to Prism, which only checks that one is present.
const testToken = "contract-suite-token"

// newClient builds the client under test: the facade, pointed at Prism, sending
// everything through rt (an http.Client with default redirect handling, as a user's
// would be). Retries are off so that each call is exactly one exchange.
func newClient(baseURL string, rt http.RoundTripper) (*intercom.Client, error) {
	hc := &http.Client{Transport: rt}
	c, err := intercom.NewClient(testToken,
		intercom.WithBaseURL(baseURL),
		intercom.WithHTTPClient(hc),
		intercom.WithMaxRetries(0),
	)
	if err != nil {
		return nil, fmt.Errorf("contract: build client: %w", err)
	}
	return c, nil
}

// generatedResponse is the part of every gen.<Op>Response the checks need.
type generatedResponse interface {
	StatusCode() int
}

// errNotDecoded marks a 2xx JSON response that the SDK did not turn into its model.
var errNotDecoded = errors.New("2xx JSON response not decoded into the SDK's model")

// check turns the result of a generated <Op>WithResponse call into the suite's verdict:
// a transport or decode error, a non-2xx status, or a 2xx JSON body the generated code
// left undecoded (its JSON<status> field nil) is an error.
func check[R generatedResponse](r R, err error) error {
	if err != nil {
		return err // includes the generated Parse<Op>Response's JSON decode errors
	}
	v := reflect.ValueOf(r)
	if !v.IsValid() || v.IsNil() {
		return errors.New("nil response")
	}
	v = v.Elem()
	body, _ := v.FieldByName("Body").Interface().([]byte)
	hr, _ := v.FieldByName("HTTPResponse").Interface().(*http.Response)
	code := r.StatusCode()
	if code < 200 || code > 299 {
		return fmt.Errorf("status %d: %s", code, snippet(body))
	}
	if hr == nil || !isJSON(hr.Header.Get("Content-Type")) || len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	field := v.FieldByName(fmt.Sprintf("JSON%d", code))
	if !field.IsValid() {
		return fmt.Errorf("%w: the SDK has no model for status %d (body %s)", errNotDecoded, code, snippet(body))
	}
	if field.Kind() == reflect.Pointer && field.IsNil() {
		return fmt.Errorf("%w: JSON%d is nil (body %s)", errNotDecoded, code, snippet(body))
	}
	return nil
}

// send decodes the JSON literal js into the generated request body type T (so the body
// goes through the SDK's own model and its JSON encoding) and hands it to f. It fails when
// the literal has a field T lacks, when T does not encode back to the same JSON (the
// SDK would send something other than what the caller meant), or when it holds a value
// outside an enum's declared ones.
func send[T any](js string, f func(T) error) error {
	body, err := decodeBody[T](js)
	if err != nil {
		return err
	}
	return f(body)
}

// decodeBody is send's check of the literal against the SDK's model T.
func decodeBody[T any](js string) (T, error) {
	var body T
	err := decodeInto(js, &body)
	return body, err
}

// decodeInto decodes the JSON literal js into *dst (dst is a non-nil pointer) with the
// checks of send: no field the model lacks, the same JSON back when the model is encoded,
// and every enum value (a generated type with a Valid method) one of its declared values.
// decodeBody (typed entries) and jsonArg (dynOp entries) both use it.
func decodeInto(js string, dst any) error {
	body := reflect.ValueOf(dst).Elem()
	typ := body.Type()
	dec := json.NewDecoder(strings.NewReader(js))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return fmt.Errorf("contract: request literal does not fit %s: %w", typ, err)
	}
	enc, err := json.Marshal(body.Interface())
	if err != nil {
		return fmt.Errorf("contract: encode %s: %w", typ, err)
	}
	var want, got any
	if err := json.Unmarshal([]byte(js), &want); err != nil {
		return fmt.Errorf("contract: request literal: %w", err)
	}
	if err := json.Unmarshal(enc, &got); err != nil {
		return fmt.Errorf("contract: re-decode %s: %w", typ, err)
	}
	if !reflect.DeepEqual(want, got) {
		return fmt.Errorf("contract: %s does not round-trip the request: literal %s, SDK encodes %s", typ, js, enc)
	}
	if err := invalidEnum(body); err != nil {
		return fmt.Errorf("contract: request literal for %s: %w", typ, err)
	}
	return nil
}

// enum is what the generator gives every enum type: Valid reports whether the value is
// one of the declared ones.
type enum interface{ Valid() bool }

// invalidEnum returns an error for the first enum value in v (walking pointers, exported
// struct fields, slices, arrays and maps) that is not one of its type's declared values.
// Typed entries name enum values as generated constants, which the compiler checks;
// literals get this check instead.
func invalidEnum(v reflect.Value) error {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return invalidEnum(v.Elem())
	}
	if v.CanInterface() {
		if e, ok := v.Interface().(enum); ok && !e.Valid() {
			return fmt.Errorf("%v is not a value of %s", v.Interface(), v.Type())
		}
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				if err := invalidEnum(v.Field(i)); err != nil {
					return err
				}
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if err := invalidEnum(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if err := invalidEnum(it.Value()); err != nil {
				return err
			}
		}
	}
	return nil
}

func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

// snippet shortens a body for an error message.
func snippet(b []byte) string {
	const limit = 300
	s := strings.TrimSpace(string(b))
	if len(s) > limit {
		return s[:limit] + "…"
	}
	return s
}
