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
	// Done, Failed, Skipped, NotStarted and Unknown (OutcomeUnknown) count
	// the items that ended so far, by status; InFlight the items running
	// now.
	Done, Failed, Skipped, NotStarted, Unknown, InFlight int
	// Total is Job.Total: the number of items in the input, or 0 when
	// unknown.
	Total int
	// Calls counts the HTTP requests sent so far (retries included),
	// Retries the attempts followed by another, RateLimited the 429
	// responses.
	Calls, Retries, RateLimited int64
	// Elapsed is the time since the run started, on Job.Clock.
	Elapsed time.Duration
	// CallsPerSecond and ItemsPerSecond are the current rates, over about
	// the last [RateWindow] (items: those that ended done, failed or of
	// unknown outcome); in the final report, the averages of the run.
	CallsPerSecond, ItemsPerSecond float64
	// ETA estimates the time left at the current item rate; 0 when it is
	// unknown (no Total, nothing finished lately) or at the end.
	ETA time.Duration
	// Final marks the last report of a run.
	Final bool
}

// String returns the report as one line, e.g.
//
//	[=========>          ]  48%  4,811/10,000  done 4,713  failed 98  in flight 16  94.8 calls/s  429s 0  ETA 54s
//
// Without a Total the bar, the percentage and the estimate are left out.
// It is Format(0): the line is as long as it needs.
func (p Progress) String() string { return p.Format(0) }

// barWidth is the width of the progress bar, between its brackets, when
// the line has room for it.
const barWidth = 20

// Format returns the report as one line of at most width characters (no
// limit when width <= 0). When the whole line does not fit, the bar
// shrinks, then the parts that matter least go first: skipped and not
// started, 429s, in flight, the bar, the count of items, the rate; the
// percentage, the counts of done, failed and unknown items and the
// estimate stay as long as they fit.
func (p Progress) Format(width int) string {
	finished := p.Done + p.Failed + p.Skipped + p.NotStarted + p.Unknown
	frac := 0.0
	if p.Total > 0 {
		frac = min(float64(finished)/float64(p.Total), 1)
	}
	// Parts in the order they print, each with its drop rank (0: never).
	type part struct {
		text string
		drop int
	}
	var parts []part
	add := func(drop int, format string, args ...any) {
		parts = append(parts, part{fmt.Sprintf(format, args...), drop})
	}
	barAt := -1
	if p.Total > 0 {
		barAt = len(parts)
		add(4, "")
		add(0, "%3d%%", int(frac*100))
		add(5, "%s/%s", group(finished), group(p.Total))
	} else {
		add(0, "%s items", group(finished))
	}
	add(0, "done %s", group(p.Done))
	add(0, "failed %s", group(p.Failed))
	if p.Unknown > 0 {
		add(0, "unknown %s", group(p.Unknown))
	}
	if p.Skipped > 0 {
		add(1, "skipped %s", group(p.Skipped))
	}
	if p.NotStarted > 0 {
		add(1, "not started %s", group(p.NotStarted))
	}
	add(3, "in flight %d", p.InFlight)
	add(6, "%.1f calls/s", p.CallsPerSecond)
	add(2, "429s %s", group(int(p.RateLimited)))
	switch {
	case p.Final:
		add(0, "in %v", roundDuration(p.Elapsed))
	case p.Total > 0 && p.ETA > 0:
		add(0, "ETA %v", roundDuration(p.ETA))
	case p.Total > 0:
		add(0, "ETA -")
	}

	join := func(bar int) string {
		var b strings.Builder
		for i, pt := range parts {
			if pt.drop < 0 {
				continue
			}
			if b.Len() > 0 {
				if i == barAt+1 && bar > 0 {
					b.WriteString(" ")
				} else {
					b.WriteString("  ")
				}
			}
			if i == barAt {
				if bar > 0 {
					writeBar(&b, frac, bar)
				}
				continue
			}
			if b.Len() == 0 {
				b.WriteString(strings.TrimLeft(pt.text, " "))
			} else {
				b.WriteString(pt.text)
			}
		}
		return b.String()
	}
	bar := 0
	if barAt >= 0 {
		bar = barWidth
	}
	line := join(bar)
	if width <= 0 || len(line) <= width {
		return line
	}
	// Shrink the bar to no less than 10, then drop parts by rank.
	if bar > 0 {
		bar = max(10, bar-(len(line)-width))
		if line = join(bar); len(line) <= width {
			return line
		}
	}
	for rank := 1; rank <= 6; rank++ {
		for i := range parts {
			if parts[i].drop == rank {
				parts[i].drop = -1
				if i == barAt {
					bar = 0
				}
			}
		}
		if line = join(bar); len(line) <= width {
			return line
		}
	}
	return line[:width]
}

// writeBar writes a bar of width cells, frac of them full, in brackets.
func writeBar(b *strings.Builder, frac float64, width int) {
	fill := int(frac * float64(width))
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
	b.WriteByte(']')
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

// DefaultWidth is the width of a progress line when the terminal's width
// is unknown (not a terminal, and no COLUMNS in the environment).
const DefaultWidth = 80

// ProgressLine returns a [Job.Progress] function that prints each report
// to w as [Progress.Format] does, cut to fit the terminal: its width as
// the terminal reports it at each report (so a resize is followed), else
// the COLUMNS environment variable, else [DefaultWidth]; one column is
// kept free so that the terminal never wraps the line. On a terminal the
// line rewrites itself in place (a carriage return, then the line, then
// "erase to end of line") and the final report ends it with a newline;
// elsewhere (a file, a pipe, a CI log) each report is a line of its own.
// It is safe for concurrent use.
func ProgressLine(w io.Writer) func(Progress) {
	return progressLine(w, isTerminal(w), func() int { return lineWidth(w) })
}

// ProgressLineWidth is [ProgressLine] with a fixed width in columns
// (width <= 0: no limit).
func ProgressLineWidth(w io.Writer, width int) func(Progress) {
	return progressLine(w, isTerminal(w), func() int { return width })
}

func progressLine(w io.Writer, terminal bool, width func() int) func(Progress) {
	var mu sync.Mutex
	return func(p Progress) {
		mu.Lock()
		defer mu.Unlock()
		line := p.Format(width())
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

// lineWidth is the width a progress line written to w may take.
func lineWidth(w io.Writer) int {
	cols := 0
	if f, ok := w.(*os.File); ok {
		cols = terminalWidth(f)
	}
	if cols <= 0 {
		cols, _ = strconv.Atoi(os.Getenv("COLUMNS"))
	}
	if cols <= 0 {
		cols = DefaultWidth
	}
	return max(cols-1, 1)
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
