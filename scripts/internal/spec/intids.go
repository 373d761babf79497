package spec

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/getkin/kin-openapi/openapi3"
)

// IntIDsFile is the file WriteIntegerIDMarshalers writes into the generated package.
const IntIDsFile = "intids.gen.go"

const (
	goTypeExt     = "x-go-type"
	numericIDType = "types.NumericID"
	integerIDType = "types.IntegerID"
)

// RequestIntegerIDs makes the integer ids of request bodies plain Go strings:
// every property (or list items) that the overlay typed types.NumericID ([19])
// in a schema that only request bodies reach becomes types.IntegerID, an alias
// of string, so a user sets it with the id a getter returned
// (AdminId: intercom.Ptr(me.GetId())) instead of converting it. The body's
// MarshalJSON (WriteIntegerIDMarshalers) still sends it as a JSON number. A
// schema that a response reaches too keeps types.NumericID, which also
// decodes from a JSON string. It returns the properties changed
// (schema.property), sorted.
func RequestIntegerIDs(doc *openapi3.T) []string {
	inResponse := map[*openapi3.Schema]bool{}
	inRequest := map[*openapi3.Schema]string{}
	forEachOperationSchema(doc, func(where string, ref *openapi3.SchemaRef) {
		if strings.HasSuffix(where, " body") {
			return
		}
		markSchemas(ref, "", func(s *openapi3.Schema, _ string) { inResponse[s] = true })
	})
	forEachOperationSchema(doc, func(where string, ref *openapi3.SchemaRef) {
		if strings.HasSuffix(where, " body") {
			markSchemas(ref, where, func(s *openapi3.Schema, name string) {
				if _, ok := inRequest[s]; !ok {
					inRequest[s] = name
				}
			})
		}
	})
	var changed []string
	for s, name := range inRequest {
		if inResponse[s] {
			continue
		}
		for _, p := range sortedKeys(s.Properties) {
			ref := s.Properties[p]
			if ref == nil || ref.Ref != "" || ref.Value == nil {
				continue
			}
			target := ref.Value
			if target.Items != nil && target.Items.Ref == "" && target.Items.Value != nil {
				target = target.Items.Value
			}
			if target.Extensions[goTypeExt] == numericIDType {
				target.Extensions[goTypeExt] = integerIDType
				changed = append(changed, name+"."+p)
			}
		}
	}
	sort.Strings(changed)
	return changed
}

// markSchemas calls mark with every schema ref reaches (itself, properties,
// items, map values, allOf/oneOf/anyOf members), once each, and the name of
// the component it belongs to (where for inline ones).
func markSchemas(ref *openapi3.SchemaRef, where string, mark func(*openapi3.Schema, string)) {
	seen := map[*openapi3.Schema]bool{}
	var walk func(ref *openapi3.SchemaRef, name string)
	walk = func(ref *openapi3.SchemaRef, name string) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		if ref.Ref != "" {
			name = refName(ref.Ref)
		}
		s := ref.Value
		seen[s] = true
		mark(s, name)
		walk(s.Items, name)
		for _, p := range sortedKeys(s.Properties) {
			walk(s.Properties[p], name)
		}
		walk(s.AdditionalProperties.Schema, name)
		for _, list := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
			for _, m := range list {
				walk(m, name)
			}
		}
	}
	walk(ref, where)
}

// intIDType is a struct type of gen with types.IntegerID fields.
type intIDType struct {
	Name string
	Keys []string // their JSON names, in field order
}

// intIDsTemplate writes a MarshalJSON per type.
var intIDsTemplate = template.Must(template.New("intids").Parse(`{{.Header}}

package {{.Package}}

import "github.com/intercomkit/intercom-go/intercom/types"
{{range .Types}}
// MarshalJSON encodes the body with its integer ids ({{range $i, $k := .Keys}}{{if $i}}, {{end}}{{$k}}{{end}}),
// Go strings, as JSON numbers; one that is not a positive number is a *types.IntegerIDError.
func (b {{.Name}}) MarshalJSON() ([]byte, error) {
	type plain {{.Name}}
	return types.MarshalIntegerIDs(plain(b){{range .Keys}}, {{printf "%q" .}}{{end}})
}

// UnmarshalJSON decodes the body, its integer ids from JSON numbers or strings.
func (b *{{.Name}}) UnmarshalJSON(data []byte) error {
	type plain {{.Name}}
	return types.UnmarshalIntegerIDs(data, (*plain)(b){{range .Keys}}, {{printf "%q" .}}{{end}})
}
{{end}}`))

