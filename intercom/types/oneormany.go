package types

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// IDs is a list of ids where Intercom's description allows one id or a list
// (audience_ids, the file ids of an updated ticket attribute). It decodes a
// JSON number, a JSON string, a list of numbers or strings, or null (no ids),
// and keeps every id as a Go string. It encodes as a JSON list, each integer
// id as a JSON number and any other id as a JSON string (like [NumericID]);
// a single id therefore goes back as a one-element list, which Intercom takes
// wherever it takes one id.
type IDs []NumericID

// Strings returns the ids as plain strings.
func (ids IDs) Strings() []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = string(id)
	}
	return out
}

// UnmarshalJSON accepts one id or a list of ids, numbers or strings; null
// sets no ids.
func (ids *IDs) UnmarshalJSON(b []byte) error {
	list, err := oneOrMany(b, reflect.TypeFor[IDs](), func(b []byte) (NumericID, error) {
		var id NumericID
		err := id.UnmarshalJSON(b)
		return id, err
	})
	if err == nil {
		*ids = list
	}
	return err
}

// oneOrMany decodes b, a JSON list of values, a single value, or null (nil),
// decoding a single value with one. A value of another JSON type is a shape
// error naming t.
func oneOrMany[T any](b []byte, t reflect.Type, one func([]byte) (T, error)) ([]T, error) {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		return nil, nil
	case len(b) > 0 && b[0] == '[':
		return bareArray[T](b)
	}
	v, err := one(b)
	if err != nil {
		if _, ok := err.(*json.UnmarshalTypeError); ok {
			return nil, shapeError(b, t)
		}
		return nil, err
	}
	return []T{v}, nil
}

// MarshalJSON encodes the ids as a JSON list (null for a nil list).
func (ids IDs) MarshalJSON() ([]byte, error) {
	if ids == nil {
		return []byte("null"), nil
	}
	return json.Marshal([]NumericID(ids))
}

// Strings is a list of strings where Intercom's description allows one string
// or a list (the label of an updated ticket attribute: a value, or the names
// of its files). It decodes a JSON string, a list of strings, or null (none),
// and encodes as a JSON list.
type Strings []string

// UnmarshalJSON accepts a string or a list of strings; null sets none.
func (s *Strings) UnmarshalJSON(b []byte) error {
	list, err := oneOrMany(b, reflect.TypeFor[Strings](), func(b []byte) (string, error) {
		var one string
		err := json.Unmarshal(b, &one)
		return one, err
	})
	if err == nil {
		*s = list
	}
	return err
}

// MarshalJSON encodes the strings as a JSON list (null for a nil list).
func (s Strings) MarshalJSON() ([]byte, error) {
	if s == nil {
		return []byte("null"), nil
	}
	return json.Marshal([]string(s))
}

// Timestamp is a date and time Intercom sends either as an ISO 8601 (RFC
// 3339) string or as Unix seconds (the datetime schema of custom attributes).
// It remembers which, and encodes in the same form: a value decoded from a
// number is sent back as a number, one decoded from a string as an RFC 3339
// string. Build one with [UnixTimestamp] or [RFC3339Timestamp].
type Timestamp struct {
	t    time.Time
	unix bool
}

// UnixTimestamp returns t as a timestamp sent as Unix seconds.
func UnixTimestamp(t time.Time) Timestamp { return Timestamp{t: t.Truncate(time.Second), unix: true} }

// RFC3339Timestamp returns t as a timestamp sent as an RFC 3339 string.
func RFC3339Timestamp(t time.Time) Timestamp { return Timestamp{t: t} }

// Time returns the time (the zero time for a zero Timestamp).
func (ts Timestamp) Time() time.Time { return ts.t }

// IsUnix reports whether the timestamp is sent as Unix seconds.
func (ts Timestamp) IsUnix() bool { return ts.unix }

// UnmarshalJSON accepts an RFC 3339 string or a JSON number of Unix seconds;
// null leaves the timestamp as it is.
func (ts *Timestamp) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		return nil
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return fmt.Errorf("types: timestamp %q: %w", s, err)
		}
		*ts = Timestamp{t: t}
		return nil
	case len(b) > 0 && (b[0] == '-' || (b[0] >= '0' && b[0] <= '9')):
		sec, err := strconv.ParseInt(string(b), 10, 64)
		if err != nil {
			return fmt.Errorf("types: timestamp %s is not whole Unix seconds: %w", b, err)
		}
		*ts = Timestamp{t: time.Unix(sec, 0).UTC(), unix: true}
		return nil
	}
	return shapeError(b, reflect.TypeFor[Timestamp]())
}

// MarshalJSON encodes the timestamp in the form it came in or was built with.
func (ts Timestamp) MarshalJSON() ([]byte, error) {
	if ts.unix {
		return strconv.AppendInt(nil, ts.t.Unix(), 10), nil
	}
	return json.Marshal(ts.t.Format(time.RFC3339Nano))
}

// AttributeValueKind is the JSON kind of an [AttributeValue].
type AttributeValueKind string

// The kinds of an [AttributeValue].
const (
	KindNull   AttributeValueKind = "null"
	KindString AttributeValueKind = "string"
	KindNumber AttributeValueKind = "number"
	KindBool   AttributeValueKind = "bool"
	KindList   AttributeValueKind = "list"
	KindObject AttributeValueKind = "object"
)

