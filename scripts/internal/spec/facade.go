package spec

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
)

// This file is the facade generator: from the overlaid description, the
// generated package gen and the reviewed operations table it writes the
// mechanical part of package intercom — one service method per operation and
// one iterator per paginated list — into intercom/*.gen.go. What needs
// judgement (the HTTP layer, the pagination engine, conveniences such as
// Conversations.Close) stays hand-written and calls these methods.

// FacadeResult reports what the facade generator did.
type FacadeResult struct {
	// Files are the files written, relative to the output directory.
	Files []string
	// Untabled lists the operations without a table entry: they got a
	// method with a derived service and name, and want a reviewed entry.
	Untabled []string
	// Methods counts the service methods written (iterators excluded).
	Methods int
	// Iterators counts the ...All iterators written.
	Iterators int
	// Skipped lists the operations left out in lenient mode, with why.
	Skipped []string
}

// facadeOp is one operation being generated.
type facadeOp struct {
	id, method, path string
	op               *openapi3.Operation
	entry            *TableEntry
	fn               *ast.FuncDecl
	tabled           bool
}

// GenerateFacade writes the generated files of package intercom into outDir.
// genSrc is the source of gen/intercom.gen.go for the same description.
//
// lenient (for a preview version) turns the operations that cannot be
// generated into FacadeResult.Skipped instead of an error, so that the rest
// compiles.
func GenerateFacade(doc *openapi3.T, table *Table, genSrc []byte, version, outDir string, lenient bool) (*FacadeResult, error) {
	model, err := NewModel(doc, table, genSrc)
	if err != nil {
		return nil, err
	}
	return model.GenerateFacade(version, outDir, lenient)
}

// GenerateFacade is [GenerateFacade] on the model.
func (model *Model) GenerateFacade(version, outDir string, lenient bool) (*FacadeResult, error) {
	m, table := model.gen, model.Table
	ops, err := facadeOps(model.Doc, table, m, version)
	if err != nil {
		return nil, err
	}
	res := &FacadeResult{}
	services, bySvc, err := groupServices(table, ops, res)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, err
	}
	// Remove generated files of services that no longer exist.
	old, _ := filepath.Glob(filepath.Join(outDir, "*.gen.go"))
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return nil, err
		}
	}
	w := &facadeWriter{dir: outDir, res: res, target: model.target,
		header: generatedLine(fmt.Sprintf("from api/operations/%s.yaml and the %s description", version, version))}
	if err := w.render("services.gen.go", "services.go.tmpl", servicesData(w.header, services)); err != nil {
		return nil, err
	}
	if err := w.render("operations.gen.go", "operations.go.tmpl", operationsData(w.header, ops)); err != nil {
		return nil, err
	}
	if err := w.serviceFiles(m, bySvc, lenient); err != nil {
		return nil, err
	}
	sort.Strings(res.Files)
	return res, nil
}

// facadeOps lists the operations of the description with their table
// entries (a derived one for an operation the table lacks), sorted by
// service and method; an entry for an operation the description no longer
// has is an error.
func facadeOps(doc *openapi3.T, table *Table, m *goModel, version string) ([]*facadeOp, error) {
	var ops []*facadeOp
	seen := map[string]bool{}
	for _, path := range doc.Paths.InMatchingOrder() {
		for method, o := range doc.Paths.Value(path).Operations() {
			id := o.OperationID
			fn := m.funcs[id]
			if fn == nil {
				// A body gen cannot type (multipart, binary) only has the
				// <Op>WithBody form, taking a content type and a reader.
				fn = m.funcs[id+"WithBody"]
			}
			if fn == nil {
				return nil, fmt.Errorf("operation %s (%s %s): gen has no request builder New%sRequest", id, method, path, id)
			}
			fo := &facadeOp{id: id, method: method, path: path, op: o, fn: fn}
			if e, ok := table.Operations[id]; ok {
				fo.entry, fo.tabled = e, true
			} else {
				fo.entry = &TableEntry{Service: serviceFromTag(o), Method: id}
			}
			seen[id] = true
			ops = append(ops, fo)
		}
	}
	var stale []string
	for id := range table.Operations {
		if !seen[id] {
			stale = append(stale, id)
		}
	}
	if len(stale) > 0 {
		sort.Strings(stale)
		return nil, fmt.Errorf("api/operations/%s.yaml has entries for operations the description no longer has: %s", version, strings.Join(stale, ", "))
	}
	sort.Slice(ops, func(i, j int) bool {
		a, b := ops[i], ops[j]
		if a.entry.Service != b.entry.Service {
			return a.entry.Service < b.entry.Service
		}
		return a.entry.Method < b.entry.Method
	})
	return ops, nil
}

