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
	"regexp"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// This file writes intercom/types.gen.go: type aliases in package intercom for the types
// of packages gen and types that common code names, so that it imports only intercom
// (issue 13, item 4). Two sources, both computed at generation time:
//
//   - every gen type that an exported function or method of package intercom (generated
//     or hand-written, tests aside) takes or returns: parameters, request bodies, results,
//     iterator items, and the params a method takes through intercom.WithParams;
//   - the reviewed list api/aliases.yaml: nested resource types (ConversationPart, Tag,
//     SocialProfile...) and the values of package types (ID, NumericID, Avatar...).
//
// The alias is named like the aliased type, unless api/aliases.yaml renames it. A name
// that package intercom already declares is not aliased (reported, so that the list can
// rename it); a listed name the version's gen does not have is skipped and reported.

// AliasesFile is the generated file of package intercom holding the aliases.
const AliasesFile = "types.gen.go"

// AliasList is api/aliases.yaml, one list for every API version.
type AliasList struct {
	// Gen lists types of package gen to alias besides those of the service
	// signatures: the nested resource types users touch.
	Gen []string `yaml:"gen"`
	// Types lists types of package types (the small JSON types) to alias.
	Types []string `yaml:"types"`
	// Rename maps a type name (of gen or types) to the alias name, for a type
	// whose own name package intercom already uses.
	Rename map[string]string `yaml:"rename"`
}

// AliasListPath returns the path of the reviewed alias list.
func AliasListPath(root string) string {
	return filepath.Join(root, "api", "aliases.yaml")
}

// LoadAliasList reads and checks the alias list: unknown keys, names that are not
// exported Go identifiers and duplicates are errors.
func LoadAliasList(path string) (*AliasList, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read alias list: %w", err)
	}
	var l AliasList
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&l); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	seen := map[string]bool{}
	for _, group := range [][]string{l.Gen, l.Types} {
		for _, n := range group {
			if !token.IsIdentifier(n) || !token.IsExported(n) {
				return nil, fmt.Errorf("%s: %q is not an exported Go name", path, n)
			}
			if seen[n] {
				return nil, fmt.Errorf("%s: %s is listed twice", path, n)
			}
			seen[n] = true
		}
	}
	for from, to := range l.Rename {
		if !token.IsIdentifier(from) || !token.IsIdentifier(to) || !token.IsExported(to) {
			return nil, fmt.Errorf("%s: rename %q: %q is not an exported Go name", path, from, to)
		}
	}
	return &l, nil
}

// AliasResult reports what WriteAliases did.
type AliasResult struct {
	// FromSignatures, FromRequests and Listed count the type aliases written from
	// each source; Constants the enum constants re-declared; Constructors the union
	// constructors wrapped; Builders the functions of package types wrapped.
	FromSignatures, FromRequests, Listed, Constants, Constructors, Builders int
	// Skipped lists the names not aliased, each with the reason.
	Skipped []string
}

// AliasInputs are the inputs of WriteAliases.
type AliasInputs struct {
	List   *AliasList
	GenSrc []byte // the source of gen/intercom.gen.go (used when Model is nil)
	// Model, when set, is the model of the generation, whose parse of gen is
	// reused.
	Model *Model
	// UnionsSrc is the source of gen/unions.gen.go (nil: none): its constructors
	// <Union>Of get a wrapper in package intercom, and their variants aliases.
	UnionsSrc []byte
	// AccessorsSrc is the source of gen/accessors.gen.go (nil: none): the
	// getters an alias's doc names.
	AccessorsSrc []byte
	Version      string // the API version, for the header
	// TypesDir is the directory of package types; HandDir the directory of the
	// hand-written files of package intercom (its *.gen.go and tests are
	// ignored); FacadeDir the directory of the generated facade files, where
	// the aliases are written.
	TypesDir, HandDir, FacadeDir string
}

