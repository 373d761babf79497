package readme

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

const sample = `API **<!-- api-version -->9.8<!-- /api-version -->**, every one of the
<!-- operation-count -->162<!-- /operation-count --> operations; pinned
<!-- api-version -->9.8<!-- /api-version --> again.
`

func TestUpdate(t *testing.T) {
	figs := map[string]string{APIVersion: "9.9", OperationCount: "231"}
	got, err := Update(sample, figs)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.NewReplacer("9.8", "9.9", "162", "231").Replace(sample)
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	stale, err := Stale(sample, figs)
	if err != nil || len(stale) != 3 {
		t.Fatalf("Stale = %q, %v; want 3 stale figures", stale, err)
	}
	if stale, err := Stale(got, figs); err != nil || len(stale) != 0 {
		t.Fatalf("Stale after Update = %q, %v", stale, err)
	}
}

func TestUpdateErrors(t *testing.T) {
	figs := map[string]string{APIVersion: "9.9", OperationCount: "231"}
	for name, text := range map[string]string{
		"a figure not marked": "<!-- api-version -->1<!-- /api-version -->",
		"an unknown figure":   sample + "<!-- stars -->5<!-- /stars -->",
		"mismatched closing":  sample + "<!-- api-version -->1<!-- /operation-count -->",
	} {
		if _, err := Update(text, figs); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// The figures README.md quotes (API version, operation count) are the generated code's.
func TestREADMEFigures(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	stale, err := Stale(string(b), map[string]string{
		APIVersion:     gen.APIVersion,
		OperationCount: strconv.Itoa(len(gen.Operations)),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stale {
		t.Errorf("README.md: %s (run: cd scripts && go run ./cmd/readme-figures)", s)
	}
}
