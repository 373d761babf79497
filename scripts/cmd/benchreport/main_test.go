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
BenchmarkPerfGetPaired-2  100  300000 ns/op  100000 baseline-ns/call  110000 raw-ns/call  104000 sdk-ns/call
BenchmarkPerfCreate/impl=baseline-2  100  150000 ns/op  1.000 writes/op  16000 B/op  267 allocs/op
BenchmarkPerfCreate/impl=facade-2    100  155000 ns/op  1.000 writes/op  17000 B/op  280 allocs/op
BenchmarkPerfCreatePaired-2  100  300000 ns/op  150000 baseline-ns/call  154500 sdk-ns/call
BenchmarkPerfIterate-2  1  1 ns/op  20000 baseline-items/s  19000 sdk-items/s
BenchmarkPerfIterateHeap/impl=baseline/items=10000-2   1  1 ns/op  4000000 peak-heap-B
BenchmarkPerfIterateHeap/impl=baseline/items=100000-2  1  1 ns/op  4400000 peak-heap-B
BenchmarkPerfIterateHeap/impl=iterator/items=10000-2   1  1 ns/op  4100000 peak-heap-B
BenchmarkPerfIterateHeap/impl=iterator/items=100000-2  1  1 ns/op  4600000 peak-heap-B
BenchmarkPerfConcurrent-2  1  1 ns/op  15000 baseline-calls/s  64 baseline-conns/op  14800 sdk-calls/s  64 sdk-conns/op
BenchmarkPerfRetry429/path=ok-2     100  120000 ns/op  250 allocs/op
BenchmarkPerfRetry429/path=retry-2  100  300000 ns/op  330 allocs/op
BenchmarkPerfRetry429Paired-2  100  1 ns/op  120000 ok-ns/call  300000 retry-ns/call
BenchmarkPerfDownload-2  5  1 ns/op  1100 baseline-MB/s  1900000 baseline-peak-heap-B  1050 sdk-MB/s  2000000 sdk-peak-heap-B
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
	if l := line(t, rep, "retry: one 429 then 200, vs one 200 (wait stubbed, paired)"); !strings.Contains(l, "2.50×") || !strings.HasSuffix(l, "| MISSED |") {
		t.Errorf("a 2.5× retry must miss a ≤ 2× budget: %s", l)
	}
	if l := line(t, rep, "create: time (Contacts.Create, paired)"); !strings.Contains(l, "1.03×") || !strings.HasSuffix(l, "| met |") {
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
		if !strings.Contains(l, "BenchmarkPerfDownload-") {
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
	if l := line(t, rep, "create: time (Contacts.Create, paired)"); !strings.HasSuffix(l, "| MISSED |") {
		t.Errorf("1.07× must miss ≤ 1.05×: %s", l)
	}
}
