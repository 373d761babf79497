package intercom

import (
	"io"
	"testing"
)

// readDownload reads a whole download and closes it.
func readDownload(t *testing.T, d *Download) []byte {
	t.Helper()
	b, err := io.ReadAll(d)
	if err != nil {
		t.Fatalf("reading download: %v", err)
	}
	if err := d.Close(); err != nil {
		t.Fatalf("closing download: %v", err)
	}
	return b
}

// closeDownload closes the download of a call, if there is one, and returns
// the call's error.
func closeDownload(d *Download, err error) error {
	if d != nil {
		d.Close()
	}
	return err
}
