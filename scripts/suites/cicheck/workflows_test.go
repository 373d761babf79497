// Package cicheck checks the repository's CI configuration: the GitHub
// Actions workflows pin every action by commit and run govulncheck on every
// module. It holds tests only.
package cicheck

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// root is the repository's root, from scripts/suites/cicheck.
const root = "../../.."

// usesLine matches a step's uses: an action pinned by a full commit SHA and
// followed by the tag it stands for, e.g.
// "uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2".
var (
	usesAny    = regexp.MustCompile(`^\s*-?\s*uses:\s*(\S+)(.*)$`)
	pinnedUses = regexp.MustCompile(`^[\w.-]+/[\w./-]+@[0-9a-f]{40}$`)
	tagComment = regexp.MustCompile(`^\s+#\s*v\d+(\.\d+)*\S*\s*$`)
)

func workflows(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(root, ".github", "workflows", "*.y*ml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no workflow files (%v)", err)
	}
	return files
}

// Every action a workflow uses is pinned by a full commit SHA, with its tag
// in a comment (a tag or a branch can be moved to other code; a commit
// cannot). Local actions (./...) and docker:// images are not expected here.
func TestActionsPinnedBySHA(t *testing.T) {
	n := 0
	for _, f := range workflows(t) {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for line := 1; sc.Scan(); line++ {
			m := usesAny.FindStringSubmatch(sc.Text())
			if m == nil {
				continue
			}
			n++
			ref, rest := m[1], m[2]
			switch {
			case strings.HasPrefix(ref, "./"), strings.HasPrefix(ref, "docker://"):
				t.Errorf("%s:%d: %s: only pinned remote actions are expected", filepath.Base(f), line, ref)
			case !pinnedUses.MatchString(ref):
				t.Errorf("%s:%d: %s is not pinned by a full commit SHA", filepath.Base(f), line, ref)
			case !tagComment.MatchString(rest):
				t.Errorf("%s:%d: %s has no \"# vX.Y.Z\" comment naming its tag", filepath.Base(f), line, ref)
			}
		}
		fh.Close()
	}
	if n == 0 {
		t.Error("no uses: lines found; the check would prove nothing")
	}
}

// A workflow runs govulncheck (through make vulncheck), and make vulncheck
// covers every module of the repository (each go.mod but the tools').
func TestGovulncheckRunsOnEveryModule(t *testing.T) {
	ran := false
	for _, f := range workflows(t) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "make vulncheck") || strings.Contains(string(b), "govulncheck") {
			ran = true
		}
	}
	if !ran {
		t.Error("no workflow runs govulncheck")
	}
	mk, err := os.ReadFile(filepath.Join(root, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	var modules []string
	for _, line := range strings.Split(string(mk), "\n") {
		if rest, ok := strings.CutPrefix(line, "VULNMODULES :="); ok {
			modules = strings.Fields(rest)
		}
	}
	listed := map[string]bool{}
	for _, m := range modules {
		listed[filepath.Clean(m)] = true
	}
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != root || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.Name() != "go.mod" {
			return nil
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		if rel != filepath.Join("scripts", "tools") && !listed[rel] {
			t.Errorf("module %s is not in the Makefile's VULNMODULES (make vulncheck)", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The whole-tree test of a next API version runs in CI: either make test-long (which
// .ci/run and the test job run) ends with it (long_next_version=1 in scripts/test.sh),
// or a workflow runs make test-next-version itself.
func TestNextVersionTestRunsInCI(t *testing.T) {
	sh, err := os.ReadFile(filepath.Join(root, "scripts", "test.sh"))
	if err != nil {
		t.Fatal(err)
	}
	if regexp.MustCompile(`(?m)^long_next_version=1$`).Match(sh) {
		return
	}
	for _, f := range workflows(t) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if regexp.MustCompile(`(?m)^\s*-?\s*run:\s*make test-next-version\s*$`).Match(b) {
			return
		}
	}
	t.Error("neither make test-long (long_next_version=1 in scripts/test.sh) nor a workflow (run: make test-next-version) runs TestNextVersionTree")
}
