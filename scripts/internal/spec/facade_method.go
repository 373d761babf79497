package spec

import (
	"fmt"
	"go/ast"
	"slices"
	"strings"
)

// This file turns one operation of the model into the data of the method
// template (templates/method.go.tmpl): the method's signature, its argument
// checks, the call of gen's request builder and the kind of its result.

// methodView is what templates/method.go.tmpl renders for one operation.
type methodView struct {
	Aliases []aliasView // type aliases declared before the method
	Doc     []string    // the doc comment, line by line
	Recv    string      // the service type
	Name    string
	Params  string // the parameter list
	Kind    string // json, json-slice, scroll, download or none
	Result  string // the decoded type (json, json-slice, scroll)
	Steps   []step // argument checks and body steps
	Ret     string // what a failing step returns
	Build   string // the call of gen's request builder
	OpVar   string // the Operation variable
	Accept  string // the Accept header of a download
	Iter    *iterView
}

// aliasView is a type alias the table asks for (body_type, result_type).
type aliasView struct{ Name, What, Service, Method, Type string }

// step is one statement of a method before its request is built: a check
// ("if err := Code; err != nil"), an assignment with an error ("LHS Op RHS"
// and its error return) or a plain line.
type step struct{ Kind, Code, LHS, Op, RHS string }

// callShape is what a method and its iterator share: the facade's
// parameters, the arguments of the request builder and the checks.
type callShape struct {
	sig, call, checks, bodyChecks []string
	paramsField, bodyField        *ast.Field
	contentType                   bool
	aliases                       []aliasView
	// defaultsDoc are the doc lines of the table's defaults (requiredParamChecks).
	defaultsDoc []string
}

// param is one argument of a generated method.
type param struct {
	name    string // facade argument name
	goType  string // facade argument type
	call    string // expression passed to the request builder
	check   []string
	specNam string
}

// method builds the view of the method (and iterator) of fo.
func (g *fileGen) method(fo *facadeOp) (*methodView, error) {
	sh, err := g.shape(fo)
	if err != nil {
		return nil, err
	}
	kind, resType, _, err := g.result(fo)
	if err != nil {
		return nil, err
	}
	v := &methodView{
		Aliases: sh.aliases, Recv: fo.entry.Service + "Service", Name: fo.entry.Method,
		Params: paramList(sh.sig), Kind: kind, Result: resType, OpVar: fo.opVar(), Accept: fo.entry.Accept,
		Build: g.buildCall(fo, sh.call, "", ""),
	}
	if alias := fo.entry.ResultType; alias != "" {
		if kind != "json" {
			return nil, fmt.Errorf("result_type: the success is not a JSON object")
		}
		v.Aliases = append(v.Aliases, aliasView{alias, "result", fo.entry.Service, fo.entry.Method, resType})
	}
	doc := fo.entry.Doc
	if strings.TrimSpace(doc) == "" {
		doc = defaultDoc(fo)
	}
	if len(sh.defaultsDoc) > 0 {
		doc = strings.TrimRight(doc, "\n ") + "\n" + strings.Join(sh.defaultsDoc, "\n")
	}
	v.Doc = commentLines(fo.entry.Method, doc)
	v.Ret = "nil, err"
	if kind == "none" {
		v.Ret = "err"
	}
	if kind == "json" && fo.entry.Pages != nil && fo.entry.Pages.Style == "scroll" && sh.paramsField != nil {
		// One page of a scroll: requests are not retried blindly, and a
		// failure of a continued scroll says it must be restarted.
		v.Kind = "scroll"
		v.Steps = steps(sh.sig, sh.checks, nil)
	} else {
		v.Steps = steps(sh.sig, sh.checks, sh.bodyChecks)
	}
	if fo.entry.Pages == nil {
		return v, nil
	}
	if kind != "json" {
		return nil, fmt.Errorf("pages: the operation's success is not a JSON object")
	}
	v.Iter, err = g.iterator(fo, sh, resType)
	return v, err
}