// WriteAliases writes FacadeDir/types.gen.go.
func WriteAliases(in AliasInputs) (*AliasResult, error) {
	model := in.Model
	if model == nil {
		m, err := NewModel(nil, nil, in.GenSrc)
		if err != nil {
			return nil, fmt.Errorf("parse gen: %w", err)
		}
		model = m
	}
	genDocs := model.genDocs
	typesDocs, typesFuncs, err := typesPackage(in.TypesDir)
	if err != nil {
		return nil, err
	}
	declared, sig, params, deep, err := intercomNames(in, model.genTypes.types)
	if err != nil {
		return nil, err
	}
	ab := &aliasBuilder{res: &AliasResult{}, used: map[string]string{}, renamed: map[string]bool{}, declared: declared, rename: in.List.Rename}
	for _, n := range sortedKeys(sig) {
		ab.add(&ab.fromSig, "gen", n, genDocs, "exported signatures")
	}
	for _, n := range in.List.Gen {
		if sig[n] {
			continue // aliased above
		}
		ab.add(&ab.listed, "gen", n, genDocs, "api/aliases.yaml")
	}
	genModel := model.genTypes
	ctors, err := unionConstructors(in.UnionsSrc)
	if err != nil {
		return nil, fmt.Errorf("parse gen unions: %w", err)
	}
	ab.addReachable(genModel, ctors, sig, params, in.List.Gen, genDocs)
	ab.addEnums(genModel, append(append(sortedKeys(sig), sortedKeys(deep)...), in.List.Gen...), genDocs)
	aliasOf := ab.aliasOf()
	wrappers := ab.wrappers(ctors, aliasOf)
	consts := ab.constants(genModel)
	for _, n := range in.List.Types {
		ab.add(&ab.values, "types", n, typesDocs, "api/aliases.yaml")
	}
	res := ab.res
	for _, from := range sortedKeys(in.List.Rename) {
		if !ab.renamed[from] {
			res.Skipped = append(res.Skipped, fmt.Sprintf("rename %s: no such type is aliased", from))
		}
	}
	sort.Slice(ab.listed, func(i, j int) bool { return ab.listed[i].name < ab.listed[j].name })
	sort.Slice(ab.values, func(i, j int) bool { return ab.values[i].name < ab.values[j].name })
	builders, needTime := typesBuilders(typesFuncs, ab.values, declared, ab.used, res)
	res.FromSignatures, res.FromRequests, res.Listed, res.Constants = len(ab.fromSig), len(ab.fromReq), len(ab.listed)+len(ab.values), len(consts)
	res.Constructors = len(wrappers)

	ab.getters = gettersOf(in.AccessorsSrc)
	v := ab.view(in.Version, wrappers, aliasOf, builders, consts)
	v.Time = needTime
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, "aliases.go.tmpl", v); err != nil {
		return nil, fmt.Errorf("%s: %w", AliasesFile, err)
	}
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("format %s: %w\n%s", AliasesFile, err, numbered(b.Bytes()))
	}
	if err := os.WriteFile(filepath.Join(in.FacadeDir, AliasesFile), out, 0o644); err != nil {
		return nil, err
	}
	if err := useAliasesInSignatures(in.FacadeDir, aliasOf); err != nil {
		return nil, err
	}
	return res, nil
}

// typesPackage reads package types: the docs of its types and its exported
// non-generic functions.
func typesPackage(dir string) (map[string]string, []*ast.FuncDecl, error) {
	docs := map[string]string{}
	var funcs []*ast.FuncDecl
	err := eachGoFile(dir, func(name string, f *ast.File) {
		for n, d := range fileTypeDocs(f) {
			docs[n] = d
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.IsExported() && fd.Type.TypeParams == nil {
				funcs = append(funcs, fd)
			}
		}
	})
	return docs, funcs, err
}

// intercomNames reads what package intercom declares already (hand-written
// and generated), the gen types of its exported signatures and those of
// them taken as parameters (bodies, params). A gen type that package
// intercom names with an alias of its own (TagResult, which is gen.Tag on
// 2.15 and gen.TagCreateResponse on 2.16) is still aliased under its own
// name, so that the name means the same on every version.
//
// deep holds the gen types that exported declarations of package intercom
// name outside function signatures (the target of an alias such as
// ContactSearchRequest = gen.ContactSearchRequest, a field of a hand-written
// struct): roots, with sig, of the enum types whose constants are declared.
//
// A hand-written signature spells intercom's alias (Contact, not gen.Contact:
// issue 23 item 1), so a name it uses that package intercom does not declare
// itself but gen does (or that api/aliases.yaml renames) counts as that gen
// type.
func intercomNames(in AliasInputs, genTypes map[string]ast.Expr) (declared, sig, params, deep map[string]bool, err error) {
	declared, sig, params, deep = map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	bareSig, bareParams := map[string]bool{}, map[string]bool{}
	defer func() {
		fromAlias := map[string]string{}
		for from, to := range in.List.Rename {
			fromAlias[to] = from
		}
		for _, p := range []struct{ bare, dst map[string]bool }{{bareSig, sig}, {bareParams, params}} {
			for n := range p.bare {
				if g, ok := fromAlias[n]; ok {
					p.dst[g] = true
				} else if _, ok := genTypes[n]; ok && !declared[n] {
					p.dst[n] = true
				}
			}
		}
	}()
	collect := func(f *ast.File) {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				declaredNames(d, declared)
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.IsExported() {
						genTypesIn(&ast.FuncType{Params: &ast.FieldList{List: []*ast.Field{{Type: ts.Type}}}}, deep)
					}
				}
			case *ast.FuncDecl:
				if d.Recv == nil {
					declared[d.Name.Name] = true
				}
				if d.Name.IsExported() && exportedRecv(d) {
					genTypesIn(d.Type, sig)
					genTypesIn(&ast.FuncType{Params: d.Type.Params}, params)
					bareTypesIn(d.Type, bareSig)
					bareTypesIn(&ast.FuncType{Params: d.Type.Params}, bareParams)
					optionParams(d.Body, sig)
					optionParams(d.Body, params)
				}
			}
		}
	}
	if err := eachGoFile(in.HandDir, func(name string, f *ast.File) {
		if !strings.HasSuffix(name, ".gen.go") {
			collect(f)
		}
	}); err != nil {
		return nil, nil, nil, nil, err
	}
	err = eachGoFile(in.FacadeDir, func(name string, f *ast.File) {
		if strings.HasSuffix(name, ".gen.go") && name != AliasesFile {
			collect(f)
		}
	})
	return declared, sig, params, deep, err
}