// groupServices returns the services (name → doc, the table's and a
// derived one for each service only untabled operations name) and the
// operations of each; it lists the untabled operations in res and fails
// when two operations want the same method.
func groupServices(table *Table, ops []*facadeOp, res *FacadeResult) (map[string]string, map[string][]*facadeOp, error) {
	services := map[string]string{}
	for k, v := range table.Services {
		services[k] = v
	}
	bySvc := map[string][]*facadeOp{}
	names := map[string]string{}
	for _, fo := range ops {
		if !fo.tabled {
			res.Untabled = append(res.Untabled, fmt.Sprintf("%s (%s %s) → %s.%s", fo.id, fo.method, fo.path, fo.entry.Service, fo.entry.Method))
			if _, ok := services[fo.entry.Service]; !ok {
				services[fo.entry.Service] = "the " + strings.ToLower(splitWords(fo.entry.Service)) + " operations (no reviewed entry yet)"
			}
		}
		for _, name := range fo.methodNames() {
			key := fo.entry.Service + "." + name
			if other, dup := names[key]; dup {
				return nil, nil, fmt.Errorf("%s and %s both want the method %s", other, fo.id, key)
			}
			names[key] = fo.id
		}
		bySvc[fo.entry.Service] = append(bySvc[fo.entry.Service], fo)
	}
	return services, bySvc, nil
}

// facadeWriter writes the files of package intercom, gofmt'd.
type facadeWriter struct {
	dir, header string
	res         *FacadeResult
	target      *facadeTarget // nil: package intercom
}

// render executes the template tmpl with data and writes the result as name.
func (w *facadeWriter) render(name, tmpl string, data any) error {
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, w.target.template(tmpl), data); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return w.write(name, b.Bytes())
}

// write gofmts body and writes it as name.
func (w *facadeWriter) write(name string, body []byte) error {
	out, err := format.Source(w.target.retarget(body))
	if err != nil {
		return fmt.Errorf("format %s: %w\n%s", name, err, numbered(body))
	}
	w.res.Files = append(w.res.Files, name)
	return os.WriteFile(filepath.Join(w.dir, name), out, 0o644)
}

// serviceFiles writes one file per service with its methods and iterators.
// In lenient mode an operation that cannot be generated is left out and
// reported; otherwise every such operation is listed in the error.
func (w *facadeWriter) serviceFiles(m *goModel, bySvc map[string][]*facadeOp, lenient bool) error {
	var problems []string
	for _, svc := range sortedKeys(bySvc) {
		g := &fileGen{m: m}
		var code bytes.Buffer
		for _, fo := range bySvc[svc] {
			if err := g.render(&code, fo); err != nil {
				msg := fmt.Sprintf("%s (%s %s): %v", fo.id, fo.method, fo.path, err)
				if lenient {
					w.res.Skipped = append(w.res.Skipped, msg)
				} else {
					problems = append(problems, msg)
				}
				continue
			}
			w.res.Methods++
			if fo.entry.Pages != nil {
				w.res.Iterators++
			}
		}
		if len(problems) > 0 || code.Len() == 0 {
			continue
		}
		if err := w.render(snake(svc)+".gen.go", "service_file.go.tmpl", serviceFileData(w.header, code.String())); err != nil {
			return err
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%d operations cannot be generated:\n  %s", len(problems), strings.Join(problems, "\n  "))
	}
	return nil
}

// serviceFileView is the data of templates/service_file.go.tmpl.
type serviceFileView struct {
	Header  string
	Imports []string // standard-library imports the methods use
	Gen     bool     // the methods use package gen
	Engine  bool     // the methods use the engine (intercom/internal/engine)
	Code    string   // the methods, rendered
}

// serviceFileData picks the imports the code of a service file uses.
func serviceFileData(header, code string) serviceFileView {
	v := serviceFileView{Header: header, Code: code, Gen: strings.Contains(code, "gen."), Engine: strings.Contains(code, "engine.")}
	for _, imp := range []struct{ path, use string }{{"context", "context."}, {"io", "io.Reader"}, {"iter", "iter."}, {"net/http", "http."}} {
		if strings.Contains(code, imp.use) {
			v.Imports = append(v.Imports, imp.path)
		}
	}
	return v
}

// servicesView is the data of templates/services.go.tmpl.
type servicesView struct {
	Header   string
	Services []struct{ Name, Doc string }
}

// servicesData lists the services by name.
func servicesData(header string, services map[string]string) servicesView {
	v := servicesView{Header: header}
	for _, s := range sortedKeys(services) {
		v.Services = append(v.Services, struct{ Name, Doc string }{s, oneLine(services[s])})
	}
	return v
}

// operationView is one Operation of templates/operations.go.tmpl.
type operationView struct {
	Var, ID, Service, Method, HTTPMethod, Path string
	RetrySafe, ParamsOption                    bool
}

// operationsData lists the operations by ID.
func operationsData(header string, ops []*facadeOp) any {
	sorted := slices.Clone(ops)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].id < sorted[j].id })
	views := make([]operationView, len(sorted))
	for i, fo := range sorted {
		views[i] = operationView{fo.opVar(), fo.id, fo.entry.Service, fo.entry.Method, fo.method, fo.path, fo.retrySafe(), fo.entry.Params == "option"}
	}
	return struct {
		Header string
		Ops    []operationView
	}{header, views}
}

