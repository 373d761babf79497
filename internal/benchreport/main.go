// Command benchreport runs the performance suite of package intercom (the BenchmarkPerf*
// benchmarks) and prints the medians as ratios against the baseline measured in the same
// run, with the budgets of BENCHMARKS.md. It is what `make bench` runs:
//
//	go run ./internal/benchreport -count 5
//
// The raw `go test -bench` output is kept in .build/bench.txt (benchstat reads it).
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
	flag.Parse()
	out, err := run(*in, *bench, *count)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(1)
	}
	res := parse(out)
	if len(res) == 0 {
		fmt.Fprintln(os.Stderr, "benchreport: no benchmark results")
		os.Exit(1)
	}
	report(os.Stdout, res, *count)
}

func run(in, bench string, count int) ([]byte, error) {
	if in != "" {
		return os.ReadFile(in)
	}
	args := []string{"test", "./intercom/", "-run", "^$", "-bench", bench, "-benchmem", "-count", strconv.Itoa(count), "-timeout", "60m"}
	fmt.Fprintf(os.Stderr, "running: go %s\n", strings.Join(args, " "))
	cmd := exec.Command("go", args...)
	var buf bytes.Buffer
	cmd.Stdout = io.MultiWriter(&buf, os.Stderr)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, err
	}
	_ = os.MkdirAll(".build", 0o755)
	_ = os.WriteFile(filepath.Join(".build", "bench.txt"), buf.Bytes(), 0o644)
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

func report(w io.Writer, r results, count int) {
	fmt.Fprintf(w, "\nintercom-go performance report — %s, %s/%s, %d CPUs, %s, medians of %d runs\n\n",
		time.Now().UTC().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), count)
	fmt.Fprintf(w, "| measure | baseline | SDK | ratio / difference | budget | verdict |\n|---|---|---|---|---|---|\n")
	row := func(measure string, base, sdk float64, unit string, ratio float64, ratioFmt, budget string, ok bool) {
		verdict := "met"
		if !ok {
			verdict = "MISSED"
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", measure, num(base, unit), num(sdk, unit), fmt.Sprintf(ratioFmt, ratio), budget, verdict)
	}
	const get = "BenchmarkPerfGet/impl="
	bt, ft, rt := r.median(get+"baseline", "ns/op"), r.median(get+"facade", "ns/op"), r.median(get+"raw", "ns/op")
	ba, fa, ra := r.median(get+"baseline", "allocs/op"), r.median(get+"facade", "allocs/op"), r.median(get+"raw", "allocs/op")
	bb, fb := r.median(get+"baseline", "B/op"), r.median(get+"facade", "B/op")
	if bt > 0 {
		row("single call: time (Contacts.Get)", bt, ft, "ns", ft/bt, "%.2f×", "≤ 1.10×", ft/bt <= 1.10)
		row("single call: allocations", ba, fa, "allocs", fa-ba, "%+.0f", "≤ +20", fa-ba <= 20)
		row("single call: bytes", bb, fb, "B", fb/bb, "%.2f×", "—", true)
		row("single call: raw generated client time", bt, rt, "ns", rt/bt, "%.2f×", "—", true)
		row("single call: raw generated client allocations", ba, ra, "allocs", ra-ba, "%+.0f", "—", true)
	}
	const it = "BenchmarkPerfIterate/impl="
	bi, ii := r.median(it+"baseline", "items/s"), r.median(it+"iterator", "items/s")
	if bi > 0 {
		row("iteration: 100,000 contacts, pages of 150", bi, ii, "items/s", ii/bi, "%.2f×", "≥ 0.90×", ii/bi >= 0.9)
	}
	const hp = "BenchmarkPerfIterateHeap/items="
	h10, h100 := r.median(hp+"10000", "peak-heap-B"), r.median(hp+"100000", "peak-heap-B")
	if h10 > 0 {
		row("iteration: peak heap, 10,000 → 100,000 items", h10, h100, "B", h100/h10, "%.2f×", "≤ 1.20×", h100/h10 <= 1.2)
	}
	const cc = "BenchmarkPerfConcurrent/impl="
	bc, fc := r.median(cc+"baseline", "calls/s"), r.median(cc+"facade", "calls/s")
	bn, fn := r.median(cc+"baseline", "conns/op"), r.median(cc+"facade", "conns/op")
	if bc > 0 {
		row("concurrency: 64 goroutines × 200 calls", bc, fc, "calls/s", fc/bc, "%.2f×", "—", true)
		row("concurrency: TCP connections accepted", bn, fn, "conns", fn, "%.0f", "≤ 68", fn <= 68)
	}
	const rp = "BenchmarkPerfRetry429/path="
	ot, rt2 := r.median(rp+"ok", "ns/op"), r.median(rp+"retry", "ns/op")
	oa, ra2 := r.median(rp+"ok", "allocs/op"), r.median(rp+"retry", "allocs/op")
	if ot > 0 {
		row("retry: one 429 then 200 vs one 200 (wait stubbed)", ot, rt2, "ns", rt2/ot, "%.2f×", "≈ 2× (one extra round trip)", rt2/ot <= 2.5)
		row("retry: allocations", oa, ra2, "allocs", ra2-oa, "%+.0f", "—", true)
	}
	fmt.Fprintln(w, "\nBaseline: hand-written net/http GET + encoding/json into the same generated type (a cloned")
	fmt.Fprintln(w, "default transport; for the concurrency row Go's defaults, 2 idle connections per host).")
}

func num(v float64, unit string) string {
	switch {
	case v >= 1e6:
		return fmt.Sprintf("%.2fM %s", v/1e6, unit)
	case v >= 1e4:
		return fmt.Sprintf("%.1fk %s", v/1e3, unit)
	default:
		return fmt.Sprintf("%.0f %s", v, unit)
	}
}
