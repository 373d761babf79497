package intercomtest_test

// Regression (proof 09 of 2026-12-07): the fake accepted search queries that
// Intercom documents as invalid ("max 2 nested filters", "max 15 filters for
// each AND or OR group"; the SDK's own builder, intercom/search.go
// MaxSearchNesting/MaxSearchGroupFilters, enforces them). search.go
// maxQueryDepth = 10 and no group-size limit: code that builds bodies itself
// passes against the fake and fails against Intercom.

import (
	"testing"

	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

// It is bug proof 09 of 2026-12-07 (TestAuditFakeAcceptsQueriesIntercomRejects), kept with its assertions as a regular test.
func TestSearchRejectsQueriesIntercomRejects(t *testing.T) {
	srv := intercomtest.NewServer(t)
	a := newAPI(t, srv)
	cond := map[string]any{"field": "role", "operator": "=", "value": "user"}
	deep := map[string]any{"operator": "AND", "value": []any{
		map[string]any{"operator": "OR", "value": []any{
			map[string]any{"operator": "AND", "value": []any{cond}}}}}}
	if r := a.do("POST", "/contacts/search", map[string]any{"query": deep}); r.status != 400 {
		t.Errorf("3 levels of AND/OR groups: status %d, want 400 (Intercom allows 2)", r.status)
	}
	var wide []any
	for range 16 {
		wide = append(wide, cond)
	}
	if r := a.do("POST", "/contacts/search", map[string]any{"query": map[string]any{"operator": "OR", "value": wide}}); r.status != 400 {
		t.Errorf("16 filters in one group: status %d, want 400 (Intercom allows 15)", r.status)
	}
}
