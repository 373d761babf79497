// Package coverage holds what the coverage tests of package intercom and
// intercom/preview share: they call every exported service method by
// reflection against a recording server (Call, with ArgumentSets), and map
// each recorded request back to the operation whose method and path
// template it matches (OperationMatchers, Match).
package coverage

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"sort"
	"strings"
)

// Op is one operation: its ID, HTTP method and OpenAPI path template.
type Op struct{ ID, Method, Path string }

// opMatcher matches a request against one operation's method and path.
type opMatcher struct {
	id, method string
	re         *regexp.Regexp
	params     int
}

// OperationMatchers returns the matchers of operations given as ID, HTTP
// method and OpenAPI path template.
func OperationMatchers(ops []Op) []opMatcher {
	var ms []opMatcher
	for _, op := range ops {
		pat := regexp.MustCompile(`\\\{[^}]+\\\}`).ReplaceAllString(regexp.QuoteMeta(op.Path), `[^/]+`)
		ms = append(ms, opMatcher{id: op.ID, method: op.Method, re: regexp.MustCompile("^" + pat + "$"), params: strings.Count(op.Path, "{")})
	}
	// The most literal template wins: /contacts/search before /contacts/{id}.
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].params < ms[j].params })
	return ms
}

// Match returns the ID of the operation a request's method and escaped path
// match, or "".
func Match(ms []opMatcher, method, path string) string {
	for _, m := range ms {
		if m.method == method && m.re.MatchString(path) {
			return m.id
		}
	}
	return ""
}

// ArgumentSets returns the argument lists to try for a method type (ctx
// first, no options): string arguments are distinct numbers, so that "merge
// into itself" style checks pass; the second set puts last in the last
// string argument, for an enumerated argument such as a consent type.
func ArgumentSets(mt reflect.Type, last string) [][]reflect.Value {
	lastStr := -1
	for i := range mt.NumIn() {
		if mt.In(i).Kind() == reflect.String {
			lastStr = i
		}
	}
	var sets [][]reflect.Value
	for variant := range 2 {
		var args []reflect.Value
		strs := 0
		for i := range mt.NumIn() {
			in := mt.In(i)
			switch {
			case i == 0:
				args = append(args, reflect.ValueOf(context.Background()))
			case mt.IsVariadic() && i == mt.NumIn()-1:
			case in.Kind() == reflect.String:
				strs++
				v := fmt.Sprint(strs)
				if variant == 1 && i == lastStr {
					v = last
				}
				args = append(args, reflect.ValueOf(v).Convert(in))
			default:
				args = append(args, filled(in))
			}
		}
		sets = append(sets, args)
	}
	return sets
}

// filled returns a value of type t with its required-looking parts set.
func filled(t reflect.Type) reflect.Value {
	v := reflect.New(t).Elem()
	switch t.Kind() {
	case reflect.Pointer:
		v.Set(filled(t.Elem()).Addr())
	case reflect.String:
		v.SetString("1")
	case reflect.Slice:
		s := reflect.MakeSlice(t, 1, 1)
		s.Index(0).Set(filled(t.Elem()))
		v.Set(s)
	case reflect.Struct:
		// A union (gen keeps its JSON in an unexported union field) is set
		// through its UnmarshalJSON; another struct (a request body whose
		// UnmarshalJSON only reads integer ids) field by field.
		_, union := t.FieldByName("union")
		if u, ok := v.Addr().Interface().(json.Unmarshaler); ok && union {
			_ = u.UnmarshalJSON([]byte(`{"type":"user","id":"1","name":"x"}`))
			return v
		}
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			switch {
			case f.Type.Kind() == reflect.String:
				v.Field(i).SetString("1")
			case f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.String:
				v.Field(i).Set(filled(f.Type))
			}
		}
	}
	return v
}

// Call calls a method and, when it returns an iterator (an iter.Seq2),
// takes its first element; a result that is an io.Closer (a Download) is
// closed.
func Call(m reflect.Value, args []reflect.Value) {
	for _, o := range m.Call(args) {
		if !o.IsValid() {
			continue
		}
		if c, ok := o.Interface().(io.Closer); ok && !o.IsNil() {
			_ = c.Close()
		}
		if o.Kind() != reflect.Func {
			continue
		}
		yield := reflect.MakeFunc(o.Type().In(0), func([]reflect.Value) []reflect.Value {
			return []reflect.Value{reflect.ValueOf(false)}
		})
		o.Call([]reflect.Value{yield})
	}
}
