package spec

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
	"gopkg.in/yaml.v3"
)

// Change kinds of a bump report, in the order a maintainer fixes them within a file.
const (
	KindVersion           = "version"               // info.version (and the Intercom-Version enum) moved
	KindRemovedOperation  = "removed operation"     // an operationId the old description had
	KindTypeChange        = "property type"         // a component property changed its type
	KindInlineUnion       = "inline response union" // a 2xx JSON response that is an inline oneOf/anyOf
	KindRequiredParameter = "required parameter"    // a query parameter that became required
	KindNewOperation      = "new operation"         // an operationId the old description lacked
	KindEnumAddition      = "enum addition"         // a value added to an enum
)

// kindOrder is the order of kinds within one file of the report.
var kindOrder = []string{KindVersion, KindRemovedOperation, KindTypeChange, KindInlineUnion,
	KindRequiredParameter, KindNewOperation, KindEnumAddition}

// Change is one difference between two descriptions that a version move must handle.
type Change struct {
	Kind string
	// File is the file of api/ where it is handled (repository-relative), or "" when
	// nothing needs editing (the tree follows by itself).
	File string
	// Subject names what changed (an operation id, schema.property, ...).
	Subject string
	// Detail says what changed and what it means for the SDK.
	Detail string
	// Draft is the text to write into File (an overlay action, a table entry), if any.
	Draft string
	// Done says what bump-api did itself ("" when nothing).
	Done string
}

// Report lists, file by file, the changes between the description of version From
// (the previously pinned one) and that of To.
type Report struct {
	From, To string
	Changes  []Change

	oldDoc, newDoc *openapi3.T
}

// LoadRaw loads an upstream description as published (no overlay, no validation).
func LoadRaw(path string) (*openapi3.T, error) {
	l := openapi3.NewLoader()
	doc, err := l.LoadFromFile(path)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	return doc, nil
}

// DiffFiles is Diff of the descriptions at two paths.
func DiffFiles(oldPath, newPath, from, to string) (*Report, error) {
	oldDoc, err := LoadRaw(oldPath)
	if err != nil {
		return nil, err
	}
	newDoc, err := LoadRaw(newPath)
	if err != nil {
		return nil, err
	}
	return Diff(oldDoc, newDoc, from, to), nil
}

// specOp is one operation of a description.
type specOp struct {
	id, method, path string
	op               *openapi3.Operation
}

func operationsOf(doc *openapi3.T) map[string]specOp {
	ops := map[string]specOp{}
	for path, item := range doc.Paths.Map() {
		for method, o := range item.Operations() {
			if o.OperationID == "" {
				continue
			}
			id := codegen.ToCamelCase(o.OperationID)
			ops[id] = specOp{id: id, method: strings.ToUpper(method), path: path, op: o}
		}
	}
	return ops
}

