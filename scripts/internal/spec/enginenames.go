package spec

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/doc"
	"go/doc/comment"
	"go/format"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// This file writes intercom/engine.gen.go: the names of the engine
// (intercom/internal/engine) that package intercom shows as its own, as
// aliases, variables, constants and one-line functions. go doc does not
// follow an alias into an internal package, so the doc comment of each
// type alias also spells out the type's declaration (its exported fields,
// with their comments) and each exported method's signature and doc. All
// of it is printed from the engine's own declarations and doc comments
// (go/doc, go/printer): nothing is copied by hand.
//
// Which names are shown is the list EngineNames: the engine's public API
// for users. Its other exported names are the generated code's helpers
// (engine.DoJSON, engine.RequireID, ...) and the names export.go gives the
// tests; they are not shown.

// EngineFile is the generated file of package intercom that shows the engine's names.
const EngineFile = "engine.gen.go"

// enginePath is the import path of the engine.
const enginePath = modulePath + "/intercom/internal/engine"

// EngineNames lists the engine's names that package intercom shows, by
// kind; each kind is written in this order. A name the engine does not
// declare (or declares as another kind) fails the generation.
// TestEngineNamesShown (package intercom) fails when an option, error
// value, Is... helper or region of the engine is missing here.
var EngineNames = struct{ Consts, Vars, Types, Funcs []string }{
	Consts: []string{"EnvAccessToken", "EnvRegion", "DefaultMaxResponseBytes", "RegionUS", "RegionEU", "RegionAU"},
	Vars: []string{"ErrBearerPrefix", "ErrInvalidID", "ErrMissingParameter", "ErrNullBody", "ErrOutcomeUnknown",
		"ErrPaginationStalled", "ErrRedirectRefused", "ErrRepeatedCursor", "ErrResponseTooLarge", "ErrScrollExpired"},
	Types: []string{"AttemptInfo", "CallInfo", "CallObserver", "CallResult", "Clock", "DecodeError", "DecodeReport",
		"Download", "Error", "ErrorDetail", "Middleware", "MiddlewareNext", "Mismatch", "Observer", "Operation",
		"Option", "PaginationError", "RateLimit", "RateLimiter", "Region"},
	Funcs: []string{"ContextWithOptions", "ErrorCode", "IsConflict", "IsForbidden", "IsNotFound", "IsRateLimited",
		"IsUnauthorized", "IsValidation", "OperationFromRequest", "WithAPIVersion", "WithAppInfo", "WithBaseURL",
		"WithClock", "WithDecodeReport", "WithHTTPClient", "WithLogger", "WithMaxResponseBytes", "WithMaxRetries",
		"WithMaxRetryDelay", "WithMiddleware", "WithObserver", "WithParams", "WithRateLimitWait", "WithRateLimiter",
		"WithRegion", "WithRequestTimeout", "WithResponseInto", "WithRetryNonIdempotent", "WithStrictDecoding",
		"ParseRegion"},
}

// engineView is the data of templates/engine.go.tmpl.
type engineView struct {
	Header       string
	Imports      []string // import paths besides the engine's
	Consts, Vars []engineShown
	Types, Funcs []engineShown
	EngineImport string
}

// engineShown is one name shown: its doc comment (lines starting with
// "//") and, for a function, its signature, call and whether it returns.
type engineShown struct {
	Name, Doc    string
	Sig, Call    string
	ReturnsValue bool
}

// enginePkg is the parsed engine: its files (in file name order) and its
// documentation, whose unexported fields are filtered out.
type enginePkg struct {
	fset    *token.FileSet
	files   []*ast.File
	pkg     *doc.Package
	imports map[string]string // package name → import path, from the engine's files
	values  map[string]*ast.ValueSpec
	valTok  map[string]token.Token
	docs    map[string]string // a value's doc: its spec's, else its declaration's
}

// WriteEngineNames writes dir/engine.gen.go from the engine in engineDir.
func WriteEngineNames(engineDir, dir string) error {
	e, err := parseEngine(engineDir)
	if err != nil {
		return err
	}
	src, err := e.render()
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, EngineFile), src, 0o644)
}

