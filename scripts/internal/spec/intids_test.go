package spec

import (
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

const intIDsSpec = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things:
    put:
      operationId: updateThing
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/update_thing'}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/thing'}
components:
  schemas:
    thing:
      type: object
      properties:
        owner_id: {type: integer, x-go-type: types.NumericID}
    update_thing:
      type: object
      properties:
        admin_id: {type: integer, x-go-type: types.NumericID}
        team_ids:
          type: array
          items: {type: integer, x-go-type: types.NumericID}
        thing: {$ref: '#/components/schemas/thing'}
`

// TestRequestIntegerIDs: the integer ids of a schema only request bodies
// reach become types.IntegerID (a property, list items); a schema a response
// reaches keeps types.NumericID.
func TestRequestIntegerIDs(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(intIDsSpec))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := RequestIntegerIDs(doc), []string{"update_thing.admin_id", "update_thing.team_ids"}; !slices.Equal(got, want) {
		t.Errorf("changed %q, want %q", got, want)
	}
	if x := doc.Components.Schemas["thing"].Value.Properties["owner_id"].Value.Extensions[goTypeExt]; x != numericIDType {
		t.Errorf("thing.owner_id (a response's) is %v", x)
	}
}

// TestIntegerIDMarshalers: a MarshalJSON per struct with types.IntegerID
// fields (pointer, list) and per request body type defined from one; a
// type with a MarshalJSON of its own is refused.
func TestIntegerIDMarshalers(t *testing.T) {
	src := `package gen
type UpdateThingJSONBody struct {
	AdminId *types.IntegerID ` + "`json:\"admin_id,omitempty\"`" + `
	TeamIds []types.IntegerID ` + "`json:\"team_ids,omitempty\"`" + `
	Name *string ` + "`json:\"name,omitempty\"`" + `
}
type UpdateThingJSONRequestBody UpdateThingJSONBody
type Other struct{ Name string }
`
	out, err := IntegerIDMarshalers("gen", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`func (b UpdateThingJSONBody) MarshalJSON() ([]byte, error) {`,
		`return types.MarshalIntegerIDs(plain(b), "admin_id", "team_ids")`,
		`func (b UpdateThingJSONRequestBody) MarshalJSON() ([]byte, error) {`,
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), "Other") {
		t.Errorf("a type without integer ids got a MarshalJSON:\n%s", out)
	}
	_, err = IntegerIDMarshalers("gen", []byte(src+"func (u UpdateThingJSONBody) MarshalJSON() ([]byte, error) { return nil, nil }\n"))
	if err == nil {
		t.Error("a type with its own MarshalJSON was not refused")
	}
}