// Diff compares the upstream descriptions (no overlay) of two versions and returns
// every change of the kinds bump-api reports. to is the new version (its files in
// api/ are named after it).
func Diff(oldDoc, newDoc *openapi3.T, from, to string) *Report {
	r := &Report{From: from, To: to, oldDoc: oldDoc, newDoc: newDoc}
	overlay := "api/overlays/" + to + ".yaml"
	table := "api/operations/" + to + ".yaml"
	if oldDoc.Info != nil && newDoc.Info != nil && oldDoc.Info.Version != newDoc.Info.Version {
		r.add(Change{Kind: KindVersion, Subject: "info.version", Detail: fmt.Sprintf(
			"%s → %s: gen.APIVersion and intercom.APIVersion follow (generated); the Intercom-Version enum of the description is not used (overlay [4])",
			oldDoc.Info.Version, newDoc.Info.Version)})
	}
	oldOps, newOps := operationsOf(oldDoc), operationsOf(newDoc)
	for _, id := range sortedKeys(oldOps) {
		if _, ok := newOps[id]; ok {
			continue
		}
		o := oldOps[id]
		r.add(Change{Kind: KindRemovedOperation, File: table, Subject: id,
			Detail: fmt.Sprintf("%s %s is gone: its table entry and method go, and every overlay action aimed at it", o.method, o.path)})
	}
	for _, id := range sortedKeys(newOps) {
		n := newOps[id]
		o, existed := oldOps[id]
		if !existed {
			r.add(Change{Kind: KindNewOperation, File: table, Subject: id,
				Detail: fmt.Sprintf("%s %s is new: without an entry it still gets a method named from its tag and id; the drafted entry is reviewed", n.method, n.path),
				Draft:  draftEntry(n)})
			continue
		}
		for _, p := range n.op.Parameters {
			if p.Value == nil || !p.Value.Required || p.Value.In != "query" {
				continue
			}
			before := o.op.Parameters.GetByInAndName("query", p.Value.Name)
			if before != nil && before.Required {
				continue
			}
			was := "new"
			if before != nil {
				was = "was optional"
			}
			r.add(Change{Kind: KindRequiredParameter, File: table, Subject: id + " " + p.Value.Name,
				Detail: fmt.Sprintf("%s %s: query parameter %q is required (%s): the generated method refuses a call whose params leave it empty "+
					"(engine.RequireParam), so it is never sent as %s=; callers of %s must set it (a breaking change for the CHANGELOG), unless the entry "+
					"gets the drafted defaults key: then an empty %s is sent as that value, documented on the method. Write it only with the value "+
					"the server used while %s was optional, so that existing callers keep their results; leave it out when no value is right for "+
					"every caller",
					n.method, n.path, p.Value.Name, was, p.Value.Name, id, p.Value.Name, p.Value.Name),
				Draft: draftDefault(id, p.Value, r.From)})
		}
	}
	r.typeChanges(oldDoc, newDoc, overlay)
	r.inlineUnions(newDoc, overlay)
	r.enumAdditions(oldDoc, newDoc)
	sort.SliceStable(r.Changes, func(i, j int) bool {
		a, b := r.Changes[i], r.Changes[j]
		if fileRank(a.File) != fileRank(b.File) {
			return fileRank(a.File) < fileRank(b.File)
		}
		return slices.Index(kindOrder, a.Kind) < slices.Index(kindOrder, b.Kind)
	})
	return r
}

// fileRank orders the files of a report as a maintainer fixes them: the overlay (the
// generator reads the description through it), then the table, then what needs no
// edit.
func fileRank(f string) int {
	switch {
	case strings.HasPrefix(f, "api/overlays/"):
		return 0
	case strings.HasPrefix(f, "api/operations/"):
		return 1
	case f == "":
		return 3
	}
	return 2
}

func (r *Report) add(c Change) { r.Changes = append(r.Changes, c) }

// draftDefault drafts the defaults key of the table entry id for the required query
// parameter p: the schema's default when the description gives one, else a placeholder
// that names the parameter's values and that the generator refuses until a maintainer
// replaces it.
func draftDefault(id string, p *openapi3.Parameter, from string) string {
	value := fmt.Sprintf("<the value the server used in %s", from)
	if s := p.Schema; s != nil && s.Value != nil {
		if d, ok := s.Value.Default.(string); ok && d != "" {
			value = d
		} else if len(s.Value.Enum) > 0 {
			value += fmt.Sprintf(": one of %v", s.Value.Enum)
		}
	}
	if strings.HasPrefix(value, "<") {
		value += ">"
	}
	return fmt.Sprintf("  %s:\n    defaults:\n      %s: %q\n", id, p.Name, value)
}

// draftEntry drafts the table entry of a new operation, with its paging style inferred
// from its parameters, body and response.
func draftEntry(o specOp) string {
	var b strings.Builder
	fmt.Fprintf(&b, "  %s:\n    service: %s\n    method: %s\n", o.id, serviceFromTag(o.op), o.id)
	summary := strings.TrimSpace(o.op.Summary)
	if summary == "" {
		summary = strings.ReplaceAll(snake(o.id), "_", " ")
	}
	fmt.Fprintf(&b, "    doc: |\n      %s (%s %s).\n", lowerInitial(strings.TrimSuffix(summary, ".")), o.method, o.path)
	if o.method == "POST" && strings.Contains(strings.ToLower(o.id), "search") {
		b.WriteString("    read: true\n")
	}
	if style := pagingStyle(o.op); style != "" {
		items := itemsField(o.op)
		if items == "" {
			items = "Data # no list property found in the 200 response: check"
		}
		fmt.Fprintf(&b, "    pages: {style: %s, items: %s}\n", style, items)
	}
	return b.String()
}

