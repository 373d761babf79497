package spec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// UnionsFile, UnionsTestFile and UnionsMainTestFile are the files WriteUnions
// writes into the generated package; the last is the package's TestMain, with
// goleak like every test package of the module.
const (
	UnionsFile         = "unions.gen.go"
	UnionsTestFile     = "unions_gen_test.go"
	UnionsMainTestFile = "unions_main_gen_test.go"
)

// unionsMainTest is the content of UnionsMainTestFile.
var unionsMainTest = unionsHeader + `

package gen

import (
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
`

// unionsHeader is the first line of UnionsFile and UnionsTestFile.
var unionsHeader = generatedLine("(scripts/internal/spec/unions.go) from the unions of this package")

// WriteUnions reads the oapi-codegen output of the generated package in dir
// (intercom.gen.go) and writes UnionsFile, UnionsTestFile (see Unions) and
// UnionsMainTestFile.
// With lenient, a union it cannot serve is left out and named in skipped
// instead of failing.
func WriteUnions(dir string, lenient bool) (skipped []string, err error) {
	src, err := os.ReadFile(filepath.Join(dir, "intercom.gen.go"))
	if err != nil {
		return nil, err
	}
	code, test, skipped, err := unions(src, lenient)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, UnionsFile), code, 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, UnionsMainTestFile), []byte(unionsMainTest), 0o644); err != nil {
		return nil, err
	}
	return skipped, os.WriteFile(filepath.Join(dir, UnionsTestFile), test, 0o644)
}

// A union is a type oapi-codegen generates for a oneOf/anyOf: a struct with a
// hidden `union json.RawMessage` field and an AsX/FromX method pair per
// variant X.
type union struct {
	name     string
	variants []variant
	discrim  bool        // oapi-codegen wrote ValueByDiscriminator: the description names a discriminator
	same     map[int]int // variant index -> the earlier variant with the same shape
}

// A variant is one member of a union.
type variant struct {
	method string   // X of AsX / FromX
	typ    ast.Expr // the Go type AsX returns
	shape  shape
}

// A shape is what Value() checks of a variant: the JSON kind, and for an
// object the properties that must be present, the properties whose value is
// one of an enum's, and every property (for the score). A variant that is a
// union itself has the shapes of its variants instead.
type shape struct {
	kind     byte // 'o' object, 'a' array, 's' string, 'n' number, 'b' boolean, 0 any
	required []string
	enums    []enumProp
	props    []string
	sub      string   // the union this variant is, if any
	fill     []string // "Field: expr" entries of a test sample that sets every field
}

// key identifies what Value can see of a shape: variants with the same key
// cannot be told apart.
func (s shape) key() string {
	if s.sub != "" {
		return "union " + s.sub
	}
	req := append([]string(nil), s.required...)
	props := append([]string(nil), s.props...)
	sort.Strings(req)
	sort.Strings(props)
	var enums []string
	for _, e := range s.enums {
		enums = append(enums, e.prop+"="+strings.Join(e.values, "|"))
	}
	sort.Strings(enums)
	return fmt.Sprintf("%c|%s|%s|%s", s.kind, strings.Join(req, ","), strings.Join(props, ","), strings.Join(enums, ","))
}

// An enumProp is a property of enum type: its JSON name and the JSON values of
// the enum's constants.
type enumProp struct {
	prop   string
	values []string
}

// genSource is the parsed generated package: type declarations, the methods of
// each type in source order, and the constants of each enum type.
type genSource struct {
	fset    *token.FileSet
	types   map[string]*ast.TypeSpec
	methods map[string][]*ast.FuncDecl
	consts  map[string][][2]string // type -> (Go name, JSON value)
	order   []string               // type names in source order
	imports map[string]string      // package name -> import path
}