// declaredNames adds the types, constants and variables of d to set.
func declaredNames(d *ast.GenDecl, set map[string]bool) {
	for _, s := range d.Specs {
		switch s := s.(type) {
		case *ast.TypeSpec:
			set[s.Name.Name] = true
		case *ast.ValueSpec:
			for _, n := range s.Names {
				set[n.Name] = true
			}
		}
	}
}

// aliasBuilder chooses the aliases of aliases.gen.go, in groups, with the
// names each takes in package intercom.
type aliasBuilder struct {
	res                              *AliasResult
	used                             map[string]string // alias name -> what it aliases
	renamed                          map[string]bool
	declared                         map[string]bool
	rename                           map[string]string
	fromSig, fromReq, listed, values []alias
	// getters are the getters of each gen type (gen/accessors.gen.go).
	getters map[string][]string
	// enums are the enum types reachable, at any depth, from an exported
	// signature or a listed type, and not aliased by another group: their
	// constants are declared in package intercom (issue 23, item 4).
	enums []alias
}

// add aliases pkg.name into dst, unless it is not declared for this
// version or its name is taken (reported in res.Skipped).
func (ab *aliasBuilder) add(dst *[]alias, pkg, name string, docs map[string]string, why string) bool {
	res := ab.res
	if _, ok := docs[name]; !ok {
		res.Skipped = append(res.Skipped, fmt.Sprintf("%s.%s (%s): not declared for this API version", pkg, name, why))
		return false
	}
	if strings.HasSuffix(name, "JSONBody") && pkg == "gen" {
		if _, ok := docs[strings.TrimSuffix(name, "JSONBody")+"JSONRequestBody"]; ok {
			return false // the same type as <Op>JSONRequestBody, aliased as <Op>Request
		}
	}
	a := ruleName(name)
	if r, ok := ab.rename[name]; ok {
		a, ab.renamed[name] = r, true
	}
	if ab.declared[a] {
		res.Skipped = append(res.Skipped, fmt.Sprintf("%s.%s (%s): package intercom declares %s (rename it in api/aliases.yaml)", pkg, name, why, a))
		return false
	}
	if prev, ok := ab.used[a]; ok {
		res.Skipped = append(res.Skipped, fmt.Sprintf("%s.%s (%s): the alias %s is taken by %s", pkg, name, why, a, prev))
		return false
	}
	ab.used[a] = pkg + "." + name
	*dst = append(*dst, alias{a, pkg + "." + name, docs[name]})
	return true
}

// addReachable aliases what request bodies and params are built from. A
// union's variants are what its constructor takes: building a body that
// holds a union means naming one, and reading one (a type switch on Value)
// too, so the variants of every union aliased are aliased.
func (ab *aliasBuilder) addReachable(gm *genModel, ctors []unionCtor, sig, params map[string]bool, listed []string, genDocs map[string]string) {
	variantsOf := map[string][]string{}
	for _, c := range ctors {
		variantsOf[c.union] = c.variants
	}
	roots := sortedKeys(params)
	for _, n := range append(sortedKeys(sig), listed...) {
		roots = append(roots, variantsOf[n]...) // what a union a method gives may hold
	}
	for {
		reach := gm.reachable(roots)
		more := false
		for _, n := range reach {
			for _, v := range variantsOf[n] {
				if !slices.Contains(roots, v) {
					roots, more = append(roots, v), true
				}
			}
		}
		if !more {
			for _, n := range reach {
				if sig[n] || ab.used[n] == "gen."+n {
					continue // aliased above
				}
				ab.add(&ab.fromReq, "gen", n, genDocs, "part of a request body or params")
			}
			break
		}
	}
	sort.Slice(ab.fromReq, func(i, j int) bool { return ab.fromReq[i].name < ab.fromReq[j].name })
}