// pagingStyle infers how a list paginates: cursor (starting_after), page, scroll
// (scroll_param), search (a body with pagination); "" for no paging.
func pagingStyle(o *openapi3.Operation) string {
	for _, name := range []struct{ param, style string }{{"starting_after", "cursor"}, {"scroll_param", "scroll"}, {"page", "page"}} {
		if o.Parameters.GetByInAndName("query", name.param) != nil {
			return name.style
		}
	}
	if s := jsonSchema(o.RequestBody); s != nil && s.Properties["pagination"] != nil {
		return "search"
	}
	return ""
}

func jsonSchema(rb *openapi3.RequestBodyRef) *openapi3.Schema {
	if rb == nil || rb.Value == nil {
		return nil
	}
	mt := rb.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return nil
	}
	return mt.Schema.Value
}

// success returns the first 2xx JSON response of o (its code and media type).
func success(o *openapi3.Operation) (string, *openapi3.MediaType) {
	if o.Responses == nil {
		return "", nil
	}
	for code := 200; code < 300; code++ {
		r := o.Responses.Status(code)
		if r == nil || r.Value == nil {
			continue
		}
		if mt := r.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
			return fmt.Sprint(code), mt
		}
	}
	return "", nil
}

// itemsField is the Go name of the first array property of o's success schema.
func itemsField(o *openapi3.Operation) string {
	_, mt := success(o)
	if mt == nil || mt.Schema.Value == nil {
		return ""
	}
	s := mt.Schema.Value
	for _, name := range sortedKeys(s.Properties) {
		if p := s.Properties[name]; p.Value != nil && p.Value.Type.Is("array") {
			return codegen.ToCamelCase(name)
		}
	}
	return ""
}

// componentPair is a component schema that both descriptions have.
type componentPair struct {
	name     string
	old, new *openapi3.SchemaRef
}

// componentPairs returns, sorted by name, the component schemas both descriptions have.
func componentPairs(oldDoc, newDoc *openapi3.T) []componentPair {
	if oldDoc.Components == nil || newDoc.Components == nil {
		return nil
	}
	var out []componentPair
	for _, name := range sortedKeys(newDoc.Components.Schemas) {
		ns, os := newDoc.Components.Schemas[name], oldDoc.Components.Schemas[name]
		if ns != nil && os != nil && ns.Value != nil && os.Value != nil {
			out = append(out, componentPair{name, os, ns})
		}
	}
	return out
}

// typeChanges reports component properties whose type changed, with the examples of
// the new description that still give the old type, and drafts the overlay action
// that keeps the SDK decoding both.
func (r *Report) typeChanges(oldDoc, newDoc *openapi3.T, overlay string) {
	for _, pair := range componentPairs(oldDoc, newDoc) {
		name, ns, os := pair.name, pair.new, pair.old
		for _, prop := range sortedKeys(ns.Value.Properties) {
			np, op := ns.Value.Properties[prop], os.Value.Properties[prop]
			if np == nil || op == nil || np.Value == nil || op.Value == nil || np.Ref != "" || op.Ref != "" {
				continue
			}
			nt, ot := typeName(np.Value), typeName(op.Value)
			if nt == "" || ot == "" || nt == ot {
				continue
			}
			contra := contradictingExamples(newDoc, name, prop, nt)
			detail := fmt.Sprintf("%s → %s (gen's field type changes: a breaking change for the CHANGELOG)", ot, nt)
			if len(contra) > 0 {
				detail += fmt.Sprintf("; %d example(s) of the new description still give %s values, contradicting the schema: %s",
					len(contra), jsonKind(contra[0].value), strings.Join(exampleNames(contra, 5), "; "))
			}
			draft := fmt.Sprintf("  # %s.%s became %s in %s but the examples still send %s: accept both shapes.\n"+
				"  - target: $.components.schemas.%s.properties.%s\n"+
				"    description: Accept %s and %s values for %s.%s.\n"+
				"    update:\n      x-go-type: types.ID\n      x-go-type-import: {path: github.com/intercomkit/intercom-go/intercom/types}\n",
				name, prop, nt, r.To, ot, name, prop, ot, nt, name, prop)
			if nt != "string" || len(contra) == 0 {
				// Nothing documented contradicts the new type: gen follows it; the fake
				// and the tests that set the field follow the generated type.
				draft = ""
				detail += "; no example contradicts it: no overlay action needed"
			}
			file := overlay
			if draft == "" {
				file = "" // gen follows the schema: nothing to write
			}
			r.add(Change{Kind: KindTypeChange, File: file, Subject: name + "." + prop, Detail: detail, Draft: draft})
		}
	}
}

