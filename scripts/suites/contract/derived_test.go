package contract

// Entries derived from the operations table instead of written by hand. An operation
// whose facade method takes nothing but path ids (and optional params that may be nil,
// and options) needs no knowledge a person adds: its method is the one the pinned
// version's per-operation table (api/operations/<version>.yaml) gives it, and its
// arguments follow from the method's signature. Such operations have no hand-written
// entry, so the table follows the version by itself: an operation a new version adds
// gets an entry, and one it removes loses its entry, with no edit here.

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom"
)

// derivedID is the path id of a derived entry. Prism only checks a path parameter's
// type, and the description types every id as a string or an integer: a positive
// decimal number fits both, and the facade's id checks (non-empty, no dot segment, a
// positive number where the description says integer).
const derivedID = "123"

// calls is the table TestContract runs: the hand-written entries and the derived ones.
var calls = withDerived(handCalls, mustPinnedTable())

// mustPinnedTable reads the pinned version's per-operation table; on error it returns
// nil, so no entry is derived, the coverage rule fails and TestOperationsCoverTable
// reports the unreadable table (currentTableCheck).
func mustPinnedTable() map[string]string {
	b, err := os.ReadFile(filepath.Join(opsTablesDir, gen.APIVersion+".yaml"))
	if err != nil {
		return nil
	}
	t, err := parseOpsTable(string(b))
	if err != nil {
		return nil
	}
	return t
}

// withDerived returns hand, with the method of each tableOp entry filled in from
// table, and, after it, a derived entry (a dynOp built here, not
// written by hand) for every operation of gen.Operations that hand has no entry for and
// whose method, as table gives it, is derivable (derivedArgs). An operation on the
// exceptions list (not called, with its reason) gets no entry.
func withDerived(hand []call, table map[string]string) []call {
	have := map[string]bool{}
	for _, c := range hand {
		have[c.op] = true
	}
	out := append([]call(nil), hand...)
	for i, c := range out {
		if c.dyn != nil && c.dyn.method == "" && table[c.op] != "" { // a tableOp entry
			out[i] = dynOp(c.op, table[c.op], c.dyn.args...)
			out[i].name = c.name
		}
	}
	for _, op := range gen.Operations {
		method, ok := table[op.ID]
		if _, skip := excepted(exceptions, op.ID); !ok || have[op.ID] || skip {
			continue
		}
		args, err := derivedArgs(method, strings.Count(op.Path, "{"))
		if err != nil {
			continue // needs a hand-written entry; the coverage rule counts it missing
		}
		out = append(out, dynOp(op.ID, method, args...))
	}
	return out
}

// derivedArgs returns the arguments after ctx of the facade method "Service.Method" of
// an operation with pathIDs path parameters: a derivedID for each of its string
// parameters, which must be exactly the path ids, and nil for a pointer to a params
// struct with no required field. Any other parameter (a body, a body field taken as a
// positional string argument, a list of ids, params with a required field) is knowledge
// a hand-written entry gives, and derivedArgs returns an error.
func derivedArgs(method string, pathIDs int) ([]any, error) {
	svcName, name, _ := strings.Cut(method, ".")
	sf, ok := reflect.TypeFor[intercom.Client]().FieldByName(svcName)
	if !ok {
		return nil, fmt.Errorf("no service %s", svcName)
	}
	m, ok := sf.Type.MethodByName(name)
	if !ok {
		return nil, fmt.Errorf("%s has no method %s", sf.Type, name)
	}
	mt := m.Type // the receiver is In(0), ctx In(1)
	if ok := mt.NumOut() == 1 || mt.NumOut() == 2 && mt.Out(0).Kind() == reflect.Pointer; !ok {
		return nil, fmt.Errorf("%s returns %s: its verdict needs a hand-written entry", method, mt)
	}
	last := mt.NumIn()
	if mt.IsVariadic() {
		last-- // options
	}
	var args []any
	ids := 0
	for i := 2; i < last; i++ {
		pt := mt.In(i)
		switch {
		case pt == stringType:
			ids++
			args = append(args, derivedID)
		case pt.Kind() == reflect.Pointer && pt.Elem().Kind() == reflect.Struct && !hasRequiredField(pt.Elem()):
			args = append(args, nil)
		default:
			return nil, fmt.Errorf("%s: parameter %d (%s) needs a hand-written value", method, i-1, pt)
		}
	}
	if ids != pathIDs {
		return nil, fmt.Errorf("%s takes %d string arguments for %d path ids: the others are body fields", method, ids, pathIDs)
	}
	return args, nil
}

// hasRequiredField reports whether the params struct st has a field the API requires:
// one that is neither a pointer, a slice nor a map (oapi-codegen makes every optional
// parameter one of those).
func hasRequiredField(st reflect.Type) bool {
	for i := range st.NumField() {
		switch st.Field(i).Type.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map:
		default:
			return true
		}
	}
	return false
}

// Derivation follows the table: with no hand-written entry, every operation whose method
// takes only path ids gets an entry that resolves with its arguments; an operation with a
// body gets none; a hand-written entry wins; an operation missing from the table (a
// removed one) gets none.
func TestDerivedEntries(t *testing.T) {
	table := mustPinnedTable()
	if len(table) == 0 {
		t.Fatalf("no per-operation table for API %s in %s", gen.APIVersion, opsTablesDir)
	}
	c := offlineClient(t)
	byOp := map[string]call{}
	for _, cl := range withDerived(nil, table) {
		byOp[cl.op] = cl
		if _, err := cl.dyn.prepare(c); err != nil {
			t.Errorf("derived entry %s: %v", cl.name, err)
		}
	}
	var withID, withBody int
	for _, op := range gen.Operations {
		m, ok := table[op.ID]
		if !ok {
			continue
		}
		_, err := derivedArgs(m, strings.Count(op.Path, "{"))
		_, derived := byOp[op.ID]
		_, isException := excepted(exceptions, op.ID)
		switch {
		case err == nil && !derived && !isException:
			t.Errorf("%s (%s) is derivable but got no entry", op.ID, m)
		case err != nil && derived:
			t.Errorf("%s (%s) got a derived entry although %v", op.ID, m, err)
		case err == nil && strings.Contains(op.Path, "{"):
			withID++
		case err != nil && op.Method == "POST":
			withBody++
		}
	}
	if withID == 0 || withBody == 0 {
		t.Errorf("derived %d operations with path ids and refused %d POSTs: want some of each", withID, withBody)
	}

	id := gen.Operations[0].ID
	hand := []call{op(id, func(context.Context, *intercom.Client) error { return nil })}
	for _, cl := range withDerived(hand, table) {
		if cl.op == id && cl.dyn != nil {
			t.Errorf("%s: a derived entry next to the hand-written one", id)
		}
	}
	trimmed := maps.Clone(table)
	delete(trimmed, id)
	for _, cl := range withDerived(nil, trimmed) {
		if cl.op == id {
			t.Errorf("%s: an entry for an operation the table does not list", id)
		}
	}
	t.Logf("API %s: %d entries derived of %d operations in the table", gen.APIVersion, len(byOp), len(table))
}
