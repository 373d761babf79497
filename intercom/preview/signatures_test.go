package preview

import (
	"strings"
	"testing"

	"github.com/intercomkit/intercom-go/intercom/internal/sigcheck"
)

// TestExportedSignaturesSpellPreviewNames proves issue 23 item 1 for
// intercom/preview: no exported function or method (generated or
// hand-written, tests aside) names a type of gen/preview (or gen) in its
// signature, so `go doc -all ./intercom/preview` shows preview's own aliases
// (*preview.Folder, not *gen.Folder) in every func and method line, and
// none names a type of package intercom other than the Client New wraps.
func TestExportedSignaturesSpellPreviewNames(t *testing.T) {
	funcs, bad, err := sigcheck.GenNames(".")
	if err != nil {
		t.Fatal(err)
	}
	if funcs < 300 {
		t.Fatalf("only %d exported functions and methods found: the walk is broken", funcs)
	}
	if len(bad) > 0 {
		t.Errorf("%d exported signatures of intercom/preview name a generated package (alias the type):\n%s", len(bad), strings.Join(bad, "\n"))
	}
	// Package intercom's names are the pinned version's types (intercom.Contact
	// is 2.16's): a preview signature spells only the client it wraps.
	_, fromIntercom, err := sigcheck.Names(".", func(path string) bool {
		return path == "github.com/intercomkit/intercom-go/intercom"
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fromIntercom {
		if !strings.HasSuffix(f, "names intercom.Client") {
			t.Errorf("a preview signature spells package intercom's type: %s", f)
		}
	}
}