// AttributeValue is any JSON value: the value of a custom attribute (a
// string, a number, a boolean, a date as a string or Unix seconds, a list, a
// file or custom object instance object) or of a search filter. It keeps the
// JSON as it came and encodes it unchanged. Read it with the As* methods,
// which report whether the value has that kind, or with [AttributeValue.Decode];
// build one with [StringValue], [NumberValue], [IntValue], [BoolValue],
// [TimeValue], [ListValue] or [ValueOf].
type AttributeValue struct {
	raw json.RawMessage
}

// StringValue returns a string value.
func StringValue(s string) AttributeValue { return mustValue(s) }

// NumberValue returns a number value.
func NumberValue(f float64) AttributeValue { return mustValue(f) }

// IntValue returns an integer value.
func IntValue(n int64) AttributeValue {
	return AttributeValue{raw: strconv.AppendInt(nil, n, 10)}
}

// BoolValue returns a boolean value.
func BoolValue(b bool) AttributeValue { return mustValue(b) }

// TimeValue returns t as Unix seconds, the form Intercom stores dates in.
func TimeValue(t time.Time) AttributeValue { return IntValue(t.Unix()) }

// ListValue returns a list of values.
func ListValue(vs ...AttributeValue) AttributeValue {
	if vs == nil {
		vs = []AttributeValue{}
	}
	return mustValue(vs)
}

// ValueOf returns v encoded as JSON (any value encoding/json can encode).
func ValueOf(v any) (AttributeValue, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return AttributeValue{}, fmt.Errorf("types: attribute value: %w", err)
	}
	return AttributeValue{raw: b}, nil
}

// mustValue encodes a value of a type encoding/json always encodes; a NaN or
// infinite float, which JSON cannot hold, becomes null.
func mustValue(v any) AttributeValue {
	b, err := json.Marshal(v)
	if err != nil {
		return AttributeValue{}
	}
	return AttributeValue{raw: b}
}

// Kind returns the JSON kind of the value (KindNull for a zero value).
func (v AttributeValue) Kind() AttributeValueKind {
	b := bytes.TrimSpace(v.raw)
	if len(b) == 0 {
		return KindNull
	}
	switch b[0] {
	case 'n':
		return KindNull
	case '"':
		return KindString
	case 't', 'f':
		return KindBool
	case '[':
		return KindList
	case '{':
		return KindObject
	}
	return KindNumber
}

// IsNull reports whether the value is null or unset.
func (v AttributeValue) IsNull() bool { return v.Kind() == KindNull }

// Raw returns the value's JSON ("null" for a zero value).
func (v AttributeValue) Raw() json.RawMessage {
	if len(v.raw) == 0 {
		return json.RawMessage("null")
	}
	return v.raw
}

// String returns a string value's text and the JSON of any other value.
func (v AttributeValue) String() string {
	if s, ok := v.AsString(); ok {
		return s
	}
	return string(v.Raw())
}

// AsString returns a string value.
func (v AttributeValue) AsString() (string, bool) {
	var s string
	if v.Kind() != KindString || json.Unmarshal(v.raw, &s) != nil {
		return "", false
	}
	return s, true
}

// AsFloat returns a number value.
func (v AttributeValue) AsFloat() (float64, bool) {
	var f float64
	if v.Kind() != KindNumber || json.Unmarshal(v.raw, &f) != nil {
		return 0, false
	}
	return f, true
}

// AsInt returns a number value that is a whole number fitting an int64.
func (v AttributeValue) AsInt() (int64, bool) {
	if v.Kind() != KindNumber {
		return 0, false
	}
	s := strings.TrimSpace(string(v.raw))
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, true
	}
	if f, ok := v.AsFloat(); ok && f == float64(int64(f)) && f >= -1<<63 && f < 1<<63 {
		return int64(f), true
	}
	return 0, false
}

// AsBool returns a boolean value.
func (v AttributeValue) AsBool() (bool, bool) {
	var b bool
	if v.Kind() != KindBool || json.Unmarshal(v.raw, &b) != nil {
		return false, false
	}
	return b, true
}

// AsTime returns a date value: a whole number of Unix seconds, or an RFC 3339
// string.
func (v AttributeValue) AsTime() (time.Time, bool) {
	var ts Timestamp
	switch v.Kind() {
	case KindNumber, KindString:
		if ts.UnmarshalJSON(v.raw) != nil {
			return time.Time{}, false
		}
		return ts.Time(), true
	}
	return time.Time{}, false
}

// AsList returns the items of a list value.
func (v AttributeValue) AsList() ([]AttributeValue, bool) {
	var items []AttributeValue
	if v.Kind() != KindList || json.Unmarshal(v.raw, &items) != nil {
		return nil, false
	}
	return items, true
}

// Decode decodes the value into dst (a pointer), as json.Unmarshal does:
// for an object such as a file attribute or a custom object instance list.
func (v AttributeValue) Decode(dst any) error {
	if err := json.Unmarshal(v.Raw(), dst); err != nil {
		return fmt.Errorf("types: decode attribute value: %w", err)
	}
	return nil
}

// UnmarshalJSON keeps any JSON value as it is.
func (v *AttributeValue) UnmarshalJSON(b []byte) error {
	if !json.Valid(b) {
		return fmt.Errorf("types: attribute value is not valid JSON")
	}
	v.raw = append(json.RawMessage(nil), bytes.TrimSpace(b)...)
	return nil
}

// MarshalJSON encodes the value as it came or was built (null when unset).
func (v AttributeValue) MarshalJSON() ([]byte, error) { return v.Raw(), nil }
