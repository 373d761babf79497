package intercomtest_test

import (
	"testing"

	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

// TestContactIndexesFollowChanges: the duplicate-user check and the lookup
// by external id (both indexed) follow updates, merges and deletions.
func TestContactIndexesFollowChanges(t *testing.T) {
	srv := intercomtest.NewServer(t)
	a := newAPI(t, srv)
	ada := a.must(200, "POST", "/contacts", map[string]any{"role": "user", "email": "ada@example.com", "external_id": "ada"})
	a.must(409, "POST", "/contacts", map[string]any{"role": "user", "email": "ADA@example.com"})
	a.must(409, "POST", "/contacts", map[string]any{"role": "user", "external_id": "ada"})
	// A lead may share them.
	lead := a.must(200, "POST", "/contacts", map[string]any{"role": "lead", "email": "ada@example.com", "external_id": "ada"})
	a.must(200, "PUT", "/contacts/"+str(ada, "id"), map[string]any{"email": "lovelace@example.com", "external_id": "lovelace"})
	// The old email and external id are free again, the new ones taken.
	a.must(409, "POST", "/contacts", map[string]any{"role": "user", "email": "lovelace@example.com"})
	if got := a.must(200, "GET", "/contacts/find_by_external_id/lovelace", nil); str(got, "id") != str(ada, "id") {
		t.Errorf("find_by_external_id after the update: %s, want %s", str(got, "id"), str(ada, "id"))
	}
	if got := a.must(200, "GET", "/contacts/find_by_external_id/ada", nil); str(got, "id") != str(lead, "id") {
		t.Errorf("find_by_external_id of the lead's id: %s, want the lead %s", str(got, "id"), str(lead, "id"))
	}
	second := a.must(200, "POST", "/contacts", map[string]any{"role": "user", "email": "ada@example.com", "external_id": "ada"})
	a.must(200, "DELETE", "/contacts/"+str(second, "id"), nil)
	a.must(200, "DELETE", "/contacts/"+str(lead, "id"), nil)
	a.must(404, "GET", "/contacts/find_by_external_id/ada", nil)
	a.must(200, "POST", "/contacts", map[string]any{"role": "user", "email": "ada@example.com", "external_id": "ada"})
}
