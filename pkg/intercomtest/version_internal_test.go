package intercomtest

import (
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

// The fake answers the version its routes were generated from, whatever its name (a
// synthetic next version such as "2.16.next" included), and Intercom's own version
// names; it refuses anything else.
func TestKnownVersion(t *testing.T) {
	for _, v := range []string{gen.APIVersion, "2.15", "2.16", "Unstable", "Preview"} {
		if !knownVersion(v) {
			t.Errorf("knownVersion(%q) = false, want true", v)
		}
	}
	for _, v := range []string{"banana", "2", "2.16 ", gen.APIVersion + ".x"} {
		if knownVersion(v) {
			t.Errorf("knownVersion(%q) = true, want false", v)
		}
	}
}
