package main

import (
	"bytes"
	"strings"
	"testing"
)

// sample is `go test -bench` output with every benchmark the report reads.
const sample = `goos: linux
BenchmarkPerfGet/impl=baseline-2   100  100000 ns/op  15000 B/op  240 allocs/op
BenchmarkPerfGet/impl=baseline-2   100  102000 ns/op  15000 B/op  240 allocs/op
BenchmarkPerfGet/impl=facade-2     100  105000 ns/op  16000 B/op  250 allocs/op
BenchmarkPerfGet/impl=raw-2        100  110000 ns/op  16500 B/op  260 allocs/op
BenchmarkPerfCreate/impl=baseline-2  100  150000 ns/op  1.000 writes/op  16000 B/op  267 allocs/op
BenchmarkPerfCreate/impl=facade-2    100  155000 ns/op  1.000 writes/op  17000 B/op  280 allocs/op
BenchmarkPerfCreatePaired-2  100  300000 ns/op  150000 baseline-ns/call  1.03 ratio  154500 sdk-ns/call
BenchmarkPerfIterate/impl=baseline-2  1  1 ns/op  20000 items/s
BenchmarkPerfIterate/impl=iterator-2  1  1 ns/op  19000 items/s
BenchmarkPerfIterateHeap/impl=baseline/items=10000-2   1  1 ns/op  4000000 peak-heap-B
BenchmarkPerfIterateHeap/impl=baseline/items=100000-2  1  1 ns/op  4400000 peak-heap-B
BenchmarkPerfIterateHeap/impl=iterator/items=10000-2   1  1 ns/op  4100000 peak-heap-B
BenchmarkPerfIterateHeap/impl=iterator/items=100000-2  1  1 ns/op  4600000 peak-heap-B
BenchmarkPerfConcurrent/impl=baseline-2  1  1 ns/op  15000 calls/s  64 conns/op
BenchmarkPerfConcurrent/impl=facade-2    1  1 ns/op  14800 calls/s  64 conns/op
BenchmarkPerfRetry429/path=ok-2     100  120000 ns/op  250 allocs/op
BenchmarkPerfRetry429/path=retry-2  100  300000 ns/op  330 allocs/op
BenchmarkPerfDownload/impl=baseline-2  5  1 ns/op  1100 MB/s  1900000 peak-heap-B
BenchmarkPerfDownload/impl=facade-2    5  1 ns/op  1050 MB/s  2000000 peak-heap-B
`

func reportOf(t *testing.T, out string) (string, int) {
	t.Helper()
	var b bytes.Buffer
	missed := report(&b, parse([]byte(out)), 1)
	return b.String(), missed
}

func line(t *testing.T, report, measure string) string {
	t.Helper()
	for _, l := range strings.Split(report, "\n") {
		if strings.HasPrefix(l, "| "+measure+" |") {
			return l
		}
	}
	t.Fatalf("no row %q in\n%s", measure, report)
	return ""
}

func TestReportComputesEveryVerdict(t *testing.T) {
	rep, missed := reportOf(t, sample)
	if missed != 1 {
		t.Errorf("%d missed, want 1 (the retry at 2.5×):\n%s", missed, rep)
	}
	if l := line(t, rep, "retry: one 429 then 200, vs one 200 (wait stubbed)"); !strings.Contains(l, "2.50×") || !strings.HasSuffix(l, "| MISSED |") {
		t.Errorf("a 2.5× retry must miss a ≤ 2× budget: %s", l)
	}
	if l := line(t, rep, "create: time (Contacts.Create, paired in one loop)"); !strings.Contains(l, "1.03×") || !strings.HasSuffix(l, "| met |") {
		t.Errorf("create row: %s", l)
	}
	// The heap rows compare the SDK with the baseline, as the header says.
	if l := line(t, rep, "iteration: peak heap, 100,000 items"); !strings.Contains(l, "4.40M B | 4.60M B") {
		t.Errorf("heap row: %s", l)
	}
	for _, l := range strings.Split(rep, "\n") {
		if strings.HasPrefix(l, "| ") && !strings.HasPrefix(l, "| measure") && strings.Contains(l, "| — |") {
			t.Errorf("a row without a budget: %s", l)
		}
	}
}

func TestReportMissingMeasurementIsMissed(t *testing.T) {
	var kept []string
	for _, l := range strings.Split(sample, "\n") {
		if !strings.Contains(l, "BenchmarkPerfDownload/impl=facade") {
			kept = append(kept, l)
		}
	}
	rep, _ := reportOf(t, strings.Join(kept, "\n"))
	if l := line(t, rep, "download: 200 MB export, peak heap"); !strings.HasSuffix(l, "| MISSED (not measured) |") {
		t.Errorf("a row whose benchmark did not run must not pass: %s", l)
	}
}

func TestReportBudgetsFromData(t *testing.T) {
	worse := strings.Replace(sample, "154500 sdk-ns/call", "160000 sdk-ns/call", 1)
	rep, _ := reportOf(t, worse)
	if l := line(t, rep, "create: time (Contacts.Create, paired in one loop)"); !strings.HasSuffix(l, "| MISSED |") {
		t.Errorf("1.07× must miss ≤ 1.05×: %s", l)
	}
}
