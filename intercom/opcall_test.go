package intercom

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
)

// A hand-written test of an operation that a later API version may remove calls it
// through these helpers instead of naming its method: the method is found by reflection
// from the operation's Service and Method (the generated operations table), so the
// package still builds when `make bump-api` drops the operation, and the test is skipped
// with a printed reason naming it (skipWithoutOp) only on a version without it.

// skipWithoutOp skips t, saying why, when the pinned description has no operation id.
func skipWithoutOp(t *testing.T, id string) {
	t.Helper()
	if id != "" && operations[id] == nil {
		t.Skipf("operation %s is not in API %s (gen.Operations): nothing to test", id, APIVersion)
	}
}

// opMethod returns the service method of operation id on c.
func opMethod(c *Client, id string) (reflect.Value, error) {
	op := operations[id]
	if op == nil {
		return reflect.Value{}, fmt.Errorf("operation %s is not in API %s", id, APIVersion)
	}
	svc := reflect.ValueOf(&c.Services).Elem().FieldByName(op.Service)
	if !svc.IsValid() {
		return reflect.Value{}, fmt.Errorf("operation %s: no service %s", id, op.Service)
	}
	m := svc.MethodByName(op.Method)
	if !m.IsValid() {
		return reflect.Value{}, fmt.Errorf("operation %s: %s has no method %s", id, op.Service, op.Method)
	}
	return m, nil
}

// opCall returns a svcCase call of operation id with args after ctx; its result is the
// method's result (nil for a method that returns only an error).
func opCall(id string, args ...any) func(ctx context.Context, c *Client) (any, error) {
	return func(ctx context.Context, c *Client) (any, error) {
		m, err := opMethod(c, id)
		if err != nil {
			return nil, err
		}
		mt := m.Type()
		if mt.NumIn() != len(args)+1 && !mt.IsVariadic() {
			return nil, fmt.Errorf("operation %s: %s takes %d arguments after ctx, the test gives %d", id, mt, mt.NumIn()-1, len(args))
		}
		in := []reflect.Value{reflect.ValueOf(&ctx).Elem()}
		for i, a := range args {
			if i+1 >= mt.NumIn() || mt.IsVariadic() && i+1 == mt.NumIn()-1 {
				return nil, fmt.Errorf("operation %s: argument %d (%T) does not fit %s", id, i+1, a, mt)
			}
			v := reflect.ValueOf(a)
			if !v.IsValid() || !v.Type().AssignableTo(mt.In(i+1)) {
				return nil, fmt.Errorf("operation %s: argument %d (%T) does not fit %s", id, i+1, a, mt)
			}
			in = append(in, v)
		}
		out := m.Call(in)
		err, _ = out[len(out)-1].Interface().(error)
		if len(out) == 1 {
			return nil, err
		}
		return out[0].Interface(), err
	}
}

// opIDCall is opCall for a svcIDCase: operation id called with one path id.
func opIDCall(op string) func(ctx context.Context, c *Client, id string) error {
	return func(ctx context.Context, c *Client, id string) error {
		_, err := opCall(op, id)(ctx, c)
		return err
	}
}

func TestOpCallHelpers(t *testing.T) {
	skipWithoutOp(t, "IdentifyAdmin")
	skipWithoutOp(t, "RetrieveAdmin")
	c, seen := svcServer(t, nil)
	if _, err := opCall("NoSuchOperation")(context.Background(), c); err == nil {
		t.Error("opCall of an unknown operation: no error")
	}
	if _, err := opCall("IdentifyAdmin", "extra")(context.Background(), c); err == nil {
		t.Error("opCall with an argument too many: no error")
	}
	err := opIDCall("RetrieveAdmin")(context.Background(), c, "")
	if !errors.Is(err, ErrInvalidID) {
		t.Errorf("opIDCall(RetrieveAdmin, \"\"): err = %v, want ErrInvalidID (the method itself ran)", err)
	}
	if n := len(seen()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
	t.Run("absent", func(t *testing.T) {
		skipWithoutOp(t, "NoSuchOperation")
		t.Error("skipWithoutOp did not skip for an operation the description lacks")
	})
}
