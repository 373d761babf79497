package bulk_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/pkg/bulk"
)

// BenchmarkFileAdd is the cost of one Add (one key appended) under each
// sync policy, on the file system of the test's temporary directory.
func BenchmarkFileAdd(b *testing.B) {
	for _, p := range []struct {
		name string
		p    bulk.SyncPolicy
	}{{"each", bulk.SyncEachAdd}, {"every-1s", bulk.SyncEvery(time.Second)}, {"on-close", bulk.SyncOnClose}} {
		b.Run(p.name, func(b *testing.B) {
			cp, err := bulk.OpenFile(filepath.Join(b.TempDir(), "cp"), bulk.WithSync(p.p))
			if err != nil {
				b.Fatal(err)
			}
			defer cp.Close()
			ctx := context.Background()
			i := 0
			for b.Loop() {
				if err := cp.Add(ctx, fmt.Sprintf("person%08d@example.com", i)); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkFileMemoryPerKey loads a checkpoint of 200,000 email keys and
// reports the heap it holds per key (B/key).
func BenchmarkFileMemoryPerKey(b *testing.B) {
	const n = 200_000
	path := filepath.Join(b.TempDir(), "cp")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "# intercom-go bulk checkpoint v1")
	for i := range n {
		fmt.Fprintln(w, strconv.Quote(fmt.Sprintf("person%08d@example.com", i)))
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	var perKey float64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		cp, err := bulk.OpenFile(path)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		if cp.Len() != n {
			b.Fatalf("Len = %d", cp.Len())
		}
		perKey = float64(after.HeapAlloc-before.HeapAlloc) / n
		cp.Close()
	}
	b.ReportMetric(perKey, "B/key")
}
