package bumptest

import (
	"bytes"
	"encoding/json"
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

// longEnv switches on the whole-tree test (make test-next-version): it builds, vets and tests
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
	// make generate also generates intercom/preview from the Preview description ("0"),
	// which the synthetic mirror lacks: the tree's cache gets its verified copy.
	cacheVersion(t, p, tree, "0")
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

	// The maintainer's edits: the drafts of the report, in the files it names (an
	// overlay action is appended; a table key goes under its entry).
	edits := 0
	for _, c := range r.Changes {
		if c.Draft == "" || c.Done != "" {
			continue
		}
		path := filepath.Join(tree, filepath.FromSlash(c.File))
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		what := "key"
		switch {
		case strings.HasPrefix(c.File, "api/overlays/"):
			what, b = "action", append(b, []byte("\n"+c.Draft)...)
		case c.Kind == spec.KindRequiredParameter:
			// The report drafts a placeholder the generator refuses; the maintainer
			// writes the order the list had while order was optional: most recently
			// updated first.
			draft := placeholderRE.ReplaceAllString(c.Draft, `"desc"`)
			entry, _, _ := strings.Cut(draft, "\n")
			if !bytes.Contains(b, []byte("\n"+entry+"\n")) {
				t.Fatalf("%s has no entry %q for the drafted defaults:\n%s", c.File, entry, c.Draft)
			}
			b = bytes.Replace(b, []byte("\n"+entry+"\n"), []byte("\n"+draft), 1)
		default:
			continue // a new operation's entry: the method is named without it
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		edits++
		t.Logf("edit %d: %s: the drafted %s for the %s %s", edits, c.File, what, c.Kind, c.Subject)
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
	// The test's own probe (not a maintainer's edit): the documented default of the
	// required parameter is what the generated methods send.
	writeFile(t, filepath.Join(tree, "intercom", "zz_next_version_probe_test.go"), []byte(defaultProbe))
	out, err := run(tree, "bash", "scripts/check-tree.sh")
	if path := os.Getenv(treeLogEnv); path != "" {
		writeFile(t, path, []byte(out))
	}
	if err != nil {
		t.Errorf("the whole tree on %s is not green with edits only in api/: %v\nfailing steps, packages and tests: %s\nfiles outside api/ that fail: %s\n%s",
			next, err, strings.Join(failing(out, filepath.Join(tree, ".build", "check-tree")), ", "), strings.Join(failingFiles(out), ", "), tail(out, 80))
	}
}

// cacheVersion puts the verified description of version v of the repository's pin
// (from its mirror, or downloaded) into root's cache; make generate re-verifies it.
func cacheVersion(t *testing.T, p *spectest.Pinned, root, v string) {
	t.Helper()
	pin, err := spec.LoadPin(filepath.Join(p.Root, "api", "pin.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	f := &spec.Fetcher{Pin: pin, Root: p.Root, MirrorDir: spec.DefaultMirrorDir(p.Root)}
	path, err := f.Fetch(t.Context(), v)
	if err != nil {
		t.Fatalf("the description of %s, which make generate needs: %v", v, err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, spec.CachePath(root, v), b)
}

// defaultProbe is a test of package intercom written into the scratch tree: with the
// table's default (order: desc), Articles.List and ListAll send order=desc when the
// caller leaves it empty (nil params included), send the caller's value when set, and
// leave the caller's params unmodified. Without the default they refuse the call
// (ErrMissingParameter) and it fails.
const defaultProbe = `package intercom_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/intercomkit/intercom-go/intercom"
)

func TestNextVersionProbeRequiredDefault(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.URL.Query().Get("order"))
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, ` + "`" + `{"type":"list","data":[],"pages":{"type":"pages","page":1,"per_page":1,"total_pages":1}}` + "`" + `)
	}))
	defer srv.Close()
	c, err := intercom.NewClient("tok_probe", intercom.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	empty := &intercom.ListArticlesParams{}
	for _, p := range []*intercom.ListArticlesParams{nil, empty, {Order: "asc"}} {
		if _, err := c.Articles.List(ctx, p); err != nil {
			t.Fatalf("List(%+v): %v", p, err)
		}
	}
	for _, err := range c.Articles.ListAll(ctx, nil) {
		if err != nil {
			t.Fatalf("ListAll(nil): %v", err)
		}
	}
	if want := []string{"desc", "desc", "asc", "desc"}; !slices.Equal(got, want) {
		t.Errorf("order sent = %q, want %q", got, want)
	}
	if empty.Order != "" {
		t.Errorf("the caller's params were modified: Order = %q", empty.Order)
	}
}
`

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

// placeholderRE is the report's placeholder for a value the maintainer chooses.
var placeholderRE = regexp.MustCompile(`"<[^"]*>"`)

var (
	failedStepRE = regexp.MustCompile(`(?m)^--- (\S+): FAILED`)
	goErrorRE    = regexp.MustCompile(`(?m)^(?:\S+/)?([^\s:]+\.go):\d+`)
)

// failing names what failed in the output of scripts/check-tree.sh: its failed steps
// (build-root, vet-scripts, ...), then from the test2json files it wrote into dir every
// failed package and test ("pkg" or "pkg.TestName"), including those whose failure
// names no file (an Example's wrong output, a panic, a timeout).
func failing(out, dir string) []string {
	var names []string
	for _, m := range failedStepRE.FindAllStringSubmatch(out, -1) {
		names = append(names, "step "+m[1])
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, line := range bytes.Split(b, []byte("\n")) {
			var ev struct{ Action, Package, Test string }
			if json.Unmarshal(line, &ev) != nil || ev.Action != "fail" {
				continue
			}
			name := ev.Package
			if ev.Test != "" {
				name += "." + ev.Test
			}
			if !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	return names
}

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

// The failure message of TestNextVersionTree names the failed steps and every failed
// package and test, also those whose output names no file (an Example's output).
func TestFailingNamesStepsPackagesAndTests(t *testing.T) {
	dir := t.TempDir()
	json := `{"Action":"run","Package":"m/intercom","Test":"ExampleArticlesService_ListAll"}
{"Action":"fail","Package":"m/intercom","Test":"ExampleArticlesService_ListAll"}
{"Action":"fail","Package":"m/intercom"}
{"Action":"pass","Package":"m/pkg/webhook"}
not json
`
	writeFile(t, filepath.Join(dir, "test-root.json"), []byte(json))
	out := "=== vet-root\n--- vet-root: ok (3s)\n=== test-root\n--- test-root: FAILED, exit 1 (60s)\n"
	got := strings.Join(failing(out, dir), ", ")
	want := "step test-root, m/intercom.ExampleArticlesService_ListAll, m/intercom"
	if got != want {
		t.Errorf("failing = %q, want %q", got, want)
	}
}
