package spec

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
	"gopkg.in/yaml.v3"
)

// InlineUnion is a 2xx JSON response of an operation whose schema is an inline oneOf or
// anyOf (no $ref): oapi-codegen would make it gen.<Op><code>JSONResponseBody, a union
// type no one named or reviewed (CONTRIBUTING: inline response schemas are refused).
type InlineUnion struct {
	ID, Method, Path, Code string
	// Of is "oneOf" or "anyOf".
	Of string
	// Named is the x-go-type-name the schema carries ("" for none). A named one is
	// still refused: the unions generator (gen/unions.gen.go) only reads components.
	Named  string
	schema *openapi3.Schema
}

// Component is the component name the drafted overlay action gives the union:
// <operation>_result. Not <operation>_response: oapi-codegen already names the client's
// response wrapper <Op>Response, and a component of that name would be declared twice.
func (u InlineUnion) Component() string {
	return snake(u.ID) + "_result"
}

// Action drafts the overlay actions that name the union: a component holding the
// schema, the inline copy removed and the response pointed at the component.
func (u InlineUnion) Action() string {
	target := fmt.Sprintf("$.paths['%s'].%s.responses['%s'].content['application/json']", u.Path, strings.ToLower(u.Method), u.Code)
	var schema strings.Builder
	if b, err := json.Marshal(u.schema); err == nil {
		var v any
		if json.Unmarshal(b, &v) == nil {
			if y, err := yaml.Marshal(map[string]any{u.Component(): v}); err == nil {
				for _, l := range strings.Split(strings.TrimRight(string(y), "\n"), "\n") {
					schema.WriteString("        " + l + "\n")
				}
			}
		}
	}
	return fmt.Sprintf("  # The %s response of %s is an inline %s: a named component, so the unions\n"+
		"  # generator gives it constructors and readers and callers can name it.\n"+
		"  - target: $.components.schemas\n    description: Name the %s response of %s.\n    update:\n%s"+
		"  - target: %s.schema\n    description: Drop the inline copy...\n    remove: true\n"+
		"  - target: %s\n    description: ...and point at %s.\n    update:\n      schema:\n        $ref: '#/components/schemas/%s'\n",
		u.Code, u.ID, u.Of, u.Code, u.ID, schema.String(), target, target, u.Component(), u.Component())
}

// InlineResponseUnions lists the inline union responses of doc, by path and method.
func InlineResponseUnions(doc *openapi3.T) []InlineUnion {
	var out []InlineUnion
	for _, path := range sortedKeys(doc.Paths.Map()) {
		ops := doc.Paths.Value(path).Operations()
		for _, method := range sortedKeys(ops) {
			o := ops[method]
			if o.Responses == nil {
				continue
			}
			for code := 200; code < 300; code++ {
				r := o.Responses.Status(code)
				if r == nil || r.Value == nil {
					continue
				}
				mt := r.Value.Content.Get("application/json")
				if mt == nil || mt.Schema == nil || mt.Schema.Ref != "" || mt.Schema.Value == nil {
					continue
				}
				s := mt.Schema.Value
				of := ""
				switch {
				case len(s.OneOf) > 0:
					of = "oneOf"
				case len(s.AnyOf) > 0:
					of = "anyOf"
				default:
					continue
				}
				named, _ := s.Extensions["x-go-type-name"].(string)
				out = append(out, InlineUnion{ID: codegen.ToCamelCase(o.OperationID), Method: strings.ToUpper(method), Path: path,
					Code: fmt.Sprint(code), Of: of, Named: named, schema: s})
			}
		}
	}
	return out
}

// CheckInlineResponses refuses a description (after the overlay) with an inline union
// response, naming each with the overlay action to write; lenient (a version outside
// supported:, such as Preview) lists them on log instead.
func CheckInlineResponses(doc *openapi3.T, lenient bool, log io.Writer) error {
	us := InlineResponseUnions(doc)
	if len(us) == 0 {
		return nil
	}
	var b strings.Builder
	for _, u := range us {
		fmt.Fprintf(&b, "\n%s (%s %s): the %s response is an inline %s; name it in the overlay:\n%s", u.ID, u.Method, u.Path, u.Code, u.Of, u.Action())
	}
	if lenient {
		if log != nil {
			fmt.Fprintf(log, "spec: %d inline union response(s) left to oapi-codegen's names (lenient):%s", len(us), b.String())
		}
		return nil
	}
	return fmt.Errorf("%d inline union response(s) refused (CONTRIBUTING: inline response schemas are named in the overlay):%s", len(us), b.String())
}
