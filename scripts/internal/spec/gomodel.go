package spec

import (
	"bytes"
	"go/ast"
	"go/printer"
	"go/token"
	"strings"
)

// goModel is what the facade generator reads from the generated package gen:
// its type declarations and the signatures of its request builders
// (New<Op>Request), which the facade's methods call before handing the
// request to the engine. Reading the
// generated code itself (rather than predicting oapi-codegen's naming rules)
// keeps the facade exactly in step with gen.
type goModel struct {
	fset  *token.FileSet
	src   []byte
	types map[string]*ast.TypeSpec   // every type declared in gen
	funcs map[string]*ast.FuncDecl   // request builders: New<X>Request by X, New<X>RequestWithBody by X+"WithBody"
	resps map[string]*ast.StructType // the <Op>Response structs
}

// newGoModel reads the declarations of f, the parsed source src of gen.
func newGoModel(fset *token.FileSet, f *ast.File, src []byte) *goModel {
	m := &goModel{fset: fset, src: src, types: map[string]*ast.TypeSpec{}, funcs: map[string]*ast.FuncDecl{}, resps: map[string]*ast.StructType{}}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			for _, s := range d.Specs {
				if ts, ok := s.(*ast.TypeSpec); ok {
					m.types[ts.Name.Name] = ts
				}
			}
		case *ast.FuncDecl:
			if op, ok := builderOp(d); ok {
				m.funcs[op] = d
			}
		}
	}
	for name, ts := range m.types {
		if st, ok := ts.Type.(*ast.StructType); ok && strings.HasSuffix(name, "Response") {
			m.resps[strings.TrimSuffix(name, "Response")] = st
		}
	}
	return m
}

// builderOp returns the key of a request builder of gen in goModel.funcs:
// X for New<X>Request, X+"WithBody" for New<X>RequestWithBody.
func builderOp(d *ast.FuncDecl) (string, bool) {
	name := d.Name.Name
	if d.Recv != nil || !strings.HasPrefix(name, "New") {
		return "", false
	}
	if op, ok := strings.CutSuffix(name[3:], "RequestWithBody"); ok && op != "" {
		return op + "WithBody", true
	}
	if op, ok := strings.CutSuffix(name[3:], "Request"); ok && op != "" {
		return op, true
	}
	return "", false
}

// qual renders a type expression of package gen as seen from another
// package: every type declared in gen gets the "gen." prefix.
func (m *goModel) qual(e ast.Expr) string {
	var b strings.Builder
	m.writeType(&b, e)
	return b.String()
}

func (m *goModel) writeType(b *strings.Builder, e ast.Expr) {
	switch t := e.(type) {
	case *ast.Ident:
		if _, ok := m.types[t.Name]; ok {
			b.WriteString("gen.")
		}
		b.WriteString(t.Name)
	case *ast.StarExpr:
		b.WriteString("*")
		m.writeType(b, t.X)
	case *ast.ArrayType:
		b.WriteString("[")
		if t.Len != nil {
			b.WriteString(m.text(t.Len))
		}
		b.WriteString("]")
		m.writeType(b, t.Elt)
	case *ast.MapType:
		b.WriteString("map[")
		m.writeType(b, t.Key)
		b.WriteString("]")
		m.writeType(b, t.Value)
	case *ast.Ellipsis:
		b.WriteString("...")
		m.writeType(b, t.Elt)
	case *ast.StructType:
		b.WriteString("struct {\n")
		for _, f := range t.Fields.List {
			for i, n := range f.Names {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(n.Name)
			}
			b.WriteString(" ")
			m.writeType(b, f.Type)
			if f.Tag != nil {
				b.WriteString(" " + f.Tag.Value)
			}
			b.WriteString("\n")
		}
		b.WriteString("}")
	default:
		// Selector expressions (json.RawMessage, openapi_types.Date),
		// interface{} and the like.
		b.WriteString(m.text(e))
	}
}

// text prints a node as Go source.
func (m *goModel) text(n ast.Node) string {
	var buf bytes.Buffer
	_ = printer.Fprint(&buf, m.fset, n)
	return buf.String()
}

// resolve follows named types of gen (defined types and aliases) down to a
// type literal, e.g. CreateNoteJSONRequestBody → CreateNoteJSONBody → struct.
func (m *goModel) resolve(e ast.Expr) ast.Expr {
	for range 16 {
		id, ok := e.(*ast.Ident)
		if !ok {
			return e
		}
		ts, ok := m.types[id.Name]
		if !ok {
			return e
		}
		e = ts.Type
	}
	return e
}

// structOf returns the struct type behind a gen type expression, or nil.
func (m *goModel) structOf(e ast.Expr) *ast.StructType {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	st, _ := m.resolve(e).(*ast.StructType)
	return st
}

// field returns the field called name of a struct, or nil.
func field(st *ast.StructType, name string) *ast.Field {
	if st == nil {
		return nil
	}
	for _, f := range st.Fields.List {
		for _, n := range f.Names {
			if n.Name == name {
				return f
			}
		}
	}
	return nil
}

// isUnion reports whether a gen type is a oneOf/anyOf union: a struct whose
// only state is the generator's hidden union json.RawMessage.
func (m *goModel) isUnion(e ast.Expr) bool {
	return field(m.structOf(e), "union") != nil
}

// unalias follows aliases of gen (type X = Y) to the named type they stand
// for, so that the facade names CreateContactRequest rather than its
// CreateContactJSONRequestBody alias.
func (m *goModel) unalias(e ast.Expr) ast.Expr {
	for range 16 {
		id, ok := e.(*ast.Ident)
		if !ok {
			return e
		}
		ts, ok := m.types[id.Name]
		if !ok || !ts.Assign.IsValid() {
			return e
		}
		e = ts.Type
	}
	return e
}

// pagedList reports whether a gen type (as qualified, "gen.CompanyList") is
// an alias of types.PagedList[T, P], and returns T and P qualified.
func (m *goModel) pagedList(q string) (item, pages string, ok bool) {
	ts, found := m.types[strings.TrimPrefix(q, "gen.")]
	if !found {
		return "", "", false
	}
	il, isList := ts.Type.(*ast.IndexListExpr)
	if !isList || len(il.Indices) != 2 {
		return "", "", false
	}
	if sel, isSel := il.X.(*ast.SelectorExpr); !isSel || sel.Sel.Name != "PagedList" {
		return "", "", false
	}
	return m.qual(il.Indices[0]), m.qual(il.Indices[1]), true
}
