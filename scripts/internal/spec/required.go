package spec

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
)

// requiredParamChecks returns the argument checks of a facade method that refuse a
// call whose params leave a required string query parameter of op empty: oapi-codegen
// makes such a parameter a plain string field that is always sent, so an unset one
// would go out as "name=". sig is the method's signature so far: the checks apply when
// it takes the params as "params *T" (not through args or WithParams, which build
// them) and the entry has no prepare function (which checks, and may complete, the
// params itself: ListDataEvents defaults type to "user").
//
// A parameter the entry's defaults name is filled instead of refused: the params are
// copied (the caller's are not modified) and the empty field set to the default. The
// returned doc lines say so on the method. A default that names no required string
// query parameter of op, or a value outside the parameter's enum, is an error: a stale
// or mistyped key, or the report's unfilled "<...>" placeholder, never turns silently
// into a value sent to the API.
func requiredParamChecks(op *openapi3.Operation, e *TableEntry, sig []string) (checks, doc []string, err error) {
	takesParams := slices.ContainsFunc(sig, func(s string) bool { return strings.HasPrefix(s, "params *") })
	if e.Prepare != "" || !takesParams {
		if len(e.Defaults) > 0 {
			return nil, nil, fmt.Errorf("defaults: the method does not take the params as they are (prepare or args build them)")
		}
		return nil, nil, nil
	}
	fields := map[string]string{} // required string query parameter → Go field
	var fills []string
	for _, p := range op.Parameters {
		v := p.Value
		if v == nil || v.In != "query" || !v.Required || v.Schema == nil || v.Schema.Value == nil || !v.Schema.Value.Type.Is("string") {
			continue
		}
		field := codegen.ToCamelCase(v.Name)
		if n, ok := v.Extensions["x-go-name"].(string); ok && n != "" {
			field = n
		}
		fields[v.Name] = field
		def, ok := e.Defaults[v.Name]
		if !ok {
			checks = append(checks, fmt.Sprintf("engine.RequireParam(%q, APIVersion, params == nil || params.%s == \"\")", v.Name, field))
			continue
		}
		if enum := v.Schema.Value.Enum; def == "" || strings.HasPrefix(def, "<") || len(enum) > 0 && !slices.Contains(enum, any(def)) {
			// "<...>" is the report's placeholder: the maintainer has not chosen yet.
			return nil, nil, fmt.Errorf("defaults: %s: %q is not a value of the parameter (%v)", v.Name, def, enum)
		}
		fills = append(fills, fmt.Sprintf("if params.%s == \"\" { params.%s = %q }", field, field, def))
		doc = append(doc, fmt.Sprintf("params.%s may be left empty: it is then sent as %q (params are copied,\nnot modified).", field, def))
	}
	var stale []string
	for name := range e.Defaults {
		if _, ok := fields[name]; !ok {
			stale = append(stale, name)
		}
	}
	if len(stale) > 0 {
		sort.Strings(stale)
		return nil, nil, fmt.Errorf("defaults: %s: not a required string query parameter of the operation", strings.Join(stale, ", "))
	}
	if len(fills) > 0 {
		checks = append(append([]string{"params = engine.CloneParams(params)"}, fills...), checks...)
	}
	return checks, doc, nil
}

// isFill reports whether a check of requiredParamChecks is a statement that fills a
// default (a plain line) rather than a call returning an error.
func isFill(check string) bool {
	return strings.HasPrefix(check, "params = ") || strings.HasPrefix(check, "if params.")
}
