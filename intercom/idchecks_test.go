package intercom

import (
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
)

// serviceIDParam is one string id parameter of a service method, found in
// the package's source: methods take path and body ids as string parameters
// named <kind>ID.
type serviceIDParam struct {
	recv, method string // "TicketsService", "ReplyAsAdmin"
	params       []string
	index        int // of the id among params (ctx is 0)
}

// serviceIDParams lists every string <kind>ID parameter of every exported
// method of every *...Service type, hand-written and generated.
func serviceIDParams(t *testing.T) map[string][]serviceIDParam {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	out := map[string][]serviceIDParam{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range af.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || !fd.Name.IsExported() {
				continue
			}
			star, ok := fd.Recv.List[0].Type.(*ast.StarExpr)
			if !ok {
				continue
			}
			recv, ok := star.X.(*ast.Ident)
			if !ok || !strings.HasSuffix(recv.Name, "Service") {
				continue
			}
			var names []string
			var kinds []string
			for _, p := range fd.Type.Params.List {
				typ := ""
				if id, ok := p.Type.(*ast.Ident); ok {
					typ = id.Name
				}
				for _, n := range p.Names {
					names = append(names, n.Name)
					kinds = append(kinds, typ)
				}
			}
			for i, n := range names {
				if kinds[i] == "string" && strings.HasSuffix(n, "ID") {
					out[n] = append(out[n], serviceIDParam{recv: recv.Name, method: fd.Name.Name, params: names, index: i})
				}
			}
		}
	}
	return out
}

// TestIDChecksSameForEveryMethod calls every service method that takes a
// given kind of id (every parameter named adminID, ticketID, ...) with a bad
// id, and requires every such method to treat it the same way: refused
// before sending, with ErrInvalidID, or sent by all of them. Found this way:
// Admins.Get refused admin id "abc" (not a number) while Tickets.ReplyAsAdmin,
// Conversations.Assign and Contacts.AddNote sent it.
func TestIDChecksSameForEveryMethod(t *testing.T) {
	var sent atomic.Int64
	c, _ := coreClient(t, "http://127.0.0.1:1", WithMaxRetries(0), WithHTTPClient(&http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		sent.Add(1)
		return fakeResponse(r, http.StatusOK, `{}`), nil
	})}))
	services := reflect.ValueOf(c.Services)

	// Different kinds of id that happen to share a parameter name.
	distinct := map[string]map[string]bool{
		// Conversation data attributes (numbers) and ticket type attributes.
		"attributeID": {"TicketTypesService.UpdateAttribute": true},
		// Content import sources (numbers) and conversation sources.
		"sourceID": {"ConversationsService.RedactSource": true},
		// Team assignment takes "0" for "no team"; every other method a team id.
		"teamID": {"ConversationsService.AssignTeam": true},
	}
	// Generated methods whose check the generator must change (see
	// CONTRIBUTING, "Id checks"): listed so this test keeps failing for
	// anything new, and fails when an entry is fixed, so it is removed.
	generatorTodo := map[string]bool{
		// Empty: the help center redirects check help_center_id as a
		// number (numeric: in api/operations), and admin ids taken from a
		// body (args: [AdminId=adminID]) get requireAdminID.
	}
	// Methods whose id is optional: "" means "not set" (documented).
	optional := map[string]bool{
		"adminID ContactsService.AddNote": true, // "" is the token's admin
	}

	bad := []string{"", "abc", "-1", "..", "a\nb"}
	for kind, ms := range serviceIDParams(t) {
		type verdict struct {
			method  string
			refused []bool // per bad id
		}
		var verdicts []verdict
		for _, m := range ms {
			name := m.recv + "." + m.method
			if distinct[kind][name] {
				continue
			}
			var v verdict
			v.method = name
			ok := true
			for _, id := range bad {
				refused, observable := callWithID(t, services, m, id, &sent)
				if !observable {
					ok = false
					break
				}
				v.refused = append(v.refused, refused)
			}
			if ok {
				verdicts = append(verdicts, v)
			}
		}
		if len(verdicts) < 2 {
			continue
		}
		// The strictest check of the kind is the rule.
		want := make([]bool, len(bad))
		for _, v := range verdicts {
			for i, r := range v.refused {
				want[i] = want[i] || r
			}
		}
		sort.Slice(verdicts, func(i, j int) bool { return verdicts[i].method < verdicts[j].method })
		for _, v := range verdicts {
			todo := generatorTodo[kind+" "+v.method]
			if optional[kind+" "+v.method] {
				v.refused[0] = want[0] // bad[0] is ""
			}
			same := slices.Equal(v.refused, want)
			switch {
			case !same && !todo:
				var sentIDs []string
				for i, r := range v.refused {
					if !r && want[i] {
						sentIDs = append(sentIDs, strings.ReplaceAll(bad[i], "\n", `\n`))
					}
				}
				t.Errorf("%s sends %s %q, which other methods taking a %s refuse before sending", v.method, kind, sentIDs, kind)
			case same && todo:
				t.Errorf("%s now checks %s like the others: remove it from generatorTodo", v.method, kind)
			}
		}
	}
}

// callWithID calls the method of m with id as its id parameter and valid
// values elsewhere. It reports whether the call was refused before sending
// with an error wrapping ErrInvalidID, and whether that can be observed: a
// method that refuses its zero-valued body even with good ids cannot say
// anything about its ids.
func callWithID(t *testing.T, services reflect.Value, m serviceIDParam, id string, sent *atomic.Int64) (refused, observable bool) {
	t.Helper()
	var svc reflect.Value
	for i := range services.NumField() {
		if f := services.Field(i); f.Type().Elem().Name() == m.recv {
			svc = f
		}
	}
	if !svc.IsValid() {
		t.Fatalf("no service field of type *%s", m.recv)
	}
	meth := svc.MethodByName(m.method)
	call := func(id string) (sentNow bool, err error) {
		mt := meth.Type()
		args := []reflect.Value{reflect.ValueOf(context.Background())}
		for i := 1; i < mt.NumIn(); i++ {
			in := mt.In(i)
			if mt.IsVariadic() && i == mt.NumIn()-1 {
				break
			}
			v := reflect.New(in).Elem()
			if in.Kind() == reflect.String {
				v.SetString("1")
				if i == m.index {
					v.SetString(id)
				}
			}
			args = append(args, v)
		}
		before := sent.Load()
		outs := meth.Call(args)
		switch last := outs[len(outs)-1]; {
		case last.Type() == reflect.TypeFor[error]():
			if !last.IsNil() {
				err = last.Interface().(error)
			}
		case last.Kind() == reflect.Func:
			err = firstErr(last)
		}
		return sent.Load() > before, err
	}
	if good, _ := call("1"); !good {
		return false, false
	}
	s, err := call(id)
	return !s && errors.Is(err, ErrInvalidID), true
}

// firstErr ranges over an iter.Seq2[T, error] held in v and returns the
// error of its first pair.
func firstErr(v reflect.Value) error {
	var err error
	yield := reflect.MakeFunc(v.Type().In(0), func(args []reflect.Value) []reflect.Value {
		if e, _ := args[1].Interface().(error); e != nil {
			err = e
		}
		return []reflect.Value{reflect.ValueOf(false)}
	})
	v.Call([]reflect.Value{yield})
	return err
}