// addEnums aliases every enum type (a gen type with constants) that the types
// roots reach at any depth (a result's field's field, the methods of a gen
// type such as the client Client.Raw returns), so that every value a user may
// compare a field with is spelled in package intercom.
func (ab *aliasBuilder) addEnums(gm *genModel, roots []string, genDocs map[string]string) {
	for _, n := range gm.reachableDeep(roots) {
		if len(gm.consts[n]) == 0 || ab.used[ruleName(n)] == "gen."+n || ab.used[ab.rename[n]] == "gen."+n {
			continue
		}
		ab.add(&ab.enums, "gen", n, genDocs, "an enum reachable from an exported signature")
	}
}

// responseBody matches oapi-codegen's names of inline response bodies
// (ReplyToFin200JSONResponseBody...).
var responseBody = regexp.MustCompile(`[0-9]{3}JSONResponseBody`)

// ruleName is the name in package intercom of a gen type (or constant) by the
// naming rule of CONTRIBUTING.md ("Names users spell"): oapi-codegen's
// <Op>JSONRequestBody and <Op>JSONBody are <Op>Request, its
// <Op><status>JSONResponseBody is <Op>Response; other names are kept.
// api/aliases.yaml's rename list overrides it.
func ruleName(name string) string {
	name = strings.Replace(name, "JSONRequestBody", "Request", 1)
	name = strings.Replace(name, "JSONBody", "Request", 1)
	return responseBody.ReplaceAllString(name, "Response")
}

// aliasOf maps the gen types aliased to their alias names.
func (ab *aliasBuilder) aliasOf() map[string]string {
	m := map[string]string{}
	for _, as := range [][]alias{ab.fromSig, ab.fromReq, ab.listed, ab.enums} {
		for _, a := range as {
			m[strings.TrimPrefix(a.target, "gen.")] = a.name
		}
	}
	return m
}

// wrappers are the union constructors of the unions aliased, named
// <alias>Of.
func (ab *aliasBuilder) wrappers(ctors []unionCtor, aliasOf map[string]string) []unionCtor {
	var out []unionCtor
	for _, c := range ctors {
		name, ok := aliasOf[c.union]
		if !ok {
			continue // the union is not aliased: common code does not build it
		}
		c.alias = name + "Of"
		if ab.declared[c.alias] || ab.used[c.alias] != "" {
			ab.res.Skipped = append(ab.res.Skipped, fmt.Sprintf("gen.%s (constructor): the name %s is taken in package intercom", c.name, c.alias))
			continue
		}
		ab.used[c.alias] = "gen." + c.name
		out = append(out, c)
	}
	return out
}

// constants are the enum values of the gen types aliased.
func (ab *aliasBuilder) constants(gm *genModel) []alias {
	var consts []alias
	for _, as := range [][]alias{ab.fromSig, ab.fromReq, ab.listed, ab.enums} {
		for _, a := range as {
			for _, gc := range gm.consts[strings.TrimPrefix(a.target, "gen.")] {
				c := ruleName(gc)
				if ab.declared[c] || ab.used[c] != "" {
					ab.res.Skipped = append(ab.res.Skipped, fmt.Sprintf("gen.%s (constant of %s): the name is taken in package intercom", c, a.name))
					continue
				}
				ab.used[c] = "gen." + gc
				consts = append(consts, alias{c, "gen." + gc, a.name})
			}
		}
	}
	sort.Slice(consts, func(i, j int) bool { return consts[i].name < consts[j].name })
	return consts
}

// aliasesView is the data of templates/aliases.go.tmpl.
type aliasesView struct {
	Header     string
	Gen, Types bool // imports
	Time       bool
	Groups     []aliasGroupView
	Wrappers   []wrapperView
	Builders   []string // rendered functions
	Consts     []aliasLineView
}

// aliasGroupView is one type block of aliases.
type aliasGroupView struct {
	Title   string
	Aliases []aliasLineView
}

// aliasLineView is one alias (or constant) with its doc line.
type aliasLineView struct{ Doc, Name, Target string }