func typeName(s *openapi3.Schema) string {
	if s.Type == nil || len(*s.Type) != 1 {
		return ""
	}
	return (*s.Type)[0]
}

// example is a value found at a property of an example.
type example struct {
	where string
	value any
}

func exampleNames(xs []example, n int) []string {
	var out []string
	for i, x := range xs {
		if i == n {
			out = append(out, fmt.Sprintf("and %d more", len(xs)-n))
			break
		}
		b, _ := json.Marshal(x.value)
		out = append(out, fmt.Sprintf("%s gives %s", x.where, b))
	}
	return out
}

// contradictingExamples walks every response and request example of doc whose schema
// uses the component schema and returns the values of property prop whose JSON kind is
// not typ.
func contradictingExamples(doc *openapi3.T, schema, prop, typ string) []example {
	var out []example
	ref := "#/components/schemas/" + schema
	for _, path := range sortedKeys(doc.Paths.Map()) {
		item := doc.Paths.Value(path)
		ops := item.Operations()
		for _, method := range sortedKeys(ops) {
			o := ops[method]
			var media []*openapi3.MediaType
			var where []string
			if o.Responses != nil {
				for _, code := range sortedKeys(o.Responses.Map()) {
					if rv := o.Responses.Value(code); rv != nil && rv.Value != nil {
						for _, ct := range sortedKeys(rv.Value.Content) {
							media = append(media, rv.Value.Content[ct])
							where = append(where, fmt.Sprintf("%s %s %s", o.OperationID, code, ct))
						}
					}
				}
			}
			if s := o.RequestBody; s != nil && s.Value != nil {
				if mt := s.Value.Content.Get("application/json"); mt != nil {
					media = append(media, mt)
					where = append(where, o.OperationID+" request")
				}
			}
			for i, mt := range media {
				if !usesRef(mt.Schema, ref, map[*openapi3.Schema]bool{}) {
					continue
				}
				if mt.Example != nil {
					walkExample(mt.Example, prop, typ, where[i], &out)
				}
				for _, name := range sortedKeys(mt.Examples) {
					if e := mt.Examples[name]; e != nil && e.Value != nil {
						walkExample(e.Value.Value, prop, typ, where[i]+" example "+name, &out)
					}
				}
			}
		}
	}
	return out
}

func walkExample(v any, prop, typ, where string, out *[]example) {
	switch v := v.(type) {
	case map[string]any:
		for _, k := range sortedKeys(v) {
			if k == prop && v[k] != nil && jsonKind(v[k]) != typ && !(typ == "number" && jsonKind(v[k]) == "integer") {
				*out = append(*out, example{where: where, value: v[k]})
			}
			walkExample(v[k], prop, typ, where, out)
		}
	case []any:
		for _, x := range v {
			walkExample(x, prop, typ, where, out)
		}
	}
}

