package spec

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// maxSpecBytes bounds a download: the 2.16 description is ~1.3 MB.
const maxSpecBytes = 32 << 20

// Fetcher obtains a pinned description, from a mirror directory when one is set, else
// from the repository at the pinned commit.
type Fetcher struct {
	Pin *Pin
	// Root is the repository root; the verified copy is written under Root/.spec.
	Root string
	// MirrorDir is a local copy of the upstream repository's tree ("" for none).
	MirrorDir string
	// MirrorCommit is the upstream commit the mirror is a snapshot of ("" unknown: see
	// MirrorCommitOf). A file of another commit is downloaded, unless the mirror's copy
	// has the pinned sha256 (the same bytes).
	MirrorCommit string
	// RawBaseURL is the download base; the file is at RawBaseURL/<commit>/<path>.
	// Empty means the raw GitHub host derived from Pin.Repository.
	RawBaseURL string
	// HTTPClient is used for downloads (nil: a client with a 2 minute timeout).
	HTTPClient *http.Client
	// Log receives one line per step (nil: silent).
	Log io.Writer
}

// ErrChecksum reports a description whose sha256 is not the pinned one.
var ErrChecksum = errors.New("sha256 does not match the pin")

// Fetch makes sure the verified description of version v is in the cache and returns
// its path. A cached copy is re-verified, never trusted blindly.
func (f *Fetcher) Fetch(ctx context.Context, v string) (string, error) {
	v, pf, err := f.Pin.File(v)
	if err != nil {
		return "", err
	}
	dst := CachePath(f.Root, v)
	if b, err := os.ReadFile(dst); err == nil && sum(b) == pf.SHA256 {
		f.logf("spec %s: cached copy %s verified (sha256 %s)", v, rel(f.Root, dst), pf.SHA256)
		return dst, nil
	}
	var data []byte
	var src string
	if f.MirrorDir != "" && f.MirrorCommit != "" && f.MirrorCommit != pf.Commit {
		// The mirror is a snapshot of another commit: its copy is taken when it has the
		// pinned bytes (the file did not change in between), else the pinned commit's
		// file can only be downloaded (read, below).
		if m, msrc, merr := f.readMirror(pf.Path); merr == nil && sum(m) == pf.SHA256 {
			data, src = m, msrc
		}
	}
	if data == nil {
		if data, src, err = f.read(ctx, pf.Commit, pf.Path); err != nil {
			return "", fmt.Errorf("spec %s: %w", v, err)
		}
	}
	if got := sum(data); got != pf.SHA256 {
		return "", fmt.Errorf("spec %s: %s has sha256 %s but api/pin.yaml pins %s (commit %s); refusing it: "+
			"the mirror holds another commit or the file was changed: %w", v, src, got, pf.SHA256, pf.Commit, ErrChecksum)
	}
	if err := writeAtomic(dst, data); err != nil {
		return "", fmt.Errorf("spec %s: %w", v, err)
	}
	f.logf("spec %s: %s verified (sha256 %s) -> %s", v, src, pf.SHA256, rel(f.Root, dst))
	return dst, nil
}

// read returns the file at path of the upstream repository at commit, from the mirror
// when one is set and it is a snapshot of that commit (or of an unknown one), else
// downloaded, and where it came from. It verifies nothing.
func (f *Fetcher) read(ctx context.Context, commit, path string) ([]byte, string, error) {
	if f.MirrorDir != "" && (f.MirrorCommit == "" || f.MirrorCommit == commit) {
		return f.readMirror(path)
	}
	return f.download(ctx, commit, path)
}

// readMirror reads the file at path of the mirror.
func (f *Fetcher) readMirror(path string) ([]byte, string, error) {
	src := filepath.Join(f.MirrorDir, filepath.FromSlash(path))
	data, err := os.ReadFile(src)
	if err != nil {
		return nil, src, fmt.Errorf("read mirror (INTERCOM_OPENAPI_DIR=%s): %w", f.MirrorDir, err)
	}
	return data, src, nil
}

// download fetches the file at path of the upstream repository at commit.
func (f *Fetcher) download(ctx context.Context, commit, path string) ([]byte, string, error) {
	src := f.rawURL(commit, path)
	data, err := f.get(ctx, src)
	if err != nil {
		return nil, src, fmt.Errorf("download %s: %w", src, err)
	}
	return data, src, nil
}

func (f *Fetcher) rawURL(commit, path string) string {
	base := f.RawBaseURL
	if base == "" {
		repo := strings.TrimSuffix(strings.TrimPrefix(f.Pin.Repository, "https://github.com/"), ".git")
		base = "https://raw.githubusercontent.com/" + repo
	}
	return strings.TrimSuffix(base, "/") + "/" + commit + "/" + path
}

func (f *Fetcher) get(ctx context.Context, url string) ([]byte, error) {
	hc := f.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 2 * time.Minute}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %s", resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxSpecBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxSpecBytes {
		return nil, fmt.Errorf("larger than %d bytes", maxSpecBytes)
	}
	return b, nil
}

func (f *Fetcher) logf(format string, args ...any) {
	if f.Log != nil {
		fmt.Fprintf(f.Log, format+"\n", args...)
	}
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func rel(root, p string) string {
	if r, err := filepath.Rel(root, p); err == nil {
		return r
	}
	return p
}

func writeAtomic(dst string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}

// DefaultMirrorDir returns INTERCOM_OPENAPI_DIR when set, else ../shared/intercom-openapi
// beside the repository root when it exists, else "" (download).
func DefaultMirrorDir(root string) string {
	if d := os.Getenv("INTERCOM_OPENAPI_DIR"); d != "" {
		return d
	}
	d := filepath.Join(root, "..", "shared", "intercom-openapi")
	if st, err := os.Stat(d); err == nil && st.IsDir() {
		return d
	}
	return ""
}

// mirrorCommitRE finds the commit a mirror's SOURCE.md says it was copied at.
var mirrorCommitRE = regexp.MustCompile(`(?i)\bcommit\s+([0-9a-f]{40})\b`)

// MirrorCommitOf returns the upstream commit the mirror dir is a snapshot of:
// INTERCOM_OPENAPI_COMMIT when set, else the commit its SOURCE.md names, else "".
func MirrorCommitOf(dir string) string {
	if c := os.Getenv("INTERCOM_OPENAPI_COMMIT"); c != "" {
		return c
	}
	if dir == "" {
		return ""
	}
	b, err := os.ReadFile(filepath.Join(dir, "SOURCE.md"))
	if err != nil {
		return ""
	}
	if m := mirrorCommitRE.FindSubmatch(b); m != nil {
		return string(m[1])
	}
	return ""
}