// wrapperView is one union constructor.
type wrapperView struct{ Alias, Name, Union, Variants, Terms string }

// view builds the data of the aliases template.
func (ab *aliasBuilder) view(version string, wrappers []unionCtor, aliasOf map[string]string, builders []string, consts []alias) aliasesView {
	v := aliasesView{
		Header:   generatedLine("from api/aliases.yaml, the exported signatures and the " + version + " description"),
		Gen:      len(ab.fromSig)+len(ab.fromReq)+len(ab.listed)+len(ab.enums) > 0,
		Types:    len(ab.values) > 0,
		Builders: builders,
	}
	for _, g := range []struct {
		title string
		as    []alias
	}{
		{"The types of package gen that the service methods take, return or yield,\n// so that common code imports only package intercom.", ab.fromSig},
		{"The types of package gen that request bodies and params are built from\n// (their fields, through pointers, slices and maps), and the variants of the\n// unions aliased here with what they are built from, so that building a body or\n// reading a union needs no other import.", ab.fromReq},
		{"Nested types of package gen that common code names (api/aliases.yaml).", ab.listed},
		{"The enum types of package gen that a field of a type above holds, at any\n// depth, so that every value a user compares a field with is declared in package\n// intercom (their constants are below).", ab.enums},
		{"The JSON types of package types that the resources use (api/aliases.yaml).", ab.values},
	} {
		gv := aliasGroupView{Title: g.title}
		for _, a := range g.as {
			gv.Aliases = append(gv.Aliases, aliasLineView{aliasDoc(a) + ab.getterDoc(a), a.name, a.target})
		}
		v.Groups = append(v.Groups, gv)
	}
	for _, c := range wrappers {
		terms := make([]string, len(c.variants))
		for i, t := range c.variants {
			terms[i] = "gen." + t
			if a, ok := aliasOf[t]; ok {
				terms[i] = a // intercom's name in the signature (issue 23, item 1)
			}
		}
		v.Wrappers = append(v.Wrappers, wrapperView{c.alias, c.name, aliasOf[c.union], strings.Join(c.variants, ", "), strings.Join(terms, " | ")})
	}
	for _, c := range consts {
		v.Consts = append(v.Consts, aliasLineView{fmt.Sprintf("%s is [%s], of type %s.", c.name, c.target, c.doc), c.name, c.target})
	}
	return v
}

// usualGetters are the getters an alias's doc names first, when the type has
// them: what users read most.
var usualGetters = []string{"GetId", "GetEmail", "GetName", "GetTitle", "GetState", "GetOpen", "GetType", "GetBody", "GetCreatedAtTime", "GetUpdatedAtTime", "GetData"}

// getterDoc is the part of an alias's doc naming its getters and where its
// fields are documented ("" for a type without getters).
func (ab *aliasBuilder) getterDoc(a alias) string {
	gs := ab.getters[strings.TrimPrefix(a.target, "gen.")]
	if len(gs) == 0 {
		return ""
	}
	var pick []string
	for _, g := range usualGetters {
		if slices.Contains(gs, g) && len(pick) < 4 {
			pick = append(pick, g)
		}
	}
	for _, g := range gs {
		if len(pick) >= 3 {
			break
		}
		if !slices.Contains(pick, g) {
			pick = append(pick, g)
		}
	}
	more := ""
	if len(gs) > len(pick) {
		more = ", ..."
	}
	return fmt.Sprintf("\n\t//\n\t// Read it with its nil-safe getters (%s%s); its fields and getters are documented at [%s].", strings.Join(pick, ", "), more, a.target)
}

// gettersOf returns the exported Get methods of each type declared in src
// (gen/accessors.gen.go), sorted.
func gettersOf(src []byte) map[string][]string {
	out := map[string][]string{}
	if len(src) == 0 {
		return out
	}
	f, err := parser.ParseFile(token.NewFileSet(), "accessors.go", src, parser.SkipObjectResolution)
	if err != nil {
		return out // the aliases still compile; their docs name no getters
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 || !strings.HasPrefix(fd.Name.Name, "Get") {
			continue
		}
		t := fd.Recv.List[0].Type
		if s, ok := t.(*ast.StarExpr); ok {
			t = s.X
		}
		if id, ok := t.(*ast.Ident); ok {
			out[id.Name] = append(out[id.Name], fd.Name.Name)
		}
	}
	for _, gs := range out {
		sort.Strings(gs)
	}
	return out
}