// shape reads the request builder's parameters: path ids, query
// parameters, content type and body, with the table's args and prepare.
func (g *fileGen) shape(fo *facadeOp) (*callShape, error) {
	sh := &callShape{}
	var path []param
	pathNames := pathParamNames(fo.path)
	for i, n := range pathNames {
		if n == "id" {
			pathNames[i] = idName(fo.path, i)
		}
	}
	for _, f := range fo.fn.Type.Params.List[1:] { // after server
		for _, n := range f.Names {
			switch n.Name {
			case "params":
				sh.paramsField = f
			case "body":
				sh.bodyField = f
			case "contentType":
				sh.contentType = true
			default:
				spec := n.Name
				if i := len(path); i < len(pathNames) {
					spec = pathNames[i]
				}
				pp := g.pathParam(n.Name, spec, f.Type)
				if slices.Contains(fo.entry.Numeric, spec) && pp.goType == "string" && pp.call == pp.name {
					pp.check = []string{fmt.Sprintf("engine.NumericString(%q, %s)", strings.ReplaceAll(spec, "_", " "), pp.name)}
				}
				path = append(path, pp)
			}
		}
	}
	for _, p := range path {
		sh.sig = append(sh.sig, p.name+" "+p.goType)
		sh.call = append(sh.call, p.call)
		sh.checks = append(sh.checks, p.check...)
	}
	if len(fo.entry.Args) > 0 && sh.paramsField == nil && sh.bodyField == nil {
		return nil, fmt.Errorf("args given but the operation has neither a body nor params")
	}
	if err := g.paramsShape(fo, sh); err != nil {
		return nil, err
	}
	if err := g.bodyShape(fo, sh); err != nil {
		return nil, err
	}
	return sh, g.prepareShape(fo, sh)
}

// paramsShape adds the query parameters: an argument, args taken from
// their fields, or WithParams.
func (g *fileGen) paramsShape(fo *facadeOp, sh *callShape) error {
	f := sh.paramsField
	switch {
	case f == nil:
	case fo.entry.Params == "option":
		pt := g.m.qual(f.Type)
		if !strings.HasPrefix(pt, "*") || len(fo.entry.Args) > 0 && sh.bodyField == nil {
			return fmt.Errorf("params: option needs optional query parameters not taken as args")
		}
		sh.bodyChecks = append(sh.bodyChecks, fmt.Sprintf("params, err := engine.ParamsOption[%s](opts)", strings.TrimPrefix(pt, "*")))
		sh.call = append(sh.call, "params")
	case len(fo.entry.Args) > 0 && sh.bodyField == nil:
		if err := g.argsLit(fo, sh, f, "params"); err != nil {
			return err
		}
		sh.call = append(sh.call, "params")
	default:
		sh.sig = append(sh.sig, "params "+g.m.qual(f.Type))
		sh.call = append(sh.call, "params")
	}
	checks, doc, err := requiredParamChecks(fo.op, fo.entry, sh.sig)
	if err != nil {
		return err
	}
	sh.checks, sh.defaultsDoc = append(sh.checks, checks...), doc
	if sh.contentType {
		sh.sig = append(sh.sig, "contentType string")
		sh.call = append(sh.call, "contentType")
	}
	return nil
}

// bodyShape adds the request body: a reader, args taken from its fields, or
// the body struct (under the table's body_type alias, if any).
func (g *fileGen) bodyShape(fo *facadeOp, sh *callShape) error {
	f := sh.bodyField
	switch {
	case f == nil:
		return nil
	case g.m.qual(f.Type) == "io.Reader":
		sh.sig = append(sh.sig, "body io.Reader")
	case len(fo.entry.Args) > 0:
		if err := g.argsLit(fo, sh, f, "body"); err != nil {
			return err
		}
	default:
		bt := g.m.qual(g.m.unalias(f.Type))
		if alias := fo.entry.BodyType; alias != "" {
			sh.aliases = append(sh.aliases, aliasView{alias, "request body", fo.entry.Service, fo.entry.Method, bt})
			bt = alias
		}
		sh.sig = append(sh.sig, "body "+bt)
		if g.m.isUnion(f.Type) {
			sh.checks = append(sh.checks, "engine.RequireUnionBody(body)")
		}
	}
	sh.call = append(sh.call, "body")
	return nil
}

// prepareShape adds the table's prepare function, run on the params or body.
func (g *fileGen) prepareShape(fo *facadeOp, sh *callShape) error {
	fn := fo.entry.Prepare
	switch {
	case fn == "":
	case sh.paramsField != nil && (sh.bodyField == nil || len(fo.entry.Args) == 0):
		sh.bodyChecks = append(sh.bodyChecks, fmt.Sprintf("params, err := %s(params)", fn))
	case sh.bodyField != nil:
		sh.bodyChecks = append(sh.bodyChecks, fmt.Sprintf("body, err := %s(body)", fn))
	default:
		return fmt.Errorf("prepare: the operation has neither params nor a body")
	}
	return nil
}