// fileGen renders the methods of one service's file.
type fileGen struct {
	m *goModel
}

// render writes the method (and iterator) of fo to b; on error b is
// unchanged.
func (g *fileGen) render(b *bytes.Buffer, fo *facadeOp) error {
	v, err := g.method(fo)
	if err != nil {
		return err
	}
	return templates.ExecuteTemplate(b, "method", v)
}

// methodNames are the facade methods an operation gets.
func (fo *facadeOp) methodNames() []string {
	n := []string{fo.entry.Method}
	if p := fo.entry.Pages; p != nil {
		n = append(n, fo.allName())
	}
	return n
}

func (fo *facadeOp) allName() string {
	if fo.entry.Pages.Method != "" {
		return fo.entry.Pages.Method
	}
	return fo.entry.Method + "All"
}

// opVar is the name of the Operation variable of an operation.
func (fo *facadeOp) opVar() string { return "op" + fo.id }

// retrySafe reports whether the operation may be repeated after the server
// may have acted on it.
func (fo *facadeOp) retrySafe() bool {
	switch fo.method {
	case "GET", "HEAD", "OPTIONS", "DELETE":
		return true
	}
	return fo.entry.Read
}

// pathParam describes a path parameter: ids are strings in the facade; an
// integer id is checked to be a positive number and converted.
func (g *fileGen) pathParam(genName, specName string, t ast.Expr) param {
	name := goArgName(specName)
	what := strings.ReplaceAll(specName, "_", " ")
	switch g.m.qual(t) {
	case "int":
		return param{name: name, goType: "string", call: name + "N", specNam: specName,
			check: []string{fmt.Sprintf("%sN, err := engine.NumericID(%q, %s)", name, what, name)}}
	case "string":
		return param{name: name, goType: "string", call: name, specNam: specName,
			check: []string{fmt.Sprintf("engine.RequireID(%q, %s)", what, name)}}
	default:
		return param{name: name, goType: g.m.qual(t), call: name, specNam: specName}
	}
}