// IntegerIDMarshalers returns the source of IntIDsFile for the generated
// source code of package pkg: a MarshalJSON for every struct type with a
// types.IntegerID field (behind a pointer or as list elements), through
// types.MarshalIntegerIDs, and an UnmarshalJSON that accepts the ids as JSON
// numbers too (types.UnmarshalIntegerIDs). A type that already has either
// method (a union) is an error: its codec would need to know the ids itself.
func IntegerIDMarshalers(pkg string, code []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "intercom.gen.go", code, 0)
	if err != nil {
		return nil, fmt.Errorf("integer ids: %w", err)
	}
	marshals := map[string]bool{}
	var list []intIDType
	var defined [][2]string // {type, the type it is defined as}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil && (d.Name.Name == "MarshalJSON" || d.Name.Name == "UnmarshalJSON") {
				marshals[recvName(d)] = true
			}
		case *ast.GenDecl:
			for _, sp := range d.Specs {
				ts, ok := sp.(*ast.TypeSpec)
				if !ok || ts.Assign.IsValid() {
					continue
				}
				if id, ok := ts.Type.(*ast.Ident); ok {
					// type XJSONRequestBody XJSONBody: a defined type, without
					// XJSONBody's methods; it gets the same MarshalJSON.
					defined = append(defined, [2]string{ts.Name.Name, id.Name})
					continue
				}
				st, ok := ts.Type.(*ast.StructType)
				if !ok {
					continue
				}
				t := intIDType{Name: ts.Name.Name}
				for _, fld := range st.Fields.List {
					if isIntegerID(fld.Type) && jsonName(fld) != "" {
						t.Keys = append(t.Keys, jsonName(fld))
					}
				}
				if len(t.Keys) > 0 {
					list = append(list, t)
				}
			}
		}
	}
	keysOf := map[string][]string{}
	for _, t := range list {
		keysOf[t.Name] = t.Keys
	}
	for _, d := range defined {
		if keys, ok := keysOf[d[1]]; ok {
			list = append(list, intIDType{Name: d[0], Keys: keys})
		}
	}
	for _, t := range list {
		if marshals[t.Name] {
			return nil, fmt.Errorf("integer ids: %s has a MarshalJSON or UnmarshalJSON of its own and types.IntegerID fields (%s): keep them types.NumericID", t.Name, strings.Join(t.Keys, ", "))
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	var buf bytes.Buffer
	err = intIDsTemplate.Execute(&buf, map[string]any{
		"Header":  generatedLine("from the generated types of this package") + "\n\n// The request bodies whose integer ids are Go strings (types.IntegerID).",
		"Package": pkg,
		"Types":   list,
	})
	if err != nil {
		return nil, err
	}
	return format.Source(buf.Bytes())
}

// WriteIntegerIDMarshalers writes IntIDsFile into dir from gen's source code
// (removing a stale one when no type needs it).
func WriteIntegerIDMarshalers(dir, pkg string, code []byte) (int, error) {
	src, err := IntegerIDMarshalers(pkg, code)
	if err != nil {
		return 0, err
	}
	n := bytes.Count(src, []byte(") MarshalJSON() ("))
	path := filepath.Join(dir, IntIDsFile)
	if n == 0 {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			return 0, err
		}
		return 0, nil
	}
	return n, os.WriteFile(path, src, 0o644)
}

// isIntegerID reports whether t is types.IntegerID, behind pointers or as
// the elements of a list.
func isIntegerID(t ast.Expr) bool {
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.ArrayType:
			t = x.Elt
		case *ast.SelectorExpr:
			id, ok := x.X.(*ast.Ident)
			return ok && id.Name+"."+x.Sel.Name == integerIDType
		default:
			return false
		}
	}
}

// recvName is the type name of a method's receiver.
func recvName(fd *ast.FuncDecl) string {
	t := fd.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}
