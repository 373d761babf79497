package spec

import (
	"fmt"
	"slices"
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
func requiredParamChecks(op *openapi3.Operation, e *TableEntry, sig []string) []string {
	if e.Prepare != "" || !slices.ContainsFunc(sig, func(s string) bool { return strings.HasPrefix(s, "params *") }) {
		return nil
	}
	var checks []string
	for _, p := range op.Parameters {
		v := p.Value
		if v == nil || v.In != "query" || !v.Required || v.Schema == nil || v.Schema.Value == nil || !v.Schema.Value.Type.Is("string") {
			continue
		}
		field := codegen.ToCamelCase(v.Name)
		if n, ok := v.Extensions["x-go-name"].(string); ok && n != "" {
			field = n
		}
		checks = append(checks, fmt.Sprintf("engine.RequireParam(%q, APIVersion, params == nil || params.%s == \"\")", v.Name, field))
	}
	return checks
}