// result classifies the success of an operation: a JSON value (its gen type
// and the <Op>Response field declaring it), a file, or nothing.
func (g *fileGen) result(fo *facadeOp) (kind, typ, jsonField string, err error) {
	st := g.m.resps[fo.id]
	if st == nil {
		return "", "", "", fmt.Errorf("no gen.%sResponse type", fo.id)
	}
	for code := 200; code < 300; code++ {
		f := field(st, fmt.Sprintf("JSON%d", code))
		if f == nil {
			continue
		}
		star, ok := f.Type.(*ast.StarExpr)
		if !ok {
			return "", "", "", fmt.Errorf("JSON%d is not a pointer", code)
		}
		if _, anon := star.X.(*ast.StructType); anon {
			return "", "", "", fmt.Errorf("the %d response schema is inline: name it in the overlay so callers can name the type", code)
		}
		typ = g.m.qual(star.X)
		if _, isSlice := star.X.(*ast.ArrayType); isSlice {
			return "json-slice", typ, fmt.Sprintf("JSON%d", code), nil
		}
		return "json", typ, fmt.Sprintf("JSON%d", code), nil
	}
	// No JSON success: a file when the table gives its Accept header or the
	// success declares content, else nothing.
	if fo.entry.Accept != "" {
		return "download", "", "", nil
	}
	if fo.op.Responses != nil {
		for code, r := range fo.op.Responses.Map() {
			if strings.HasPrefix(code, "2") && r.Value != nil && len(r.Value.Content) > 0 {
				return "", "", "", fmt.Errorf("the success is a file (%s): set accept in the table", strings.Join(sortedKeys(r.Value.Content), ", "))
			}
		}
	}
	return "none", "", "", nil
}

// walk follows a dotted field path (e.g. Pages.Next.StartingAfter) from a
// struct, returning the nil checks an access needs (one per optional object
// on the way), the last field and the access expression.
func (g *fileGen) walk(st *ast.StructType, base, path string) (guards []string, last *ast.Field, expr string, err error) {
	expr = base
	segs := strings.Split(path, ".")
	for i, seg := range segs {
		last = field(st, seg)
		if last == nil {
			return nil, nil, "", fmt.Errorf("no field %s", strings.Join(segs[:i+1], "."))
		}
		expr += "." + seg
		if i < len(segs)-1 {
			if _, ok := last.Type.(*ast.StarExpr); ok {
				guards = append(guards, expr+" == nil")
			}
			st = g.m.structOf(last.Type)
		}
	}
	return guards, last, expr, nil
}

// negate turns "a == nil" checks into "a != nil && ...".
func negate(guards []string) string {
	n := make([]string, len(guards))
	for i, c := range guards {
		n[i] = strings.Replace(c, "==", "!=", 1)
	}
	return strings.Join(n, " && ")
}

// fieldType returns a field's type, or nil for no field.
func fieldType(f *ast.Field) ast.Expr {
	if f == nil {
		return nil
	}
	return f.Type
}

// derefInt reads an int or *int field as an int.
func derefInt(f *ast.Field, expr string) string {
	if _, ok := f.Type.(*ast.StarExpr); ok {
		return "engine.ValueOr(" + expr + ")"
	}
	return expr
}

// derefBool reads a bool or *bool field as a bool.
func derefBool(f *ast.Field, expr string) string { return derefInt(f, expr) }

// fieldOf returns a field of the struct behind a gen type expression.
func fieldOf(m *goModel, t ast.Expr, name string) *ast.Field {
	return field(m.structOf(t), name)
}

// resolveName turns a qualified type name back into an expression of gen.
func (m *goModel) resolveName(q string) ast.Expr {
	return ast.NewIdent(strings.TrimPrefix(q, "gen."))
}

// itemsOf returns the item type of a list field and the expression that
// turns the field (expr) into a []item: items(expr) for *[]T, expr for []T.
// A list of pointers is refused: ListItemsAsValues makes every list one of
// values before oapi-codegen runs, and iterators yield values.
func (g *fileGen) itemsOf(t ast.Expr, expr string) (string, string, error) {
	ptr := false
	if s, ok := t.(*ast.StarExpr); ok {
		t, ptr = s.X, true
	}
	arr, ok := g.m.resolveArray(t)
	if !ok {
		return "", "", fmt.Errorf("%s is not a list", g.m.qual(t))
	}
	elem := arr.Elt
	if s, ok := elem.(*ast.StarExpr); ok {
		return "", "", fmt.Errorf("the items are pointers (*%s): the list should hold values (see ListItemsAsValues)", g.m.qual(s.X))
	}
	if _, anon := elem.(*ast.StructType); anon {
		return "", "", fmt.Errorf("the items are an inline schema: name it in the overlay")
	}
	it := g.m.qual(elem)
	if ptr {
		return it, "engine.ItemsOf(" + expr + ")", nil
	}
	return it, expr, nil
}

