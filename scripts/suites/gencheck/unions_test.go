package gencheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"sort"
	"testing"
)

// numberedName matches the names oapi-codegen gives inline union members
// (CustomerRequest0, CreateTicketRequestContacts2, SingleFilterSearchRequestValue31)
// and the types derived from them (RedactConversationRequest0Type): a one- or
// two-digit number after a lower-case letter, at the end or before an upper-case
// letter. HTTP status codes (ReplyToFin200JSONResponseBody) have three digits.
var numberedName = regexp.MustCompile(`^[A-Z]\w*[a-z](\d{1,2})([A-Z]\w*)?$`)

// numberedAllowed lists numbered type names that may stay, each with its reason.
var numberedAllowed = map[string]string{}

// Every union member has a name (overlay [24]-[26]), and every union left has a
// reader (gen/unions.gen.go, scripts/internal/spec/unions.go).
func TestNoNumberedUnionVariants(t *testing.T) {
	fset := token.NewFileSet()
	var numbered, unions []string
	readers := map[string]bool{}
	for _, name := range []string{"intercom.gen.go", "unions.gen.go"} {
		f, err := parser.ParseFile(fset, filepath.Join("..", "..", "..", "gen", name), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				for _, s := range d.Specs {
					ts, ok := s.(*ast.TypeSpec)
					if !ok {
						continue
					}
					if numberedName.MatchString(ts.Name.Name) {
						if _, ok := numberedAllowed[ts.Name.Name]; !ok {
							numbered = append(numbered, ts.Name.Name)
						}
					}
					if st, ok := ts.Type.(*ast.StructType); ok {
						for _, fl := range st.Fields.List {
							if len(fl.Names) == 1 && fl.Names[0].Name == "union" {
								unions = append(unions, ts.Name.Name)
							}
						}
					}
				}
			case *ast.FuncDecl:
				if d.Recv != nil && d.Name.Name == "Value" {
					if id, ok := d.Recv.List[0].Type.(*ast.Ident); ok {
						readers[id.Name] = true
					}
				}
			}
		}
	}
	sort.Strings(numbered)
	for _, n := range numbered {
		t.Errorf("gen.%s: a numbered union member; name it in the overlay (CONTRIBUTING.md, [24]) or allow it with a reason", n)
	}
	if len(unions) == 0 {
		t.Fatal("no union found in gen: the check reads the wrong files")
	}
	for _, u := range unions {
		if !readers[u] {
			t.Errorf("gen.%s: a union without a Value reader in unions.gen.go", u)
		}
	}
	for _, name := range []string{"CustomerRequest0", "RedactConversationRequest0Type", "SingleFilterSearchRequestValue31", "CreateTicketJSONBodyContacts2"} {
		if !numberedName.MatchString(name) {
			t.Errorf("numberedName does not match %s", name)
		}
	}
	for _, name := range []string{"ReplyToFin200JSONResponseBodyStatus", "ShowCallRecordingResponse302Headers", "Recipient"} {
		if numberedName.MatchString(name) {
			t.Errorf("numberedName matches %s", name)
		}
	}
}
