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
commit: 0123456789abcdef0123456789abcdef01234567
versions:
  "9.8":
    path: descriptions/9.8/api.intercom.io.yaml
    sha256: SUM98
  "9.7":
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
	res, err := Bump(context.Background(), root, f, "9.9")
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
	res, err := Bump(context.Background(), root, &Fetcher{Root: root, MirrorDir: mirror}, "9.7")
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
	if _, err := Bump(context.Background(), root, &Fetcher{Root: root, MirrorDir: mirror}, "10.0"); err == nil {
		t.Fatal("no error for a version the mirror lacks")
	}
	if after, _ := os.ReadFile(filepath.Join(root, "api", "pin.yaml")); string(after) != string(before) {
		t.Errorf("pin.yaml changed by a failed bump")
	}
	for _, bad := range []string{"", "9.9\"", "../x"} {
		if _, err := Bump(context.Background(), root, &Fetcher{Root: root, MirrorDir: mirror}, bad); err == nil {
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

// Without a mirror the description is downloaded at the pinned commit.
func TestBumpDownloadsAtThePinnedCommit(t *testing.T) {
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
	res, err := Bump(context.Background(), root, f, "9.9")
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
	if _, err := Bump(context.Background(), root, &Fetcher{Root: root, MirrorDir: mirror}, "9.8"); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(filepath.Join(root, "api", "pin.yaml")); string(after) != string(before) {
		t.Errorf("pin.yaml changed:\n%s", after)
	}
}
