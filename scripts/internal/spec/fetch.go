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
	data, src, err := f.read(ctx, pf.Path)
	if err != nil {
		return "", fmt.Errorf("spec %s: %w", v, err)
	}
	if got := sum(data); got != pf.SHA256 {
		return "", fmt.Errorf("spec %s: %s has sha256 %s but api/pin.yaml pins %s (commit %s); refusing it: "+
			"the mirror holds another commit or the file was changed: %w", v, src, got, pf.SHA256, f.Pin.Commit, ErrChecksum)
	}
	if err := writeAtomic(dst, data); err != nil {
		return "", fmt.Errorf("spec %s: %w", v, err)
	}
	f.logf("spec %s: %s verified (sha256 %s) -> %s", v, src, pf.SHA256, rel(f.Root, dst))
	return dst, nil
}

// read returns the file at path of the upstream repository, from the mirror when one is
// set, else downloaded at the pinned commit, and where it came from. It verifies nothing.
func (f *Fetcher) read(ctx context.Context, path string) ([]byte, string, error) {
	if f.MirrorDir != "" {
		src := filepath.Join(f.MirrorDir, filepath.FromSlash(path))
		data, err := os.ReadFile(src)
		if err != nil {
			return nil, src, fmt.Errorf("read mirror (INTERCOM_OPENAPI_DIR=%s): %w", f.MirrorDir, err)
		}
		return data, src, nil
	}
	src := f.rawURL(path)
	data, err := f.download(ctx, src)
	if err != nil {
		return nil, src, fmt.Errorf("download %s: %w", src, err)
	}
	return data, src, nil
}

func (f *Fetcher) rawURL(path string) string {
	base := f.RawBaseURL
	if base == "" {
		repo := strings.TrimSuffix(strings.TrimPrefix(f.Pin.Repository, "https://github.com/"), ".git")
		base = "https://raw.githubusercontent.com/" + repo
	}
	return strings.TrimSuffix(base, "/") + "/" + f.Pin.Commit + "/" + path
}

func (f *Fetcher) download(ctx context.Context, url string) ([]byte, error) {
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
