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
	got, doc, err := requiredParamChecks(op, &TableEntry{}, sig)
	if err != nil || len(doc) != 0 || len(got) != 1 || got[0] != `engine.RequireParam("order", APIVersion, params == nil || params.Order == "")` {
		t.Errorf("checks = %q, doc %q, err %v", got, doc, err)
	}
	if got, _, err := requiredParamChecks(op, &TableEntry{Prepare: "checkX"}, sig); err != nil || len(got) != 0 {
		t.Errorf("with prepare: %q, %v", got, err)
	}
	if got, _, err := requiredParamChecks(op, &TableEntry{}, []string{"order string"}); err != nil || len(got) != 0 {
		t.Errorf("params built from args: %q, %v", got, err)
	}
}

// A default of the table fills the empty parameter of a copy of the params instead of
// refusing the call, and the method's doc says so; a default the generator cannot honour
// (stale name, value outside the enum, params it does not take as they are) is an error.
func TestRequiredParamDefaults(t *testing.T) {
	enum := openapi3.NewStringSchema().WithEnum("asc", "desc")
	op := &openapi3.Operation{Parameters: openapi3.Parameters{
		{Value: &openapi3.Parameter{Name: "order", In: "query", Required: true, Schema: enum.NewRef()}},
		{Value: &openapi3.Parameter{Name: "tag", In: "query", Required: true, Schema: openapi3.NewStringSchema().NewRef()}},
	}}
	sig := []string{"params *gen.ListXParams"}
	got, doc, err := requiredParamChecks(op, &TableEntry{Defaults: map[string]string{"order": "desc"}}, sig)
	want := []string{"params = engine.CloneParams(params)", `if params.Order == "" { params.Order = "desc" }`,
		`engine.RequireParam("tag", APIVersion, params == nil || params.Tag == "")`}
	if err != nil || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("checks = %q, %v; want %q", got, err, want)
	}
	if len(doc) != 1 || !strings.Contains(doc[0], `params.Order may be left empty: it is then sent as "desc"`) {
		t.Errorf("doc = %q", doc)
	}
	if steps := steps(sig, got, nil); steps[0].Kind != "line" || steps[1].Kind != "line" || steps[2].Kind != "check" {
		t.Errorf("steps = %+v: the fills are plain lines, the check a check", steps)
	}
	for name, e := range map[string]*TableEntry{
		"stale name":     {Defaults: map[string]string{"sort": "desc"}},
		"outside enum":   {Defaults: map[string]string{"order": "<one of asc, desc>"}},
		"empty value":    {Defaults: map[string]string{"tag": ""}},
		"placeholder":    {Defaults: map[string]string{"tag": "<the value>"}},
		"with a prepare": {Prepare: "checkX", Defaults: map[string]string{"order": "desc"}},
	} {
		if _, _, err := requiredParamChecks(op, e, sig); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// A required parameter whose entry already has a default needs no draft (a rerun).
func TestHasDefault(t *testing.T) {
	tb := &Table{Operations: map[string]*TableEntry{"ListX": {Defaults: map[string]string{"order": "desc"}}, "ListY": {}}}
	for subject, want := range map[string]bool{"ListX order": true, "ListX tag": false, "ListY order": false, "ListZ order": false} {
		if got := hasDefault(tb, subject); got != want {
			t.Errorf("hasDefault(%q) = %v", subject, got)
		}
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
