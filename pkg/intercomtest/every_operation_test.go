package intercomtest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

// TestEveryServiceMethodAnswered calls every exported method of every
// service of a client made by the fake, by reflection (with ids "1", "2",
// ... and request values whose strings are "1"), and fails for any answer
// 501: the fake serves every operation of the description. It also checks
// that every operation of gen.Operations was reached.
func TestEveryServiceMethodAnswered(t *testing.T) {
	srv := intercomtest.NewServer(t)
	c, err := srv.NewClient(intercom.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	sv := reflect.ValueOf(&c.Services).Elem()
	methods := 0
	var unserved []string
	for i := range sv.NumField() {
		svc := sv.Field(i)
		for m := range svc.NumMethod() {
			name := sv.Type().Field(i).Name + "." + svc.Type().Method(m).Name
			methods++
			// The second variant puts "opt_in" in the last string argument,
			// for enumerated arguments the client checks before sending.
			for variant := range 2 {
				before := len(srv.Requests())
				for _, err := range callMethod(svc.Method(m), variant == 1) {
					var apiErr *intercom.Error
					if errors.As(err, &apiErr) && apiErr.StatusCode == 501 {
						unserved = append(unserved, fmt.Sprintf("%s: %v", name, err))
					}
				}
				if len(srv.Requests()) > before {
					break
				}
			}
		}
	}
	if len(unserved) > 0 {
		t.Errorf("%d methods got 501 from the fake:\n  %s", len(unserved), strings.Join(unserved, "\n  "))
	}
	reached := map[string]bool{}
	for _, r := range srv.Requests() {
		reached[r.Route] = true
	}
	var missing []string
	for _, op := range gen.Operations {
		if !reached[op.Method+" "+op.Path] {
			missing = append(missing, op.Method+" "+op.Path)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%d operations were not reached (or not routed to their own route):\n  %s", len(missing), strings.Join(missing, "\n  "))
	}
	if methods < len(gen.Operations) {
		t.Errorf("only %d exported service methods for %d operations", methods, len(gen.Operations))
	}
	t.Logf("%d methods called, %d of %d operations reached, none answered 501", methods, len(gen.Operations)-len(missing), len(gen.Operations))
}

// callMethod calls m with generated arguments and returns the errors it
// reported (an iterator's first element included).
func callMethod(m reflect.Value, lastOptIn bool) []error {
	mt := m.Type()
	last := -1
	for i := range mt.NumIn() {
		if mt.In(i).Kind() == reflect.String {
			last = i
		}
	}
	args := []reflect.Value{reflect.ValueOf(context.Background())}
	strs := 0
	for i := 1; i < mt.NumIn(); i++ {
		in := mt.In(i)
		switch {
		case mt.IsVariadic() && i == mt.NumIn()-1:
		case in.Kind() == reflect.String:
			strs++
			v := fmt.Sprint(strs)
			if lastOptIn && i == last {
				v = intercom.ConsentOptIn
			}
			args = append(args, reflect.ValueOf(v).Convert(in))
		default:
			args = append(args, filledValue(in))
		}
	}
	var errs []error
	for _, o := range m.Call(args) {
		if !o.IsValid() {
			continue
		}
		if c, ok := o.Interface().(io.Closer); ok && !o.IsNil() {
			_ = c.Close()
		}
		if err, ok := o.Interface().(error); ok && err != nil {
			errs = append(errs, err)
		}
		if o.Kind() != reflect.Func {
			continue
		}
		yield := reflect.MakeFunc(o.Type().In(0), func(a []reflect.Value) []reflect.Value {
			if err, ok := a[1].Interface().(error); ok && err != nil {
				errs = append(errs, err)
			}
			return []reflect.Value{reflect.ValueOf(false)}
		})
		o.Call([]reflect.Value{yield})
	}
	return errs
}

// filledValue returns a value of t with its strings "1", slices of one
// element and unions decoded from a small object.
func filledValue(t reflect.Type) reflect.Value {
	v := reflect.New(t).Elem()
	switch t.Kind() {
	case reflect.Pointer:
		v.Set(filledValue(t.Elem()).Addr())
	case reflect.String:
		v.SetString("1")
	case reflect.Slice:
		s := reflect.MakeSlice(t, 1, 1)
		s.Index(0).Set(filledValue(t.Elem()))
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
				v.Field(i).Set(filledValue(f.Type))
			}
		}
	}
	return v
}
