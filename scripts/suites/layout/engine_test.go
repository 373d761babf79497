package layout

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const (
	modulePath   = "github.com/intercomkit/intercom-go"
	engineImport = modulePath + "/intercom/internal/engine"
)

// parseDir parses the non-test Go files of dir (relative to the repository
// root), by name.
func parseDir(t *testing.T, dir string) map[string]*ast.File {
	t.Helper()
	root := filepath.Join("..", "..", "..")
	entries, err := os.ReadDir(filepath.Join(root, dir))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]*ast.File{}
	fset := token.NewFileSet()
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(root, dir, e.Name()), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = f
	}
	if len(files) == 0 {
		t.Fatalf("no Go files in %s", dir)
	}
	return files
}

func imports(f *ast.File, path string) bool {
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == path {
			return true
		}
	}
	return false
}

// anyFunc reports whether a func type takes or returns any (interface{}).
func anyFunc(ft *ast.FuncType) bool {
	isAny := func(e ast.Expr) bool {
		if id, ok := e.(*ast.Ident); ok && id.Name == "any" {
			return true
		}
		it, ok := e.(*ast.InterfaceType)
		return ok && len(it.Methods.List) == 0
	}
	for _, fl := range []*ast.FieldList{ft.Params, ft.Results} {
		if fl == nil {
			continue
		}
		for _, f := range fl.List {
			if isAny(f.Type) {
				return true
			}
		}
	}
	return false
}

// TestOneEngineTypedCalls: package intercom and intercom/preview run every
// call on one engine, intercom/internal/engine, which they call with typed
// arguments. It fails on the design issue 19 rejected: an any-typed bridge
// (a table of functions taking any, filled in by package intercom's init)
// between the two surfaces.
func TestOneEngineTypedCalls(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	if _, err := os.Stat(filepath.Join(root, "intercom", "internal", "bridge")); err == nil {
		t.Error("intercom/internal/bridge exists: the surfaces must call intercom/internal/engine directly")
	}
	for _, dir := range []string{"intercom", filepath.Join("intercom", "preview")} {
		files := parseDir(t, dir)
		usesEngine := false
		for name, f := range files {
			if imports(f, engineImport) {
				usesEngine = true
			}
			for _, imp := range f.Imports {
				if p, _ := strconv.Unquote(imp.Path.Value); strings.HasPrefix(p, modulePath+"/intercom/internal/") &&
					p != engineImport && p != modulePath+"/intercom/internal/coverage" {
					t.Errorf("%s/%s imports %s: the engine is intercom/internal/engine", dir, name, p)
				}
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncDecl:
					// No init fills in another package's variables.
					if n.Name.Name == "init" && n.Recv == nil && n.Body != nil {
						ast.Inspect(n.Body, func(m ast.Node) bool {
							if as, ok := m.(*ast.AssignStmt); ok {
								for _, l := range as.Lhs {
									if sel, ok := l.(*ast.SelectorExpr); ok {
										if id, ok := sel.X.(*ast.Ident); ok && id.Obj == nil && id.Name != "_" {
											t.Errorf("%s/%s: init assigns %s.%s (a function table filled at init is the rejected bridge)", dir, name, id.Name, sel.Sel.Name)
										}
									}
								}
							}
							return true
						})
					}
				case *ast.StructType:
					for _, fld := range n.Fields.List {
						if ft, ok := fld.Type.(*ast.FuncType); ok && anyFunc(ft) {
							t.Errorf("%s/%s: a struct field of func type taking or returning any (an untyped bridge)", dir, name)
						}
					}
				}
				return true
			})
		}
		if !usesEngine {
			t.Errorf("no file of %s imports %s", dir, engineImport)
		}
	}
	// Every generated method hands its request to the engine directly.
	for _, dir := range []string{"intercom", filepath.Join("intercom", "preview")} {
		for name, f := range parseDir(t, dir) {
			if !strings.HasSuffix(name, ".gen.go") || name == "types.gen.go" {
				continue
			}
			calls := 0
			ast.Inspect(f, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok {
					if id, ok := sel.X.(*ast.Ident); ok && id.Name == "engine" {
						calls++
					}
				}
				return true
			})
			if calls == 0 && !strings.HasPrefix(name, "services") {
				t.Errorf("%s/%s calls nothing of the engine", dir, name)
			}
		}
	}
}
