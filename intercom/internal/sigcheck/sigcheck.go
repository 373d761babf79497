// Package sigcheck finds the exported signatures of a package that name a
// type of a generated package (gen, gen/preview) instead of the facade's own
// alias. The signature tests of package intercom and of intercom/preview
// use it (issue 23 item 1).
package sigcheck

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
)

// genPrefix is the import path of the generated packages.
const genPrefix = "github.com/intercomkit/intercom-go/gen"

// GenNames parses the non-test Go files of dir and returns how many exported
// functions and methods of exported types it has (what go doc shows), and
// one line per reference to a generated package (gen, gen/preview, under
// whatever import name) in their signatures (parameters, results, type
// parameters and their constraints).
func GenNames(dir string) (funcs int, bad []string, err error) {
	return Names(dir, func(path string) bool {
		return path == genPrefix || strings.HasPrefix(path, genPrefix+"/")
	})
}

// Names is GenNames for the packages whose import path pick accepts: one
// line per qualified name of such a package in an exported signature of dir,
// "file:line: Func names pkg.Name".
func Names(dir string, pick func(importPath string) bool) (funcs int, found []string, err error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return 0, nil, err
	}
	fset := token.NewFileSet()
	for _, p := range files {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return 0, nil, err
		}
		names := importNames(f, pick)
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || !fd.Name.IsExported() || !exportedReceiver(fd) {
				continue
			}
			funcs++
			ast.Inspect(fd.Type, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if id, ok := sel.X.(*ast.Ident); ok && names[id.Name] {
					found = append(found, fmt.Sprintf("%s: %s names %s.%s", fset.Position(fd.Pos()), fd.Name.Name, id.Name, sel.Sel.Name))
				}
				return false
			})
		}
	}
	return funcs, found, nil
}

// importNames returns the names under which f imports the packages pick
// accepts.
func importNames(f *ast.File, pick func(string) bool) map[string]bool {
	names := map[string]bool{}
	for _, imp := range f.Imports {
		path, err := strconv.Unquote(imp.Path.Value)
		if err != nil || !pick(path) {
			continue
		}
		name := path[strings.LastIndex(path, "/")+1:]
		if imp.Name != nil {
			name = imp.Name.Name
		}
		names[name] = true
	}
	return names
}

// exportedReceiver reports whether fd is a function or a method of an
// exported type (one that go doc shows).
func exportedReceiver(fd *ast.FuncDecl) bool {
	if fd.Recv == nil {
		return true
	}
	t := fd.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	switch ix := t.(type) {
	case *ast.IndexExpr:
		t = ix.X
	case *ast.IndexListExpr:
		t = ix.X
	}
	id, ok := t.(*ast.Ident)
	return ok && id.IsExported()
}