// parseEngine parses the engine's non-test files with their comments.
func parseEngine(dir string) (*enginePkg, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var files []*ast.File
	e := &enginePkg{fset: fset, imports: map[string]string{}, values: map[string]*ast.ValueSpec{},
		valTok: map[string]token.Token{}, docs: map[string]string{}}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			return nil, fmt.Errorf("engine: %w", err)
		}
		files = append(files, f)
		e.collect(f)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("engine: no Go files in %s", dir)
	}
	e.files = files
	if e.pkg, err = doc.NewFromFiles(fset, files, enginePath); err != nil {
		return nil, fmt.Errorf("engine: %w", err)
	}
	return e, nil
}

// collect records the imports and the constants and variables of f.
func (e *enginePkg) collect(f *ast.File) {
	for _, im := range f.Imports {
		path, _ := strconv.Unquote(im.Path.Value)
		name := path[strings.LastIndex(path, "/")+1:]
		if im.Name != nil {
			name = im.Name.Name
		}
		e.imports[name] = path
	}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || (gd.Tok != token.CONST && gd.Tok != token.VAR) {
			continue
		}
		for _, s := range gd.Specs {
			vs := s.(*ast.ValueSpec)
			text := vs.Doc.Text()
			if text == "" && len(gd.Specs) == 1 {
				text = gd.Doc.Text()
			}
			for _, n := range vs.Names {
				e.values[n.Name], e.valTok[n.Name], e.docs[n.Name] = vs, gd.Tok, text
			}
		}
	}
}

// render builds the file from the engine's declarations.
func (e *enginePkg) render() ([]byte, error) {
	v := engineView{Header: generatedLine("from the declarations of intercom/internal/engine (scripts/internal/spec/enginenames.go)"), EngineImport: enginePath}
	var err error
	if v.Consts, err = e.values2(EngineNames.Consts, token.CONST); err != nil {
		return nil, err
	}
	if v.Vars, err = e.values2(EngineNames.Vars, token.VAR); err != nil {
		return nil, err
	}
	types, funcs := e.declsByName()
	for _, n := range EngineNames.Types {
		t := types[n]
		if t == nil {
			return nil, fmt.Errorf("engine: EngineNames lists type %s, which the engine does not declare", n)
		}
		d, err := e.typeDoc(t)
		if err != nil {
			return nil, fmt.Errorf("engine: type %s: %w", n, err)
		}
		v.Types = append(v.Types, engineShown{Name: n, Doc: d})
	}
	used := map[string]bool{}
	for _, n := range EngineNames.Funcs {
		f := funcs[n]
		if f == nil {
			return nil, fmt.Errorf("engine: EngineNames lists function %s, which the engine does not declare", n)
		}
		s, err := e.funcShown(f, used)
		if err != nil {
			return nil, fmt.Errorf("engine: func %s: %w", n, err)
		}
		v.Funcs = append(v.Funcs, s)
	}
	for name := range used {
		path, ok := e.imports[name]
		if !ok {
			return nil, fmt.Errorf("engine: no import of package %s", name)
		}
		v.Imports = append(v.Imports, path)
	}
	slices.Sort(v.Imports)
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, "engine.go.tmpl", v); err != nil {
		return nil, fmt.Errorf("engine: %w", err)
	}
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("engine: format %s: %w\n%s", EngineFile, err, b.Bytes())
	}
	return out, nil
}

// values2 returns the shown constants (tok CONST) or variables (VAR) names.
func (e *enginePkg) values2(names []string, tok token.Token) ([]engineShown, error) {
	var out []engineShown
	for _, n := range names {
		if e.values[n] == nil || e.valTok[n] != tok || !token.IsExported(n) {
			return nil, fmt.Errorf("engine: EngineNames lists %s %s, which the engine does not declare", tok, n)
		}
		out = append(out, engineShown{Name: n, Doc: engineComment(e.docs[n])})
	}
	return out, nil
}

// declsByName indexes the engine's types and functions (constructors
// included) by name.
func (e *enginePkg) declsByName() (map[string]*doc.Type, map[string]*doc.Func) {
	types, funcs := map[string]*doc.Type{}, map[string]*doc.Func{}
	for _, f := range e.pkg.Funcs {
		funcs[f.Name] = f
	}
	for _, t := range e.pkg.Types {
		types[t.Name] = t
		for _, f := range t.Funcs {
			funcs[f.Name] = f
		}
	}
	return types, funcs
}

