package fakecheck

import (
	"net/url"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// A required query parameter the exchange does not give is filled from the description
// (enum first, then example); a given one and an optional one are left alone, and the
// caller's values are not changed.
func TestWithRequiredQuery(t *testing.T) {
	enum := openapi3.NewStringSchema()
	enum.Enum = []any{"asc", "desc"}
	op := openapi3.NewOperation()
	op.AddParameter(&openapi3.Parameter{Name: "order", In: "query", Required: true, Schema: enum.NewRef()})
	op.AddParameter(&openapi3.Parameter{Name: "id", In: "query", Required: true, Example: "x7", Schema: openapi3.NewStringSchema().NewRef()})
	op.AddParameter(&openapi3.Parameter{Name: "page", In: "query", Schema: openapi3.NewIntegerSchema().NewRef()})
	item := &openapi3.PathItem{Get: op}

	in := url.Values{"id": {"given"}}
	got := withRequiredQuery(item, "GET", in)
	if want := (url.Values{"order": {"asc"}, "id": {"given"}}); got.Encode() != want.Encode() {
		t.Errorf("got %v, want %v", got, want)
	}
	if in.Has("order") {
		t.Error("the caller's query was changed")
	}
	if got := withRequiredQuery(item, "GET", nil); got.Get("id") != "x7" || got.Get("order") != "asc" || got.Has("page") {
		t.Errorf("from nil: %v", got)
	}
}
