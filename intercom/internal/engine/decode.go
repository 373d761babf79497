package engine

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// This file decodes 2xx response bodies. Decoding is tolerant by default: a
// field whose JSON does not fit its Go type (a string where the type says
// number, an object where it says string, ...) is left at its zero value, the
// rest of the response is decoded, and the mismatch is reported:
//
//   - logged at [slog.LevelWarn] through the logger of [WithLogger], once per
//     operation and field for the life of the client;
//   - appended to the [DecodeReport] given to the call with [WithDecodeReport];
//   - with [WithStrictDecoding], returned as a [*DecodeError] carrying the
//     mismatches and the partially decoded value.
//
// A body that is not JSON at all, or is empty or null where a value is
// expected, is always a [*DecodeError].

// ErrNullBody is wrapped by the [*DecodeError] of a 2xx response whose body is
// empty or the JSON literal null where the operation returns a value: an
// empty result is never made up from it.
var ErrNullBody = errors.New("intercom: the response body is empty or null where a value was expected")

// Mismatch is one field of a response whose JSON did not fit its Go type.
type Mismatch struct {
	// Path locates the field from the top of the body, with JSON names,
	// array indexes and quoted map keys, e.g.
	// "conversations[3].team_assignee_id" or `custom_attributes["plan"]`.
	Path string
	// Expected is the Go type of the field, without pointers, e.g. "int".
	Expected string
	// Received is the kind of JSON value that came: "string", "number",
	// "bool", "object" or "array".
	Received string
}

// String describes the mismatch on one line.
func (m Mismatch) String() string {
	return fmt.Sprintf("%s: want %s, got JSON %s", m.Path, m.Expected, m.Received)
}

// DecodeReport collects the [Mismatch]es of the calls it is given to with
// [WithDecodeReport]. Each call appends to it, so a report given to a list
// iterator collects those of every page. It is safe for concurrent use; the
// zero value is ready to use.
type DecodeReport struct {
	mu   sync.Mutex
	list []Mismatch
}

// Mismatches returns a copy of the mismatches collected so far, in the order
// they were found (by path within one response).
func (r *DecodeReport) Mismatches() []Mismatch {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.list)
}

// Len returns how many mismatches were collected.
func (r *DecodeReport) Len() int {
	if r == nil {
		return 0
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.list)
}

func (r *DecodeReport) add(ms []Mismatch) {
	r.mu.Lock()
	r.list = append(r.list, ms...)
	r.mu.Unlock()
}

// WithDecodeReport makes the call append to r every response field that did
// not fit its type and was left at its zero value (see [Mismatch]). Use it to
// see what a tolerant decode dropped without reading the logs. Service methods
// and iterators only (a raw generated call does not decode). Call only.
func WithDecodeReport(r *DecodeReport) Option {
	return func(cfg *config) error {
		if cfg.scope != scopeCall {
			return errors.New("intercom: WithDecodeReport collects the mismatches of a single call; pass it to a call, not to NewClient")
		}
		if r == nil {
			return errors.New("intercom: WithDecodeReport: nil report")
		}
		cfg.decodeReport = r
		return nil
	}
}

// WithStrictDecoding makes a response field that does not fit its Go type an
// error: the call returns a [*DecodeError] whose Mismatches lists the fields
// and whose Value holds the rest of the response, decoded. Without it (the
// default) the call succeeds with the rest of the response and the mismatch is
// logged and reported (see [WithDecodeReport]). Client or call.
func WithStrictDecoding() Option {
	return func(cfg *config) error {
		cfg.strictDecoding = true
		return nil
	}
}

// decodeConfig returns the settings that apply to decoding the response of a
// call made with opts (see [callOptions]): the client's, with opts applied.
// The options were already validated when the request was sent, so an error
// here cannot happen and is ignored.
func (c *Client) decodeConfig(opts []Option) *config {
	if len(opts) == 0 {
		return &c.cfg
	}
	cc := c.cfg
	cc.scope = scopeCall
	_ = cc.apply(opts)
	return &cc
}

