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
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// AccessorsFile is the file WriteAccessors writes into the generated package.
const AccessorsFile = "accessors.gen.go"

// accessorsHeader is the first line of AccessorsFile.
var accessorsHeader = generatedLine("from the generated types of this package")

// WriteAccessors reads the Go files of the generated package in dir (every .go file
// but AccessorsFile itself, which it replaces) and writes AccessorsFile: a nil-safe
// GetX method for each optional field of each struct type (see Accessors).
func WriteAccessors(root, dir string) error {
	files, err := readGoFiles(dir, AccessorsFile)
	if err != nil {
		return err
	}
	deps, err := moduleDeps(root, files)
	if err != nil {
		return err
	}
	src, err := Accessors(files, deps)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, AccessorsFile), src, 0o644)
}

// readGoFiles returns the non-test .go files of dir but skip.
func readGoFiles(dir, skip string) (map[string][]byte, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("accessors: %w", err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || name == skip {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("accessors: %w", err)
		}
		files[name] = b
	}
	return files, nil
}

// moduleDeps reads the packages of root's module imported by files: import path
// to the package's files.
func moduleDeps(root string, files map[string][]byte) (map[string]map[string][]byte, error) {
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return nil, fmt.Errorf("accessors: %w", err)
	}
	var module string
	for _, line := range strings.Split(string(gomod), "\n") {
		if m, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			module = strings.Trim(strings.TrimSpace(m), `"`)
			break
		}
	}
	if module == "" {
		return nil, fmt.Errorf("accessors: no module line in %s", filepath.Join(root, "go.mod"))
	}
	deps := map[string]map[string][]byte{}
	fset := token.NewFileSet()
	for _, name := range sortedKeys(files) {
		f, err := parser.ParseFile(fset, name, files[name], parser.ImportsOnly)
		if err != nil {
			return nil, fmt.Errorf("accessors: %w", err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			rel, ok := strings.CutPrefix(path, module+"/")
			if !ok || deps[path] != nil {
				continue
			}
			pf, err := readGoFiles(filepath.Join(root, filepath.FromSlash(rel)), "")
			if err != nil {
				return nil, err
			}
			deps[path] = pf
		}
	}
	return deps, nil
}

// Accessors returns the gofmt'ed source of AccessorsFile for the package made of
// files (file name to content); deps holds the files of the packages of the same
// module that it imports (import path to files), whose types are consulted too.
// Types are read with go/ast; no type checker is needed because everything an
// accessor depends on is declared in these files:
//
//   - a pointer field *T gets GetX() T returning the zero value of T when the
//     receiver or the field is nil; when T is a struct type of the package or of
//     a dependency, GetX returns the *T itself (nil when unset), so getters chain:
//     c.GetCompanies().GetTotalCount();
//   - a field of a dependency's string type (types.ID), behind a pointer or
//     not (required ids get an accessor too) or as the element of a slice, is
//     returned as a plain string ([]string for a slice, a new one on each call),
//     so ids compare without conversions;
//   - a slice or map field, behind a pointer or not, gets GetX() returning it, or
//     nil when the receiver or the field is nil;
//   - fields of anonymous struct types, unexported fields, fields tagged json:"-"
//     and required scalar fields get no accessor, nor do the client plumbing
//     types (Client, ClientWithResponses, and the typed responses, which have an
//     HTTPResponse field);
//   - an int field holding Unix seconds (tagged intercom:"unix", which the overlay
//     puts on every integer property with format date-time, or named "..._at")
//     also gets GetXTime() time.Time, in UTC, the zero time.Time when unset;
//   - a GetX that would clash with a method or field of the type is not written
//     (the clash is reported in the file's closing comment).
//
// The output depends only on the input, so regeneration is reproducible.
func Accessors(files map[string][]byte, deps map[string]map[string][]byte) ([]byte, error) {
	p, err := parsePackage(files)
	if err != nil {
		return nil, err
	}
	p.deps = map[string]*goPackage{}
	for path, df := range deps {
		dp, err := parsePackage(df)
		if err != nil {
			return nil, fmt.Errorf("%w (in %s)", err, path)
		}
		p.deps[path] = dp
	}
	var b bytes.Buffer
	b.WriteString(accessorsHeader + "\n\n")
	fmt.Fprintf(&b, "package %s\n\n", p.name)
	body, imports, skipped := p.accessors()
	if len(imports) > 0 {
		b.WriteString("import (\n")
		for _, name := range sortedKeys(imports) {
			path := imports[name]
			if filepath.Base(path) == name {
				fmt.Fprintf(&b, "\t%q\n", path)
			} else {
				fmt.Fprintf(&b, "\t%s %q\n", name, path)
			}
		}
		b.WriteString(")\n\n")
	}
	b.Write(body)
	if p.needStrings {
		b.WriteString("// accessorStrings returns ids as plain strings.\n")
		b.WriteString("func accessorStrings[S ~string](ids []S) []string {\n\tif ids == nil {\n\t\treturn nil\n\t}\n\tout := make([]string, len(ids))\n\tfor i, id := range ids {\n\t\tout[i] = string(id)\n\t}\n\treturn out\n}\n")
	}
	if len(skipped) > 0 {
		b.WriteString("\n// Accessors not written because the name is already taken:\n")
		for _, s := range skipped {
			fmt.Fprintf(&b, "//   - %s\n", s)
		}
	}
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("accessors: formatting the generated code: %w", err)
	}
	return out, nil
}

