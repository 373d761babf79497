package spec

import (
	"context"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

const listValuesSpec = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things:
    get:
      operationId: listThings
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/thing_list'}
components:
  schemas:
    thing:
      type: object
      nullable: true
      properties:
        id: {type: string}
    thing_list:
      type: object
      properties:
        data:
          type: array
          items: {$ref: '#/components/schemas/thing'}
        labels:
          type: array
          items: {type: string, nullable: true}
    pinned:
      type: object
      nullable: true
      properties:
        id: {type: string}
    holder:
      type: object
      required: [pinned]
      properties:
        pinned: {$ref: '#/components/schemas/pinned'}
        all:
          type: array
          items: {$ref: '#/components/schemas/pinned'}
`

// TestListItemsAsValues: the items of every array lose nullable (a component
// used as items, an inline items schema), except a component that a required
// property references, which keeps it (it would lose its pointer there) and
// is reported.
func TestListItemsAsValues(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(listValuesSpec))
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	changed, kept := ListItemsAsValues(doc)
	if want := []string{"thing", "thing_list.labels items"}; !slices.Equal(changed, want) {
		t.Errorf("changed = %q, want %q", changed, want)
	}
	if want := []string{"pinned (items of holder.all; a required property references it)"}; !slices.Equal(kept, want) {
		t.Errorf("kept = %q, want %q", kept, want)
	}
	s := doc.Components.Schemas
	if s["thing"].Value.Nullable || s["thing_list"].Value.Properties["labels"].Value.Items.Value.Nullable {
		t.Error("list items still nullable")
	}
	if !s["pinned"].Value.Nullable {
		t.Error("pinned lost nullable although a required property references it")
	}
}
