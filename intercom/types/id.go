package types

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
)

// ID is the id of an Intercom object (a contact, a conversation part, ...) or
// a reference to one that Intercom's description declares as a string, in a
// field where the API has been seen to send a number too. It decodes a JSON
// string or number into a Go string, keeping a number's digits as written
// ("991267"), and encodes as a JSON string. Ids declared as integers use
// [NumericID] instead. Compare ids as strings: string(id) or id.String(); the
// generated GetX accessors return them as plain strings.
type ID string

// String returns the id.
func (id ID) String() string { return string(id) }

// UnmarshalJSON accepts a JSON string or number; null leaves the id as it is.
func (id *ID) UnmarshalJSON(b []byte) error {
	s, err := decodeID(b, reflect.TypeFor[ID]())
	if err != nil || s == nil {
		return err
	}
	*id = ID(*s)
	return nil
}

// MarshalJSON encodes the id as a JSON string.
func (id ID) MarshalJSON() ([]byte, error) { return json.Marshal(string(id)) }

// NumericID is an id that Intercom's description declares as an integer (an
// admin id, a team id, a help center id, ...), read and written in Go as a
// string like every other id. It decodes from a JSON number or string, since
// the API and Intercom's own SDKs send both, and it encodes as the
// description says: as a JSON number when it is an integer ("991267" is sent
// as 991267), and as a JSON string otherwise.
type NumericID string

// String returns the id.
func (id NumericID) String() string { return string(id) }

// UnmarshalJSON accepts a JSON string or number; null leaves the id as it is.
func (id *NumericID) UnmarshalJSON(b []byte) error {
	s, err := decodeID(b, reflect.TypeFor[NumericID]())
	if err != nil || s == nil {
		return err
	}
	*id = NumericID(*s)
	return nil
}

// MarshalJSON encodes an integer id as a JSON number and any other id as a
// JSON string.
func (id NumericID) MarshalJSON() ([]byte, error) {
	if isInteger(string(id)) {
		return []byte(id), nil
	}
	return json.Marshal(string(id))
}

// decodeID returns the id in the JSON string or number b, nil for null, or
// an *json.UnmarshalTypeError for any other JSON value.
func decodeID(b []byte, t reflect.Type) (*string, error) {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0:
		return nil, fmt.Errorf("types: empty JSON value for %s", t)
	case string(b) == "null":
		return nil, nil
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return nil, err
		}
		return &s, nil
	case b[0] == '-' || (b[0] >= '0' && b[0] <= '9'):
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return nil, err
		}
		s := n.String()
		return &s, nil
	}
	return nil, &json.UnmarshalTypeError{Value: jsonKind(b[0]), Type: t}
}

// isInteger reports whether s is an optional minus sign and 1 to 19 digits,
// without a leading zero: a valid JSON number that fits an int64 or so.
func isInteger(s string) bool {
	if s != "" && s[0] == '-' {
		s = s[1:]
	}
	if s == "" || len(s) > 19 || (s[0] == '0' && len(s) > 1) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// jsonKind names the kind of the JSON value starting with c.
func jsonKind(c byte) string {
	switch c {
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	case '"':
		return "string"
	}
	return "number"
}
