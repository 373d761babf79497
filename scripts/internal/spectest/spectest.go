// Package spectest gives the tooling tests the pinned description: the version comes
// from api/pin.yaml, never from a constant, so the tests follow a version move.
package spectest

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercomkit/intercom-go/scripts/internal/spec"
)

// Pinned is the pinned description of the repository the tests run in.
type Pinned struct {
	// Root is the repository root.
	Root string
	// Version is the pinned version of api/pin.yaml (a key of its versions).
	Version string
	// Path is the verified copy of the description (.spec/<version>/...).
	Path string
	// Doc is the description with the version's overlay applied, as the generator saw it.
	Doc *openapi3.T
}

var (
	once        sync.Once
	pinned      *Pinned
	err         error
	unavailable bool // err is the failure to obtain the description
)

// Load returns the pinned description with its overlay applied (for a test package
// of scripts/suites/), loaded once per test
// binary (it takes a second or two). When the description cannot be obtained (no
// mirror and no network) the test is skipped with the reason, except under CI=true,
// where that is a failure. Any other problem (a bad pin, an overlay that no longer
// applies) fails the test.
func Load(t testing.TB) *Pinned {
	t.Helper()
	once.Do(func() {
		root, e := filepath.Abs(filepath.Join("..", "..", ".."))
		if e != nil {
			err = e
			return
		}
		if _, e := os.Stat(filepath.Join(root, "api", "pin.yaml")); e != nil {
			err = e
			return
		}
		pin, e := spec.LoadPin(filepath.Join(root, "api", "pin.yaml"))
		if e != nil {
			err = e
			return
		}
		f := &spec.Fetcher{Pin: pin, Root: root, MirrorDir: spec.DefaultMirrorDir(root)}
		path, e := f.Fetch(context.Background(), pin.Pinned)
		if e != nil {
			err, unavailable = e, true
			return
		}
		doc, e := spec.Load(context.Background(), root, pin.Pinned, path)
		if e != nil {
			err = e
			return
		}
		pinned = &Pinned{Root: root, Version: pin.Pinned, Path: path, Doc: doc}
	})
	switch {
	case unavailable && os.Getenv("CI") != "true":
		t.Skipf("skipping: the pinned description is not available (no mirror in INTERCOM_OPENAPI_DIR or ../shared/intercom-openapi, and no download): %v", err)
	case err != nil:
		t.Fatalf("the pinned description: %v", err)
	}
	return pinned
}