func jsonKind(v any) string {
	switch v := v.(type) {
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64:
		if v == float64(int64(v)) {
			return "integer"
		}
		return "number"
	case int, int64, uint64:
		return "integer"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "null"
}

// inlineUnions reports every 2xx JSON response whose schema is an inline oneOf/anyOf:
// oapi-codegen would make it gen.<Op><code>JSONResponseBody, a type no one reviewed.
// One with x-go-type-name is named (accepted); any other is refused by make generate
// (CheckInlineResponses), and the report drafts the overlay action that names it.
func (r *Report) inlineUnions(doc *openapi3.T, overlay string) {
	for _, u := range InlineResponseUnions(doc) {
		if u.Named != "" {
			continue
		}
		r.add(Change{Kind: KindInlineUnion, File: overlay, Subject: u.ID,
			Detail: fmt.Sprintf("%s %s: the %s response is an inline %s: refused by make generate until it is named", u.Method, u.Path, u.Code, u.Of),
			Draft:  u.Action()})
	}
}

// enumAdditions reports values added to enums of component properties: the generated
// constants follow by themselves; the CHANGELOG names them.
func (r *Report) enumAdditions(oldDoc, newDoc *openapi3.T) {
	for _, pair := range componentPairs(oldDoc, newDoc) {
		name, ns, os := pair.name, pair.new, pair.old
		check := func(subject string, n, o *openapi3.Schema) {
			if n == nil || o == nil || len(n.Enum) == 0 || len(o.Enum) == 0 {
				return
			}
			var added []string
			for _, v := range n.Enum {
				if !slices.ContainsFunc(o.Enum, func(x any) bool { return fmt.Sprint(x) == fmt.Sprint(v) }) {
					added = append(added, fmt.Sprintf("%q", fmt.Sprint(v)))
				}
			}
			if len(added) > 0 {
				r.add(Change{Kind: KindEnumAddition, Subject: subject,
					Detail: fmt.Sprintf("new value(s) %s: new constants are generated; a switch over the enum should handle them (CHANGELOG)", strings.Join(added, ", "))})
			}
		}
		check(name, ns.Value, os.Value)
		for _, prop := range sortedKeys(ns.Value.Properties) {
			np, op := ns.Value.Properties[prop], os.Value.Properties[prop]
			if np != nil && op != nil && np.Ref == "" {
				check(name+"."+prop, np.Value, op.Value)
			}
		}
	}
}

// Write prints the report, file by file.
func (r *Report) Write(w io.Writer) {
	fmt.Fprintf(w, "bump-api report: Intercom API %s → %s: %d change(s)\n", r.From, r.To, len(r.Changes))
	if len(r.Changes) == 0 {
		fmt.Fprintln(w, "  nothing to do")
		return
	}
	file := "\x00"
	for _, c := range r.Changes {
		if c.File != file {
			file = c.File
			if file == "" {
				fmt.Fprintln(w, "\nno edit needed (the tree follows; name them in the CHANGELOG):")
			} else {
				fmt.Fprintf(w, "\n%s:\n", file)
			}
		}
		fmt.Fprintf(w, "  - [%s] %s: %s\n", c.Kind, c.Subject, c.Detail)
		if c.Done != "" {
			fmt.Fprintf(w, "    done: %s\n", c.Done)
		}
		if c.Draft != "" {
			fmt.Fprintf(w, "    draft:\n")
			for _, l := range strings.Split(strings.TrimRight(c.Draft, "\n"), "\n") {
				fmt.Fprintf(w, "      | %s\n", l)
			}
		}
	}
}

// Counts returns how many changes of each kind the report holds.
func (r *Report) Counts() map[string]int {
	n := map[string]int{}
	for _, c := range r.Changes {
		n[c.Kind]++
	}
	return n
}

// Resolve reads the table and overlay of r.To and says, per change, what they already
// hold (an entry for a new operation, an overlay action for a changed property or an
// inline union); with apply it also does what is unambiguous for every removed
// operation: it deletes the operation's entry from the table and every overlay action
// whose target names only that operation's path (and its method, or any method when the
// whole path is gone). Actions naming it among other paths are left, and listed.
func (r *Report) Resolve(root string, apply bool) error {
	oldDoc, newDoc := r.oldDoc, r.newDoc
	tablePath, overlayPath := TablePath(root, r.To), OverlayPath(root, r.To)
	tb, err := os.ReadFile(tablePath)
	if err != nil {
		return err
	}
	ob, err := os.ReadFile(overlayPath)
	if err != nil {
		return err
	}
	table, overlay := string(tb), string(ob)
	var entries Table // read leniently: the table may be mid-edit
	_ = yaml.Unmarshal(tb, &entries)
	oldOps := operationsOf(oldDoc)
	for i := range r.Changes {
		c := &r.Changes[i]
		switch c.Kind {
		case KindNewOperation:
			if regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(c.Subject) + `:`).MatchString(table) {
				c.Done, c.Draft = "the table already has its entry", ""
			}
		case KindRequiredParameter:
			if hasDefault(&entries, c.Subject) {
				c.Done, c.Draft = "the table entry already has a default for it (check the value)", ""
			}
		case KindTypeChange:
			schema, prop, _ := strings.Cut(c.Subject, ".")
			if strings.Contains(overlay, "schemas."+schema+".properties."+prop) {
				c.Done, c.Draft = "the overlay already has an action for it (check it)", ""
			}
		case KindInlineUnion:
			for _, u := range InlineResponseUnions(newDoc) {
				if u.ID == c.Subject && strings.Contains(overlay, "$.paths['"+u.Path+"']") && strings.Contains(overlay, "responses['"+u.Code+"']") {
					c.Done = "the overlay already has an action for this response (make generate checks it names the union)"
				}
			}
		case KindRemovedOperation:
			if !apply {
				continue
			}
			o := oldOps[c.Subject]
			var done, left []string
			if t, ok := removeTableEntry(table, c.Subject); ok {
				table = t
				done = append(done, "deleted its entry from "+rel(root, tablePath))
			}
			item := newDoc.Paths.Value(o.path)
			pathGone := item == nil
			var dropped []string
			if !pathGone && item.GetOperation(o.method) != nil {
				// The same path and method now serve another operation id: the overlay's
				// actions there are about it and stay.
				c.Detail += fmt.Sprintf("; %s %s is now %s: the overlay actions aimed there stay", o.method, o.path, codegen.ToCamelCase(item.GetOperation(o.method).OperationID))
			} else {
				overlay, dropped, left = removeOverlayActions(overlay, o.path, strings.ToLower(o.method), pathGone)
			}
			for _, d := range dropped {
				done = append(done, "dropped the overlay action "+d+" from "+rel(root, overlayPath))
			}
			c.Done = strings.Join(done, "; ")
			if len(left) > 0 {
				c.Detail += "; edit by hand in " + rel(root, overlayPath) + " (the action names other paths too): " + strings.Join(left, "; ")
			}
		}
	}
	if table != string(tb) {
		if err := writeAtomic(tablePath, []byte(table)); err != nil {
			return err
		}
	}
	if overlay != string(ob) {
		if err := writeAtomic(overlayPath, []byte(overlay)); err != nil {
			return err
		}
	}
	return nil
}

