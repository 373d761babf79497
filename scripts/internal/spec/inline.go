package spec

import (
	"fmt"
	"sort"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
)

// goTypeNameExt is the oapi-codegen extension that names the Go type of a schema.
const goTypeNameExt = "x-go-type-name"

// NameInlineObjects names every inline object schema (one with properties or an allOf,
// not a $ref) that is a property of a component schema or of an operation's inline JSON
// request body (or of an inline response schema the overlay named), or the items of
// such an array property (at any depth) or the values of
// such a map property, at any depth: it moves the schema to a component of its own,
// <parent>_<property> (_item for array items, _value for map values), and puts a $ref in
// its place, so that its Go type is <Parent><Property>
// (TagCompanyRequest.companies items: TagCompanyRequestCompaniesItem). Without it
// oapi-codegen generates an anonymous struct, which a caller building a request must spell
// in full (issue 13: "no anonymous struct a user must spell") and which gets no
// accessors. (A component rather than x-go-type-name: a schema that allOf merges into
// another would otherwise declare the named type once per merge.) Schemas with x-go-type
// or x-go-type-name (the overlay's) stay inline; the members of oneOf, anyOf and allOf
// are left to the overlay (see CONTRIBUTING.md, "Unions"). The JSON is unchanged. It
// returns the Go names given, sorted.
func NameInlineObjects(doc *openapi3.T) ([]string, error) {
	if doc.Components == nil {
		doc.Components = &openapi3.Components{}
	}
	if doc.Components.Schemas == nil {
		doc.Components.Schemas = openapi3.Schemas{}
	}
	taken := map[string]bool{}
	for name, ref := range doc.Components.Schemas {
		taken[codegen.SchemaNameToTypeName(name)] = true
		if ref != nil && ref.Value != nil {
			if n, ok := ref.Value.Extensions[goTypeNameExt].(string); ok {
				taken[n] = true
			}
		}
	}
	n := &inlineNamer{doc: doc, taken: taken, hoisted: map[*openapi3.Schema]string{}, walked: map[*openapi3.Schema]bool{}}
	names := make([]string, 0, len(doc.Components.Schemas))
	for name := range doc.Components.Schemas {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		ref := doc.Components.Schemas[name]
		if ref == nil || ref.Ref != "" || ref.Value == nil {
			continue
		}
		n.properties(name, ref.Value)
	}
	if doc.Paths != nil {
		for _, path := range doc.Paths.InMatchingOrder() {
			item := doc.Paths.Value(path)
			ops := item.Operations()
			methods := make([]string, 0, len(ops))
			for m := range ops {
				methods = append(methods, m)
			}
			sort.Strings(methods)
			for _, m := range methods {
				op := ops[m]
				// An inline response schema the overlay named (x-go-type-name, see
				// its finding 15) is a type too: name what it holds.
				if op.Responses != nil {
					for _, code := range sortedKeys(op.Responses.Map()) {
						r := op.Responses.Value(code)
						if r == nil || r.Value == nil {
							continue
						}
						mt := r.Value.Content.Get("application/json")
						if mt == nil || mt.Schema == nil || mt.Schema.Ref != "" || mt.Schema.Value == nil {
							continue
						}
						if x, ok := mt.Schema.Value.Extensions[goTypeNameExt].(string); ok {
							n.properties(x, mt.Schema.Value)
						}
					}
				}
				if op.OperationID == "" || op.RequestBody == nil || op.RequestBody.Value == nil {
					continue
				}
				mt := op.RequestBody.Value.Content.Get("application/json")
				if mt == nil || mt.Schema == nil || mt.Schema.Ref != "" || mt.Schema.Value == nil {
					continue
				}
				// oapi-codegen names an inline JSON body <OperationId>JSONBody.
				n.properties(op.OperationID+"JSONBody", mt.Schema.Value)
			}
		}
	}
	if n.err != nil {
		return nil, n.err
	}
	sort.Strings(n.named)
	return n.named, nil
}

type inlineNamer struct {
	doc     *openapi3.T
	taken   map[string]bool             // Go type names in use
	hoisted map[*openapi3.Schema]string // schema -> its new component
	walked  map[*openapi3.Schema]bool   // schemas whose properties were visited
	named   []string
	err     error
}

// properties names the inline objects among the properties of s, the schema of the
// component (or body) parent.
func (n *inlineNamer) properties(parent string, s *openapi3.Schema) {
	if n.walked[s] {
		return
	}
	n.walked[s] = true
	// The inline members of an allOf add properties to the same Go type.
	for _, m := range s.AllOf {
		if m != nil && m.Ref == "" && m.Value != nil {
			n.properties(parent, m.Value)
		}
	}
	props := make([]string, 0, len(s.Properties))
	for p := range s.Properties {
		props = append(props, p)
	}
	sort.Strings(props)
	for _, p := range props {
		ref := s.Properties[p]
		if ref == nil || ref.Ref != "" || ref.Value == nil {
			continue
		}
		n.value(parent+"_"+p, ref)
	}
}

// value names the inline objects of a property's schema: the schema itself, the items of
// an array (name_item, at any depth: name_item_item for a list of lists) and the values
// of a map (name_value).
func (n *inlineNamer) value(name string, ref *openapi3.SchemaRef) {
	if ref == nil || ref.Ref != "" || ref.Value == nil {
		return
	}
	v := ref.Value
	if v.Type.Is(openapi3.TypeArray) {
		n.value(name+"_item", v.Items)
		return
	}
	if ap := v.AdditionalProperties.Schema; len(v.Properties) == 0 && ap != nil {
		n.value(name+"_value", ap)
		return
	}
	n.object(name, ref)
}

// object moves the schema of ref to the component name when it is an unnamed inline
// object, and goes on into its properties.
func (n *inlineNamer) object(name string, ref *openapi3.SchemaRef) {
	s := ref.Value
	// An object with properties, or one composed with allOf (a component of its own
	// is merged the same way); unions are the overlay's.
	if len(s.OneOf)+len(s.AnyOf) > 0 || (len(s.Properties) == 0 && !inlineAllOf(s)) {
		return
	}
	if _, ok := s.Extensions["x-go-type"]; ok {
		return
	}
	if x, ok := s.Extensions[goTypeNameExt].(string); ok {
		n.properties(x, s) // "Sender" + "_kind": SenderKind
		return
	}
	if c, ok := n.hoisted[s]; ok { // the same schema reached again
		ref.Ref = "#/components/schemas/" + c
		return
	}
	goName := codegen.SchemaNameToTypeName(name)
	if _, exists := n.doc.Components.Schemas[name]; exists || n.taken[goName] {
		if n.err == nil {
			n.err = fmt.Errorf("naming inline objects: %s (%s) is already a type name; give the inline schema an %s in the overlay", goName, name, goTypeNameExt)
		}
		return
	}
	n.taken[goName] = true
	n.hoisted[s] = name
	n.doc.Components.Schemas[name] = &openapi3.SchemaRef{Value: s}
	ref.Ref = "#/components/schemas/" + name
	n.named = append(n.named, goName)
	n.properties(name, s)
}

// inlineAllOf reports whether s is an allOf with a member of its own (an inline schema
// with properties). An allOf of $refs only (the usual way to add a description or
// nullable to a reference) is left as it is.
func inlineAllOf(s *openapi3.Schema) bool {
	for _, m := range s.AllOf {
		if m != nil && m.Ref == "" && m.Value != nil && len(m.Value.Properties) > 0 {
			return true
		}
	}
	return false
}