// decodeInto decodes the body of the 2xx response resp into v (a pointer to
// a value of type t) with the settings of the call (see the top of this
// file). op may be nil; opts are
// the call's options, those of ContextWithOptions included.
func decodeInto(ctx context.Context, c *Client, op *Operation, opts []Option, resp *http.Response, body []byte, v any, t reflect.Type) error {
	found, err := decodeTolerant(body, v)
	if err != nil {
		return &DecodeError{StatusCode: resp.StatusCode, Body: body, Err: err}
	}
	if len(found) == 0 {
		return nil
	}
	mismatches := make([]Mismatch, len(found))
	for i, f := range found {
		mismatches[i] = f.Mismatch
	}
	cfg := c.decodeConfig(opts)
	if cfg.decodeReport != nil {
		cfg.decodeReport.add(mismatches)
	}
	c.warnMismatches(ctx, cfg, op, resp, t, found)
	if cfg.strictDecoding {
		return &DecodeError{StatusCode: resp.StatusCode, Body: body, Err: errMismatch, Mismatches: mismatches, Value: v}
	}
	return nil
}

// errMismatch is the Err of a DecodeError made by WithStrictDecoding.
var errMismatch = errors.New("response fields do not match their types")

// maxWarnedFields bounds the operation+field pairs a client remembers having
// logged; past it, further mismatches are reported but not logged, so a
// misbehaving server cannot grow memory or flood the log.
const maxWarnedFields = 1024

// warnMismatches logs each mismatch at warning level, once per operation and
// field (the field's path without indexes or map keys) for the client's life.
func (c *Client) warnMismatches(ctx context.Context, cfg *config, op *Operation, resp *http.Response, t reflect.Type, ms []foundMismatch) {
	if cfg.logger == nil || !cfg.logger.Enabled(ctx, slog.LevelWarn) {
		return
	}
	opName := t.String()
	if op != nil && op.ID != "" {
		opName = op.ID
	}
	for _, m := range ms {
		key := opName + "\x00" + m.field
		c.warnMu.Lock()
		_, seen := c.warned[key]
		if !seen && len(c.warned) < maxWarnedFields {
			if c.warned == nil {
				c.warned = map[string]struct{}{}
			}
			c.warned[key] = struct{}{}
		} else {
			seen = true
		}
		c.warnMu.Unlock()
		if seen {
			continue
		}
		attrs := []slog.Attr{
			slog.String("operation", opName),
			slog.String("field", m.Path),
			slog.String("expected", m.Expected),
			slog.String("received", m.Received),
			slog.Int("status", resp.StatusCode),
		}
		if resp.Request != nil && resp.Request.URL != nil {
			attrs = append(attrs, slog.String("method", resp.Request.Method), slog.String("path", resp.Request.URL.EscapedPath()))
		}
		cfg.logger.LogAttrs(ctx, slog.LevelWarn,
			"intercom: a response field does not match its type; it was left empty and the rest of the response decoded", attrs...)
	}
}

// decodeTolerant decodes body into v. A body that is not JSON, or is empty or
// null, is an error. When a field does not fit its type, v gets the rest of the
// body and the mismatches are returned, sorted by path.
func decodeTolerant(body []byte, v any) ([]foundMismatch, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || bytes.Equal(trimmed, []byte("null")) {
		return nil, ErrNullBody
	}
	err := json.Unmarshal(body, v)
	if err == nil {
		return nil, nil
	}
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		return nil, err
	}
	// Some field did not fit. Find every such field by walking the body along
	// the Go type, remove them, and decode what is left.
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var tree any
	if dec.Decode(&tree) != nil {
		return nil, err
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return nil, err
	}
	w := &walker{}
	if !w.walk(tree, rv.Type().Elem(), "", "") {
		return nil, err // the body as a whole has the wrong shape: nothing to keep
	}
	if len(w.found) == 0 && w.fixed == 0 {
		return nil, err // not a mismatch this walker understands: keep the original error
	}
	cleaned, merr := json.Marshal(tree)
	if merr != nil {
		return nil, err
	}
	rv.Elem().SetZero()
	if err2 := json.Unmarshal(cleaned, v); err2 != nil {
		return nil, fmt.Errorf("%w (and after leaving out %d mismatched fields: %v)", err, len(w.found), err2)
	}
	sort.SliceStable(w.found, func(i, j int) bool { return w.found[i].Path < w.found[j].Path })
	return w.found, nil
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// foundMismatch is a Mismatch and its field: the path without array indexes
// and map keys ("conversations[].tags"), which names the field whatever the
// position of the value.
type foundMismatch struct {
	Mismatch
	field string
}