// hasDefault reports whether the table gives the required parameter subject
// ("OperationId param") a defaults key.
func hasDefault(t *Table, subject string) bool {
	id, name, _ := strings.Cut(subject, " ")
	if e := t.Operations[id]; e != nil {
		_, ok := e.Defaults[name]
		return ok
	}
	return false
}

// removeTableEntry deletes the entry "  id:" (and its indented lines) from a table's text.
func removeTableEntry(text, id string) (string, bool) {
	re := regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(id) + `:[ \t]*\n(?:(?:    .*)?\n)*?(?:[ \t]*\n)?(?:  \S|\z)`)
	loc := re.FindStringIndex(text)
	if loc == nil {
		return text, false
	}
	end := loc[1]
	if end < len(text) || strings.HasSuffix(text[loc[0]:end], "  ") {
		// Keep the next entry's indentation, which the match consumed.
		end -= len("  ") + 1
		for end > loc[0] && text[end] != '\n' {
			end--
		}
		end++
	}
	return text[:loc[0]] + text[end:], true
}

var actionStartRE = regexp.MustCompile(`(?m)^  - target: *(.*)$`)

// removeOverlayActions drops every action whose target names only path (and method,
// unless pathGone lets it name any), with the comment block right above it when that
// block belongs to it alone (a blank line above). It returns the new text, the targets
// dropped and those naming the path among others (left).
func removeOverlayActions(text, path, method string, pathGone bool) (string, []string, []string) {
	var dropped, left []string
	quoted := "'" + path + "'"
	for {
		changed := false
		for _, loc := range actionStartRE.FindAllStringSubmatchIndex(text, -1) {
			target := text[loc[2]:loc[3]]
			if !strings.Contains(target, quoted) {
				continue
			}
			only := strings.HasPrefix(target, "$.paths["+quoted+"]")
			sel := methodSelector(target)
			aimed := sel == method || sel == "*" || sel == "" || strings.Contains(sel, "'"+method+"'")
			if !pathGone && !aimed {
				continue // about another method of a path that stays
			}
			if !only || !(sel == method || pathGone && (sel == "*" || sel == "")) {
				if !slices.Contains(left, target) {
					left = append(left, target)
				}
				continue
			}
			start, end := loc[0], actionEnd(text, loc[1])
			start = ownComment(text, start)
			text = text[:start] + text[end:]
			dropped = append(dropped, target)
			changed = true
			break
		}
		if !changed {
			return text, dropped, left
		}
	}
}

