package engine

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
)

// This file extends the tolerant decoder (decode.go) in two ways:
//
//   - ids of either JSON kind: a field that holds an id (its JSON name is
//     "id" or "ids", or ends in "_id" or "_ids") decodes from a JSON string
//     or a JSON number, whatever its Go type. Intercom's description and its
//     own SDKs' fixtures disagree on the kind of many ids (owner_id is a
//     string in 2.16's description, 123 in the fixtures); the value is
//     converted in place (a number's digits become the string, a string of
//     digits the number), so it is kept, is not a mismatch (strict decoding
//     accepts it) and is encoded again as its Go type, the description's.
//   - the alternative shapes of the list types of package types: a
//     types.List or types.PagedList given as a bare array or (PagedList) as
//     its single item, and a one-or-many value (types.IDs, types.Strings)
//     given as one value, are walked in that shape, so one mistyped field of
//     one item costs that field only.

// typesPkg is the import path of the SDK's package types.
const typesPkg = "github.com/intercomkit/intercom-go/intercom/types"

// isIDName reports whether a JSON member named name holds an id or ids.
func isIDName(name string) bool {
	return name == "id" || name == "ids" || strings.HasSuffix(name, "_id") || strings.HasSuffix(name, "_ids")
}

// fixID converts the id val of a member whose Go type is t to the JSON kind
// t decodes from, when it came as the other kind, and reports whether it
// did. Arrays of ids are converted element by element.
func (w *walker) fixID(obj map[string]any, k string, t reflect.Type) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Implements(unmarshalerType) || reflect.PointerTo(t).Implements(unmarshalerType) {
		return // types.ID, types.NumericID and the like accept both already
	}
	switch v := obj[k].(type) {
	case []any:
		if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
			return
		}
		et := t.Elem()
		for et.Kind() == reflect.Pointer {
			et = et.Elem()
		}
		for i, el := range v {
			if c, ok := convertID(el, et); ok {
				v[i] = c
				w.fixed++
			}
		}
	default:
		if c, ok := convertID(v, t); ok {
			obj[k] = c
			w.fixed++
		}
	}
}

// convertID returns val as the JSON kind a Go type of kind t decodes from,
// when val is an integer number and t a string, or a string of an integer
// and t an integer type.
func convertID(val any, t reflect.Type) (any, bool) {
	switch n := val.(type) {
	case json.Number:
		if t.Kind() == reflect.String {
			if _, err := strconv.ParseInt(string(n), 10, 64); err == nil {
				return string(n), true
			}
		}
	case string:
		switch t.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			if _, err := strconv.ParseInt(n, 10, t.Bits()); err == nil {
				return json.Number(n), true
			}
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			if _, err := strconv.ParseUint(n, 10, t.Bits()); err == nil {
				return json.Number(n), true
			}
		}
	}
	return nil, false
}

// listShape walks val, the JSON of a value of type t that decodes itself,
// when it is one of the alternative shapes of the list types of package
// types (see the top of this file), and reports whether it was.
func (w *walker) listShape(val any, t reflect.Type, path, field string) bool {
	switch t.Kind() {
	case reflect.Slice:
		// A one-or-many type (types.IDs, types.Strings): an array, or one value.
		if t.PkgPath() != typesPkg {
			return false
		}
		if arr, ok := val.([]any); ok {
			for i, el := range arr {
				if !w.walk(el, t.Elem(), path+"["+strconv.Itoa(i)+"]", field+"[]") {
					arr[i] = nil
				}
			}
			return true
		}
		return false
	case reflect.Struct:
	default:
		return false
	}
	name := t.Name()
	paged := strings.HasPrefix(name, "PagedList[")
	if t.PkgPath() != typesPkg || !(paged || strings.HasPrefix(name, "List[")) {
		return false
	}
	data, ok := t.FieldByName("Data")
	if !ok || data.Type.Kind() != reflect.Slice {
		return false
	}
	elem := data.Type.Elem()
	switch v := val.(type) {
	case []any:
		for i, el := range v {
			if !w.walk(el, elem, path+"["+strconv.Itoa(i)+"]", field+"[]") {
				v[i] = nil
			}
		}
		return true
	case map[string]any:
		_, hasData := v["data"]
		typ, _ := v["type"].(string)
		if paged && !hasData && typ != "" && typ != "list" {
			// The single item of a lookup (GET /companies?company_id=).
			et := elem
			for et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				w.object(v, et, path, field)
				return true
			}
		}
	}
	return false
}
