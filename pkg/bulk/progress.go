package bulk

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Progress is a report on a running job; see [Job.Progress].
type Progress struct {
	// Done, Failed, Skipped and NotStarted count the items that ended so
	// far, by status; InFlight the items running now.
	Done, Failed, Skipped, NotStarted, InFlight int
	// Total is Job.Total: the number of items in the input, or 0 when
	// unknown.
	Total int
	// Calls counts the HTTP requests sent so far (retries included),
	// Retries the attempts followed by another, RateLimited the 429
	// responses.
	Calls, Retries, RateLimited int64
	// Elapsed is the time since the run started, on Job.Clock.
	Elapsed time.Duration
	// CallsPerSecond and ItemsPerSecond are the average rates since the
	// start (items: done and failed).
	CallsPerSecond, ItemsPerSecond float64
	// ETA estimates the time left at the current item rate; 0 when it is
	// unknown (no Total, nothing finished yet) or at the end.
	ETA time.Duration
	// Final marks the last report of a run.
	Final bool
}

// String returns the report as one line, e.g.
//
//	[=========>          ]  48%  4,811/10,000  done 4,713  failed 98  in flight 16  94.8 calls/s  429s 0  ETA 54s
//
// Without a Total the bar, the percentage and the estimate are left out.
func (p Progress) String() string {
	var b strings.Builder
	finished := p.Done + p.Failed + p.Skipped + p.NotStarted
	if p.Total > 0 {
		frac := min(float64(finished)/float64(p.Total), 1)
		const width = 20
		fill := int(frac * width)
		b.WriteByte('[')
		for i := range width {
			switch {
			case i < fill:
				b.WriteByte('=')
			case i == fill && fill < width:
				b.WriteByte('>')
			default:
				b.WriteByte(' ')
			}
		}
		fmt.Fprintf(&b, "] %3d%%  %s/%s", int(frac*100), group(finished), group(p.Total))
	} else {
		fmt.Fprintf(&b, "%s items", group(finished))
	}
	fmt.Fprintf(&b, "  done %s  failed %s", group(p.Done), group(p.Failed))
	if p.Skipped > 0 {
		fmt.Fprintf(&b, "  skipped %s", group(p.Skipped))
	}
	if p.NotStarted > 0 {
		fmt.Fprintf(&b, "  not started %s", group(p.NotStarted))
	}
	fmt.Fprintf(&b, "  in flight %d  %.1f calls/s  429s %s", p.InFlight, p.CallsPerSecond, group(int(p.RateLimited)))
	switch {
	case p.Final:
		fmt.Fprintf(&b, "  in %v", roundDuration(p.Elapsed))
	case p.Total > 0 && p.ETA > 0:
		fmt.Fprintf(&b, "  ETA %v", roundDuration(p.ETA))
	case p.Total > 0:
		b.WriteString("  ETA -")
	}
	return b.String()
}

// roundDuration keeps a duration readable: whole seconds from 10 s up.
func roundDuration(d time.Duration) time.Duration {
	if d >= 10*time.Second {
		return d.Round(time.Second)
	}
	return d.Round(100 * time.Millisecond)
}

// group writes n with thousands separators: 12,345.
func group(n int) string {
	if n < 0 {
		return "-" + group(-n)
	}
	s := strconv.Itoa(n)
	var b strings.Builder
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// ProgressLine returns a [Job.Progress] function that prints each report
// to w as [Progress.String] does. On a terminal the line rewrites itself in
// place (a carriage return, then the line, then "erase to end of line") and
// the final report ends it with a newline; elsewhere (a file, a pipe, a CI
// log) each report is a line of its own. It is safe for concurrent use.
func ProgressLine(w io.Writer) func(Progress) {
	return progressLine(w, isTerminal(w))
}

func progressLine(w io.Writer, terminal bool) func(Progress) {
	var mu sync.Mutex
	return func(p Progress) {
		mu.Lock()
		defer mu.Unlock()
		line := p.String()
		switch {
		case !terminal:
			_, _ = io.WriteString(w, line+"\n")
		case p.Final:
			_, _ = io.WriteString(w, "\r"+line+"\x1b[K\n")
		default:
			_, _ = io.WriteString(w, "\r"+line+"\x1b[K")
		}
	}
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