// goPackage is what the accessor generator knows about a package.
type goPackage struct {
	name    string
	fset    *token.FileSet
	types   map[string]*ast.TypeSpec     // every type declared at package level
	methods map[string]map[string]bool   // receiver base type -> method names
	structs []string                     // struct types, sorted
	fileOf  map[string]map[string]string // type -> import name -> path in the file declaring it
	deps    map[string]*goPackage        // imported packages of the same module, by path

	needStrings bool // an accessor uses accessorStrings
}

func parsePackage(files map[string][]byte) (*goPackage, error) {
	p := &goPackage{
		fset:    token.NewFileSet(),
		types:   map[string]*ast.TypeSpec{},
		methods: map[string]map[string]bool{},
		fileOf:  map[string]map[string]string{},
	}
	for _, name := range sortedKeys(files) {
		f, err := parser.ParseFile(p.fset, name, files[name], parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("accessors: %w", err)
		}
		if p.name == "" {
			p.name = f.Name.Name
		} else if p.name != f.Name.Name {
			return nil, fmt.Errorf("accessors: %s is in package %s, not %s", name, f.Name.Name, p.name)
		}
		fileImports := map[string]string{}
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				return nil, fmt.Errorf("accessors: %s: %w", name, err)
			}
			iname := filepath.Base(path)
			if imp.Name != nil {
				iname = imp.Name.Name
			}
			fileImports[iname] = path
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				if d.Tok != token.TYPE {
					continue
				}
				for _, s := range d.Specs {
					ts := s.(*ast.TypeSpec)
					p.types[ts.Name.Name] = ts
					p.fileOf[ts.Name.Name] = fileImports
				}
			case *ast.FuncDecl:
				if d.Recv == nil || len(d.Recv.List) == 0 {
					continue
				}
				base := receiverBase(d.Recv.List[0].Type)
				if base == "" {
					continue
				}
				if p.methods[base] == nil {
					p.methods[base] = map[string]bool{}
				}
				p.methods[base][d.Name.Name] = true
			}
		}
	}
	if p.name == "" {
		return nil, fmt.Errorf("accessors: no Go files")
	}
	for name, ts := range p.types {
		if _, ok := ts.Type.(*ast.StructType); ok && ts.Assign == 0 && ts.TypeParams == nil {
			p.structs = append(p.structs, name)
		}
	}
	sort.Strings(p.structs)
	return p, nil
}

