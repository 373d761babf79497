package bumptest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/intercomkit/intercom-go/scripts/internal/spec"
	"github.com/intercomkit/intercom-go/scripts/internal/spectest"
)

// longEnv switches on the whole-tree test (make test-long): it builds, vets and tests
// a scratch copy of the repository, several minutes on two cores.
const longEnv = "INTERCOM_TEST_LONG"

// treeLogEnv, when set, names a file that receives the whole output of the scratch
// tree's check (the failure message keeps only its tail).
const treeLogEnv = "INTERCOM_NEXT_TREE_LOG"

// The tree reaches green on the synthetic next version with edits only in api/: a
// scratch copy of the tracked tree is bumped to it (intercom-spec bump and report
// -apply, as make bump-api runs them), gets the drafts the report names for the overlay
// (at most three edits, each named by the report), is generated and then built, vetted
// and tested whole (scripts/check-tree.sh). On failure the test lists the files outside
// api/ that would need an edit.
func TestNextVersionTree(t *testing.T) {
	if os.Getenv(longEnv) == "" {
		t.Skip(longEnv + " is not set: the whole-tree test of a next version takes minutes; run make test-next-version")
	}
	p := spectest.Load(t)
	nextOf(t, p) // skips inside a tree already bumped to a synthetic version
	tree := filepath.Join(t.TempDir(), "tree")
	copyTracked(t, p.Root, tree)
	_, mirror, next := repoWithNext(t, p)
	writeFile(t, filepath.Join(mirror, "SOURCE.md"), []byte("at commit "+nextCommit+"\n"))
	cachePinned(t, p, tree)
	env := append(os.Environ(), "INTERCOM_OPENAPI_DIR="+mirror, "INTERCOM_OPENAPI_COMMIT=", "GOFLAGS=-buildvcs=false")
	run := func(dir string, name string, args ...string) (string, error) {
		cmd := exec.CommandContext(t.Context(), name, args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	scripts := filepath.Join(tree, "scripts")
	if out, err := run(scripts, "go", "run", "./cmd/intercom-spec", "-root", "..", "bump", "-version", next); err != nil {
		t.Fatalf("bump: %v\n%s", err, out)
	}
	r, err := spec.DiffFiles(spec.CachePath(tree, p.Version), spec.CachePath(tree, next), p.Version, next)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Resolve(tree, true); err != nil {
		t.Fatal(err)
	}
	var report bytes.Buffer
	r.Write(&report)
	t.Log(report.String())

	// The maintainer's edits: the drafts of the report, in the files it names.
	edits := 0
	for _, c := range r.Changes {
		if c.Draft == "" || !strings.HasPrefix(c.File, "api/overlays/") || c.Done != "" {
			continue
		}
		path := filepath.Join(tree, filepath.FromSlash(c.File))
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(b, []byte("\n"+c.Draft)...), 0o644); err != nil {
			t.Fatal(err)
		}
		edits++
		t.Logf("edit %d: %s: the drafted action for the %s %s", edits, c.File, c.Kind, c.Subject)
	}
	if edits > 3 {
		t.Errorf("%d edits in api/, want at most 3", edits)
	}
	if out, err := run(tree, "make", "--no-print-directory", "generate"); err != nil {
		t.Fatalf("make generate on %s with the report's edits: %v\n%s", next, err, out)
	}
	// Then the README figures, as scripts/bump-api.sh does after generating.
	if out, err := run(scripts, "go", "run", "./cmd/readme-figures", "-root", ".."); err != nil {
		t.Fatalf("readme-figures on %s: %v\n%s", next, err, out)
	}
	out, err := run(tree, "bash", "scripts/check-tree.sh")
	if path := os.Getenv(treeLogEnv); path != "" {
		writeFile(t, path, []byte(out))
	}
	if err != nil {
		t.Errorf("the whole tree on %s is not green with edits only in api/: %v\nfiles outside api/ that fail: %s\n%s",
			next, err, strings.Join(failingFiles(out), ", "), tail(out, 80))
	}
}

// copyTracked copies the tracked files of the repository at root into dst.
func copyTracked(t *testing.T, root, dst string) {
	t.Helper()
	cmd := exec.Command("git", "ls-files", "-z")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	for _, f := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		b, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			continue // deleted in the working tree
		}
		st, _ := os.Stat(filepath.Join(root, f))
		target := filepath.Join(dst, f)
		writeFile(t, target, b)
		if err := os.Chmod(target, st.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
}

var goErrorRE = regexp.MustCompile(`(?m)^(?:\S+/)?([^\s:]+\.go):\d+`)

// failingFiles lists the Go files named by compile or test errors in out.
func failingFiles(out string) []string {
	var files []string
	for _, m := range goErrorRE.FindAllStringSubmatch(out, -1) {
		if !slices.Contains(files, m[1]) {
			files = append(files, m[1])
		}
	}
	return files
}

func tail(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
