package spec

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// A oneOf of objects without required properties matches no value exactly once (each
// member accepts the other's sample): the fake answers with the first member's sample
// instead of failing generation, as a new inline union of a next version needs.
func TestSampleOverlappingOneOf(t *testing.T) {
	obj := func(props ...string) *openapi3.SchemaRef {
		s := openapi3.NewObjectSchema()
		for _, p := range props {
			s.WithProperty(p, openapi3.NewStringSchema())
		}
		return s.NewRef()
	}
	union := &openapi3.Schema{OneOf: openapi3.SchemaRefs{obj("id", "name"), obj("id", "name", "url")}}
	v, err := Sample(union)
	if err != nil {
		t.Fatalf("Sample(overlapping oneOf): %v", err)
	}
	m, ok := v.(map[string]any)
	if !ok || m["id"] == nil || m["name"] == nil {
		t.Fatalf("Sample = %#v, want the first member's sample", v)
	}
	if err := union.OneOf[0].Value.VisitJSON(v); err != nil {
		t.Errorf("the sample does not fit the first member: %v", err)
	}

	// A oneOf whose members exclude each other still gets an exact sample.
	exact := &openapi3.Schema{OneOf: openapi3.SchemaRefs{openapi3.NewStringSchema().NewRef(), openapi3.NewIntegerSchema().NewRef()}}
	v, err = Sample(exact)
	if err != nil {
		t.Fatal(err)
	}
	if err := exact.VisitJSON(v); err != nil {
		t.Errorf("Sample(exclusive oneOf) = %#v does not conform: %v", v, err)
	}
}