// typeDoc is the doc comment of the alias of t: t's doc, then its
// declaration as a code block when it is a struct or an interface, then
// each exported method's signature (a code block) and doc.
func (e *enginePkg) typeDoc(t *doc.Type) (string, error) {
	var b strings.Builder
	b.WriteString(t.Doc)
	spec := t.Decl.Specs[0].(*ast.TypeSpec)
	switch spec.Type.(type) {
	case *ast.StructType, *ast.InterfaceType:
		decl := *t.Decl
		decl.Doc = nil
		code, err := e.print(&printer.CommentedNode{Node: &decl, Comments: e.commentsOf(&decl)})
		if err != nil {
			return "", err
		}
		b.WriteString("\n" + indent(code) + "\n")
	}
	prevList := endsWithList(t.Doc)
	for _, m := range t.Methods {
		if !token.IsExported(m.Name) {
			continue
		}
		fd := *m.Decl
		fd.Doc, fd.Body = nil, nil
		sig, err := e.print(&fd)
		if err != nil {
			return "", err
		}
		if prevList {
			// A code block right after a list would read as part of its
			// last item: a line of text ends the list.
			b.WriteString("\nMethod " + m.Name + ":\n")
		}
		b.WriteString("\n" + indent(sig) + "\n\n" + m.Doc)
		prevList = endsWithList(m.Doc)
	}
	return engineComment(b.String()), nil
}

// commentsOf returns the comments of the engine's files inside decl.
func (e *enginePkg) commentsOf(decl ast.Node) []*ast.CommentGroup {
	var out []*ast.CommentGroup
	for _, f := range e.files {
		for _, c := range f.Comments {
			if c.Pos() >= decl.Pos() && c.End() <= decl.End() {
				out = append(out, c)
			}
		}
	}
	return out
}

// funcShown is the shown function of f: same signature, calling f. The
// packages its signature names are added to used.
func (e *enginePkg) funcShown(f *doc.Func, used map[string]bool) (engineShown, error) {
	fd := *f.Decl
	fd.Doc, fd.Body = nil, nil
	sig, err := e.print(&fd)
	if err != nil {
		return engineShown{}, err
	}
	ast.Inspect(fd.Type, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	call := "engine." + f.Name
	if tp := fd.Type.TypeParams; tp != nil {
		var names []string
		for _, p := range tp.List {
			for _, n := range p.Names {
				names = append(names, n.Name)
			}
		}
		call += "[" + strings.Join(names, ", ") + "]"
	}
	var args []string
	for _, p := range fd.Type.Params.List {
		for _, n := range p.Names {
			args = append(args, n.Name)
		}
		if _, ok := p.Type.(*ast.Ellipsis); ok {
			args[len(args)-1] += "..."
		}
	}
	call += "(" + strings.Join(args, ", ") + ")"
	return engineShown{Name: f.Name, Doc: engineComment(f.Doc), Sig: sig, Call: call,
		ReturnsValue: fd.Type.Results != nil}, nil
}

// print prints node as gofmt does.
func (e *enginePkg) print(node any) (string, error) {
	var b bytes.Buffer
	cfg := printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}
	if err := cfg.Fprint(&b, e.fset, node); err != nil {
		return "", err
	}
	return b.String(), nil
}

// indent makes code a code block of a doc comment.
func indent(code string) string {
	lines := strings.Split(strings.TrimRight(code, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "\t" + l
		}
	}
	return strings.Join(lines, "\n")
}

// endsWithList reports whether the doc text ends with a list.
func endsWithList(text string) bool {
	var p comment.Parser
	d := p.Parse(text)
	if len(d.Content) == 0 {
		return false
	}
	_, ok := d.Content[len(d.Content)-1].(*comment.List)
	return ok
}

// engineComment formats doc text as a doc comment ("//" lines, as gofmt
// writes them), without the final newline.
func engineComment(text string) string {
	var p comment.Parser
	var pr comment.Printer
	lines := strings.Split(strings.TrimSuffix(string(pr.Comment(p.Parse(text))), "\n"), "\n")
	for i, l := range lines {
		switch {
		case l == "", strings.HasPrefix(l, "\t"):
			lines[i] = "//" + l
		default:
			lines[i] = "// " + l
		}
	}
	return strings.Join(lines, "\n")
}