func parseGenSource(src []byte) (*genSource, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "intercom.gen.go", src, 0)
	if err != nil {
		return nil, fmt.Errorf("parse generated code: %w", err)
	}
	g := &genSource{fset: fset, types: map[string]*ast.TypeSpec{}, methods: map[string][]*ast.FuncDecl{}, consts: map[string][][2]string{}, imports: map[string]string{}}
	for _, im := range f.Imports {
		path, err := strconv.Unquote(im.Path.Value)
		if err != nil {
			return nil, err
		}
		name := path[strings.LastIndex(path, "/")+1:]
		if im.Name != nil {
			name = im.Name.Name
		}
		g.imports[name] = path
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					g.types[s.Name.Name] = s
					g.order = append(g.order, s.Name.Name)
				case *ast.ValueSpec:
					id, ok := s.Type.(*ast.Ident)
					if d.Tok != token.CONST || !ok || len(s.Names) != 1 || len(s.Values) != 1 {
						continue
					}
					lit, ok := s.Values[0].(*ast.BasicLit)
					if !ok {
						continue
					}
					val := lit.Value
					if lit.Kind == token.STRING {
						str, err := strconv.Unquote(lit.Value)
						if err != nil {
							return nil, err
						}
						b, _ := json.Marshal(str)
						val = string(b)
					}
					g.consts[id.Name] = append(g.consts[id.Name], [2]string{s.Names[0].Name, val})
				}
			}
		case *ast.FuncDecl:
			if d.Recv == nil || len(d.Recv.List) != 1 {
				continue
			}
			if base := receiverBase(d.Recv.List[0].Type); base != "" {
				g.methods[base] = append(g.methods[base], d)
			}
		}
	}
	return g, nil
}

// isUnion reports whether the struct type name has the hidden union field.
func (g *genSource) isUnion(name string) bool {
	ts, ok := g.types[name]
	if !ok {
		return false
	}
	st, ok := ts.Type.(*ast.StructType)
	if !ok {
		return false
	}
	for _, f := range st.Fields.List {
		if len(f.Names) == 1 && f.Names[0].Name == "union" {
			return true
		}
	}
	return false
}

func (g *genSource) expr(e ast.Expr) string {
	var b bytes.Buffer
	_ = format.Node(&b, g.fset, e)
	return b.String()
}

// unions returns every union of the package, in source order.
func (g *genSource) unions() ([]union, error) {
	var out []union
	for _, name := range g.order {
		if !g.isUnion(name) {
			continue
		}
		u := union{name: name}
		from := map[string]bool{}
		for _, m := range g.methods[name] {
			n := m.Name.Name
			switch {
			case n == "ValueByDiscriminator":
				u.discrim = true
			case strings.HasPrefix(n, "From") && m.Type.Params != nil && len(m.Type.Params.List) == 1:
				from[strings.TrimPrefix(n, "From")] = true
			case strings.HasPrefix(n, "As") && m.Type.Results != nil && len(m.Type.Results.List) == 2:
				u.variants = append(u.variants, variant{method: strings.TrimPrefix(n, "As"), typ: m.Type.Results.List[0].Type})
			}
		}
		if len(u.variants) == 0 {
			return nil, fmt.Errorf("union %s: no As methods", name)
		}
		for i, v := range u.variants {
			if !from[v.method] {
				return nil, fmt.Errorf("union %s: As%s has no From%s", name, v.method, v.method)
			}
			u.variants[i].shape = g.shapeOf(v.typ)
		}
		u.same = map[int]int{}
		for i := range u.variants {
			for j := 0; j < i; j++ {
				if _, dup := u.same[j]; !dup && !u.discrim && u.variants[i].shape.key() == u.variants[j].shape.key() {
					u.same[i] = j
					break
				}
			}
		}
		out = append(out, u)
	}
	return out, nil
}

// shapeOf derives the shape of a variant from its Go type, which oapi-codegen
// derived from the description: a required property is a field without
// omitempty, an enum property a field whose type has constants.
func (g *genSource) shapeOf(e ast.Expr) shape {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
			continue
		case *ast.ArrayType:
			return shape{kind: 'a'}
		case *ast.MapType:
			return shape{kind: 'o'}
		case *ast.StructType:
			return g.structShape(t)
		case *ast.Ident:
			switch t.Name {
			case "string":
				return shape{kind: 's'}
			case "bool":
				return shape{kind: 'b'}
			case "int", "int32", "int64", "float32", "float64":
				return shape{kind: 'n'}
			}
			if g.isUnion(t.Name) {
				return shape{sub: t.Name}
			}
			ts, ok := g.types[t.Name]
			if !ok {
				return shape{}
			}
			if _, ok := g.consts[t.Name]; ok {
				return shape{kind: g.shapeOf(ts.Type).kind}
			}
			e = ts.Type
			continue
		}
		return shape{}
	}
}

