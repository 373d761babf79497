package spec

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

const inlineSpec = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /widgets:
    post:
      operationId: createWidget
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                owner:
                  type: object
                  properties:
                    id: {type: string}
      responses:
        "200": {description: ok}
  /reports:
    get:
      operationId: listReports
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                x-go-type-name: ReportList
                properties:
                  data:
                    type: array
                    items:
                      type: object
                      properties:
                        id: {type: string}
components:
  schemas:
    tag_company_request:
      type: object
      properties:
        name: {type: string}
        companies:
          type: array
          items:
            type: object
            properties:
              id: {type: string}
              address:
                type: object
                properties:
                  city: {type: string}
        from:
          type: object
          x-go-type-name: Sender
          properties:
            kind:
              type: object
              properties:
                code: {type: string}
        meta:
          type: object
          additionalProperties: {type: string}
        id_value:
          x-go-type: types.ID
          type: object
          properties:
            raw: {type: string}
        choice:
          oneOf:
            - type: object
              properties:
                a: {type: string}
        ref:
          $ref: '#/components/schemas/other'
    other:
      type: object
      properties:
        x: {type: string}
    shapes:
      type: object
      properties:
        grid:
          type: array
          items:
            type: array
            items:
              type: object
              properties:
                v: {type: string}
        changes:
          type: object
          additionalProperties:
            type: object
            properties:
              from: {type: string}
        merged:
          allOf:
            - $ref: '#/components/schemas/other'
            - type: object
              properties:
                extra: {type: string}
        described:
          description: a reference with a description
          allOf:
            - $ref: '#/components/schemas/other'
    composed:
      allOf:
        - $ref: '#/components/schemas/other'
        - type: object
          properties:
            reference:
              type: object
              properties:
                kind: {type: string}
`

func loadInline(t *testing.T, src string) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestNameInlineObjects(t *testing.T) {
	doc := loadInline(t, inlineSpec)
	named, err := NameInlineObjects(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"ComposedReference", "CreateWidgetJSONBodyOwner", "ReportListDataItem", "SenderKind",
		"ShapesChangesValue", "ShapesGridItemItem", "ShapesMerged", "TagCompanyRequestCompaniesItem", "TagCompanyRequestCompaniesItemAddress"}
	if !slices.Equal(named, want) {
		t.Errorf("named %v, want %v", named, want)
	}
	props := doc.Components.Schemas["tag_company_request"].Value.Properties
	if got := props["companies"].Value.Items.Ref; got != "#/components/schemas/tag_company_request_companies_item" {
		t.Errorf("companies items are %q", got)
	}
	if c := doc.Components.Schemas["tag_company_request_companies_item"]; c == nil || c.Value != props["companies"].Value.Items.Value {
		t.Error("the companies items schema is not the component")
	}
	// The document stays valid: every new $ref resolves.
	if err := doc.Validate(context.Background()); err != nil {
		t.Error(err)
	}
	if got := props["from"].Value.Extensions[goTypeNameExt]; got != "Sender" {
		t.Errorf("the overlay's name was replaced: %v", got)
	}
	for _, p := range []string{"meta", "id_value", "name", "from", "choice"} {
		if props[p].Ref != "" {
			t.Errorf("%s became %s", p, props[p].Ref)
		}
	}
	if props["choice"].Value.OneOf[0].Ref != "" {
		t.Error("a oneOf member was named")
	}
	if got := doc.Components.Schemas["shapes"].Value.Properties["described"].Ref; got != "" {
		t.Errorf("an allOf of one $ref became %s", got)
	}
	// Deterministic: a second document gets the same names.
	again, err := NameInlineObjects(loadInline(t, inlineSpec))
	if err != nil || !slices.Equal(again, named) {
		t.Errorf("second run: %v, %v", again, err)
	}
}

// A name that is already a component's type name is an error, not a silent duplicate.
func TestNameInlineObjectsClash(t *testing.T) {
	src := inlineSpec + "    tag_company_request_companies_item:\n      type: object\n      properties:\n        y: {type: string}\n"
	_, err := NameInlineObjects(loadInline(t, src))
	if err == nil || !strings.Contains(err.Error(), "TagCompanyRequestCompaniesItem (tag_company_request_companies_item) is already a type name") {
		t.Errorf("err = %v, want a clash on TagCompanyRequestCompaniesItem", err)
	}
}
