package intercom

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

// TestCoverageEveryOperationReachable proves, without reading any source
// and without the facade generator, that every operation of gen.Operations
// is sent by some exported service method: it calls every exported method
// of every service of a Client, by reflection, against a server that records
// each request, and maps each recorded request back to the operation whose
// method and path template it matches. Dead code cannot satisfy it: only a
// request that reached the server counts.
func TestCoverageEveryOperationReachable(t *testing.T) {
	var mu sync.Mutex
	type hit struct{ method, path string }
	var hits []hit
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits = append(hits, hit{r.Method, r.URL.EscapedPath()})
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{}`))
	})
	c, _ := coreClient(t, srv.URL, WithMaxRetries(0))

	matchers := operationMatchers(gen.Operations)
	reachedBy := map[string][]string{} // operation ID → facade methods
	sv := reflect.ValueOf(&c.Services).Elem()
	methods := 0
	for i := range sv.NumField() {
		svc := sv.Field(i)
		svcName := sv.Type().Field(i).Name
		for m := range svc.NumMethod() {
			name := svcName + "." + svc.Type().Method(m).Name
			methods++
			mu.Lock()
			hits = hits[:0]
			mu.Unlock()
			for _, args := range argumentSets(svc.Method(m).Type()) {
				callReflect(svc.Method(m), args)
				mu.Lock()
				n := len(hits)
				mu.Unlock()
				if n > 0 {
					break
				}
			}
			mu.Lock()
			for _, h := range hits {
				id := matchOperation(matchers, h.method, h.path)
				if id == "" {
					t.Errorf("%s sent %s %s, which is no operation of the description", name, h.method, h.path)
					continue
				}
				reachedBy[id] = append(reachedBy[id], name)
			}
			mu.Unlock()
		}
	}
	var missing []string
	for _, op := range gen.Operations {
		if len(reachedBy[op.ID]) == 0 {
			missing = append(missing, fmt.Sprintf("%s (%s %s)", op.ID, op.Method, op.Path))
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d of %d operations are not sent by any exported service method:\n  %s",
			len(missing), len(gen.Operations), strings.Join(missing, "\n  "))
	}
	t.Logf("%d/%d operations reached through %d exported service methods", len(gen.Operations)-len(missing), len(gen.Operations), methods)
}

// opMatcher matches a request against one operation's method and path.
type opMatcher struct {
	id, method string
	re         *regexp.Regexp
	params     int
}

func operationMatchers(ops []gen.Operation) []opMatcher {
	var ms []opMatcher
	for _, op := range ops {
		n := strings.Count(op.Path, "{")
		pat := regexp.MustCompile(`\\\{[^}]+\\\}`).ReplaceAllString(regexp.QuoteMeta(op.Path), `[^/]+`)
		ms = append(ms, opMatcher{id: op.ID, method: op.Method, re: regexp.MustCompile("^" + pat + "$"), params: n})
	}
	// The most literal template wins: /contacts/search before /contacts/{id}.
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].params < ms[j].params })
	return ms
}

func matchOperation(ms []opMatcher, method, path string) string {
	for _, m := range ms {
		if m.method == method && m.re.MatchString(path) {
			return m.id
		}
	}
	return ""
}

// argumentSets returns the argument lists to try for a method type (ctx
// first, options last): ids are distinct numbers, so that "merge into
// itself" style checks pass; a second set puts "opt_in" in the last string
// argument, for enumerated arguments such as a consent type.
func argumentSets(mt reflect.Type) [][]reflect.Value {
	var sets [][]reflect.Value
	for variant := range 2 {
		var args []reflect.Value
		strs := 0
		last := -1
		for i := range mt.NumIn() {
			if mt.In(i).Kind() == reflect.String {
				last = i
			}
		}
		for i := range mt.NumIn() {
			in := mt.In(i)
			switch {
			case i == 0:
				args = append(args, reflect.ValueOf(context.Background()))
			case mt.IsVariadic() && i == mt.NumIn()-1:
				// no options
			case in.Kind() == reflect.String:
				strs++
				v := fmt.Sprint(strs)
				if variant == 1 && i == last {
					v = ConsentOptIn
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

// filled returns a value of type t with its required-looking parts set: a
// union decoded from a small JSON object, string fields "1", slices with one
// element, pointers to such values.
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
		if u, ok := v.Addr().Interface().(json.Unmarshaler); ok {
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

// callReflect calls a service method and, when it returns an iterator,
// takes its first element.
func callReflect(m reflect.Value, args []reflect.Value) {
	for _, o := range m.Call(args) {
		if !o.IsValid() {
			continue
		}
		// A streamed result (a Download) holds the connection until closed.
		if c, ok := o.Interface().(io.Closer); ok && !o.IsNil() {
			_ = c.Close()
		}
		if o.Kind() != reflect.Func {
			continue
		}
		// An iter.Seq2[T, error]: range over it once.
		yield := reflect.MakeFunc(o.Type().In(0), func([]reflect.Value) []reflect.Value {
			return []reflect.Value{reflect.ValueOf(false)}
		})
		o.Call([]reflect.Value{yield})
	}
}
