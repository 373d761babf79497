package types

import (
	"bytes"
	"encoding/json"
	"reflect"
)

// List is a list of T that Intercom sends either as the object its
// description gives, {"type": "list", "data": [...]}, or as a bare JSON array
// of the items (as its own SDKs' fixtures do for the away status reasons).
// Both decode into a List; it encodes as the object.
type List[T any] struct {
	// Type is the object's type, "list"; nil when a bare array came.
	Type *string `json:"type,omitempty"`
	// Data holds the items.
	Data []T `json:"data,omitempty"`
}

// GetType returns the object's type, or "" when l is nil or a bare array came.
func (l *List[T]) GetType() string {
	if l == nil || l.Type == nil {
		return ""
	}
	return *l.Type
}

// GetData returns the items, or nil when l is nil or has none.
func (l *List[T]) GetData() []T {
	if l == nil {
		return nil
	}
	return l.Data
}

// UnmarshalJSON accepts the list object or a bare array of items; null leaves
// l as it is.
func (l *List[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		return nil
	case len(b) > 0 && b[0] == '[':
		items, err := bareArray[T](b)
		if err != nil {
			return err
		}
		*l = List[T]{Data: items}
		return nil
	case len(b) > 0 && b[0] == '{':
		type plain List[T]
		var p plain
		if err := json.Unmarshal(b, &p); err != nil {
			return err
		}
		*l = List[T](p)
		return nil
	}
	return shapeError(b, reflect.TypeFor[List[T]]())
}

// PagedList is a paged list of T whose pages object is a P. Intercom sends it
// as the object its description gives,
// {"type": "list", "data": [...], "pages": {...}, "total_count": 42}, as a
// bare JSON array of the items, or, for a lookup that found exactly one item
// (GET /companies?company_id=...), as that item alone, which Intercom's own
// SDK definitions declare. Each decodes into a PagedList: a bare array or a
// single item fills Data. It encodes as the object.
type PagedList[T, P any] struct {
	// Type is the object's type: "list", the item's own type (e.g.
	// "company") when a single item came, or nil for a bare array.
	Type *string `json:"type,omitempty"`
	// Data holds the items of this page.
	Data []T `json:"data,omitempty"`
	// Pages says where this page is and how to get the next one.
	Pages *P `json:"pages,omitempty"`
	// TotalCount is the number of items of the whole list, when given.
	TotalCount *int `json:"total_count,omitempty"`
}

// GetType returns the object's type, or "" when l is nil or a bare array came.
func (l *PagedList[T, P]) GetType() string {
	if l == nil || l.Type == nil {
		return ""
	}
	return *l.Type
}

// GetData returns the items, or nil when l is nil or has none.
func (l *PagedList[T, P]) GetData() []T {
	if l == nil {
		return nil
	}
	return l.Data
}

// GetPages returns the pages object, or nil when l is nil or has none.
func (l *PagedList[T, P]) GetPages() *P {
	if l == nil {
		return nil
	}
	return l.Pages
}

// GetTotalCount returns the total number of items, or 0 when l is nil or the
// count was not given.
func (l *PagedList[T, P]) GetTotalCount() int {
	if l == nil || l.TotalCount == nil {
		return 0
	}
	return *l.TotalCount
}

// UnmarshalJSON accepts the list object, a bare array of items, or a single
// item object; null leaves l as it is.
func (l *PagedList[T, P]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		return nil
	case len(b) > 0 && b[0] == '[':
		items, err := bareArray[T](b)
		if err != nil {
			return err
		}
		*l = PagedList[T, P]{Data: items}
		return nil
	case len(b) > 0 && b[0] == '{':
		var probe struct {
			Type *string         `json:"type"`
			Data json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(b, &probe); err != nil {
			return err
		}
		if probe.Data == nil && probe.Type != nil && *probe.Type != "list" {
			var item T
			if err := json.Unmarshal(b, &item); err != nil {
				return err
			}
			*l = PagedList[T, P]{Type: probe.Type, Data: []T{item}}
			return nil
		}
		type plain PagedList[T, P]
		var p plain
		if err := json.Unmarshal(b, &p); err != nil {
			return err
		}
		*l = PagedList[T, P](p)
		return nil
	}
	return shapeError(b, reflect.TypeFor[PagedList[T, P]]())
}

// shapeError is the error of a value whose JSON shape is none the type accepts.
func shapeError(b []byte, t reflect.Type) error {
	kind := "empty"
	if len(b) > 0 {
		kind = jsonKind(b[0])
	}
	return &json.UnmarshalTypeError{Value: kind, Type: t}
}

// decodeStringOrObject decodes b, a JSON string or a JSON object, into
// whichever of str and obj takes that shape; null changes nothing. Any other
// shape is a *json.UnmarshalTypeError naming t.
func decodeStringOrObject[O any](b []byte, t reflect.Type, str func(string), obj func(O)) error {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		return nil
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		str(s)
		return nil
	case len(b) > 0 && b[0] == '{':
		var o O
		if err := json.Unmarshal(b, &o); err != nil {
			return err
		}
		obj(o)
		return nil
	}
	return shapeError(b, t)
}

// bareArray decodes b, a JSON array, into a slice of T: the bare-array shape
// the list types and the one-or-many types accept.
func bareArray[T any](b []byte) ([]T, error) {
	var items []T
	if err := json.Unmarshal(b, &items); err != nil {
		return nil, err
	}
	return items, nil
}
