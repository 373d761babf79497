package bulk

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestProgressLineModes(t *testing.T) {
	p := Progress{Done: 1, Total: 2}
	var term, plain bytes.Buffer
	noLimit := func() int { return 0 }
	tl, pl := progressLine(&term, true, noLimit), progressLine(&plain, false, noLimit)
	tl(p)
	pl(p)
	p.Done, p.Final = 2, true
	tl(p)
	pl(p)
	line1, line2 := Progress{Done: 1, Total: 2}.String(), p.String()
	if want := "\r" + line1 + "\x1b[K\r" + line2 + "\x1b[K\n"; term.String() != want {
		t.Errorf("terminal output %q, want %q", term.String(), want)
	}
	if want := line1 + "\n" + line2 + "\n"; plain.String() != want {
		t.Errorf("plain output %q, want %q", plain.String(), want)
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) || isTerminal(&plain) {
		t.Error("a regular file or a buffer taken for a terminal")
	}
}

func TestGroup(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 123456: "123,456", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := group(n); got != want {
			t.Errorf("group(%d) = %q, want %q", n, got, want)
		}
	}
}