// aliasDoc is the doc line of an alias.
func aliasDoc(a alias) string {
	switch {
	case strings.HasPrefix(a.doc, "is "): // "ID is an id ..." in Go style
		return fmt.Sprintf("%s is [%s], %s", a.name, a.target, strings.TrimPrefix(a.doc, "is "))
	case a.doc != "":
		return fmt.Sprintf("%s is [%s]. %s", a.name, a.target, a.doc)
	}
	return fmt.Sprintf("%s is [%s].", a.name, a.target)
}

// optionParams adds to set the params types a method takes through intercom.WithParams
// (engine.ParamsOption[gen.P](opts) in its body: an operations-table entry with params: option).
func optionParams(body *ast.BlockStmt, set map[string]bool) {
	if body == nil {
		return
	}
	ast.Inspect(body, func(n ast.Node) bool {
		ix, ok := n.(*ast.IndexExpr)
		if !ok {
			return true
		}
		if f, ok := ix.X.(*ast.SelectorExpr); !ok || !isPkg(f.X, "engine") || f.Sel.Name != "ParamsOption" {
			return true
		}
		if sel, ok := ix.Index.(*ast.SelectorExpr); ok && isPkg(sel.X, "gen") {
			set[sel.Sel.Name] = true
		}
		return false
	})
}

// exportedRecv reports whether a function is a plain function or a method of an
// exported type: one users can call.
func exportedRecv(d *ast.FuncDecl) bool {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return true
	}
	t := d.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	switch t := t.(type) {
	case *ast.Ident:
		return t.IsExported()
	case *ast.IndexExpr:
		id, ok := t.X.(*ast.Ident)
		return ok && id.IsExported()
	}
	return false
}

// isPkg reports whether e is the package name pkg.
func isPkg(e ast.Expr, pkg string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == pkg
}

// genTypesIn adds to set every type of package gen named in a function type (parameters
// and results, through pointers, slices and type arguments such as iter.Seq2[gen.T, error]).
func genTypesIn(ft *ast.FuncType, set map[string]bool) {
	ast.Inspect(ft, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && isPkg(sel.X, "gen") && sel.Sel.IsExported() {
			set[sel.Sel.Name] = true
			return false
		}
		return true
	})
}

// bareTypesIn adds to set every exported unqualified name in a function type.
func bareTypesIn(ft *ast.FuncType, set map[string]bool) {
	ast.Inspect(ft, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			return false // another package's name
		case *ast.Ident:
			if n.IsExported() {
				set[n.Name] = true
			}
		}
		return true
	})
}

// useAliasesInSignatures rewrites the generated files of package intercom in
// dir so that the parameters and results of their exported functions spell
// intercom's aliases (Contact) rather than gen's names (gen.Contact): what
// `go doc ./intercom` shows (issue 23, item 1). Bodies keep gen's names (the
// same types). A gen type without an alias keeps its gen name.
func useAliasesInSignatures(dir string, aliasOf map[string]string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.gen.go"))
	if err != nil {
		return err
	}
	for _, p := range files {
		if filepath.Base(p) == AliasesFile {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, src, parser.ParseComments)
		if err != nil {
			return fmt.Errorf("parse %s: %w", p, err)
		}
		type edit struct {
			from, to int
			text     string
		}
		var edits []edit
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || !fd.Name.IsExported() || !exportedRecv(fd) {
				continue
			}
			ast.Inspect(fd.Type, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if a, ok := aliasOf[sel.Sel.Name]; ok && isPkg(sel.X, "gen") {
					edits = append(edits, edit{fset.Position(sel.Pos()).Offset, fset.Position(sel.End()).Offset, a})
				}
				return false
			})
		}
		if len(edits) == 0 {
			continue
		}
		out := append([]byte(nil), src...)
		for i := len(edits) - 1; i >= 0; i-- {
			e := edits[i]
			out = append(out[:e.from:e.from], append([]byte(e.text), out[e.to:]...)...)
		}
		if err := os.WriteFile(p, out, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func fileTypeDocs(f *ast.File) map[string]string {
	docs := map[string]string{}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, s := range gd.Specs {
			ts := s.(*ast.TypeSpec)
			if !ts.Name.IsExported() || ts.TypeParams != nil {
				continue
			}
			doc := ts.Doc
			if doc == nil && len(gd.Specs) == 1 {
				doc = gd.Doc
			}
			docs[ts.Name.Name] = firstSentence(ts.Name.Name, doc)
		}
	}
	return docs
}

