package intercom

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestEngineNamesShown: the public names the engine (intercom/internal/engine)
// declares are shown by this package in engine.go, and since go doc does not
// follow an alias into an internal package, the doc comment of each alias
// spells out every exported field and method of its type. A field or method
// added to the engine fails this test until engine.go shows it.
func TestEngineNamesShown(t *testing.T) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir("internal/engine")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, "internal/engine/"+e.Name(), nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	eng, err := doc.NewFromFiles(fset, files, engineImportPath)
	if err != nil {
		t.Fatal(err)
	}
	engTypes := map[string]*doc.Type{}
	for _, ty := range eng.Types {
		engTypes[ty.Name] = ty
	}

	shown, err := parser.ParseFile(fset, "engine.go", nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	aliases := 0
	for _, d := range shown.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, s := range gd.Specs {
			ts := s.(*ast.TypeSpec)
			sel, ok := ts.Type.(*ast.SelectorExpr)
			if !ts.Assign.IsValid() || !ok || sel.Sel.Name != ts.Name.Name {
				t.Errorf("engine.go: %s is not an alias of engine.%s", ts.Name.Name, ts.Name.Name)
				continue
			}
			aliases++
			et := engTypes[ts.Name.Name]
			if et == nil {
				t.Errorf("engine.go: engine.%s not found", ts.Name.Name)
				continue
			}
			text := gd.Doc.Text()
			if text == "" {
				t.Errorf("%s has no doc comment", ts.Name.Name)
			}
			spec := et.Decl.Specs[0].(*ast.TypeSpec)
			// Each member as the doc's code block declares it: a field or an
			// interface method on a line of the type's declaration, a method
			// as its signature.
			var members []*regexp.Regexp
			switch st := spec.Type.(type) {
			case *ast.StructType:
				for _, f := range st.Fields.List {
					for _, n := range f.Names {
						if n.IsExported() {
							members = append(members, regexp.MustCompile(`(?m)^\t\t(?:\w+, )*`+n.Name+`[ ,]`))
						}
					}
				}
			case *ast.InterfaceType:
				for _, m := range st.Methods.List {
					for _, n := range m.Names {
						members = append(members, regexp.MustCompile(`(?m)^\t\t`+n.Name+`\(`))
					}
				}
			}
			for _, m := range et.Methods {
				if ast.IsExported(m.Name) {
					members = append(members, regexp.MustCompile(`(?m)^\s+func \([^)]*\) `+m.Name+`\(`))
				}
			}
			for _, m := range members {
				if !m.MatchString(text) {
					t.Errorf("the doc of %s does not show engine.%s's %s", ts.Name.Name, ts.Name.Name, m)
				}
			}
		}
	}
	if aliases < 15 {
		t.Errorf("engine.go shows only %d types of the engine", aliases)
	}

	// The engine's options, error values, Is... helpers, regions and the
	// other names of this package's API are shown too: a new one in the
	// engine (outside export.go, its names for tests) fails until engine.go
	// declares it.
	declared := map[string]bool{}
	for _, d := range shown.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			declared[d.Name.Name] = true
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					declared[s.Name.Name] = true
				case *ast.ValueSpec:
					for _, n := range s.Names {
						declared[n.Name] = true
					}
				}
			}
		}
	}
	public := regexp.MustCompile(`^(With[A-Z]\w*|Is[A-Z]\w*|Err[A-Z]\w*|Region[A-Z]*|Env[A-Z]\w*|ContextWithOptions|OperationFromRequest|ParseRegion|ErrorCode|DefaultMaxResponseBytes)$`)
	for _, f := range files {
		if strings.HasSuffix(fset.File(f.Pos()).Name(), "/export.go") {
			continue
		}
		for _, d := range f.Decls {
			var names []string
			switch d := d.(type) {
			case *ast.FuncDecl:
				// Err... functions (ErrSeq) are the generated code's helpers;
				// Err... variables are the errors users test for.
				if d.Recv == nil && !strings.HasPrefix(d.Name.Name, "Err") {
					names = append(names, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						names = append(names, s.Name.Name)
					case *ast.ValueSpec:
						for _, n := range s.Names {
							names = append(names, n.Name)
						}
					}
				}
			}
			for _, n := range names {
				if public.MatchString(n) && !declared[n] {
					t.Errorf("engine.%s is not shown by package intercom (engine.go)", n)
				}
			}
		}
	}
}

const engineImportPath = "github.com/intercomkit/intercom-go/intercom/internal/engine"
