package intercom

import (
	"bytes"
	"context"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
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

// downloadServer serves GET /download/content/data/{id}: size bytes generated
// on the fly from a small buffer (the server holds no file in memory).
func downloadServer(t *testing.T, size int64, header map[string]string) *httptest.Server {
	t.Helper()
	return coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
		for k, v := range header {
			w.Header().Set(k, v)
		}
		chunk := bytes.Repeat([]byte("0123456789abcdef"), 4096)
		for left := size; left > 0; {
			n := min(left, int64(len(chunk)))
			if _, err := w.Write(chunk[:n]); err != nil {
				return
			}
			left -= n
		}
	})
}

// heapSampler is an io.Writer that counts and checksums what it is given and
// samples the heap every MiB: it measures the heap while the file streams.
type heapSampler struct {
	n, next   int64
	sum       hash.Hash32
	peakInuse uint64
	peakAlloc uint64
}

func (h *heapSampler) Write(p []byte) (int, error) {
	h.n += int64(len(p))
	h.sum.Write(p)
	if h.n >= h.next {
		h.next = h.n + 1<<20
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		h.peakInuse = max(h.peakInuse, ms.HeapInuse)
		h.peakAlloc = max(h.peakAlloc, ms.HeapAlloc)
	}
	return len(p), nil
}

// A 200 MB data export streams through the SDK with the process heap under
// 32 MB: the file is never held in memory (it used to be read whole into
// Download.Data). The heap is sampled every MiB as the file is written out.
func TestDownloadStreamsLargeFileInBoundedHeap(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 200 MB over loopback")
	}
	const size = 200 << 20
	srv := downloadServer(t, size, map[string]string{"Content-Disposition": `attachment; filename="export.csv.gz"`})
	c, _ := coreClient(t, srv.URL)
	runtime.GC()
	d, err := c.DataExport.Download(context.Background(), "job1")
	if err != nil {
		t.Fatal(err)
	}
	if d.ContentLength != size || d.Filename != "export.csv.gz" {
		t.Errorf("download %+v", d)
	}
	h := &heapSampler{sum: crc32.NewIEEE()}
	n, err := d.WriteTo(h)
	if err != nil || n != size || h.n != size {
		t.Fatalf("wrote %d (%d seen), %v; want %d", n, h.n, err, size)
	}
	want := crc32.NewIEEE()
	chunk := bytes.Repeat([]byte("0123456789abcdef"), 4096)
	for range size / len(chunk) {
		want.Write(chunk)
	}
	if h.sum.Sum32() != want.Sum32() {
		t.Error("the bytes written differ from the bytes served")
	}
	t.Logf("200 MB download: peak HeapInuse %.1f MB, peak HeapAlloc %.1f MB", float64(h.peakInuse)/1e6, float64(h.peakAlloc)/1e6)
	if h.peakInuse >= 32<<20 {
		t.Errorf("peak HeapInuse %d bytes, want under 32 MiB", h.peakInuse)
	}
}

// Downloads are streamed, so the JSON body cap does not apply to them; Bytes
// applies its own limit.
func TestDownloadNotCappedBytesLimited(t *testing.T) {
	srv := downloadServer(t, 4096, nil)
	c, _ := coreClient(t, srv.URL, WithMaxResponseBytes(1024))
	d, err := c.DataExport.Download(context.Background(), "job1")
	if err != nil {
		t.Fatal(err)
	}
	if b, err := d.Bytes(4096); err != nil || len(b) != 4096 {
		t.Errorf("Bytes: %d bytes, %v", len(b), err)
	}
	d, err = c.DataExport.Download(context.Background(), "job1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Bytes(1000); !errors.Is(err, ErrResponseTooLarge) {
		t.Errorf("Bytes(1000) of 4096 bytes: err = %v, want ErrResponseTooLarge", err)
	}
	if err := d.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// A connection lost in the middle of the file is the error of the read; the
// per-attempt timeout covers the whole body and is released by Close.
func TestDownloadBodyFailure(t *testing.T) {
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000000")
		w.WriteHeader(200)
		w.Write(make([]byte, 1000))
		w.(http.Flusher).Flush()
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	})
	c, _ := coreClient(t, srv.URL, WithRequestTimeout(time.Minute))
	d, err := c.Calls.Recording(context.Background(), "1")
	if err != nil {
		t.Fatal(err)
	}
	n, err := d.WriteTo(io.Discard)
	if !errors.Is(err, io.ErrUnexpectedEOF) || n != 1000 {
		t.Errorf("WriteTo = %d, %v; want 1000 bytes then io.ErrUnexpectedEOF", n, err)
	}
}

func TestSafeFilename(t *testing.T) {
	long := strings.Repeat("é", 150) + ".csv"
	tests := map[string]string{
		"export.csv.gz":           "export.csv.gz",
		"../../etc/passwd":        "passwd",
		`..\..\windows\win.ini`:   "win.ini",
		"/abs/path/file.txt":      "file.txt",
		"..":                      "",
		".":                       "",
		"...":                     "",
		"dir/":                    "",
		"a\x00b\nc\x7fd.txt":      "abcd.txt",
		"C:evil.txt":              "Cevil.txt",
		"rtl\u202egnp.exe":        "rtlgnp.exe",
		"  spaced.txt  ":          "spaced.txt",
		".hidden":                 ".hidden",
		long:                      "",
		"bad\xffutf8.txt":         "badutf8.txt",
		"transcript 2025-07.txt ": "transcript 2025-07.txt",
	}
	for in, want := range tests {
		got := safeFilename(in)
		if in == long {
			if len(got) > maxFilename || !utf8.ValidString(got) || !strings.HasPrefix(got, "é") {
				t.Errorf("long name: %q (%d bytes)", got, len(got))
			}
			continue
		}
		if got != want {
			t.Errorf("safeFilename(%q) = %q, want %q", in, got, want)
		}
	}
}

// The file name suggested by the server is sanitised, including one given in
// RFC 2231 form (filename*), which the MIME parser decodes.
func TestDownloadFilenameSanitised(t *testing.T) {
	for cd, want := range map[string]string{
		`attachment; filename="../../.ssh/authorized_keys"`:      "authorized_keys",
		`attachment; filename*=UTF-8''..%2F..%2Fx%0A.txt`:        "x.txt",
		`attachment; filename="report.csv"`:                      "report.csv",
		`attachment; filename=".."`:                              "",
		`inline`:                                                 "",
		`attachment; filename*=UTF-8''%E2%80%AEfdp.exe`:          "fdp.exe",
		`attachment; filename="C:\\Windows\\System32\\evil.dll"`: "evil.dll",
	} {
		srv := downloadServer(t, 10, map[string]string{"Content-Disposition": cd})
		c, _ := coreClient(t, srv.URL)
		d, err := c.DataExport.Download(context.Background(), "job1")
		if err != nil {
			t.Fatal(err)
		}
		d.Close()
		if d.Filename != want {
			t.Errorf("Content-Disposition %s: Filename %q, want %q", cd, d.Filename, want)
		}
	}
}