func (g *genSource) structShape(st *ast.StructType) shape {
	s := shape{kind: 'o'}
	for _, f := range st.Fields.List {
		if f.Tag == nil || len(f.Names) != 1 {
			continue
		}
		tag, err := strconv.Unquote(f.Tag.Value)
		if err != nil {
			continue
		}
		js, ok := reflect.StructTag(tag).Lookup("json")
		name, opts, _ := strings.Cut(js, ",")
		if !ok || name == "-" || name == "" {
			continue
		}
		s.props = append(s.props, name)
		if !strings.Contains(","+opts+",", ",omitempty,") {
			s.required = append(s.required, name)
		}
		ft, ptr := f.Type, false
		if se, ok := ft.(*ast.StarExpr); ok {
			ft, ptr = se.X, true
		}
		field := f.Names[0].Name
		if id, ok := ft.(*ast.Ident); ok && len(g.consts[id.Name]) > 0 {
			ep, first := enumProp{prop: name}, g.consts[id.Name][0][0]
			for _, c := range g.consts[id.Name] {
				ep.values = append(ep.values, c[1])
			}
			s.enums = append(s.enums, ep)
			if ptr {
				s.fill = append(s.fill, fmt.Sprintf("%s: ptr(%s)", field, first))
			} else {
				s.fill = append(s.fill, fmt.Sprintf("%s: %s", field, first))
			}
			continue
		}
		switch t := ft.(type) {
		case *ast.ArrayType:
			if !ptr && t.Len == nil {
				s.fill = append(s.fill, fmt.Sprintf("%s: make(%s, 1)", field, g.expr(t)))
				continue
			}
		}
		if ptr {
			s.fill = append(s.fill, fmt.Sprintf("%s: new(%s)", field, g.expr(ft)))
		}
	}
	return s
}

// describe says in words how Value picks the variant, for its doc comment.
func (u union) describe() string {
	if u.discrim {
		return "by the discriminator property the description declares"
	}
	kinds := map[byte]bool{}
	for _, v := range u.variants {
		kinds[v.shape.kind] = true
	}
	if len(kinds) == len(u.variants) && !kinds[0] {
		return "by the JSON kind of the value"
	}
	return "by shape: of the variants whose required properties are all present and whose enum properties hold one of their values, the one declaring the most of the object's properties, then the one missing the fewest of its own (the first listed on a tie)"
}

// Unions returns the source of UnionsFile and UnionsTestFile for the
// oapi-codegen output src. For every union U it writes:
//
//   - UOf[V A | B | ...](v V) (U, error): the union holding v, through the
//     generated FromX method (which sets a discriminator). Not NewU:
//     oapi-codegen names its request builders New<Operation>Request, and
//     several unions are named <Operation>Request;
//   - (U) Value() (any, error): the variant held, as its Go type, for a type
//     switch: by discriminator when the description declares one, otherwise
//     by shape (see unionShape in the generated file and CONTRIBUTING.md).
//
// The test file round-trips a sample of every variant through NewU,
// encoding/json and Value.
//
// A union whose variants are not distinct Go types (inline members that only
// list required properties become `= interface{}` aliases) is an error: name
// the members or drop the union in the overlay.
func Unions(src []byte) (code, test []byte, err error) {
	code, test, _, err = unions(src, false)
	return code, test, err
}

func unions(src []byte, lenient bool) (code, test []byte, skipped []string, err error) {
	g, err := parseGenSource(src)
	if err != nil {
		return nil, nil, nil, err
	}
	all, err := g.unions()
	if err != nil {
		return nil, nil, nil, err
	}
	left := map[string]bool{}
	for _, u := range all {
		if err := g.distinct(u); err != nil {
			if !lenient {
				return nil, nil, nil, err
			}
			skipped = append(skipped, err.Error())
			left[u.name] = true
		}
	}
	// A union with a left-out union among its variants is left out too: its
	// Value would need the other's shapes.
	for changed := true; changed; {
		changed = false
		for _, u := range all {
			for _, v := range u.variants {
				if !left[u.name] && v.shape.sub != "" && left[v.shape.sub] {
					left[u.name], changed = true, true
					skipped = append(skipped, fmt.Sprintf("union %s: its variant %s is left out", u.name, v.shape.sub))
				}
			}
		}
	}
	var us []union
	for _, u := range all {
		if !left[u.name] {
			us = append(us, u)
		}
	}
	code, test, err = g.render(us)
	return code, test, skipped, err
}