// argsLit takes the fields of the params or body struct f named by the
// table's args as positional arguments, and builds the struct from them.
func (g *fileGen) argsLit(fo *facadeOp, sh *callShape, f *ast.Field, name string) error {
	t := g.m.unalias(f.Type)
	amp := ""
	if s, ok := t.(*ast.StarExpr); ok {
		t, amp = s.X, "&"
	}
	typ := g.m.qual(t)
	st := g.m.structOf(t)
	if st == nil {
		return fmt.Errorf("args given but %s is not a struct", typ)
	}
	var lit []string
	for _, a := range fo.entry.Args {
		fname, arg, _ := strings.Cut(a, "=")
		af := field(st, fname)
		if af == nil {
			return fmt.Errorf("args: %s has no field %s", typ, fname)
		}
		ft := g.m.qual(af.Type)
		what := strings.ReplaceAll(snake(strings.ReplaceAll(arg, "ID", "Id")), "_", " ")
		if star, ok := af.Type.(*ast.StarExpr); ok && g.m.qual(star.X) == "string" {
			sh.sig = append(sh.sig, arg+" string")
			lit = append(lit, fmt.Sprintf("%s: engine.Optional(%s)", fname, arg))
			continue
		}
		sh.sig = append(sh.sig, arg+" "+ft)
		lit = append(lit, fmt.Sprintf("%s: %s", fname, arg))
		switch {
		case ft == "string" && arg == "adminID":
			// Admin ids are positive numbers, in every method (RequireAdminID).
			sh.checks = append(sh.checks, fmt.Sprintf("engine.RequireAdminID(%s)", arg))
		case ft == "string" && (strings.HasSuffix(fname, "Id") || strings.HasSuffix(arg, "ID")):
			sh.checks = append(sh.checks, fmt.Sprintf("engine.RequireID(%q, %s)", what, arg))
		}
	}
	sh.bodyChecks = append(sh.bodyChecks, fmt.Sprintf("%s := %s%s{%s}", name, amp, typ, strings.Join(lit, ", ")))
	return nil
}

// buildCall renders the call of the request builder of fo with the
// arguments call; paramsExpr and bodyExpr, when not empty, replace the
// params and the body.
func (g *fileGen) buildCall(fo *facadeOp, call []string, paramsExpr, bodyExpr string) string {
	args := []string{"s.c.server"}
	for _, a := range call {
		switch {
		case a == "params" && paramsExpr != "":
			a = paramsExpr
		case a == "body" && bodyExpr != "":
			a = bodyExpr
		}
		args = append(args, a)
	}
	return fmt.Sprintf("gen.%s(%s)", fo.fn.Name.Name, strings.Join(args, ", "))
}

// paramList renders a method's parameters: ctx, sig, then the options.
func paramList(sig []string) string {
	return strings.Join(append([]string{"ctx context.Context"}, append(slices.Clip(sig), "opts ...Option")...), ", ")
}

// steps turns argument checks and body lines into statements. A check is
// either "x, err := f(...)" or a call returning an error; a line that
// assigns ", err" returns on error. An assignment is written "=" when both
// names are declared already (the parameters in sig, or an earlier step).
func steps(sig []string, checks, lines []string) []step {
	decl := map[string]bool{}
	for _, p := range sig {
		name, _, _ := strings.Cut(p, " ")
		decl[name] = true
	}
	assign := func(l string) step {
		lhs, rhs, _ := strings.Cut(l, " := ")
		x, _, _ := strings.Cut(lhs, ",")
		op := ":="
		if decl[x] && decl["err"] {
			op = "="
		}
		decl[x], decl["err"] = true, true
		return step{Kind: "assign", LHS: lhs, Op: op, RHS: rhs}
	}
	var out []step
	for _, c := range checks {
		if isFill(c) {
			out = append(out, step{Kind: "line", Code: c})
			continue
		}
		if strings.Contains(c, ":=") {
			out = append(out, assign(c))
			continue
		}
		out = append(out, step{Kind: "check", Code: c})
	}
	for _, l := range lines {
		if strings.Contains(l, ", err :=") {
			out = append(out, assign(l))
			continue
		}
		if name, _, ok := strings.Cut(l, " := "); ok {
			decl[name] = true
		}
		out = append(out, step{Kind: "line", Code: l})
	}
	return out
}

// commentLines renders a doc comment starting with name.
func commentLines(name, doc string) []string {
	doc = strings.TrimRight(doc, "\n ")
	lines := strings.Split(doc, "\n")
	lines[0] = name + " " + lines[0]
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = "// " + l
		if strings.TrimSpace(l) == "" {
			out[i] = "//"
		}
	}
	return out
}
