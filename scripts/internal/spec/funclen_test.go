package spec

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// maxFuncLines bounds the functions of the generator (tests excluded), so
// that each step stays readable; the shape of generated code lives in the
// templates.
const maxFuncLines = 80

// TestFunctionLength fails for a function of this package longer than
// maxFuncLines, and logs the longest.
func TestFunctionLength(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	longest, where := 0, ""
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			n := fset.Position(fd.End()).Line - fset.Position(fd.Pos()).Line + 1
			if n > maxFuncLines {
				t.Errorf("%s: %s is %d lines, over %d: split it", name, fd.Name.Name, n, maxFuncLines)
			}
			if n > longest {
				longest, where = n, name+": "+fd.Name.Name
			}
		}
	}
	t.Logf("longest function: %s, %d lines", where, longest)
}
