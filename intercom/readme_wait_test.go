package intercom_test

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeDataExportProgram: the data-export program README.md shows
// ("Asynchronous jobs") is the code ExampleWait runs against the fake
// (exportMessages, between its readme:data-export markers).
func TestReadmeDataExportProgram(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "<!-- readme:data-export -->\n```go\n")
	if !ok {
		t.Fatal("README.md has no <!-- readme:data-export --> go block")
	}
	block, _, _ = strings.Cut(block, "```")

	src, err := os.ReadFile("example_wait_test.go")
	if err != nil {
		t.Fatal(err)
	}
	_, code, ok := strings.Cut(string(src), "\t// readme:data-export\n")
	if !ok {
		t.Fatal("example_wait_test.go has no readme:data-export marker")
	}
	code, _, _ = strings.Cut(code, "\t// /readme:data-export\n")
	var lines []string
	for _, l := range strings.SplitAfter(code, "\n") {
		lines = append(lines, strings.TrimPrefix(l, "\t"))
	}
	if got := strings.Join(lines, ""); got != block {
		t.Errorf("README.md's data-export program differs from exportMessages in example_wait_test.go:\nREADME:\n%s\nexample:\n%s", block, got)
	}
}