// distinct reports an error unless the variants of u are distinct Go types,
// none of them an empty interface: the constructor's type switch needs that.
func (g *genSource) distinct(u union) error {
	seen := map[string]string{}
	for _, v := range u.variants {
		t := g.resolve(v.typ)
		if t == "interface{}" || t == "any" {
			return fmt.Errorf("union %s: variant %s is an empty interface (a member that only lists required properties): drop the union in the overlay", u.name, g.expr(v.typ))
		}
		if prev, ok := seen[t]; ok {
			return fmt.Errorf("union %s: variants %s and %s are the same Go type %s: name them in the overlay", u.name, prev, g.expr(v.typ), t)
		}
		seen[t] = g.expr(v.typ)
	}
	return nil
}

// resolve returns the type e denotes with aliases followed.
func (g *genSource) resolve(e ast.Expr) string {
	for {
		id, ok := e.(*ast.Ident)
		if !ok {
			return g.expr(e)
		}
		ts, ok := g.types[id.Name]
		if !ok || !ts.Assign.IsValid() {
			return id.Name
		}
		e = ts.Type
	}
}

// render writes the two files for us.
func (g *genSource) render(us []union) (code, test []byte, err error) {
	nested := map[string]bool{}
	for _, u := range us {
		for _, v := range u.variants {
			if v.shape.sub != "" {
				nested[v.shape.sub] = true
			}
		}
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\n\npackage gen\n\nimport (\n\t\"bytes\"\n\t\"encoding/json\"\n\t\"fmt\"\n\t\"strings\"\n)\n\n", unionsHeader)
	for _, u := range us {
		g.writeUnion(&b, u, nested[u.name])
	}
	b.WriteString(unionRuntime)
	code, err = format.Source(b.Bytes())
	if err != nil {
		return nil, nil, fmt.Errorf("format %s: %w\n%s", UnionsFile, err, b.Bytes())
	}
	test, err = g.unionsTest(us)
	if err != nil {
		return nil, nil, err
	}
	return code, test, nil
}

func shapesVar(name string) string { return "shapes" + name }

// writeUnion writes the constructor, the reader and (for a union read by shape,
// or nested in one) the shapes of u.
func (g *genSource) writeUnion(b *bytes.Buffer, u union, nested bool) {
	var types, names []string
	for _, v := range u.variants {
		types = append(types, g.expr(v.typ))
		names = append(names, g.expr(v.typ))
	}
	list := strings.Join(names, ", ")
	fmt.Fprintf(b, "// %sOf returns a %s holding v: one of %s.\n", u.name, u.name, list)
	fmt.Fprintf(b, "func %sOf[V %s](v V) (%s, error) {\n\tvar u %s\n\tvar err error\n\tswitch v := any(v).(type) {\n", u.name, strings.Join(types, " | "), u.name, u.name)
	for i, v := range u.variants {
		fmt.Fprintf(b, "\tcase %s:\n\t\terr = u.From%s(v)\n", types[i], v.method)
	}
	fmt.Fprintf(b, "\t}\n\tif err != nil {\n\t\treturn %s{}, fmt.Errorf(\"gen: %s from %%T: %%w\", v, err)\n\t}\n\treturn u, nil\n}\n\n", u.name, u.name)

	fmt.Fprintf(b, "// Value returns the variant u holds, for a type switch: a %s.\n// It picks the variant %s.\n// It returns an error, never panics, for an unset union or a value no variant fits.\n", strings.Join(names, ", a "), u.describe())
	for i := range u.variants {
		if j, ok := u.same[i]; ok {
			fmt.Fprintf(b, "// %s has the same shape as %s in the description: Value returns a %s for both; call As%s when you know which it holds.\n", names[i], names[j], names[j], u.variants[i].method)
		}
	}
	fmt.Fprintf(b, "func (u %s) Value() (any, error) {\n", u.name)
	if u.discrim {
		fmt.Fprintf(b, "\tv, err := u.ValueByDiscriminator()\n\tif err != nil {\n\t\treturn nil, fmt.Errorf(\"gen: %s: %%w\", err)\n\t}\n\treturn v, nil\n}\n\n", u.name)
		if !nested {
			return
		}
	} else {
		fmt.Fprintf(b, "\ti, err := matchUnion(u.union, %s)\n\tswitch i {\n", shapesVar(u.name))
		for i, v := range u.variants {
			fmt.Fprintf(b, "\tcase %d:\n\t\treturn unionAs(%q, u.As%s)\n", i, u.name, v.method)
		}
		fmt.Fprintf(b, "\t}\n\treturn nil, fmt.Errorf(\"gen: %s: %%w\", err)\n}\n\n", u.name)
	}

	fmt.Fprintf(b, "// %s are the shapes of the variants of %s, in order.\nvar %s = []unionShape{\n", shapesVar(u.name), u.name, shapesVar(u.name))
	for i, v := range u.variants {
		s := v.shape
		fmt.Fprintf(b, "\t{name: %q", names[i])
		if s.kind != 0 {
			fmt.Fprintf(b, ", kind: '%c'", s.kind)
		}
		if len(s.required) > 0 {
			fmt.Fprintf(b, ", required: %s", goStrings(s.required))
		}
		if len(s.props) > 0 {
			fmt.Fprintf(b, ", props: %s", goStrings(s.props))
		}
		if len(s.enums) > 0 {
			b.WriteString(", enums: []unionEnum{")
			for _, e := range s.enums {
				fmt.Fprintf(b, "{prop: %q, values: %s}, ", e.prop, goStrings(e.values))
			}
			b.WriteString("}")
		}
		if s.sub != "" {
			fmt.Fprintf(b, ", sub: func() []unionShape { return %s }", shapesVar(s.sub))
		}
		b.WriteString("},\n")
	}
	b.WriteString("}\n\n")
}

func goStrings(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return "[]string{" + strings.Join(q, ", ") + "}"
}

// sample returns a Go expression of a value of the variant's type that Value
// must recognise: every enum field set to its first constant, the rest zero
// (required properties are encoded even when zero); a nested union holds a
// sample of its first variant.
func (g *genSource) sample(u map[string]union, v variant) string {
	t := g.expr(v.typ)
	s := v.shape
	switch {
	case s.sub != "":
		sub := u[s.sub]
		return fmt.Sprintf("must(%sOf(%s))", sub.name, g.sample(u, sub.variants[0]))
	case s.kind == 'o' && len(s.fill) > 0:
		return fmt.Sprintf("%s{%s}", t, strings.Join(s.fill, ", "))
	case s.kind == 'a' || s.kind == 'o':
		return t + "{}"
	}
	return fmt.Sprintf("*new(%s)", t)
}

// unionsTestView is the data of templates/unions_test.go.tmpl.
type unionsTestView struct {
	Header     string
	Imports    []struct{ Name, Path string }
	RoundTrips []struct{ Name, Union, Type, Sample, Want string }
	Unions     []string
}

// unionsTest renders UnionsTestFile: a round trip of every variant of every
// union, with a sample value the test can build.
func (g *genSource) unionsTest(us []union) ([]byte, error) {
	byName := map[string]union{}
	for _, u := range us {
		byName[u.name] = u
	}
	v := unionsTestView{Header: unionsHeader}
	var samples []string
	for _, u := range us {
		for i, vr := range u.variants {
			sample := g.sample(byName, vr)
			samples = append(samples, sample)
			want := "nil"
			if j, ok := u.same[i]; ok {
				want = fmt.Sprintf("*new(%s)", g.expr(u.variants[j].typ))
			}
			v.RoundTrips = append(v.RoundTrips, struct{ Name, Union, Type, Sample, Want string }{
				u.name + "/" + g.expr(vr.typ), u.name, g.expr(vr.typ), sample, want})
		}
		v.Unions = append(v.Unions, u.name)
	}
	all := strings.Join(samples, "\n")
	for _, name := range sortedImports(g.imports) {
		if strings.Contains(all, name+".") {
			v.Imports = append(v.Imports, struct{ Name, Path string }{name, g.imports[name]})
		}
	}
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, "unions_test.go.tmpl", v); err != nil {
		return nil, fmt.Errorf("%s: %w", UnionsTestFile, err)
	}
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("format %s: %w\n%s", UnionsTestFile, err, b.Bytes())
	}
	return out, nil
}

