package gencheck

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/scripts/internal/spectest"
)

// keptContainerPointers are the request fields that stay *[]T / *map[K]V: those where
// Intercom gives "set to empty" a meaning of its own, which the overlay of the pinned
// version marks with x-go-type-skip-optional-pointer: false (overlay [22],
// CONTRIBUTING.md "Containers"). Derived from the description as the overlay leaves it,
// so the list follows a version move; gen/ is parsed independently, so the test still
// fails when the generator or its config drops the marking. IpAllowlist and
// ArticleContent are response types too.
func keptContainerPointers(t *testing.T) []string {
	t.Helper()
	p := spectest.Load(t)
	var kept []string
	for name, s := range p.Doc.Components.Schemas {
		if s.Value == nil {
			continue
		}
		for prop, ps := range s.Value.Properties {
			if ps.Value == nil || !(ps.Value.Type.Is("array") || ps.Value.Type.Is("object")) {
				continue
			}
			if skip, ok := ps.Value.Extensions["x-go-type-skip-optional-pointer"].(bool); ok && !skip {
				kept = append(kept, codegen.SchemaNameToTypeName(name)+"."+codegen.ToCamelCase(prop))
			}
		}
	}
	sort.Strings(kept)
	if len(kept) == 0 {
		t.Fatalf("the overlay of API %s keeps no container pointer: overlay [22] lost its actions", p.Version)
	}
	return kept
}

// No field of a generated type (response or request, named or inline, at any
// depth) is a pointer to a slice or a map, except the reviewed request fields
// above; those are pointers. The typed-response wrappers (<Op>Response, whose
// JSON200 is nil for another status) are the generator's plumbing, not schema
// properties, and are left out.
func TestContainersAreNotPointers(t *testing.T) {
	kept := keptContainerPointers(t)
	got := containerPointers(t)
	if !reflect.DeepEqual(got, kept) {
		t.Errorf("fields that are pointers to a slice or map:\n got %s\nwant %s\n(a new one: overlay [22] or the config lost it; a missing one: the overlay action no longer applies)",
			strings.Join(got, ", "), strings.Join(kept, ", "))
	}
}

// containerPointers lists, sorted, the fields of gen's struct types (and of
// package types, which gen's fields use: prefixed "types.") whose type is a
// pointer to a slice or map, directly or through a named type of the package.
func containerPointers(t *testing.T) []string {
	t.Helper()
	root := filepath.Join("..", "..", "..")
	found, structs := scanContainerPointers(t, "", []string{filepath.Join(root, "gen", "intercom.gen.go")})
	if structs < 100 {
		t.Fatalf("only %d struct types in gen/intercom.gen.go: the parse is wrong", structs)
	}
	typesFiles, err := filepath.Glob(filepath.Join(root, "intercom", "types", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var sources []string
	for _, name := range typesFiles {
		if !strings.HasSuffix(name, "_test.go") {
			sources = append(sources, name)
		}
	}
	inTypes, structs := scanContainerPointers(t, "types.", sources)
	if structs < 3 {
		t.Fatalf("only %d struct types in package types: the parse is wrong", structs)
	}
	found = append(found, inTypes...)
	sort.Strings(found)
	return found
}

// scanContainerPointers returns the pointer-to-container fields of the struct
// types declared in files (one package), named prefix+Type.Field[.Inner...],
// and how many struct types it looked at.
func scanContainerPointers(t *testing.T, prefix string, files []string) ([]string, int) {
	t.Helper()
	fset := token.NewFileSet()
	decls := map[string]ast.Expr{}
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.TYPE {
				continue
			}
			for _, s := range g.Specs {
				ts := s.(*ast.TypeSpec)
				decls[ts.Name.Name] = ts.Type
			}
		}
	}
	isContainer := func(e ast.Expr) bool {
		for range 32 {
			switch x := e.(type) {
			case *ast.ArrayType:
				return x.Len == nil
			case *ast.MapType:
				return true
			case *ast.Ident:
				next, ok := decls[x.Name]
				if !ok {
					return false
				}
				e = next
			default:
				return false
			}
		}
		return false
	}
	var found []string
	var walk func(path string, st *ast.StructType)
	walk = func(path string, st *ast.StructType) {
		for _, fld := range st.Fields.List {
			for _, n := range fld.Names {
				name := path + "." + n.Name
				if star, ok := fld.Type.(*ast.StarExpr); ok && isContainer(star.X) {
					found = append(found, name)
				}
				ast.Inspect(fld.Type, func(node ast.Node) bool {
					if inner, ok := node.(*ast.StructType); ok {
						walk(name, inner)
						return false
					}
					return true
				})
			}
		}
	}
	structs := 0
	for name, typ := range decls {
		st, ok := typ.(*ast.StructType)
		if !ok || isResponseWrapper(st) {
			continue
		}
		structs++
		walk(prefix+name, st)
	}
	return found, structs
}

// isResponseWrapper reports whether st is a ClientWithResponses result
// (Body, HTTPResponse, JSON<status>).
func isResponseWrapper(st *ast.StructType) bool {
	for _, fld := range st.Fields.List {
		for _, n := range fld.Names {
			if n.Name == "HTTPResponse" {
				return true
			}
		}
	}
	return false
}

// The kept pointers do what they are kept for: nil sends nothing, a pointer to
// an empty slice sends [], and the same shape decodes back. (The two fields
// exist in every supported version; the source check above covers the others'
// shape, and encoding/json treats every *[]T and *map[K]V alike.)
func TestKeptContainerPointersSendEmpty(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    any
		want string
	}{
		{"allowlist not set", gen.IpAllowlist{Enabled: ptr(true)}, `{"enabled":true}`},
		{"allowlist set to empty", gen.IpAllowlist{Enabled: ptr(true), IpAllowlist: &[]string{}}, `{"enabled":true,"ip_allowlist":[]}`},
		{"reactions not set", gen.NewsItemRequest{Title: "t", SenderId: "1"}, `{"sender_id":1,"title":"t"}`},
		{"reactions set to empty", gen.NewsItemRequest{Title: "t", SenderId: "1", Reactions: &[]string{}}, `{"reactions":[],"sender_id":1,"title":"t"}`},
	} {
		b, err := json.Marshal(tc.v)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if string(b) != tc.want {
			t.Errorf("%s: encoded %s, want %s", tc.name, b, tc.want)
		}
	}
	var back gen.IpAllowlist
	if err := json.Unmarshal([]byte(`{"ip_allowlist":[]}`), &back); err != nil {
		t.Fatal(err)
	}
	if back.IpAllowlist == nil || len(*back.IpAllowlist) != 0 {
		t.Errorf("decoding [] gave %v, want a pointer to an empty slice", back.IpAllowlist)
	}
	var unset gen.IpAllowlist
	if err := json.Unmarshal([]byte(`{"enabled":false}`), &unset); err != nil {
		t.Fatal(err)
	}
	if unset.IpAllowlist != nil {
		t.Errorf("decoding an absent list gave %v, want nil", *unset.IpAllowlist)
	}
}

// An optional slice or map that is not kept is a plain one: nil and empty are
// both left out, which is why the kept ones exist.
func TestPlainContainersOmitEmpty(t *testing.T) {
	for _, v := range []any{
		gen.UpdateContactRequest{CustomAttributes: map[string]interface{}{}},
		gen.UpdateContactRequest{},
	} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != `{}` {
			t.Errorf("encoded %s, want {}", b)
		}
	}
}

func ptr[T any](v T) *T { return &v }
