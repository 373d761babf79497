package spec

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// engineDir is the engine of this repository, from this package's directory.
var engineDir = filepath.Join("..", "..", "..", "intercom", "internal", "engine")

// copyEngine copies the engine's non-test files into a temporary directory,
// passing each through edit.
func copyEngine(t *testing.T, edit func(name, src string) string) string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(engineDir, "*.go"))
	if err != nil || len(names) == 0 {
		t.Fatalf("engine files: %v (%d)", err, len(names))
	}
	dir := t.TempDir()
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(n)), []byte(edit(filepath.Base(n), string(b))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// renderEngine runs WriteEngineNames on engine and returns the file.
func renderEngine(t *testing.T, engine string) ([]byte, error) {
	t.Helper()
	out := t.TempDir()
	if err := WriteEngineNames(engine, out); err != nil {
		return nil, err
	}
	return os.ReadFile(filepath.Join(out, EngineFile))
}

// TestEngineFileUpToDate: intercom/engine.gen.go is what the writer makes of
// the engine as it is now, so a doc comment of the engine (a field's, a
// method's) changed without make generate fails here.
func TestEngineFileUpToDate(t *testing.T) {
	got, err := renderEngine(t, engineDir)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "..", "intercom", EngineFile))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("intercom/%s is stale: run make generate", EngineFile)
	}
}

// TestEngineFieldDocFollowsEngine: the doc of a field shown in an alias's
// comment is the engine's field doc, so editing it in the engine changes the
// generated file.
func TestEngineFieldDocFollowsEngine(t *testing.T) {
	const old, edited = "// Truncated reports that Body was cut at 64 KiB.", "// Truncated reports that Body was cut (edited in the engine)."
	dir := copyEngine(t, func(_, src string) string { return strings.Replace(src, old, edited, 1) })
	before, err := renderEngine(t, engineDir)
	if err != nil {
		t.Fatal(err)
	}
	after, err := renderEngine(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(before), "//\t\t"+old+"\n") {
		t.Fatalf("the doc of Error does not show the field doc %q", old)
	}
	// go/printer drops the comments of the fields go/doc filtered out.
	if strings.Contains(string(before), "why Body could not be decoded") {
		t.Error("the comment of Error's unexported field err is shown")
	}
	if !strings.Contains(string(before), "//\t\t// contains filtered or unexported fields\n") {
		t.Error("no struct says it has unexported fields")
	}
	if strings.Contains(string(after), old) || !strings.Contains(string(after), "//\t\t"+edited+"\n") {
		t.Errorf("after editing the engine's field doc, the generated file does not show it:\n%s", after)
	}
}

// TestEngineMethodsAfterList: a method's signature that follows a doc
// ending with a list (Error.Hint) is a code block of its own, not a line of
// the list's last item, so that go doc shows it as a signature.
func TestEngineMethodsAfterList(t *testing.T) {
	got, err := renderEngine(t, engineDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(got), "\n") {
		if strings.HasPrefix(line, "//  ") && strings.Contains(line, "func (") {
			t.Errorf("a method signature indented as list text: %q", line)
		}
	}
	if !strings.Contains(string(got), "// Method Is:\n//\n//\tfunc (e *Error) Is(target error) bool\n") {
		t.Error("Error.Is does not follow Error.Hint's list as a code block")
	}
}

// TestEngineNamesMissing: a listed name the engine does not declare fails
// the generation, naming it.
func TestEngineNamesMissing(t *testing.T) {
	dir := copyEngine(t, func(_, src string) string {
		return strings.Replace(src, "func IsConflict(", "func IsConflictRenamed(", 1)
	})
	_, err := renderEngine(t, dir)
	if err == nil || !strings.Contains(err.Error(), "IsConflict") {
		t.Errorf("err = %v, want one naming IsConflict", err)
	}
}
