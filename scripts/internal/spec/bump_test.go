package spec

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const bumpPin = `# comment kept
pinned: "9.8"
# supported comment kept
supported: ["9.8", "9.7"]
repository: https://github.com/example/spec
versions:
  "9.8":
    commit: 0123456789abcdef0123456789abcdef01234567
    path: descriptions/9.8/api.intercom.io.yaml
    sha256: SUM98
  # 9.7 comment kept
  "9.7":
    commit: 0123456789abcdef0123456789abcdef01234567
    path: descriptions/9.7/api.intercom.io.yaml
    sha256: SUM97
`

// bumpRepo writes a repository with versions 9.7 and 9.8 pinned at 9.8, and a mirror
// that also has 9.9.
func bumpRepo(t *testing.T) (root, mirror string) {
	t.Helper()
	root, mirror = t.TempDir(), t.TempDir()
	pin := bumpPin
	for _, v := range []string{"9.7", "9.8", "9.9"} {
		content := []byte("openapi: 3.0.1\ninfo: {title: t, version: \"" + v + "\"}\npaths: {}\n")
		p := filepath.Join(mirror, filepath.FromSlash(DescriptionPath(v)))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, content, 0o644); err != nil {
			t.Fatal(err)
		}
		pin = strings.Replace(pin, "SUM"+strings.ReplaceAll(v, ".", ""), sum(content), 1)
	}
	// The mirror is a snapshot of the commit 9.7 and 9.8 are pinned at.
	if err := os.WriteFile(filepath.Join(mirror, "SOURCE.md"), []byte("at commit 0123456789abcdef0123456789abcdef01234567\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("INTERCOM_OPENAPI_COMMIT", "")
	if err := os.MkdirAll(filepath.Join(root, "api", "overlays"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "api", "pin.yaml"), []byte(pin), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "api", "operations"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"9.7", "9.8"} {
		if err := os.WriteFile(OverlayPath(root, v), []byte("overlay: 1.0.0 # "+v+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(TablePath(root, v), []byte("services: {} # "+v+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root, mirror
}

func TestBumpToANewVersion(t *testing.T) {
	root, mirror := bumpRepo(t)
	f := &Fetcher{Root: root, MirrorDir: mirror}
	res, err := Bump(context.Background(), root, f, "9.9", "")
	if err != nil {
		t.Fatal(err)
	}
	if !res.AddedEntry || res.Previous != "9.8" || res.SeededOverlay != filepath.Join("api", "overlays", "9.8.yaml") ||
		res.SeededTable != filepath.Join("api", "operations", "9.8.yaml") {
		t.Errorf("result = %+v", res)
	}
	pin, err := LoadPin(filepath.Join(root, "api", "pin.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if pin.Pinned != "9.9" || strings.Join(pin.Supported, ",") != "9.9,9.8" {
		t.Errorf("pinned %q, supported %q", pin.Pinned, pin.Supported)
	}
	want, _ := os.ReadFile(filepath.Join(mirror, "descriptions", "9.9", "api.intercom.io.yaml"))
	if e := pin.Versions["9.9"]; e.SHA256 != sum(want) || e.Path != "descriptions/9.9/api.intercom.io.yaml" {
		t.Errorf("entry = %+v", e)
	}
	b, _ := os.ReadFile(filepath.Join(root, "api", "pin.yaml"))
	for _, s := range []string{"# comment kept", "# supported comment kept"} {
		if !strings.Contains(string(b), s) {
			t.Errorf("pin.yaml lost %q:\n%s", s, b)
		}
	}
	ov, _ := os.ReadFile(OverlayPath(root, "9.9"))
	if !strings.Contains(string(ov), "Seeded from api/overlays/9.8.yaml") || !strings.Contains(string(ov), "overlay: 1.0.0 # 9.8") {
		t.Errorf("overlay not seeded from 9.8:\n%s", ov)
	}
	if tab, _ := os.ReadFile(TablePath(root, "9.9")); !strings.Contains(string(tab), "services: {} # 9.8") {
		t.Errorf("operations table not seeded from 9.8:\n%s", tab)
	}
	if _, err := os.Stat(CachePath(root, "9.9")); err != nil {
		t.Errorf("the description was not fetched into the cache: %v", err)
	}
}

// Moving back to a version that has an entry and an overlay only moves the pin.
func TestBumpBackToAKnownVersion(t *testing.T) {
	root, mirror := bumpRepo(t)
	before, _ := os.ReadFile(OverlayPath(root, "9.7"))
	res, err := Bump(context.Background(), root, &Fetcher{Root: root, MirrorDir: mirror}, "9.7", "")
	if err != nil {
		t.Fatal(err)
	}
	if res.AddedEntry || res.SeededOverlay != "" {
		t.Errorf("result = %+v", res)
	}
	pin, err := LoadPin(filepath.Join(root, "api", "pin.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if pin.Pinned != "9.7" || strings.Join(pin.Supported, ",") != "9.7,9.8" || len(pin.Versions) != 2 {
		t.Errorf("pin = %+v", pin)
	}
	if after, _ := os.ReadFile(OverlayPath(root, "9.7")); string(after) != string(before) {
		t.Errorf("the existing overlay was changed")
	}
}

func TestBumpRefusesAMissingDescription(t *testing.T) {
	root, mirror := bumpRepo(t)
	before, _ := os.ReadFile(filepath.Join(root, "api", "pin.yaml"))
	if _, err := Bump(context.Background(), root, &Fetcher{Root: root, MirrorDir: mirror}, "10.0", ""); err == nil {
		t.Fatal("no error for a version the mirror lacks")
	}
	if after, _ := os.ReadFile(filepath.Join(root, "api", "pin.yaml")); string(after) != string(before) {
		t.Errorf("pin.yaml changed by a failed bump")
	}
	for _, bad := range []string{"", "9.9\"", "../x"} {
		if _, err := Bump(context.Background(), root, &Fetcher{Root: root, MirrorDir: mirror}, bad, ""); err == nil {
			t.Errorf("no error for version %q", bad)
		}
	}
}

func TestWriteChangelogDraft(t *testing.T) {
	path := filepath.Join(t.TempDir(), "CHANGELOG.md")
	orig := "# Changelog\n\nIntro.\n\n## [0.1.0]\n\n- first\n"
	if err := os.WriteFile(path, []byte(orig), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteChangelogDraft(path, "## [Unreleased] draft one\n\n- a\n"); err != nil {
		t.Fatal(err)
	}
	if err := WriteChangelogDraft(path, "## [Unreleased] draft two\n\n- b\n"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	want := "# Changelog\n\nIntro.\n\n" + draftBegin + "\n## [Unreleased] draft two\n\n- b\n" + draftEnd + "\n\n## [0.1.0]\n\n- first\n"
	if string(b) != want {
		t.Fatalf("got:\n%s\nwant:\n%s", b, want)
	}
}

// Without a mirror the description is downloaded at the commit given.
func TestBumpDownloadsAtTheGivenCommit(t *testing.T) {
	root, mirror := bumpRepo(t)
	content, err := os.ReadFile(filepath.Join(mirror, "descriptions", "9.9", "api.intercom.io.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.Path
		w.Write(content)
	}))
	defer srv.Close()
	f := &Fetcher{Root: root, RawBaseURL: srv.URL, HTTPClient: srv.Client()}
	if _, err := Bump(context.Background(), root, f, "9.9", ""); err == nil || !strings.Contains(err.Error(), "COMMIT=") {
		t.Fatalf("err = %v, want COMMIT= asked for: without a mirror no commit is implied", err)
	}
	res, err := Bump(context.Background(), root, f, "9.9", "0123456789abcdef0123456789abcdef01234567")
	if err != nil {
		t.Fatal(err)
	}
	if want := "/0123456789abcdef0123456789abcdef01234567/descriptions/9.9/api.intercom.io.yaml"; got != want {
		t.Errorf("downloaded %s, want %s", got, want)
	}
	if res.SHA256 != sum(content) {
		t.Errorf("sha256 %s, want %s", res.SHA256, sum(content))
	}
}

// Bumping to the pinned version changes nothing.
func TestBumpToThePinnedVersionIsANoOp(t *testing.T) {
	root, mirror := bumpRepo(t)
	before, _ := os.ReadFile(filepath.Join(root, "api", "pin.yaml"))
	if _, err := Bump(context.Background(), root, &Fetcher{Root: root, MirrorDir: mirror}, "9.8", ""); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(filepath.Join(root, "api", "pin.yaml")); string(after) != string(before) {
		t.Errorf("pin.yaml changed:\n%s", after)
	}
}

// versionEntry returns the lines of version v's entry in a pin file's text.
func versionEntry(t *testing.T, text, v string) string {
	t.Helper()
	i := strings.Index(text, "  \""+v+"\":\n")
	if i < 0 {
		t.Fatalf("no entry for %s in:\n%s", v, text)
	}
	end := i + 1
	for _, line := range strings.SplitAfter(text[i:], "\n")[1:] {
		if !strings.HasPrefix(line, "    ") {
			break
		}
		end += len(line)
	}
	return text[i : end+len("  \""+v+"\":\n")-1]
}

// COMMIT moves one version to another upstream commit: its entry gets that commit and
// the sha256 of the file there (downloaded: the mirror is a snapshot of another commit);
// every other line of pin.yaml, the other versions' entries included, stays as it was.
func TestBumpMovesOneVersionToAnotherCommit(t *testing.T) {
	root, mirror := bumpRepo(t)
	const oldCommit = "0123456789abcdef0123456789abcdef01234567"
	const newCommit = "fedcba9876543210fedcba9876543210fedcba98"
	rewritten := []byte("openapi: 3.0.1\ninfo: {title: t, version: \"9.8\"}\npaths: {} # rewritten upstream\n")
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.URL.Path)
		if r.URL.Path != "/"+newCommit+"/descriptions/9.8/api.intercom.io.yaml" {
			http.NotFound(w, r)
			return
		}
		w.Write(rewritten)
	}))
	defer srv.Close()
	pinPath := filepath.Join(root, "api", "pin.yaml")
	before, _ := os.ReadFile(pinPath)
	f := &Fetcher{Root: root, MirrorDir: mirror, MirrorCommit: oldCommit, RawBaseURL: srv.URL, HTTPClient: srv.Client()}
	res, err := Bump(context.Background(), root, f, "9.8", newCommit)
	if err != nil {
		t.Fatal(err)
	}
	if res.MovedFrom != oldCommit || res.Commit != newCommit || res.SHA256 != sum(rewritten) || res.AddedEntry {
		t.Errorf("result = %+v", res)
	}
	if len(got) != 1 {
		t.Errorf("downloads = %q, want the one file at the new commit", got)
	}
	after, _ := os.ReadFile(pinPath)
	pin, err := LoadPin(pinPath)
	if err != nil {
		t.Fatal(err)
	}
	if e := pin.Versions["9.8"]; e.Commit != newCommit || e.SHA256 != sum(rewritten) || e.Path != DescriptionPath("9.8") {
		t.Errorf("9.8 entry = %+v", e)
	}
	if e := pin.Versions["9.7"]; e.Commit != oldCommit {
		t.Errorf("9.7 entry moved: %+v", e)
	}
	// Byte for byte: only the 9.8 entry's commit and sha256 lines differ.
	wantAfter := strings.Replace(string(before), versionEntry(t, string(before), "9.8"),
		"  \"9.8\":\n    commit: "+newCommit+"\n    path: descriptions/9.8/api.intercom.io.yaml\n    sha256: "+sum(rewritten)+"\n", 1)
	if string(after) != wantAfter {
		t.Errorf("pin.yaml after the move:\n%s\nwant:\n%s", after, wantAfter)
	}
	if c, _ := os.ReadFile(CachePath(root, "9.8")); string(c) != string(rewritten) {
		t.Errorf("the cache holds %q, want the file at the new commit", c)
	}
	// Again with the same commit: nothing changes, nothing is downloaded.
	got = nil
	if _, err := Bump(context.Background(), root, f, "9.8", newCommit); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(pinPath); string(again) != string(after) || len(got) != 0 {
		t.Errorf("a second bump changed pin.yaml or downloaded %q", got)
	}
	// A bad commit changes nothing.
	if _, err := Bump(context.Background(), root, f, "9.8", "HEAD"); err == nil {
		t.Error("no error for COMMIT=HEAD")
	}
}

// A version the mirror's snapshot has is taken at the mirror's commit, which SOURCE.md
// names.
func TestBumpTakesANewVersionAtTheMirrorsCommit(t *testing.T) {
	root, mirror := bumpRepo(t)
	const mirrorCommit = "abcdefabcdefabcdefabcdefabcdefabcdefabcd"
	if err := os.WriteFile(filepath.Join(mirror, "SOURCE.md"), []byte("Copied unchanged\nat commit "+mirrorCommit+" (committed 2026-08-21).\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("INTERCOM_OPENAPI_COMMIT", "")
	if got := MirrorCommitOf(mirror); got != mirrorCommit {
		t.Fatalf("MirrorCommitOf = %q, want %q", got, mirrorCommit)
	}
	f := &Fetcher{Root: root, MirrorDir: mirror, MirrorCommit: MirrorCommitOf(mirror)}
	res, err := Bump(context.Background(), root, f, "9.9", "")
	if err != nil {
		t.Fatal(err)
	}
	pin, err := LoadPin(filepath.Join(root, "api", "pin.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if e := pin.Versions["9.9"]; e.Commit != mirrorCommit || !res.AddedEntry {
		t.Errorf("9.9 entry = %+v, result %+v", e, res)
	}
	// The other versions stay at their own commit and are still fetched from the mirror
	// (same bytes), without a download.
	if _, err := f.Fetch(context.Background(), "9.7"); err != nil {
		t.Errorf("9.7 (another commit, same bytes in the mirror): %v", err)
	}
}
