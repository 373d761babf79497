package spec

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testCommit = "0123456789abcdef0123456789abcdef01234567"

func testPin(t *testing.T, content []byte) *Pin {
	t.Helper()
	return &Pin{
		Pinned:     "9.9",
		Repository: "https://github.com/example/spec",
		Versions:   map[string]PinnedFile{"9.9": {Commit: testCommit, Path: "descriptions/9.9/api.yaml", SHA256: sum(content)}},
	}
}

func TestFetchFromMirrorVerifies(t *testing.T) {
	content := []byte("openapi: 3.0.1\n")
	mirror := t.TempDir()
	p := filepath.Join(mirror, "descriptions", "9.9", "api.yaml")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	f := &Fetcher{Pin: testPin(t, content), Root: root, MirrorDir: mirror}
	got, err := f.Fetch(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(got); string(b) != string(content) {
		t.Fatalf("cached copy = %q", b)
	}

	// A mirror whose file differs is refused and the cache keeps the good copy.
	if err := os.WriteFile(p, []byte("openapi: 3.0.1\n# edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(got); err != nil {
		t.Fatal(err)
	}
	_, err = f.Fetch(context.Background(), "9.9")
	if !errors.Is(err, ErrChecksum) {
		t.Fatalf("err = %v, want ErrChecksum", err)
	}
	if !strings.Contains(err.Error(), "refusing") || !strings.Contains(err.Error(), testCommit) {
		t.Errorf("message does not explain the refusal: %v", err)
	}
	if _, statErr := os.Stat(got); !os.IsNotExist(statErr) {
		t.Errorf("a refused file was written to the cache")
	}
}

func TestFetchDownloadsPinnedCommit(t *testing.T) {
	content := []byte("openapi: 3.0.1\ninfo: {}\n")
	var gotPath string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotPath = r.URL.Path
		if r.URL.Path == "/"+testCommit+"/descriptions/9.9/api.yaml" {
			w.Write(content)
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	f := &Fetcher{Pin: testPin(t, content), Root: t.TempDir(), RawBaseURL: srv.URL, HTTPClient: srv.Client()}
	if _, err := f.Fetch(context.Background(), ""); err != nil {
		t.Fatalf("fetch: %v (server saw %s)", err, gotPath)
	}

	bad := testPin(t, []byte("something else"))
	f = &Fetcher{Pin: bad, Root: t.TempDir(), RawBaseURL: srv.URL, HTTPClient: srv.Client()}
	if _, err := f.Fetch(context.Background(), ""); !errors.Is(err, ErrChecksum) {
		t.Fatalf("err = %v, want ErrChecksum", err)
	}
}

func TestRawURLFromRepository(t *testing.T) {
	f := &Fetcher{Pin: &Pin{Repository: "https://github.com/intercom/Intercom-OpenAPI"}}
	want := "https://raw.githubusercontent.com/intercom/Intercom-OpenAPI/" + testCommit + "/descriptions/9.9/api.intercom.io.yaml"
	if got := f.rawURL(testCommit, "descriptions/9.9/api.intercom.io.yaml"); got != want {
		t.Fatalf("rawURL = %s, want %s", got, want)
	}
}

func TestUnknownVersion(t *testing.T) {
	p := testPin(t, nil)
	if _, _, err := p.File("1.0"); err == nil || !strings.Contains(err.Error(), "9.9") {
		t.Fatalf("err = %v, want the known versions listed", err)
	}
}

func TestPinFileIsValid(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	p, err := LoadPin(filepath.Join(root, "api", "pin.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Supported) < 2 {
		t.Errorf("supported = %q: the pinned version and the previous one stay supported", p.Supported)
	}
	for v := range p.Versions {
		if _, err := os.Stat(OverlayPath(root, v)); err != nil {
			t.Errorf("version %s has no overlay: %v", v, err)
		}
	}
}

func TestLoadPinChecksSupported(t *testing.T) {
	dir := t.TempDir()
	base := "pinned: \"9.9\"\nrepository: https://github.com/example/spec\n" +
		"versions:\n  \"9.9\": {commit: " + testCommit + ", path: a.yaml, sha256: " + strings.Repeat("a", 64) + "}\n" +
		"  \"9.8\": {commit: " + testCommit + ", path: b.yaml, sha256: " + strings.Repeat("b", 64) + "}\n"
	for name, tc := range map[string]struct{ supported, wantErr string }{
		"ok":                  {`["9.9", "9.8"]`, ""},
		"none listed":         {`[]`, ""},
		"unknown version":     {`["9.9", "9.7"]`, `"9.7" has no entry`},
		"pinned not included": {`["9.8"]`, "not in supported"},
	} {
		path := filepath.Join(dir, name+".yaml")
		if err := os.WriteFile(path, []byte(base+"supported: "+tc.supported+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := LoadPin(path)
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%s: %v", name, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%s: err = %v, want %q", name, err, tc.wantErr)
		}
	}
}

// An overlay action that matches nothing must fail the load: spec drift is loud.
func TestStrictOverlayFailsOnDrift(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "api", "overlays"), 0o755); err != nil {
		t.Fatal(err)
	}
	specPath := filepath.Join(root, "spec.yaml")
	os.WriteFile(specPath, []byte(`openapi: 3.0.1
info: {title: t, version: "9.9"}
paths:
  /a:
    get:
      operationId: getA
      responses: {"200": {description: ok}}
`), 0o644)
	overlay := `overlay: 1.0.0
x-speakeasy-jsonpath: rfc9535
info: {title: t, version: 1.0.0}
actions:
  - target: $.paths['/gone'].get
    update: {operationId: x}
`
	os.WriteFile(OverlayPath(root, "9.9"), []byte(overlay), 0o644)
	if _, err := Load(context.Background(), root, "9.9", specPath); err == nil || !strings.Contains(err.Error(), "matches nothing") {
		t.Fatalf("err = %v, want a strict-mode failure", err)
	}
	os.WriteFile(OverlayPath(root, "9.9"), []byte(strings.Replace(overlay, "/gone", "/a", 1)), 0o644)
	doc, err := Load(context.Background(), root, "9.9", specPath)
	if err != nil {
		t.Fatal(err)
	}
	if id := doc.Paths.Find("/a").Get.OperationID; id != "x" {
		t.Fatalf("overlay not applied: operationId %q", id)
	}
}
