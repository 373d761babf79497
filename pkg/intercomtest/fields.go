package intercomtest

import (
	"encoding/json"
	"reflect"
	"strings"
	"sync"
)

// A search reads fields of the generated types by their JSON names, without
// encoding whole objects: searching thousands of contacts stays cheap.

// getter returns the value of a dotted field path as decoded JSON would
// show it (string, float64, bool, nil, []any, map[string]any), and whether
// the field is present.
type getter func(path string) (any, bool)

var jsonFieldCache sync.Map // reflect.Type -> map[string]int

// jsonFields maps the JSON names of a struct type's fields to their indexes.
func jsonFields(t reflect.Type) map[string]int {
	if m, ok := jsonFieldCache.Load(t); ok {
		return m.(map[string]int)
	}
	m := make(map[string]int, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		m[name] = i
	}
	jsonFieldCache.Store(t, m)
	return m
}

// fieldOf reads the dotted path from v, a generated value.
func fieldOf(v any, path string) (any, bool) {
	rv := reflect.ValueOf(v)
	if strings.HasPrefix(path, ".") || strings.HasSuffix(path, ".") {
		return nil, false
	}
	parts := strings.Split(path, ".")
	for i, part := range parts {
		rv = deref(rv)
		if !rv.IsValid() {
			return nil, false
		}
		switch rv.Kind() {
		case reflect.Struct:
			fi, ok := jsonFields(rv.Type())[part]
			if !ok {
				// A union type (hidden raw JSON): read its JSON form.
				return fromJSON(rv, strings.Join(parts[i:], "."))
			}
			rv = rv.Field(fi)
		case reflect.Map:
			if rv.Type().Key().Kind() != reflect.String {
				return nil, false
			}
			mv := rv.MapIndex(reflect.ValueOf(part).Convert(rv.Type().Key()))
			if !mv.IsValid() {
				return nil, false
			}
			rv = mv
		default:
			return nil, false
		}
	}
	rv = deref(rv)
	if !rv.IsValid() {
		return nil, true // present as null
	}
	return jsonValue(rv), true
}

// deref follows pointers and interfaces; nil gives the zero Value.
func deref(rv reflect.Value) reflect.Value {
	for rv.IsValid() && (rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface) {
		if rv.IsNil() {
			return reflect.Value{}
		}
		rv = rv.Elem()
	}
	return rv
}

// jsonValue converts a non-nil value to its decoded-JSON form.
func jsonValue(rv reflect.Value) any {
	switch rv.Kind() {
	case reflect.String:
		return rv.String()
	case reflect.Bool:
		return rv.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(rv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(rv.Uint())
	case reflect.Float32, reflect.Float64:
		return rv.Float()
	case reflect.Slice, reflect.Array:
		out := make([]any, rv.Len())
		for i := range out {
			e := deref(rv.Index(i))
			if e.IsValid() {
				out[i] = jsonValue(e)
			}
		}
		return out
	}
	v, _ := fromJSON(rv, "")
	return v
}

// fromJSON encodes rv and reads the dotted path (or the whole value for "")
// from the decoded result: for unions and nested objects.
func fromJSON(rv reflect.Value, path string) (any, bool) {
	b, err := json.Marshal(rv.Interface())
	if err != nil {
		return nil, false
	}
	var v any
	if json.Unmarshal(b, &v) != nil {
		return nil, false
	}
	if path == "" {
		return v, true
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, false
	}
	return lookup(m, path)
}

// firstSegment returns the part of path before the first dot.
func firstSegment(path string) string {
	head, _, _ := strings.Cut(path, ".")
	return head
}
