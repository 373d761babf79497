package contract

// Table entries for operations that only some supported API versions have. A typed entry
// (op) names facade methods and gen types at compile time, so it cannot be in the table
// when the pinned version lacks them: the package would not build. A dynOp entry names
// its method as a string and gives its arguments as data; it is resolved by reflection
// when it runs, and skipped, uncounted, on a version without its operation.

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom"
)

// jsonArg is an argument of a dynOp entry: a JSON literal decoded into the type of the
// method's parameter at its position (into what it points to, for a pointer parameter
// such as *gen.ListAudiencesParams), with the checks of decodeBody: no field the type
// lacks, the same JSON back when encoded, enum values among the declared ones.
type jsonArg string

// dynCall is what dynOp records: the facade method, Client.<service>.<method>, and its
// arguments after ctx.
type dynCall struct {
	method string // "Service.Method", as written in the entry
	args   []any
}

// dynOp makes an entry for operation id that only some supported API versions have,
// calling the facade method named "Service.Method" (c.Audiences.Create is
// "Audiences.Create"). args are the method's arguments after ctx, in order:
//   - a string for a string parameter (a path id);
//   - a jsonArg for any other parameter (a request body, or a params struct);
//   - nil for an optional pointer parameter (params that may be nil);
//   - then any number of intercom.Option values for the method's variadic options.
//
// The method is resolved and the arguments built when the entry runs, with errors for a
// missing method, a wrong number or kind of arguments, or a literal that does not fit;
// the verdict is got's: the method's error, or an error when it returned a nil result
// without one. On a version whose gen.Operations lacks id the entry is skipped and not
// counted; TestOperationsCoverTable then checks that another supported version has the
// operation, under the same Service.Method (see checkTable).
func dynOp(id, method string, args ...any) call {
	d := &dynCall{method: method, args: args}
	return call{name: id, op: id, dyn: d, fn: func(ctx context.Context, c *intercom.Client) error {
		invoke, err := d.prepare(c)
		if err != nil {
			return err
		}
		return invoke(ctx)
	}}
}

// tableOp makes an entry for operation id that calls the facade method the pinned
// version's operations table (api/operations/<version>.yaml) gives it, with args as for
// dynOp: the entry holds only the data a person chooses (path ids, a body or params as
// JSON), not the method, so a method the table renames or a body type that changes name
// needs no edit here. withDerived fills the method in; an operation the pinned version
// lacks is skipped, uncounted, as for dynOp.
func tableOp(id string, args ...any) call {
	return dynOp(id, "", args...)
}

var (
	contextType = reflect.TypeFor[context.Context]()
	errorType   = reflect.TypeFor[error]()
	stringType  = reflect.TypeFor[string]()
)

// prepare resolves the method on c and builds its arguments, without calling it. The
// returned function calls it and returns the verdict.
func (d *dynCall) prepare(c *intercom.Client) (func(context.Context) error, error) {
	m, err := d.resolve(c)
	if err != nil {
		return nil, err
	}
	mt := m.Type()
	fixed := mt.NumIn() // parameters that take exactly one argument, ctx included
	var optType reflect.Type
	if mt.IsVariadic() {
		fixed--
		optType = mt.In(mt.NumIn() - 1).Elem()
	}
	in := make([]reflect.Value, 1, 1+len(d.args)) // in[0] is ctx, set per call
	for i, a := range d.args {
		if i+1 < fixed {
			v, err := dynArg(a, mt.In(i+1))
			if err != nil {
				return nil, fmt.Errorf("contract: %s: argument %d: %w", d.method, i+1, err)
			}
			in = append(in, v)
			continue
		}
		v := reflect.ValueOf(a)
		if optType == nil || !v.IsValid() || !v.Type().AssignableTo(optType) {
			return nil, fmt.Errorf("contract: %s takes %d arguments after ctx (%s); argument %d (%T) is one too many",
				d.method, fixed-1, mt, i+1, a)
		}
		in = append(in, v)
	}
	if got := len(in) - 1; got < fixed-1 {
		return nil, fmt.Errorf("contract: %s takes %d arguments after ctx (%s); the entry gives %d", d.method, fixed-1, mt, got)
	}
	return func(ctx context.Context) error {
		args := append([]reflect.Value{reflect.ValueOf(&ctx).Elem()}, in[1:]...)
		return dynVerdict(m.Call(args))
	}, nil
}

