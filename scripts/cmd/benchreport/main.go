// Command benchreport runs the performance suite of package intercom (the BenchmarkPerf*
// benchmarks) and prints the medians as ratios against the baseline measured in the same
// run, with the budgets of BENCHMARKS.md. It is what `make bench` runs (from the scripts
// module, -root naming the repository):
//
//	cd scripts && go run ./cmd/benchreport -root .. -count 5
//
// The raw `go test -bench` output is kept in ROOT/.build/bench.txt (benchstat reads it).
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

func main() {
	count := flag.Int("count", 5, "runs of each benchmark (the report uses medians)")
	bench := flag.String("bench", "^BenchmarkPerf", "benchmark regexp")
	in := flag.String("in", "", "read this saved `go test -bench` output instead of running")
	root := flag.String("root", ".", "the repository root (where ./intercom/ is)")
	flag.Parse()
	out, err := run(*root, *in, *bench, *count)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(1)
	}
	res := parse(out)
	if len(res) == 0 {
		fmt.Fprintln(os.Stderr, "benchreport: no benchmark results")
		os.Exit(1)
	}
	if missed := report(os.Stdout, res, *count); missed > 0 {
		fmt.Fprintf(os.Stderr, "benchreport: %d budget(s) missed\n", missed)
	}
}

func run(root, in, bench string, count int) ([]byte, error) {
	if in != "" {
		return os.ReadFile(in)
	}
	args := []string{"test", "./intercom/", "-run", "^$", "-bench", bench, "-benchmem", "-count", strconv.Itoa(count), "-timeout", "60m"}
	fmt.Fprintf(os.Stderr, "running: go %s\n", strings.Join(args, " "))
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	var buf bytes.Buffer
	cmd.Stdout = io.MultiWriter(&buf, os.Stderr)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, err
	}
	_ = os.MkdirAll(filepath.Join(root, ".build"), 0o755)
	_ = os.WriteFile(filepath.Join(root, ".build", "bench.txt"), buf.Bytes(), 0o644)
	return buf.Bytes(), nil
}

// results maps a benchmark name (without the -N suffix) to unit → samples.
type results map[string]map[string][]float64

var lineRE = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)

func parse(out []byte) results {
	res := results{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		m := lineRE.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		f := strings.Fields(m[2])
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			if res[m[1]] == nil {
				res[m[1]] = map[string][]float64{}
			}
			res[m[1]][f[i+1]] = append(res[m[1]][f[i+1]], v)
		}
	}
	return res
}