// resolveArray returns the array type behind t, following gen's named types
// only when they are aliases of an array (a defined list type is kept).
func (m *goModel) resolveArray(t ast.Expr) (*ast.ArrayType, bool) {
	if a, ok := t.(*ast.ArrayType); ok {
		return a, true
	}
	if a, ok := m.resolve(t).(*ast.ArrayType); ok {
		return a, true
	}
	return nil, false
}

// defaultDoc is the doc of an operation without a reviewed one: the
// description's summary and the request line.
func defaultDoc(fo *facadeOp) string {
	s := strings.TrimSpace(fo.op.Summary)
	if s == "" {
		s = "calls " + fo.id
	} else {
		s = "calls the operation \"" + strings.TrimSuffix(s, ".") + "\""
	}
	return fmt.Sprintf("%s (%s %s).", s, fo.method, fo.path)
}

var pathParamRE = regexp.MustCompile(`\{([^}]+)\}`)

// idName names a path parameter called just "id" after the path segment
// before it: /audiences/{id} → audience_id, /conversations/attributes/{id}
// → attribute_id; the i-th parameter of the path.
func idName(path string, i int) string {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	n := -1
	for k, seg := range segs {
		if !strings.HasPrefix(seg, "{") {
			continue
		}
		if n++; n == i && k > 0 && !strings.HasPrefix(segs[k-1], "{") {
			return singular(segs[k-1]) + "_id"
		}
	}
	return "id"
}

// singular turns a plural path segment into the singular: audiences →
// audience, office_hours_exceptions → office_hours_exception, entries → entry.
func singular(s string) string {
	switch {
	case strings.HasSuffix(s, "ies"):
		return strings.TrimSuffix(s, "ies") + "y"
	case strings.HasSuffix(s, "ses"), strings.HasSuffix(s, "xes"):
		return strings.TrimSuffix(s, "es")
	case strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss"):
		return strings.TrimSuffix(s, "s")
	}
	return s
}

// pathParamNames returns the names of a path template's parameters, in order.
func pathParamNames(path string) []string {
	var n []string
	for _, m := range pathParamRE.FindAllStringSubmatch(path, -1) {
		n = append(n, m[1])
	}
	return n
}

// goArgName turns a description parameter name into a Go argument name:
// contact_id → contactID, type_identifier → typeIdentifier, id → id.
func goArgName(s string) string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '_' || r == '-' || r == '.' })
	var b strings.Builder
	for i, p := range parts {
		switch {
		case strings.EqualFold(p, "id") && i > 0:
			b.WriteString("ID")
		case strings.EqualFold(p, "url") && i > 0:
			b.WriteString("URL")
		case i == 0:
			b.WriteString(strings.ToLower(p[:1]) + p[1:])
		default:
			b.WriteString(strings.ToUpper(p[:1]) + p[1:])
		}
	}
	name := b.String()
	switch name {
	case "type", "func", "var", "range", "map", "chan", "go", "default", "select", "case", "interface", "package", "import", "return", "break", "continue", "const", "struct", "switch", "if", "else", "for", "goto", "fallthrough", "defer":
		return name + "Value"
	case "ctx", "opts", "body", "params", "s", "err":
		return name + "Arg"
	}
	return name
}

// serviceFromTag derives a service name from an operation's first tag:
// "Custom Object Instances" → CustomObjectInstances.
func serviceFromTag(o *openapi3.Operation) string {
	tag := "Other"
	if len(o.Tags) > 0 {
		tag = o.Tags[0]
	}
	var b strings.Builder
	for _, w := range strings.FieldsFunc(tag, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

// snake turns a service name into a file name: CustomObjectInstances →
// custom_object_instances.
func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) && i > 0 && (!unicode.IsUpper(rune(s[i-1])) || (i+1 < len(s) && unicode.IsLower(rune(s[i+1])))) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// splitWords turns CustomObjectInstances into "Custom Object Instances".
func splitWords(s string) string { return strings.ReplaceAll(snake(s), "_", " ") }

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// numbered prefixes each line with its number, for a formatting error.
func numbered(b []byte) string {
	var s strings.Builder
	for i, l := range strings.Split(string(b), "\n") {
		fmt.Fprintf(&s, "%5d %s\n", i+1, l)
	}
	return s.String()
}
