// Package layout checks that the repository's top level is the design's: the folders
// CONTRIBUTING.md's map describes, and no other.
package layout

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// topLevel are the top-level folders of the design, dot-folders included. Other
// dot-folders (.git, and the git-ignored scratch folders .build and .spec) are not
// part of the tree and are not checked.
var topLevel = []string{".ci", ".github", "api", "examples", "gen", "intercom", "pkg", "scripts"}

func TestTopLevelFolders(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("%s is not the repository root: %v", root, err)
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var have []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		name := e.Name()
		if strings.HasPrefix(name, ".") && !slices.Contains(topLevel, name) {
			continue
		}
		have = append(have, name)
	}
	for _, name := range have {
		if !slices.Contains(topLevel, name) {
			t.Errorf("top-level folder %s/ is outside the design (%s): move it under one of them "+
				"(a whole-SDK test program goes to scripts/suites/, a command to scripts/cmd/) "+
				"and add it to CONTRIBUTING.md's map", name, strings.Join(topLevel, " "))
		}
	}
	for _, name := range topLevel {
		if !slices.Contains(have, name) {
			t.Errorf("top-level folder %s/ is missing", name)
		}
	}
}