// resolve finds Client.<service>.<method> and checks that it has a facade method's
// shape: (ctx context.Context, ...) returning error or (*T, error).
func (d *dynCall) resolve(c *intercom.Client) (reflect.Value, error) {
	if d.method == "" {
		return reflect.Value{}, fmt.Errorf("contract: a tableOp entry whose operation api/operations/%s.yaml gives no method", gen.APIVersion)
	}
	svcName, name, ok := strings.Cut(d.method, ".")
	if !ok || svcName == "" || name == "" || strings.Contains(name, ".") {
		return reflect.Value{}, fmt.Errorf("contract: dynOp method %q is not Service.Method", d.method)
	}
	cv := reflect.ValueOf(c)
	if cv.IsNil() {
		return reflect.Value{}, errors.New("contract: nil client")
	}
	sf, ok := cv.Elem().Type().FieldByName(svcName)
	if !ok || !sf.IsExported() {
		return reflect.Value{}, fmt.Errorf("contract: intercom.Client has no service %s (API %s)", svcName, gen.APIVersion)
	}
	svc := cv.Elem().FieldByIndex(sf.Index)
	m := svc.MethodByName(name)
	if !m.IsValid() {
		return reflect.Value{}, fmt.Errorf("contract: %s has no method %s (API %s)", svc.Type(), name, gen.APIVersion)
	}
	mt := m.Type()
	if mt.NumIn() == 0 || mt.In(0) != contextType {
		return reflect.Value{}, fmt.Errorf("contract: %s %s does not take a context.Context first", d.method, mt)
	}
	switch {
	case mt.NumOut() == 1 && mt.Out(0) == errorType:
	case mt.NumOut() == 2 && mt.Out(0).Kind() == reflect.Pointer && mt.Out(1) == errorType:
	default:
		return reflect.Value{}, fmt.Errorf("contract: %s %s returns neither error nor (*T, error)", d.method, mt)
	}
	return m, nil
}

// dynArg turns one argument of a dynOp entry into the value of a parameter of type pt.
func dynArg(a any, pt reflect.Type) (reflect.Value, error) {
	switch a := a.(type) {
	case nil:
		switch pt.Kind() {
		case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice:
			return reflect.Zero(pt), nil
		}
		return reflect.Value{}, fmt.Errorf("nil given for a parameter of type %s, which cannot be nil", pt)
	case string:
		if pt != stringType {
			return reflect.Value{}, fmt.Errorf("the string %q given for a parameter of type %s (only string parameters, path ids, take one; use jsonArg)", a, pt)
		}
		return reflect.ValueOf(a), nil
	case jsonArg:
		target := pt
		if pt.Kind() == reflect.Pointer {
			target = pt.Elem()
		}
		p := reflect.New(target)
		if err := decodeInto(string(a), p.Interface()); err != nil {
			return reflect.Value{}, err
		}
		if pt.Kind() == reflect.Pointer {
			return p, nil
		}
		return p.Elem(), nil
	default:
		return reflect.Value{}, fmt.Errorf("%T given for a parameter of type %s: want a string (path id), a jsonArg or nil", a, pt)
	}
}

// dynVerdict is got's verdict on the results of a facade method: error, or (*T, error).
func dynVerdict(out []reflect.Value) error {
	if err, _ := out[len(out)-1].Interface().(error); err != nil {
		return err
	}
	if len(out) == 2 && out[0].IsNil() {
		return errNoResult
	}
	return nil
}
