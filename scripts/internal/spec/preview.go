package spec

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
)

// This file points the facade generator at package intercom/preview, the
// surface of Intercom's Preview API (version "0" of api/pin.yaml). The same
// templates write it as package intercom's facade; then the files are
// retargeted: their package clause becomes `package preview`, package gen
// becomes the Preview's own gen/preview, and the Operation values come from
// templates/preview_operations.go.tmpl (engine.NewOperation with
// Intercom-Version: Preview). The generated methods call the engine
// (intercom/internal/engine) directly, as package intercom's do; the
// hand-written half of intercom/preview is its client, the next-page readers
// of its gen types (pages.go) and the prepare checks (checks.go).

// Preview is what the -facade-package flag names for intercom/preview.
const Preview = "preview"

// modulePath is the module of the SDK.
const modulePath = "github.com/intercomkit/intercom-go"

// facadeTarget is the package the facade files are written for when it is
// not package intercom.
type facadeTarget struct {
	pkg       string // package clause, e.g. "preview"
	genImport string // import path of its gen package
	handDir   string // its hand-written files, relative to the root
}

// targetFor returns the target of the facade package name pkg ("" or
// "intercom": package intercom, nil).
func targetFor(pkg string) (*facadeTarget, error) {
	switch pkg {
	case "", "intercom":
		return nil, nil
	case Preview:
		return &facadeTarget{pkg: Preview, genImport: modulePath + "/gen/preview", handDir: filepath.Join("intercom", "preview")}, nil
	}
	return nil, fmt.Errorf("facade package %q: want intercom or %s", pkg, Preview)
}

// template returns the template that writes tmpl's file for the target.
func (t *facadeTarget) template(tmpl string) string {
	if t != nil && tmpl == "operations.go.tmpl" {
		return "preview_operations.go.tmpl"
	}
	return tmpl
}

// retarget rewrites a generated file of package intercom for the target:
// the package clause and the import of package gen.
func (t *facadeTarget) retarget(src []byte) []byte {
	if t == nil {
		return src
	}
	src = bytes.Replace(src, []byte("\npackage intercom\n"), []byte("\npackage "+t.pkg+"\n"), 1)
	return bytes.Replace(src, []byte(`"`+modulePath+`/gen"`), []byte(`gen "`+t.genImport+`"`), 1)
}

// retargetFile retargets the file path in place (gofmt'd).
func (t *facadeTarget) retargetFile(path string) error {
	if t == nil {
		return nil
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	out, err := format.Source(t.retarget(src))
	if err != nil {
		return fmt.Errorf("format %s: %w", path, err)
	}
	return os.WriteFile(path, out, 0o644)
}
