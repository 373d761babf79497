package spec

import (
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

const reportOverlay = `actions:
  # [1] why a.
  - target: $.paths['/a'].get.responses
    update: {x: 1}

  # [2] why both.
  - target: $.paths['/a','/b'].get
    update: {y: 2}
  # [3] why b.
  - target: $.paths['/b'].post
    update: {z: 3}
`

// Only an action naming the removed path alone goes, with its own comment; one naming
// other paths too is left and listed.
func TestRemoveOverlayActions(t *testing.T) {
	got, dropped, left := removeOverlayActions(reportOverlay, "/a", "get", true)
	want := `actions:

  # [2] why both.
  - target: $.paths['/a','/b'].get
    update: {y: 2}
  # [3] why b.
  - target: $.paths['/b'].post
    update: {z: 3}
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if len(dropped) != 1 || dropped[0] != "$.paths['/a'].get.responses" {
		t.Errorf("dropped = %q", dropped)
	}
	if len(left) != 1 || left[0] != "$.paths['/a','/b'].get" {
		t.Errorf("left = %q", left)
	}
	// Another method of a path that stays: the GET action is not the POST's.
	if got, dropped, _ := removeOverlayActions(reportOverlay, "/b", "get", false); got != reportOverlay || len(dropped) != 0 {
		t.Errorf("a GET removal dropped %q:\n%s", dropped, got)
	}
}

func TestRemoveTableEntry(t *testing.T) {
	table := "operations:\n  A:\n    service: S\n    doc: |\n      a.\n\n  B:\n    service: S\n"
	got, ok := removeTableEntry(table, "A")
	if !ok || got != "operations:\n  B:\n    service: S\n" {
		t.Errorf("remove A: %v\n%q", ok, got)
	}
	got, ok = removeTableEntry(table, "B")
	if !ok || got != "operations:\n  A:\n    service: S\n    doc: |\n      a.\n\n" {
		t.Errorf("remove B: %v\n%q", ok, got)
	}
	if _, ok := removeTableEntry(table, "C"); ok {
		t.Error("removed an entry that is not there")
	}
}

// A required string query parameter gets a check when the method takes the params as
// they are; not with a prepare function or when args build them.
func TestRequiredParamChecks(t *testing.T) {
	op := &openapi3.Operation{Parameters: openapi3.Parameters{
		{Value: &openapi3.Parameter{Name: "order", In: "query", Required: true, Schema: openapi3.NewStringSchema().NewRef()}},
		{Value: &openapi3.Parameter{Name: "per_page", In: "query", Required: true, Schema: openapi3.NewIntegerSchema().NewRef()}},
		{Value: &openapi3.Parameter{Name: "q", In: "query", Schema: openapi3.NewStringSchema().NewRef()}},
	}}
	sig := []string{"params *gen.ListXParams"}
	got := requiredParamChecks(op, &TableEntry{}, sig)
	if len(got) != 1 || got[0] != `engine.RequireParam("order", APIVersion, params == nil || params.Order == "")` {
		t.Errorf("checks = %q", got)
	}
	if got := requiredParamChecks(op, &TableEntry{Prepare: "checkX"}, sig); len(got) != 0 {
		t.Errorf("with prepare: %q", got)
	}
	if got := requiredParamChecks(op, &TableEntry{}, []string{"order string"}); len(got) != 0 {
		t.Errorf("params built from args: %q", got)
	}
}

// The paging style is inferred from the parameters and the body.
func TestPagingStyle(t *testing.T) {
	q := func(name string) *openapi3.ParameterRef {
		return &openapi3.ParameterRef{Value: &openapi3.Parameter{Name: name, In: "query"}}
	}
	for want, op := range map[string]*openapi3.Operation{
		"cursor": {Parameters: openapi3.Parameters{q("per_page"), q("starting_after")}},
		"page":   {Parameters: openapi3.Parameters{q("page")}},
		"scroll": {Parameters: openapi3.Parameters{q("scroll_param")}},
		"":       {Parameters: openapi3.Parameters{q("email")}},
	} {
		if got := pagingStyle(op); got != want {
			t.Errorf("pagingStyle(%v) = %q, want %q", op.Parameters, got, want)
		}
	}
	body := openapi3.NewObjectSchema().WithProperty("pagination", openapi3.NewObjectSchema())
	op := &openapi3.Operation{RequestBody: &openapi3.RequestBodyRef{Value: openapi3.NewRequestBody().WithJSONSchema(body)}}
	if got := pagingStyle(op); got != "search" {
		t.Errorf("a body with pagination: %q, want search", got)
	}
	if !strings.Contains(draftEntry(specOp{id: "ListX", method: "GET", path: "/x", op: &openapi3.Operation{Tags: []string{"X things"}, Parameters: openapi3.Parameters{q("starting_after")}}}), "pages: {style: cursor") {
		t.Error("the drafted entry has no cursor pages")
	}
}
