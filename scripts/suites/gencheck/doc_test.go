package gencheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// Every exported name of the hand-written packages (intercom/ and pkg/) has a doc
// comment, and every package has package documentation.
func TestExportedNamesAreDocumented(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	pkgDoc := map[string]bool{}
	checked := 0
	for _, top := range []string{"intercom", "pkg"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == "testdata" || d.Name() == "internal" {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			dir := filepath.Dir(path)
			if _, ok := pkgDoc[dir]; !ok {
				pkgDoc[dir] = false
			}
			if f.Doc != nil {
				pkgDoc[dir] = true
			}
			rel, _ := filepath.Rel(root, path)
			for _, decl := range f.Decls {
				switch d := decl.(type) {
				case *ast.FuncDecl:
					if !d.Name.IsExported() || (d.Recv != nil && !exportedRecv(d.Recv)) {
						continue
					}
					checked++
					if d.Doc == nil {
						t.Errorf("%s: %s has no doc comment", rel, d.Name.Name)
					}
				case *ast.GenDecl:
					for _, spec := range d.Specs {
						switch s := spec.(type) {
						case *ast.TypeSpec:
							if s.Name.IsExported() {
								checked++
								if d.Doc == nil && s.Doc == nil {
									t.Errorf("%s: type %s has no doc comment", rel, s.Name.Name)
								}
							}
						case *ast.ValueSpec:
							for _, n := range s.Names {
								if n.IsExported() {
									checked++
									if d.Doc == nil && s.Doc == nil && s.Comment == nil {
										t.Errorf("%s: %s has no doc comment", rel, n.Name)
									}
								}
							}
						}
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for dir, ok := range pkgDoc {
		if !ok {
			t.Errorf("package %s has no package doc comment", dir)
		}
	}
	if checked < 300 {
		t.Errorf("only %d exported names checked: the walk is broken", checked)
	}
	t.Logf("%d exported names in %d packages documented", checked, len(pkgDoc))
}

func exportedRecv(fl *ast.FieldList) bool {
	if len(fl.List) == 0 {
		return false
	}
	typ := fl.List[0].Type
	if s, ok := typ.(*ast.StarExpr); ok {
		typ = s.X
	}
	if ix, ok := typ.(*ast.IndexExpr); ok {
		typ = ix.X
	}
	id, ok := typ.(*ast.Ident)
	return ok && id.IsExported()
}