// sortedImports returns the package names of imports in order.
func sortedImports(imports map[string]string) []string {
	names := make([]string, 0, len(imports))
	for n := range imports {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// unionRuntime is the matcher every Value method without a discriminator uses.
const unionRuntime = `// unionShape is what Value checks of one variant of a union: the JSON kind
// ('o' object, 'a' array, 's' string, 'n' number, 'b' boolean, 0 any), and for
// an object the properties that must be present (required), the properties
// whose value must be one of an enum's (enums) and every property (props); a
// variant that is a union itself has its variants' shapes (sub).
type unionShape struct {
	name     string
	kind     byte
	required []string
	props    []string
	enums    []unionEnum
	sub      func() []unionShape
}

// unionEnum is a property whose value must be one of values (JSON texts).
type unionEnum struct {
	prop   string
	values []string
}

// matchUnion returns the index of the shape raw fits: of the shapes whose kind
// matches and, for an object, whose required properties are all present and
// whose enum properties hold one of their values (or null), the one that
// declares the most of the object's properties, then the one with the fewest
// of its own properties missing; the first on a tie. It returns -1 and an error when raw
// is empty, null or fits none.
func matchUnion(raw json.RawMessage, shapes []unionShape) (int, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return -1, fmt.Errorf("no value is set")
	}
	kind := jsonKindOf(raw[0])
	var obj map[string]json.RawMessage
	if kind == 'o' {
		if err := json.Unmarshal(raw, &obj); err != nil {
			return -1, err
		}
	}
	best, bestScore := -1, 0
	for i, s := range shapes {
		if score, ok := s.match(kind, obj); ok && (best < 0 || score > bestScore) {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		names := make([]string, len(shapes))
		for i, s := range shapes {
			names[i] = s.name
		}
		return -1, fmt.Errorf("the JSON value fits none of %s", strings.Join(names, ", "))
	}
	return best, nil
}

// match reports whether a value of JSON kind kind (and, for an object, with
// properties obj) fits the shape, and its score: fewer of the object's
// properties the shape does not declare first, then fewer of the shape's
// properties missing from the object.
func (s unionShape) match(kind byte, obj map[string]json.RawMessage) (int, bool) {
	if s.sub != nil {
		best, found := 0, false
		for _, c := range s.sub() {
			if score, ok := c.match(kind, obj); ok && (!found || score > best) {
				best, found = score, true
			}
		}
		return best, found
	}
	if s.kind != 0 && s.kind != kind {
		return 0, false
	}
	if kind != 'o' {
		return 0, true
	}
	for _, r := range s.required {
		if _, ok := obj[r]; !ok {
			return 0, false
		}
	}
	for _, e := range s.enums {
		v, ok := obj[e.prop]
		if !ok {
			continue
		}
		if !enumHolds(e.values, v) {
			return 0, false
		}
	}
	missing := 0
	for _, p := range s.props {
		if _, ok := obj[p]; !ok {
			missing++
		}
	}
	unknown := 0
	for k := range obj {
		if !containsString(s.props, k) {
			unknown++
		}
	}
	return -(unknown*1_000_000 + missing), true
}

// enumHolds reports whether the JSON value v is null or equals one of values
// (JSON texts), compared as decoded values ("\u003e" equals ">").
func enumHolds(values []string, v json.RawMessage) bool {
	var got any
	if json.Unmarshal(v, &got) != nil {
		return false
	}
	if got == nil {
		return true
	}
	for _, text := range values {
		var want any
		if json.Unmarshal([]byte(text), &want) == nil && want == got {
			return true
		}
	}
	return false
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// jsonKindOf returns the kind of the JSON value starting with c.
func jsonKindOf(c byte) byte {
	switch c {
	case '{':
		return 'o'
	case '[':
		return 'a'
	case '"':
		return 's'
	case 't', 'f':
		return 'b'
	}
	return 'n'
}

// unionAs returns the variant as decodes, naming the union in an error.
func unionAs[T any](union string, as func() (T, error)) (any, error) {
	v, err := as()
	if err != nil {
		return nil, fmt.Errorf("gen: %s: %w", union, err)
	}
	return v, nil
}
`