// firstSentence returns the first sentence of a doc comment without the leading type
// name ("Contact Contacts represent your users. More." → "Contacts represent your
// users."), at most about 200 characters.
func firstSentence(name string, doc *ast.CommentGroup) string {
	if doc == nil {
		return ""
	}
	text := strings.Join(strings.Fields(doc.Text()), " ")
	text = strings.TrimPrefix(text, name+" ")
	if text == name {
		return ""
	}
	if i := strings.Index(text, ". "); i >= 0 {
		text = text[:i+1]
	}
	if len(text) > 200 {
		cut := strings.LastIndex(text[:200], " ")
		if cut < 0 {
			cut = 200
		}
		text = text[:cut] + " ..."
	}
	if text != "" && !strings.HasSuffix(text, ".") && !strings.HasSuffix(text, "...") {
		text += "."
	}
	return text
}

// eachGoFile parses every non-test Go file of dir (with comments) and calls fn with its
// base name.
func eachGoFile(dir string, fn func(name string, f *ast.File)) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return err
	}
	sort.Strings(files)
	fset := token.NewFileSet()
	for _, p := range files {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ParseComments)
		if err != nil {
			return fmt.Errorf("parse %s: %w", p, err)
		}
		fn(filepath.Base(p), f)
	}
	return nil
}

// genModel is what WriteAliases needs of gen's source: its type declarations and the
// constants declared with each type.
type genModel struct {
	types   map[string]ast.Expr        // exported type name -> its type expression
	consts  map[string][]string        // type name -> its constants, in source order
	methods map[string][]*ast.FuncType // type name -> its exported methods' signatures
}

// newGenModel reads the types and enum constants of f, gen's parsed source.
func newGenModel(f *ast.File) *genModel {
	m := &genModel{types: map[string]ast.Expr{}, consts: map[string][]string{}, methods: map[string][]*ast.FuncType{}}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && len(fd.Recv.List) == 1 && fd.Name.IsExported() {
			t := fd.Recv.List[0].Type
			if s, ok := t.(*ast.StarExpr); ok {
				t = s.X
			}
			if id, ok := t.(*ast.Ident); ok {
				m.methods[id.Name] = append(m.methods[id.Name], fd.Type)
			}
		}
		gd, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, s := range gd.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				if s.Name.IsExported() && s.TypeParams == nil {
					m.types[s.Name.Name] = s.Type
				}
			case *ast.ValueSpec:
				id, ok := s.Type.(*ast.Ident)
				if gd.Tok != token.CONST || !ok {
					continue
				}
				for _, n := range s.Names {
					if n.IsExported() {
						m.consts[id.Name] = append(m.consts[id.Name], n.Name)
					}
				}
			}
		}
	}
	return m
}

// reachable returns, sorted, the gen types that the types roots are built from: the
// types of their fields (struct fields, element and key types, alias targets), and of
// those types' fields, transitively; roots themselves are included.
func (m *genModel) reachable(roots []string) []string {
	return m.walk(roots, false)
}

// reachableDeep is reachable, following also the signatures of the exported
// methods of the types met (what a user reaches through Client.Raw).
func (m *genModel) reachableDeep(roots []string) []string {
	return m.walk(roots, true)
}

// walk returns the types reachable from roots, through methods when methods is set.
func (m *genModel) walk(roots []string, methods bool) []string {
	seen := map[string]bool{}
	queue := append([]string(nil), roots...)
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		t, ok := m.types[n]
		if seen[n] || !ok {
			continue
		}
		seen[n] = true
		nodes := []ast.Node{t}
		if methods {
			for _, ft := range m.methods[n] {
				// Parameters have unexported names: inspect their types.
				for _, fl := range []*ast.FieldList{ft.Params, ft.Results} {
					if fl != nil {
						for _, f := range fl.List {
							nodes = append(nodes, f.Type)
						}
					}
				}
			}
		}
		for _, node := range nodes {
			m.inspect(node, seen, &queue)
		}
	}
	return sortedKeys(seen)
}

// inspect queues the gen types that node names (exported fields only).
func (m *genModel) inspect(node ast.Node, seen map[string]bool, queue *[]string) {
	ast.Inspect(node, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.Field:
			// Fields with unexported names (a union's raw JSON) hold no user type.
			if len(x.Names) > 0 && !x.Names[0].IsExported() {
				return false
			}
		case *ast.Ident:
			if _, ok := m.types[x.Name]; ok && !seen[x.Name] {
				*queue = append(*queue, x.Name)
			}
		}
		return true
	})
}

// unionCtor is a union constructor of gen/unions.gen.go:
// func <Union>Of[V A | B | ...](v V) (<Union>, error).
type unionCtor struct {
	name, union string
	variants    []string
	alias       string // its name in package intercom
}