// receiverBase returns T for a receiver of type T, *T, T[...] or *T[...].
func receiverBase(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// plumbing reports whether a struct type is part of the generated client rather
// than the API's data: the clients and the typed responses.
func (p *goPackage) plumbing(name string, st *ast.StructType) bool {
	if name == "Client" || name == "ClientWithResponses" {
		return true
	}
	for _, f := range st.Fields.List {
		for _, n := range f.Names {
			if n.Name == "HTTPResponse" {
				return true
			}
		}
	}
	return false
}

// accessors renders the methods of every struct type, the imports they need,
// and the accessors left out because of a name clash.
func (p *goPackage) accessors() (body []byte, imports map[string]string, skipped []string) {
	var b bytes.Buffer
	imports = map[string]string{}
	for _, tname := range p.structs {
		st := p.types[tname].Type.(*ast.StructType)
		if p.plumbing(tname, st) {
			continue
		}
		taken := map[string]bool{}
		for m := range p.methods[tname] {
			taken[m] = true
		}
		for _, f := range st.Fields.List {
			for _, n := range f.Names {
				taken[n.Name] = true
			}
		}
		recv := receiverName(tname)
		for _, f := range st.Fields.List {
			if len(f.Names) == 0 { // embedded
				continue
			}
			if jsonName(f) == "-" {
				continue
			}
			for _, n := range f.Names {
				if !n.IsExported() {
					continue
				}
				method := "Get" + n.Name
				if acc, ok := p.accessor(tname, recv, n.Name, f.Type, imports); ok {
					if taken[method] {
						skipped = append(skipped, tname+"."+method)
						continue
					}
					taken[method] = true
					b.WriteString(acc)
				}
				if !isUnixSeconds(f) {
					continue
				}
				tmethod := method + "Time"
				if taken[tmethod] {
					skipped = append(skipped, tname+"."+tmethod)
					continue
				}
				taken[tmethod] = true
				imports["time"] = "time"
				b.WriteString(timeAccessor(tname, recv, n.Name, f.Type))
			}
		}
	}
	return b.Bytes(), imports, skipped
}

// accessor returns the source of the GetX method of field of type t, or false
// when the field gets none.
func (p *goPackage) accessor(tname, recv, field string, t ast.Expr, imports map[string]string) (string, bool) {
	method := "Get" + field
	var b strings.Builder
	switch x := t.(type) {
	case *ast.StarExpr:
		return p.pointerAccessor(tname, recv, field, x, imports)
	case *ast.SelectorExpr:
		if !p.isStringType(tname, x) {
			return "", false
		}
		fmt.Fprintf(&b, "// %s returns the %s field as a string, or \"\" when the %s is nil.\n", method, field, tname)
		fmt.Fprintf(&b, "func (%s *%s) %s() string {\n\tif %s == nil {\n\t\treturn \"\"\n\t}\n\treturn string(%s.%s)\n}\n\n",
			recv, tname, method, recv, recv, field)
		return b.String(), true
	case *ast.Ident:
		// A named slice or map type of the package (CustomAttributes): like an
		// inline one, the getter returns the field, nil for a nil receiver.
		switch u := p.underlying(x).(type) {
		case *ast.MapType:
		case *ast.ArrayType:
			if u.Len != nil {
				return "", false
			}
		default:
			return "", false
		}
		typ := p.typeString(x, tname, imports)
		fmt.Fprintf(&b, "// %s returns the %s field, or nil when the %s is nil.\n", method, field, tname)
		fmt.Fprintf(&b, "func (%s *%s) %s() %s {\n\tif %s == nil {\n\t\treturn nil\n\t}\n\treturn %s.%s\n}\n\n",
			recv, tname, method, typ, recv, recv, field)
		return b.String(), true
	case *ast.ArrayType, *ast.MapType:
		if containsAnonymousStruct(x) {
			return "", false
		}
		if arr, ok := x.(*ast.ArrayType); ok && arr.Len == nil && p.isStringType(tname, arr.Elt) {
			p.needStrings = true
			fmt.Fprintf(&b, "// %s returns the %s field as strings (a new slice), or nil when it or\n// the %s is nil.\n", method, field, tname)
			fmt.Fprintf(&b, "func (%s *%s) %s() []string {\n\tif %s == nil {\n\t\treturn nil\n\t}\n\treturn accessorStrings(%s.%s)\n}\n\n",
				recv, tname, method, recv, recv, field)
			return b.String(), true
		}
		typ := p.typeString(x, tname, imports)
		fmt.Fprintf(&b, "// %s returns the %s field, or nil when the %s is nil.\n", method, field, tname)
		fmt.Fprintf(&b, "func (%s *%s) %s() %s {\n\tif %s == nil {\n\t\treturn nil\n\t}\n\treturn %s.%s\n}\n\n",
			recv, tname, method, typ, recv, recv, field)
		return b.String(), true
	}
	return "", false
}

// pointerAccessor is accessor for a field of pointer type x: the getter
// dereferences it, returning the zero value (or nil) when it or the
// receiver is nil.
func (p *goPackage) pointerAccessor(tname, recv, field string, x *ast.StarExpr, imports map[string]string) (string, bool) {
	method := "Get" + field
	check := fmt.Sprintf("%s == nil || %s.%s == nil", recv, recv, field)
	var b strings.Builder
	if containsAnonymousStruct(x.X) {
		return "", false
	}
	if arr, ok := x.X.(*ast.ArrayType); ok && arr.Len == nil && p.isStringType(tname, arr.Elt) {
		p.needStrings = true
		fmt.Fprintf(&b, "// %s returns the %s field as strings (a new slice), or nil when it or\n// the %s is nil.\n", method, field, tname)
		fmt.Fprintf(&b, "func (%s *%s) %s() []string {\n\tif %s {\n\t\treturn nil\n\t}\n\treturn accessorStrings(*%s.%s)\n}\n\n",
			recv, tname, method, check, recv, field)
		return b.String(), true
	}
	if p.isStringType(tname, x.X) {
		fmt.Fprintf(&b, "// %s returns the %s field as a string, or \"\" when it or the %s is nil.\n", method, field, tname)
		fmt.Fprintf(&b, "func (%s *%s) %s() string {\n\tif %s {\n\t\treturn \"\"\n\t}\n\treturn string(*%s.%s)\n}\n\n",
			recv, tname, method, check, recv, field)
		return b.String(), true
	}
	switch elem := x.X.(type) {
	case *ast.ArrayType, *ast.MapType:
		typ := p.typeString(elem, tname, imports)
		fmt.Fprintf(&b, "// %s returns the %s field, or nil when it or the %s is nil.\n", method, field, tname)
		fmt.Fprintf(&b, "func (%s *%s) %s() %s {\n\tif %s {\n\t\treturn nil\n\t}\n\treturn *%s.%s\n}\n\n",
			recv, tname, method, typ, check, recv, field)
		return b.String(), true
	}
	if p.isStruct(tname, x.X) {
		typ := p.typeString(x, tname, imports)
		fmt.Fprintf(&b, "// %s returns the %s field, or nil when it or the %s is nil. The getters of\n// the result are safe to call on nil.\n", method, field, tname)
		fmt.Fprintf(&b, "func (%s *%s) %s() %s {\n\tif %s == nil {\n\t\treturn nil\n\t}\n\treturn %s.%s\n}\n\n",
			recv, tname, method, typ, recv, recv, field)
		return b.String(), true
	}
	typ := p.typeString(x.X, tname, imports)
	zero, literal := p.zeroValue(x.X, tname, imports)
	desc := zero
	if !literal {
		desc = "the zero " + typ
	}
	fmt.Fprintf(&b, "// %s returns the %s field, or %s when it or the %s is nil.\n", method, field, desc, tname)
	fmt.Fprintf(&b, "func (%s *%s) %s() %s {\n\tif %s {\n", recv, tname, method, typ, check)
	if literal {
		fmt.Fprintf(&b, "\t\treturn %s\n", zero)
	} else {
		fmt.Fprintf(&b, "\t\tvar zero %s\n\t\treturn zero\n", typ)
	}
	fmt.Fprintf(&b, "\t}\n\treturn *%s.%s\n}\n\n", recv, field)
	return b.String(), true
}

// isUnixSeconds reports whether field f holds Unix seconds: an int (behind a
// pointer or not) tagged intercom:"unix" (the overlay tags every integer property
// with format date-time) or whose JSON name ends in "_at".
func isUnixSeconds(f *ast.Field) bool {
	t := f.Type
	if st, ok := t.(*ast.StarExpr); ok {
		t = st.X
	}
	id, ok := t.(*ast.Ident)
	if !ok || (id.Name != "int" && id.Name != "int64") {
		return false
	}
	if f.Tag != nil {
		if tag, err := strconv.Unquote(f.Tag.Value); err == nil && reflect.StructTag(tag).Get("intercom") == "unix" {
			return true
		}
	}
	return strings.HasSuffix(jsonName(f), "_at")
}

// timeAccessor returns GetXTime for a Unix-seconds field.
func timeAccessor(tname, recv, field string, t ast.Expr) string {
	method := "Get" + field + "Time"
	var b strings.Builder
	fmt.Fprintf(&b, "// %s returns the %s field (Unix seconds) as a time.Time in UTC, or the\n// zero time.Time when it or the %s is nil.\n", method, field, tname)
	if _, ptr := t.(*ast.StarExpr); ptr {
		fmt.Fprintf(&b, "func (%s *%s) %s() time.Time {\n\tif %s == nil || %s.%s == nil {\n\t\treturn time.Time{}\n\t}\n\treturn time.Unix(int64(*%s.%s), 0).UTC()\n}\n\n",
			recv, tname, method, recv, recv, field, recv, field)
	} else {
		fmt.Fprintf(&b, "func (%s *%s) %s() time.Time {\n\tif %s == nil {\n\t\treturn time.Time{}\n\t}\n\treturn time.Unix(int64(%s.%s), 0).UTC()\n}\n\n",
			recv, tname, method, recv, recv, field)
	}
	return b.String()
}

// isStruct reports whether t, in the file declaring type tname, names a struct
// type of the package or of a dependency, through aliases and generic
// instantiations (types.PagedList[Company, PagesLink]).
func (p *goPackage) isStruct(tname string, t ast.Expr) bool {
	for range 32 {
		switch x := t.(type) {
		case *ast.Ident:
			ts := p.types[x.Name]
			if ts == nil {
				return false
			}
			if _, ok := ts.Type.(*ast.StructType); ok {
				return true
			}
			t = ts.Type
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.SelectorExpr:
			dep, name := p.depOf(tname, x)
			return dep != nil && dep.isStruct(name, ast.NewIdent(name))
		default:
			return false
		}
	}
	return false
}

// isStringType reports whether t, in the file declaring type tname, names a
// defined string type of a dependency (types.ID).
func (p *goPackage) isStringType(tname string, t ast.Expr) bool {
	sel, ok := t.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	dep, name := p.depOf(tname, sel)
	if dep == nil || dep.types[name] == nil {
		return false
	}
	id, ok := dep.underlying(ast.NewIdent(name)).(*ast.Ident)
	return ok && id.Name == "string"
}

// depOf returns the dependency a selector pkg.T refers to in the file that
// declares tname, and T; nil when pkg is not a package of the module.
func (p *goPackage) depOf(tname string, sel *ast.SelectorExpr) (*goPackage, string) {
	pkg, ok := sel.X.(*ast.Ident)
	if !ok {
		return nil, ""
	}
	path, ok := p.fileOf[tname][pkg.Name]
	if !ok {
		return nil, ""
	}
	return p.deps[path], sel.Sel.Name
}

// underlying resolves local named types and aliases to their definition; other
// expressions are returned as they are.
func (p *goPackage) underlying(t ast.Expr) ast.Expr {
	for range 32 { // bounded: alias cycles do not compile anyway
		id, ok := t.(*ast.Ident)
		if !ok {
			return t
		}
		ts := p.types[id.Name]
		if ts == nil {
			return t
		}
		t = ts.Type
	}
	return t
}

// zeroValue returns the zero value of t as a Go literal, or ("", false) when it
// has no short literal form.
func (p *goPackage) zeroValue(t ast.Expr, tname string, imports map[string]string) (string, bool) {
	u := p.underlying(t)
	switch x := u.(type) {
	case *ast.Ident:
		switch x.Name {
		case "string":
			return `""`, true
		case "bool":
			return "false", true
		case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
			"uintptr", "float32", "float64", "byte", "rune", "complex64", "complex128":
			return "0", true
		case "any", "error":
			return "nil", true
		}
	case *ast.InterfaceType, *ast.ArrayType, *ast.MapType, *ast.StarExpr, *ast.FuncType, *ast.ChanType:
		if arr, ok := x.(*ast.ArrayType); ok && arr.Len != nil {
			return "", false
		}
		return "nil", true
	case *ast.SelectorExpr:
		if pkg, ok := x.X.(*ast.Ident); ok && pkg.Name == "json" && x.Sel.Name == "RawMessage" {
			return "nil", true
		}
	}
	return "", false
}

// typeString prints t as it must appear in the accessors file, recording the
// imports it needs (resolved in the file that declares tname).
func (p *goPackage) typeString(t ast.Expr, tname string, imports map[string]string) string {
	ast.Inspect(t, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if pkg, ok := sel.X.(*ast.Ident); ok {
			if path, ok := p.fileOf[tname][pkg.Name]; ok {
				imports[pkg.Name] = path
			}
		}
		return false
	})
	var b bytes.Buffer
	if err := format.Node(&b, p.fset, t); err != nil {
		// format.Node fails only on nodes that cannot be printed, which parsed
		// type expressions always can.
		panic(err)
	}
	return b.String()
}

// containsAnonymousStruct reports whether t spells a struct type inline.
func containsAnonymousStruct(t ast.Expr) bool {
	found := false
	ast.Inspect(t, func(n ast.Node) bool {
		if _, ok := n.(*ast.StructType); ok {
			found = true
		}
		return !found
	})
	return found
}

// jsonName returns the name of a field in its json tag ("" when untagged).
func jsonName(f *ast.Field) string {
	if f.Tag == nil {
		return ""
	}
	tag, err := strconv.Unquote(f.Tag.Value)
	if err != nil {
		return ""
	}
	name, _, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ",")
	return name
}

// receiverName is the receiver of the accessors of type tname: its first
// letter, lower-cased.
func receiverName(tname string) string {
	return strings.ToLower(tname[:1])
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
