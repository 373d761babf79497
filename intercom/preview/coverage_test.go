package preview_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	gen "github.com/intercomkit/intercom-go/gen/preview"
	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/intercom/preview"
)

// leftOut are the Preview operations the lenient generator leaves out, each
// with its reason (make generate prints the same list): none today. The test
// fails when one of them is reached (the list is stale) or when any other
// operation is not.
var leftOut = map[string]string{}

// TestCoverageEveryPreviewOperationReachable calls every exported method of
// every service of a preview.Client, by reflection, against a server that
// records each request, and maps each request back to the Preview operation
// whose method and path template it matches: only a request that reached the
// server counts. Every request must carry Intercom-Version: Preview.
func TestCoverageEveryPreviewOperationReachable(t *testing.T) {
	var mu sync.Mutex
	type hit struct{ method, path, version string }
	var hits []hit
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits = append(hits, hit{r.Method, r.URL.EscapedPath(), r.Header.Get("Intercom-Version")})
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	parent, err := intercom.NewClient("tok_coverage", intercom.WithBaseURL(srv.URL), intercom.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	defer parent.CloseIdleConnections()
	p := preview.New(parent)

	matchers := operationMatchers(gen.Operations)
	reachedBy := map[string][]string{}
	sv := reflect.ValueOf(&p.Services).Elem()
	methods := 0
	for i := range sv.NumField() {
		svc := sv.Field(i)
		for m := range svc.NumMethod() {
			name := sv.Type().Field(i).Name + "." + svc.Type().Method(m).Name
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
				if h.version != preview.APIVersion {
					t.Errorf("%s sent Intercom-Version %q, want %q", name, h.version, preview.APIVersion)
				}
				id := matchOperation(matchers, h.method, h.path)
				if id == "" {
					t.Errorf("%s sent %s %s, which is no Preview operation", name, h.method, h.path)
					continue
				}
				reachedBy[id] = append(reachedBy[id], name)
			}
			mu.Unlock()
		}
	}
	var missing []string
	reached := 0
	for _, op := range gen.Operations {
		_, listed := leftOut[op.ID]
		switch {
		case len(reachedBy[op.ID]) > 0 && listed:
			t.Errorf("%s is reached by %v but listed in leftOut: drop it from the list", op.ID, reachedBy[op.ID])
		case len(reachedBy[op.ID]) > 0:
			reached++
		case !listed:
			missing = append(missing, fmt.Sprintf("%s (%s %s)", op.ID, op.Method, op.Path))
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d of %d Preview operations are not sent by any exported method:\n  %s",
			len(missing), len(gen.Operations), strings.Join(missing, "\n  "))
	}
	t.Logf("%d/%d operations reached through %d exported methods (%d left out by the lenient generator, listed with their reason in leftOut)",
		reached, len(gen.Operations), methods, len(leftOut))
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
		pat := regexp.MustCompile(`\\\{[^}]+\\\}`).ReplaceAllString(regexp.QuoteMeta(op.Path), `[^/]+`)
		ms = append(ms, opMatcher{id: op.ID, method: op.Method, re: regexp.MustCompile("^" + pat + "$"), params: strings.Count(op.Path, "{")})
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

// argumentSets returns the argument lists to try (ctx first, no options):
// string arguments are distinct numbers; the second set puts "opt_in" in
// the last one, for an enumerated argument such as a consent type.
func argumentSets(mt reflect.Type) [][]reflect.Value {
	last := -1
	for i := range mt.NumIn() {
		if mt.In(i).Kind() == reflect.String {
			last = i
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
				if variant == 1 && i == last {
					v = intercom.ConsentOptIn
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

// callReflect calls a method and, when it returns an iterator, takes its
// first element; a Download is closed.
func callReflect(m reflect.Value, args []reflect.Value) {
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