// walker finds the values of a decoded JSON tree (objects as map[string]any,
// numbers as json.Number) that encoding/json cannot store into a Go type, and
// removes them from the tree: object members are deleted, array elements
// become null.
type walker struct {
	found []foundMismatch
	fixed int // ids converted to the JSON kind of their Go type (decode_shapes.go)
}

// walk reports whether val fits t; when it does not, the mismatch is recorded
// and the caller removes val. Parts of val that do not fit are removed from it.
// path locates val ("a.b[2]"), field names its field ("a.b[]").
func (w *walker) walk(val any, t reflect.Type, path, field string) bool {
	if val == nil {
		return true // null fits everything: encoding/json leaves the value alone
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Implements(unmarshalerType) || reflect.PointerTo(t).Implements(unmarshalerType) {
		if w.listShape(val, t, path, field) {
			// walked in its alternative shape; checked as a whole below
		} else if t.Kind() == reflect.Struct {
			if obj, ok := val.(map[string]any); ok {
				w.object(obj, t, path, field)
			}
		}
		b, err := json.Marshal(val)
		if err == nil {
			err = json.Unmarshal(b, reflect.New(t).Interface())
		}
		if err != nil {
			return w.mismatch(path, field, t, val)
		}
		return true
	}
	switch t.Kind() {
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return true
		}
	case reflect.String:
		if _, ok := val.(string); ok {
			return true
		}
	case reflect.Bool:
		if _, ok := val.(bool); ok {
			return true
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n, ok := val.(json.Number); ok {
			if _, err := strconv.ParseInt(string(n), 10, t.Bits()); err == nil {
				return true
			}
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if n, ok := val.(json.Number); ok {
			if _, err := strconv.ParseUint(string(n), 10, t.Bits()); err == nil {
				return true
			}
		}
	case reflect.Float32, reflect.Float64:
		if n, ok := val.(json.Number); ok {
			if _, err := strconv.ParseFloat(string(n), t.Bits()); err == nil {
				return true
			}
		}
	case reflect.Slice, reflect.Array:
		if s, ok := val.(string); ok && t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
			if _, err := base64.StdEncoding.DecodeString(s); err == nil {
				return true
			}
			break
		}
		if arr, ok := val.([]any); ok {
			for i, el := range arr {
				if !w.walk(el, t.Elem(), path+"["+strconv.Itoa(i)+"]", field+"[]") {
					arr[i] = nil
				}
			}
			return true
		}
	case reflect.Map:
		obj, ok := val.(map[string]any)
		if !ok {
			break
		}
		switch t.Key().Kind() {
		case reflect.String:
		default:
			return true // number-keyed maps: left to encoding/json
		}
		for k, el := range obj {
			if !w.walk(el, t.Elem(), path+"["+strconv.Quote(k)+"]", field+"[]") {
				delete(obj, k)
			}
		}
		return true
	case reflect.Struct:
		if obj, ok := val.(map[string]any); ok {
			w.object(obj, t, path, field)
			return true
		}
	}
	return w.mismatch(path, field, t, val)
}

// object walks the members of obj that correspond to fields of the struct type t.
func (w *walker) object(obj map[string]any, t reflect.Type, path, field string) {
	fields := jsonFields(t)
	for k, el := range obj {
		ft, ok := fields[k]
		if !ok {
			// encoding/json matches names case-insensitively as a fallback.
			for name, f := range fields {
				if strings.EqualFold(name, k) {
					ft, ok = f, true
					break
				}
			}
		}
		if !ok {
			continue
		}
		if isIDName(k) {
			w.fixID(obj, k, ft)
			el = obj[k]
		}
		if !w.walk(el, ft, joinPath(path, k), joinPath(field, k)) {
			delete(obj, k)
		}
	}
}

func (w *walker) mismatch(path, field string, t reflect.Type, val any) bool {
	w.found = append(w.found, foundMismatch{Mismatch{Path: path, Expected: t.String(), Received: jsonKind(val)}, field})
	return false
}

// jsonFields maps the JSON names of the exported fields of struct type t
// (including those of embedded structs) to their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			et := f.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				for k, v := range jsonFields(et) {
					if _, ok := out[k]; !ok {
						out[k] = v
					}
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// jsonKind names the kind of a decoded JSON value.
func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case json.Number, float64:
		return "number"
	case bool:
		return "bool"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}