// methodSelector returns what follows the paths selector of a $.paths[...] target: a
// method ("get"), "*", a bracket list ("['get','put']") or "" (the whole path item).
func methodSelector(target string) string {
	if !strings.HasPrefix(target, "$.paths[") {
		return ""
	}
	end, err := closingBracket(target, len("$.paths"))
	if err != nil {
		return ""
	}
	rest := target[end+1:]
	switch {
	case strings.HasPrefix(rest, "."):
		rest = rest[1:]
		if i := strings.IndexAny(rest, ".["); i >= 0 {
			rest = rest[:i]
		}
		return rest
	case strings.HasPrefix(rest, "["):
		if e, err := closingBracket(rest, 0); err == nil {
			return rest[:e+1]
		}
	}
	return ""
}

// actionEnd returns the end of the action whose "- target:" line ends at i: the start
// of the next line that is not indented deeper than the list item.
func actionEnd(text string, i int) int {
	if i < len(text) && text[i] == '\n' {
		i++
	}
	for i < len(text) {
		j := strings.IndexByte(text[i:], '\n')
		line := text[i:]
		if j >= 0 {
			line = text[i : i+j]
		}
		if !strings.HasPrefix(line, "    ") {
			return i
		}
		if j < 0 {
			return len(text)
		}
		i += j + 1
	}
	return i
}

// ownComment moves start up over the comment lines right above an action when a blank
// line (or the list's start) precedes them, so the comment goes with its action.
func ownComment(text string, start int) int {
	i := start
	for i > 0 {
		prev := strings.LastIndexByte(text[:i-1], '\n') + 1
		line := text[prev : i-1]
		if strings.HasPrefix(line, "  #") {
			i = prev
			continue
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "actions:") {
			if strings.TrimSpace(line) == "" && i != start {
				return prev // the blank line goes too
			}
			return i
		}
		return start // the comment follows another action's lines: not its own
	}
	return i
}

func lowerInitial(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// usesRef reports whether the schema is, or holds through properties, items,
// additionalProperties and compositions, a $ref to ref.
func usesRef(s *openapi3.SchemaRef, ref string, seen map[*openapi3.Schema]bool) bool {
	if s == nil {
		return false
	}
	if s.Ref == ref {
		return true
	}
	v := s.Value
	if v == nil || seen[v] {
		return false
	}
	seen[v] = true
	for _, p := range v.Properties {
		if usesRef(p, ref, seen) {
			return true
		}
	}
	for _, list := range []openapi3.SchemaRefs{v.OneOf, v.AnyOf, v.AllOf} {
		for _, m := range list {
			if usesRef(m, ref, seen) {
				return true
			}
		}
	}
	return usesRef(v.Items, ref, seen) || usesRef(v.AdditionalProperties.Schema, ref, seen)
}
