package contract

import (
	"fmt"
	"testing"
)

// The coverage floor leaves out exceptions shared by every version, not version-specific
// ones: 162 operations with 5 shared, reasoned exceptions need 153 (all 157 others
// exercised pass), where 97% of 162 (158) failed a fully exercised table.
func TestCoverageNeedLeavesOutSharedExceptions(t *testing.T) {
	ops := make([]operation, 162)
	for i := range ops {
		ops[i].ID = fmt.Sprintf("Op%d", i)
	}
	shared := map[string]exception{}
	for i := range 5 {
		shared[ops[i].ID] = exception{reason: "upstream defect on every version"}
	}
	if got := coverageNeed(ops, shared); got != 153 || got > 157 {
		t.Errorf("need = %d with 5 shared exceptions of 162, want 153", got)
	}
	// Version-specific exceptions still count against the floor.
	specific := map[string]exception{}
	for i := range 5 {
		specific[ops[i].ID] = exception{versions: []string{"9.9"}, reason: "only on 9.9"}
	}
	if got := coverageNeed(ops, specific); got != 158 {
		t.Errorf("need = %d with 5 version-specific exceptions of 162, want 158 (97%% of 162)", got)
	}
	// An exception for an operation the version lacks changes nothing.
	if got := coverageNeed(ops, map[string]exception{"Gone": {reason: "r"}}); got != 158 {
		t.Errorf("need = %d with an exception for a missing operation, want 158", got)
	}
}
