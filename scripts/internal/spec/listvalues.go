package spec

import (
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// ListItemsAsValues makes the items of every array in doc non-nullable, so that
// oapi-codegen declares lists of values ([]TicketType) rather than of pointers
// ([]*TicketType). oapi-codegen v2 makes an element a pointer exactly when the items
// schema is nullable, and no extension overrides it there
// (x-go-type-skip-optional-pointer is read for properties, not items). Intercom marks
// about forty component schemas `nullable: true` (ticket_type, admin, macro, ...) and a
// few inline string items (news item labels and reactions): a list holding null
// elements is not something the API sends, and a value list is what users range over
// and what the iterators yield.
//
// An items schema that is a $ref shares the component's schema, so the component's
// nullable flag goes: that only changes where the component is used as items (its
// other uses are optional properties and response bodies, pointers either way), or
// as a required property, which would lose its pointer; a component used so is left
// nullable and named in the second result, so that the review of `make generate`'s
// output sees it. It returns the places made non-nullable (a component's name, or the
// parent and property of an inline items schema), sorted.
func ListItemsAsValues(doc *openapi3.T) (changed, kept []string) {
	w := &listWalker{seen: map[*openapi3.Schema]bool{}, required: requiredRefs(doc)}
	for _, name := range sortedKeys(doc.Components.Schemas) {
		w.schema(name, doc.Components.Schemas[name])
	}
	forEachOperationSchema(doc, w.schema)
	sort.Strings(w.changed)
	sort.Strings(w.kept)
	return w.changed, w.kept
}

type listWalker struct {
	seen     map[*openapi3.Schema]bool
	required map[*openapi3.Schema]bool // component schemas some required property references
	changed  []string
	kept     []string
}

// schema visits ref (at where) and every schema inside it.
func (w *listWalker) schema(where string, ref *openapi3.SchemaRef) {
	if ref == nil || ref.Value == nil || w.seen[ref.Value] {
		return
	}
	s := ref.Value
	w.seen[s] = true
	if s.Items != nil && s.Items.Value != nil && s.Items.Value.Nullable {
		it := s.Items
		switch {
		case it.Ref != "" && w.required[it.Value]:
			w.kept = append(w.kept, refName(it.Ref)+" (items of "+where+"; a required property references it)")
		case it.Ref != "":
			it.Value.Nullable = false
			w.changed = append(w.changed, refName(it.Ref))
		default:
			it.Value.Nullable = false
			w.changed = append(w.changed, where+" items")
		}
	}
	w.schema(where, s.Items)
	for _, p := range sortedKeys(s.Properties) {
		w.schema(where+"."+p, s.Properties[p])
	}
	w.schema(where+" values", s.AdditionalProperties.Schema)
	for _, list := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, m := range list {
			w.schema(where, m)
		}
	}
}

// requiredRefs returns the component schemas that a required property references.
func requiredRefs(doc *openapi3.T) map[*openapi3.Schema]bool {
	out := map[*openapi3.Schema]bool{}
	seen := map[*openapi3.Schema]bool{}
	var walk func(where string, ref *openapi3.SchemaRef)
	walk = func(where string, ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		seen[ref.Value] = true
		s := ref.Value
		for _, r := range s.Required {
			if p := s.Properties[r]; p != nil && p.Ref != "" && p.Value != nil {
				out[p.Value] = true
			}
		}
		walk(where, s.Items)
		for _, p := range sortedKeys(s.Properties) {
			walk(where, s.Properties[p])
		}
		walk(where, s.AdditionalProperties.Schema)
		for _, list := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
			for _, m := range list {
				walk(where, m)
			}
		}
	}
	for _, name := range sortedKeys(doc.Components.Schemas) {
		walk(name, doc.Components.Schemas[name])
	}
	forEachOperationSchema(doc, walk)
	return out
}

// forEachOperationSchema calls f with the schema of every parameter, request body and
// response of every operation of doc, in a stable order.
func forEachOperationSchema(doc *openapi3.T, f func(where string, ref *openapi3.SchemaRef)) {
	if doc.Paths == nil {
		return
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		ops := doc.Paths.Value(path).Operations()
		for _, m := range sortedKeys(ops) {
			op := ops[m]
			where := m + " " + path
			for _, p := range op.Parameters {
				if p != nil && p.Value != nil {
					f(where+" "+p.Value.Name, p.Value.Schema)
				}
			}
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				for _, ct := range sortedKeys(op.RequestBody.Value.Content) {
					f(where+" body", op.RequestBody.Value.Content[ct].Schema)
				}
			}
			if op.Responses == nil {
				continue
			}
			for _, code := range sortedKeys(op.Responses.Map()) {
				r := op.Responses.Value(code)
				if r == nil || r.Value == nil {
					continue
				}
				for _, ct := range sortedKeys(r.Value.Content) {
					f(where+" "+code, r.Value.Content[ct].Schema)
				}
			}
		}
	}
}

// refName is the last element of a $ref.
func refName(ref string) string {
	return ref[strings.LastIndex(ref, "/")+1:]
}