func (r results) median(name, unit string) float64 {
	s := append([]float64(nil), r[name][unit]...)
	if len(s) == 0 {
		return 0
	}
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// budget is the rule a row's measured values must meet.
type budget struct {
	text string                       // as printed, e.g. "≤ 1.10×"
	ok   func(base, sdk float64) bool // the verdict, from the measured values only
}

// ratioAtMost: sdk/base ≤ max.
func ratioAtMost(max float64) budget {
	return budget{fmt.Sprintf("≤ %.2f×", max), func(b, s float64) bool { return b > 0 && s/b <= max }}
}

// ratioAtLeast: sdk/base ≥ min (for rates, where more is better).
func ratioAtLeast(min float64) budget {
	return budget{fmt.Sprintf("≥ %.2f×", min), func(b, s float64) bool { return b > 0 && s/b >= min }}
}

// diffAtMost: sdk - base ≤ max.
func diffAtMost(max float64, unit string) budget {
	return budget{fmt.Sprintf("≤ %+.0f %s", max, unit), func(b, s float64) bool { return s-b <= max }}
}

// absAtMost: sdk ≤ max, whatever the baseline (an absolute requirement).
func absAtMost(max float64, text string) budget {
	return budget{text, func(_, s float64) bool { return s <= max }}
}

// row is one line of the report: a measure of the baseline and of the SDK in
// the same run, and its budget.
type row struct {
	measure   string
	base, sdk float64
	unit      string
	diff      bool // show sdk - base rather than sdk/base
	budget    budget
}

// verdict computes the verdict of a row from its measured values. A value
// that was not measured (a benchmark missing from the output) fails.
func (r row) verdict() string {
	switch {
	case r.base <= 0 || r.sdk <= 0:
		return "MISSED (not measured)"
	case r.budget.ok(r.base, r.sdk):
		return "met"
	}
	return "MISSED"
}

func (r row) change() string {
	if r.base <= 0 || r.sdk <= 0 {
		return "—"
	}
	if r.diff {
		return fmt.Sprintf("%+.0f", r.sdk-r.base)
	}
	return fmt.Sprintf("%.2f×", r.sdk/r.base)
}

// rows builds every row from the medians. Every row compares the SDK with
// the baseline measured in the same run, as the table's header says.
func rows(r results) []row {
	const (
		get        = "BenchmarkPerfGet/impl="
		getP       = "BenchmarkPerfGetPaired"
		it         = "BenchmarkPerfIterate"
		hp         = "BenchmarkPerfIterateHeap/impl="
		cc         = "BenchmarkPerfConcurrent"
		rp         = "BenchmarkPerfRetry429/path="
		rpP        = "BenchmarkPerfRetry429Paired"
		cr         = "BenchmarkPerfCreate/impl="
		crP        = "BenchmarkPerfCreatePaired"
		dl         = "BenchmarkPerfDownload"
		pairedNote = ", paired"
	)
	m := r.median
	heapGrowth := func(impl string) float64 {
		small, large := m(hp+impl+"/items=10000", "peak-heap-B"), m(hp+impl+"/items=100000", "peak-heap-B")
		if small <= 0 || large <= 0 {
			return 0
		}
		return large / small
	}
	return []row{
		{"single call: time (Contacts.Get" + pairedNote + ")", m(getP, "baseline-ns/call"), m(getP, "sdk-ns/call"), "ns", false, ratioAtMost(1.10)},
		{"single call: allocations", m(get+"baseline", "allocs/op"), m(get+"facade", "allocs/op"), "allocs", true, diffAtMost(20, "allocs")},
		{"single call: bytes allocated", m(get+"baseline", "B/op"), m(get+"facade", "B/op"), "B", false, ratioAtMost(1.15)},
		{"single call: raw generated client time" + pairedNote, m(getP, "baseline-ns/call"), m(getP, "raw-ns/call"), "ns", false, ratioAtMost(1.25)},
		{"single call: raw generated client allocations", m(get+"baseline", "allocs/op"), m(get+"raw", "allocs/op"), "allocs", true, diffAtMost(30, "allocs")},
		{"create: time (Contacts.Create" + pairedNote + ")", m(crP, "baseline-ns/call"), m(crP, "sdk-ns/call"), "ns", false, ratioAtMost(1.05)},
		{"create: allocations", m(cr+"baseline", "allocs/op"), m(cr+"facade", "allocs/op"), "allocs", true, diffAtMost(20, "allocs")},
		{"create: TCP writes per POST", m(cr+"baseline", "writes/op"), m(cr+"facade", "writes/op"), "writes", false, absAtMost(1, "1 write")},
		{"iteration: 100,000 contacts, pages of 150" + pairedNote, m(it, "baseline-items/s"), m(it, "sdk-items/s"), "items/s", false, ratioAtLeast(0.90)},
		{"iteration: peak heap, 100,000 items", m(hp+"baseline/items=100000", "peak-heap-B"), m(hp+"iterator/items=100000", "peak-heap-B"), "B", false, ratioAtMost(1.20)},
		{"iteration: heap growth 10,000 → 100,000 items (×)", heapGrowth("baseline"), heapGrowth("iterator"), "×", false, ratioAtMost(1.20)},
		{"concurrency: 64 goroutines × 200 calls" + pairedNote, m(cc, "baseline-calls/s"), m(cc, "sdk-calls/s"), "calls/s", false, ratioAtLeast(0.90)},
		{"concurrency: TCP connections accepted", m(cc, "baseline-conns/op"), m(cc, "sdk-conns/op"), "conns", true, diffAtMost(4, "conns")},
		{"retry: one 429 then 200, vs one 200 (wait stubbed" + pairedNote + ")", m(rpP, "ok-ns/call"), m(rpP, "retry-ns/call"), "ns", false, ratioAtMost(2.00)},
		{"retry: allocations, vs one 200", m(rp+"ok", "allocs/op"), m(rp+"retry", "allocs/op"), "allocs", false, ratioAtMost(2.00)},
		{"download: 200 MB export, throughput" + pairedNote, m(dl, "baseline-MB/s"), m(dl, "sdk-MB/s"), "MB/s", false, ratioAtLeast(0.90)},
		{"download: 200 MB export, peak heap", m(dl, "baseline-peak-heap-B"), m(dl, "sdk-peak-heap-B"), "B", false, absAtMost(32<<20, "< 32 MiB")},
	}
}

func report(w io.Writer, r results, count int) (missed int) {
	fmt.Fprintf(w, "\nintercom-go performance report — %s, %s/%s, %d CPUs, %s, medians of %d runs\n\n",
		time.Now().UTC().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), count)
	fmt.Fprintf(w, "| measure | baseline | SDK | ratio / difference | budget | verdict |\n|---|---|---|---|---|---|\n")
	for _, x := range rows(r) {
		v := x.verdict()
		if v != "met" {
			missed++
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", x.measure, num(x.base, x.unit), num(x.sdk, x.unit), x.change(), x.budget.text, v)
	}
	fmt.Fprintln(w, "\nBaseline: hand-written net/http + encoding/json on a transport built by the same function as")
	fmt.Fprintln(w, "the SDK's default one (64 idle connections per host), doing the same work. \"Paired\" rows time")
	fmt.Fprintln(w, "both sides in one loop, alternating, so they share the machine's load. Retry rows compare the")
	fmt.Fprintln(w, "SDK with itself: one 429 then 200 against one 200.")
	return missed
}

func num(v float64, unit string) string {
	switch {
	case v <= 0:
		return "—"
	case unit == "×":
		return fmt.Sprintf("%.2f×", v)
	case v >= 1e6:
		return fmt.Sprintf("%.2fM %s", v/1e6, unit)
	case v >= 1e4:
		return fmt.Sprintf("%.1fk %s", v/1e3, unit)
	default:
		return fmt.Sprintf("%.0f %s", v, unit)
	}
}
