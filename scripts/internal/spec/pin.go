// Package spec fetches, verifies and prepares Intercom's OpenAPI descriptions for the
// generator. It is tooling: nothing in the SDK's own packages imports it.
package spec

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"gopkg.in/yaml.v3"
)

// Pin is api/pin.yaml: the upstream repository and, per API version, the commit, path
// and sha256 of the description. Each version has its own commit: upstream rewrites an
// old version's file after its release, so a new version taken at a newer commit must
// not move (or re-hash) the versions already pinned.
type Pin struct {
	Pinned string `yaml:"pinned"`
	// Supported lists the versions that must keep building, vetting and passing every
	// test (make check-versions): the pinned one and the previous one.
	Supported  []string              `yaml:"supported"`
	Repository string                `yaml:"repository"`
	Versions   map[string]PinnedFile `yaml:"versions"`
	// LegacyCommit is the single top-level commit of the old format: refused, with a
	// message saying to move it into every version's entry.
	LegacyCommit string `yaml:"commit"`
}

// PinnedFile is one description of the pin: the upstream commit it was taken at, its
// path in the repository and its sha256.
type PinnedFile struct {
	Commit string `yaml:"commit"`
	Path   string `yaml:"path"`
	SHA256 string `yaml:"sha256"`
}

// LoadPin reads and checks the pin file.
func LoadPin(path string) (*Pin, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read pin: %w", err)
	}
	var p Pin
	if err := yaml.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("parse pin %s: %w", path, err)
	}
	if p.Repository == "" {
		return nil, fmt.Errorf("pin %s: repository is required", path)
	}
	if p.LegacyCommit != "" {
		return nil, fmt.Errorf("pin %s: a top-level commit is no longer read: give every version its own commit (versions.<v>.commit)", path)
	}
	if _, ok := p.Versions[p.Pinned]; !ok {
		return nil, fmt.Errorf("pin %s: pinned version %q has no entry under versions", path, p.Pinned)
	}
	for _, v := range p.Supported {
		if _, ok := p.Versions[v]; !ok {
			return nil, fmt.Errorf("pin %s: supported version %q has no entry under versions", path, v)
		}
	}
	if len(p.Supported) > 0 && !slices.Contains(p.Supported, p.Pinned) {
		return nil, fmt.Errorf("pin %s: the pinned version %q is not in supported %q", path, p.Pinned, p.Supported)
	}
	for v, f := range p.Versions {
		if f.Path == "" || len(f.SHA256) != 64 || !isHex(f.Commit, 40) {
			return nil, fmt.Errorf("pin %s: version %q needs a 40-hex commit, a path and a 64-hex sha256", path, v)
		}
	}
	return &p, nil
}

// File returns the pinned file of version v ("" means the pinned version).
func (p *Pin) File(v string) (string, PinnedFile, error) {
	if v == "" {
		v = p.Pinned
	}
	f, ok := p.Versions[v]
	if !ok {
		known := make([]string, 0, len(p.Versions))
		for k := range p.Versions {
			known = append(known, k)
		}
		sort.Strings(known)
		return "", PinnedFile{}, fmt.Errorf("API version %q is not in the pin (known: %v)", v, known)
	}
	return v, f, nil
}

// CachePath is where the verified copy of version v lives inside the repository
// (git-ignored).
func CachePath(root, v string) string {
	return filepath.Join(root, ".spec", v, "api.intercom.io.yaml")
}

// isHex reports whether s is n lowercase hexadecimal digits.
func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
