package intercomtest

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intercomkit/intercom-go/intercom"
)

// TestHelpersSpellIntercomNames proves issue 23 item 3 for the fake's
// helpers: no exported function or method of package intercomtest names a
// type of package gen in its signature (srv.AddContact takes and returns an
// intercom.Contact), so a test of user code imports intercom and
// intercomtest only. The helpers that return one object return a pointer
// (Me, DefaultTicketType) or a value with its error, and either combines
// with the nil-safe getters without `&`.
func TestHelpersSpellIntercomNames(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	funcs, bad := 0, []string{}
	for _, p := range files {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || !fd.Name.IsExported() || !exportedRecv(fd) {
				continue
			}
			funcs++
			ast.Inspect(fd.Type, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok {
					if id, ok := sel.X.(*ast.Ident); ok && id.Name == "gen" {
						bad = append(bad, fmt.Sprintf("%s: %s names gen.%s", fset.Position(fd.Pos()), fd.Name.Name, sel.Sel.Name))
					}
					return false
				}
				return true
			})
		}
	}
	if funcs < 30 {
		t.Fatalf("only %d exported functions and methods found: the walk is broken", funcs)
	}
	if len(bad) > 0 {
		t.Errorf("%d exported signatures of intercomtest name package gen (spell intercom's alias):\n%s", len(bad), strings.Join(bad, "\n"))
	}

	// The helpers combine with the getters as written (a compile-time check).
	srv := NewServer(t)
	c, err := srv.AddContact(intercom.Contact{Email: intercom.Ptr("ada@example.com")})
	if err != nil {
		t.Fatal(err)
	}
	got, ok := srv.Contact(c.GetId())
	if !ok || got.GetEmail() != "ada@example.com" || srv.Me().GetId() == "" || srv.DefaultTicketType().GetId() == "" {
		t.Errorf("helpers and getters: contact %q found %v, me %q, ticket type %q", got.GetEmail(), ok, srv.Me().GetId(), srv.DefaultTicketType().GetId())
	}
}

// exportedRecv reports whether fd is a function or a method of an exported
// type.
func exportedRecv(fd *ast.FuncDecl) bool {
	if fd.Recv == nil {
		return true
	}
	t := fd.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	id, ok := t.(*ast.Ident)
	return ok && id.IsExported()
}