// unionConstructors returns the union constructors declared in src, in source order.
func unionConstructors(src []byte) ([]unionCtor, error) {
	if len(src) == 0 {
		return nil, nil
	}
	f, err := parser.ParseFile(token.NewFileSet(), "unions.go", src, 0)
	if err != nil {
		return nil, err
	}
	var out []unionCtor
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv != nil || !fd.Name.IsExported() || fd.Type.TypeParams == nil ||
			len(fd.Type.TypeParams.List) != 1 || fd.Type.Results == nil || len(fd.Type.Results.List) != 2 {
			continue
		}
		res, ok := fd.Type.Results.List[0].Type.(*ast.Ident)
		if !ok || fd.Name.Name != res.Name+"Of" {
			continue
		}
		c := unionCtor{name: fd.Name.Name, union: res.Name}
		simple := true
		var terms func(e ast.Expr)
		terms = func(e ast.Expr) {
			switch e := e.(type) {
			case *ast.BinaryExpr:
				terms(e.X)
				terms(e.Y)
			case *ast.Ident:
				c.variants = append(c.variants, e.Name)
			default:
				simple = false
			}
		}
		terms(fd.Type.TypeParams.List[0].Type)
		if simple && len(c.variants) > 0 {
			out = append(out, c)
		}
	}
	return out, nil
}

// typesBuilders returns the wrappers, in package intercom, of the functions of package
// types that return one of the aliased values (types.StringValue returns an
// AttributeValue: intercom.StringValue), so that building one needs no other import; and
// whether their signatures use package time. A function whose signature names another
// package, or a name package intercom already uses, is skipped and reported.
func typesBuilders(funcs []*ast.FuncDecl, values []alias, declared map[string]bool, used map[string]string, res *AliasResult) ([]string, bool) {
	aliased := map[string]bool{}
	for _, v := range values {
		if v.target == "types."+v.name { // the same name in both packages
			aliased[v.name] = true
		}
	}
	sort.Slice(funcs, func(i, j int) bool { return funcs[i].Name.Name < funcs[j].Name.Name })
	var out []string
	needTime := false
	for _, fd := range funcs {
		returnsValue := false
		if fd.Type.Results != nil {
			for _, r := range fd.Type.Results.List {
				if id, ok := r.Type.(*ast.Ident); ok && aliased[id.Name] {
					returnsValue = true
				}
			}
		}
		if !returnsValue {
			continue
		}
		name := fd.Name.Name
		if declared[name] || used[name] != "" {
			res.Skipped = append(res.Skipped, fmt.Sprintf("types.%s (builder): the name is taken in package intercom", name))
			continue
		}
		ok, usesTime := true, false
		ast.Inspect(fd.Type, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				if isPkg(n.X, "time") {
					usesTime = true
				} else {
					ok = false
				}
				return false
			case *ast.Ident:
				if n.IsExported() && !aliased[n.Name] {
					ok = false // a type of package types that is not aliased
				}
			}
			return true
		})
		var args []string
		for _, p := range fd.Type.Params.List {
			if len(p.Names) == 0 {
				ok = false
			}
			for _, n := range p.Names {
				a := n.Name
				if _, variadic := p.Type.(*ast.Ellipsis); variadic {
					a += "..."
				}
				args = append(args, a)
			}
		}
		if !ok {
			res.Skipped = append(res.Skipped, fmt.Sprintf("types.%s (builder): its signature names a type package intercom does not alias", name))
			continue
		}
		var sig strings.Builder
		if err := format.Node(&sig, token.NewFileSet(), fd.Type); err != nil {
			res.Skipped = append(res.Skipped, fmt.Sprintf("types.%s (builder): %v", name, err))
			continue
		}
		used[name] = "types." + name
		needTime = needTime || usesTime
		doc := firstSentence(name, fd.Doc)
		out = append(out, fmt.Sprintf("\n// %s is [types.%s]: %s\n%s {\n\treturn types.%s(%s)\n}\n",
			name, name, lowerFirst(strings.TrimPrefix(doc, "returns ")), strings.Replace(sig.String(), "func", "func "+name, 1), name, strings.Join(args, ", ")))
		res.Builders++
	}
	return out, needTime
}

// lowerFirst returns s with its first letter in lower case, unless it starts an
// identifier-like word in upper case (an initialism or a Go name).
func lowerFirst(s string) string {
	if len(s) < 2 || s[0] < 'A' || s[0] > 'Z' || (s[1] >= 'A' && s[1] <= 'Z') {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}

// alias is one declaration of the aliases file: its name in package intercom, what it
// stands for (gen.X, types.X) and its doc.
type alias struct{ name, target, doc string }
