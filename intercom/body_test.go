package intercom

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"
)

// allocatedDuring returns the bytes the process allocated while f ran: an
// upper bound of how much the heap grew (a GC runs first, so little else is
// going on).
func allocatedDuring(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// gzipBomb returns n zero bytes, gzipped (about n/1000 bytes).
func gzipBomb(t testing.TB, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for range n >> 20 {
		if _, err := zw.Write(zeros); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A gzip bomb (64 MiB of zeros in 64 KiB) against an 8 MiB cap: the call
// fails with ErrResponseTooLarge after reading a little over 8 MiB of
// decompressed bytes, and allocates at most the cap plus a fixed buffer (on
// main: the growth of io.ReadAll, about 2.5 times the cap).
func TestGzipBombBoundedHeap(t *testing.T) {
	const limit = 8 << 20
	bomb := gzipBomb(t, 64<<20)
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	})
	c, _ := coreClient(t, srv.URL, WithMaxResponseBytes(limit), WithMaxRetries(0))
	var err error
	alloc := allocatedDuring(func() { _, err = c.Contacts.Get(context.Background(), "c1") })
	if !errors.Is(err, ErrResponseTooLarge) {
		t.Fatalf("err %v, want ErrResponseTooLarge", err)
	}
	bound := uint64(limit + 2*maxChunk + 1<<20)
	t.Logf("gzip bomb (%d KiB inflating to 64 MiB), cap %d MiB: %.1f MiB allocated during the call (bound %.1f MiB)",
		len(bomb)>>10, limit>>20, float64(alloc)/(1<<20), float64(bound)/(1<<20))
	if alloc > bound {
		t.Errorf("allocated %d bytes, want at most the cap plus a fixed buffer (%d)", alloc, bound)
	}
}

// A Content-Length that announces 60 MB when 80 bytes come is not trusted
// for allocation: 8 such calls allocate well under a MiB each (on main each
// reserved the announced 60 MB up front, 480 MB for the 8).
func TestLyingContentLengthNotTrusted(t *testing.T) {
	body := `{"type":"contact","id":"c1","email":"a@example.com","name":"` + strings.Repeat("x", 16) + `"}`
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		conn, rw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		fmt.Fprintf(rw, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 60000000\r\n\r\n%s", body)
		rw.Flush()
		conn.Close()
	})
	c, _ := coreClient(t, srv.URL, WithMaxRetries(0))
	var errs []error
	alloc := allocatedDuring(func() {
		for range 8 {
			_, err := c.Contacts.Get(context.Background(), "c1")
			errs = append(errs, err)
		}
	})
	for _, err := range errs {
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("err %v, want the truncated body's io.ErrUnexpectedEOF", err)
		}
	}
	t.Logf("8 calls announcing 60 MB and sending %d bytes: %.1f KiB allocated in all", len(body), float64(alloc)/1024)
	if alloc > 8*(trustedLength+64<<10) {
		t.Errorf("allocated %d bytes for 8 bodies of %d bytes", alloc, len(body))
	}
}

// Bodies of every size, announced or not, within or over the limit, read
// the same as before; a body exactly at the limit is kept.
func TestReadCappedSizes(t *testing.T) {
	for _, n := range []int{0, 1, firstChunk - 1, firstChunk, firstChunk + 1, 3*firstChunk + 7, trustedLength + 1, maxChunk + 5} {
		src := bytes.Repeat([]byte("abcdefg"), n/7+1)[:n]
		for _, length := range []int64{int64(n), -1} {
			got, err := readCapped(bytes.NewReader(src), length, int64(n))
			if err != nil || !bytes.Equal(got, src) {
				t.Errorf("n %d length %d: %d bytes, %v", n, length, len(got), err)
			}
			if n > 1 {
				if _, err := readCapped(bytes.NewReader(src), -1, int64(n-1)); !errors.Is(err, ErrResponseTooLarge) {
					t.Errorf("n %d over the limit: %v", n, err)
				}
			}
		}
	}
}

// BenchmarkGzipBombDefaultCap reports what a 256 MiB gzip bomb costs against
// the default 64 MiB cap: bytes allocated per call (B/op), an upper bound of
// the heap's growth.
func BenchmarkGzipBombDefaultCap(b *testing.B) {
	bomb := gzipBomb(b, 256<<20)
	srv := coreServer(b, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	})
	c, err := NewClient(coreToken, WithBaseURL(srv.URL), WithMaxRetries(0))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(c.CloseIdleConnections)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := c.Contacts.Get(context.Background(), "c1"); !errors.Is(err, ErrResponseTooLarge) {
			b.Fatal(err)
		}
	}
}
