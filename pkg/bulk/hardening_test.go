package bulk_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/bulk"
)

// TestPanicFailsOnlyItsItem: a panic in Do fails that item with a
// *PanicError (value and stack kept); the other items finish, the run ends
// normally, and the checkpoint holds exactly the done items.
func TestPanicFailsOnlyItsItem(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cp")
	cp, err := bulk.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	job := bulk.Job[int]{
		Workers:    4,
		Key:        itoa,
		Checkpoint: cp,
		Do: func(_ context.Context, _ *intercom.Client, i int) error {
			switch i {
			case 7:
				panic("item 7 is cursed")
			case 13:
				panic(boom)
			}
			return nil
		},
	}
	sum, err := job.Run(ctx, offlineClient(t), ints(40))
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if sum.Done != 38 || sum.Failed != 2 {
		t.Fatalf("summary %v, want 38 done and the 2 panicking items failed", sum)
	}
	for _, f := range sum.Failures {
		var pe *bulk.PanicError
		if !errors.As(f.Err, &pe) || len(pe.Stack) == 0 {
			t.Errorf("item %s: error %v, want a *PanicError with a stack", f.Key, f.Err)
			continue
		}
		switch f.Key {
		case "7":
			if pe.Value != "item 7 is cursed" || !strings.Contains(pe.Error(), "cursed") {
				t.Errorf("item 7: %v", pe)
			}
		case "13":
			if !errors.Is(f.Err, boom) {
				t.Errorf("item 13: %v does not unwrap to the panic's error", f.Err)
			}
		}
	}
	if err := cp.Close(); err != nil {
		t.Fatal(err)
	}
	cp, err = bulk.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	for i := range 40 {
		ok, _ := cp.Contains(ctx, itoa(i))
		if want := i != 7 && i != 13; ok != want {
			t.Errorf("checkpoint holds %d: %v, want %v", i, ok, want)
		}
	}
}

// lockHelperEnv makes the test binary, re-executed, open a checkpoint
// file and report the result (TestCheckpointLockedAcrossProcesses).
const lockHelperEnv = "BULK_TEST_OPEN_CHECKPOINT"

func TestCheckpointLockHelper(t *testing.T) {
	path := os.Getenv(lockHelperEnv)
	if path == "" {
		t.Skip("skipping: helper process of TestCheckpointLockedAcrossProcesses")
	}
	cp, err := bulk.OpenFile(path)
	switch {
	case errors.Is(err, bulk.ErrLocked):
		fmt.Println("LOCKED:", err)
	case err != nil:
		fmt.Println("ERROR:", err)
	default:
		fmt.Println("OPENED")
		cp.Close()
	}
}

// TestCheckpointLockedAcrossProcesses: while one process holds a checkpoint
// file, a second process (and a second OpenFile in the same process) is
// refused with ErrLocked and a clear message; after Close it may open it.
func TestCheckpointLockedAcrossProcesses(t *testing.T) {
	switch runtime.GOOS {
	case "linux", "darwin", "freebsd", "netbsd", "openbsd", "dragonfly":
	default:
		t.Skipf("skipping: checkpoint files are not locked on %s", runtime.GOOS)
	}
	path := filepath.Join(t.TempDir(), "cp")
	cp, err := bulk.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	second := func() string {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCheckpointLockHelper$")
		cmd.Env = append(os.Environ(), lockHelperEnv+"="+path)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("helper process: %v\n%s", err, out)
		}
		return string(out)
	}
	if out := second(); !strings.Contains(out, "LOCKED:") || !strings.Contains(out, "in use by another process") {
		t.Errorf("second process opening a held checkpoint: %q, want it refused with ErrLocked", out)
	}
	if cp2, err := bulk.OpenFile(path); !errors.Is(err, bulk.ErrLocked) {
		if cp2 != nil {
			cp2.Close()
		}
		t.Errorf("second OpenFile in the same process: %v, want ErrLocked", err)
	}
	if err := cp.Add(context.Background(), "still mine"); err != nil {
		t.Errorf("the holder's Add after a refused open: %v", err)
	}
	cp.Close()
	if out := second(); !strings.Contains(out, "OPENED") {
		t.Errorf("second process after Close: %q, want it opened", out)
	}
}

// TestCheckpointEmptyFileRefused: a 0-byte file (a checkpoint emptied by a
// crash or a mistake) is refused unless StartFresh is given; it was taken
// for a fresh checkpoint, and every item redone.
func TestCheckpointEmptyFileRefused(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cp")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := bulk.OpenFile(path)
	if !errors.Is(err, bulk.ErrNotCheckpoint) || !strings.Contains(err.Error(), "StartFresh") {
		t.Fatalf("OpenFile of an empty file: %v, want ErrNotCheckpoint naming StartFresh", err)
	}
	if b, _ := os.ReadFile(path); len(b) != 0 {
		t.Errorf("the refused file was written: %q", b)
	}
	cp, err := bulk.OpenFile(path, bulk.StartFresh())
	if err != nil {
		t.Fatalf("StartFresh: %v", err)
	}
	if err := cp.Add(context.Background(), "k"); err != nil {
		t.Fatal(err)
	}
	cp.Close()
	cp, err = bulk.OpenFile(path)
	if err != nil {
		t.Fatalf("reopening the fresh checkpoint: %v", err)
	}
	defer cp.Close()
	if cp.Len() != 1 {
		t.Errorf("Len = %d, want 1", cp.Len())
	}
}

// TestCheckpointForeignFile: a file of another format is refused, unchanged;
// StartFresh replaces it, and also empties a real checkpoint.
func TestCheckpointForeignFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rows.csv")
	const csv = "email,name\nada@example.com,Ada\n"
	if err := os.WriteFile(path, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := bulk.OpenFile(path); !errors.Is(err, bulk.ErrNotCheckpoint) {
		t.Errorf("OpenFile of a CSV file: %v, want ErrNotCheckpoint", err)
	}
	if b, _ := os.ReadFile(path); string(b) != csv {
		t.Error("the refused file was changed")
	}

	cpPath := filepath.Join(dir, "cp")
	cp, _ := bulk.OpenFile(cpPath)
	_ = cp.Add(context.Background(), "a")
	cp.Close()
	cp, err := bulk.OpenFile(cpPath, bulk.StartFresh())
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if cp.Len() != 0 {
		t.Errorf("StartFresh kept %d keys", cp.Len())
	}
}

// TestCheckpointSyncPolicies: every policy keeps the keys across a reopen
// (they are written at each Add); the policies differ only in fsync.
func TestCheckpointSyncPolicies(t *testing.T) {
	for name, p := range map[string]bulk.SyncPolicy{
		"each": bulk.SyncEachAdd, "every": bulk.SyncEvery(time.Hour), "close": bulk.SyncOnClose,
	} {
		path := filepath.Join(t.TempDir(), "cp")
		cp, err := bulk.OpenFile(path, bulk.WithSync(p))
		if err != nil {
			t.Fatal(err)
		}
		for i := range 10 {
			if err := cp.Add(context.Background(), itoa(i)); err != nil {
				t.Fatal(err)
			}
		}
		b, _ := os.ReadFile(path) // before Close: the keys are in the file
		if n := bytes.Count(b, []byte("\n")); n != 11 {
			t.Errorf("%s: %d lines before Close, want 11", name, n)
		}
		cp.Close()
	}
}

// failingLimiter is a rate limiter that cannot be consulted.
type failingLimiter struct{}

var errLimiterDown = errors.New("limiter backend down")

func (failingLimiter) Wait(context.Context) error      { return errLimiterDown }
func (failingLimiter) Observe(int, intercom.RateLimit) {}

// TestRunErrorWhenTheLimiterFails: items failed by the rate limiter are
// counted apart and make Run return an error (it returned nil, with 79% of
// the items failed).
func TestRunErrorWhenTheLimiterFails(t *testing.T) {
	c, err := intercom.NewClient("tok", intercom.WithBaseURL("http://127.0.0.1:1"))
	if err != nil {
		t.Fatal(err)
	}
	job := bulk.Job[int]{
		RateLimiter: failingLimiter{},
		Do: func(ctx context.Context, c *intercom.Client, i int) error {
			_, err := c.Contacts.Get(ctx, "c"+itoa(i))
			return err
		},
	}
	sum, err := job.Run(context.Background(), c, ints(5))
	if !errors.Is(err, bulk.ErrRateLimiter) || !errors.Is(err, errLimiterDown) {
		t.Fatalf("Run error %v, want one wrapping ErrRateLimiter and the limiter's error", err)
	}
	if sum.Failed != 5 || sum.LimiterFailed != 5 || sum.Calls != 0 {
		t.Errorf("summary %v (limiter failed %d), want 5 failed by the limiter and no call sent", sum, sum.LimiterFailed)
	}
}

// TestProgressFitsWidth: the line fits the width it is given, keeping the
// counts and the estimate; ProgressLine without a terminal or COLUMNS cuts
// at 80 columns (79 characters); the bare report is 100+ characters.
func TestProgressFitsWidth(t *testing.T) {
	p := bulk.Progress{Done: 1234567, Failed: 8901, Unknown: 12, Skipped: 345, NotStarted: 6, InFlight: 16,
		Total: 9876543, CallsPerSecond: 166.6, RateLimited: 42, ETA: 3*time.Hour + 5*time.Minute}
	full := p.String()
	if len(full) <= 100 {
		t.Fatalf("the test needs a long line: %d characters", len(full))
	}
	for _, w := range []int{200, 120, 100, 80, 79, 60, 50, 30} {
		got := p.Format(w)
		if len(got) > w {
			t.Errorf("Format(%d) is %d characters: %q", w, len(got), got)
		}
		if w >= 60 {
			for _, must := range []string{"done 1,234,567", "failed 8,901", "unknown 12", "ETA 3h5m0s"} {
				if !strings.Contains(got, must) {
					t.Errorf("Format(%d) = %q lost %q", w, got, must)
				}
			}
		}
		if w >= len(full) && got != full {
			t.Errorf("Format(%d) = %q, want the full line", w, got)
		}
	}
	if got := p.Format(80); !strings.Contains(got, "calls/s") {
		t.Errorf("Format(80) = %q: the rate fits in 80 columns", got)
	}
	// The README's example keeps its bar, count, rate and estimate in 79.
	ex := bulk.Progress{Done: 4713, Failed: 98, InFlight: 16, Total: 10000, CallsPerSecond: 94.8, ETA: 54 * time.Second}
	if got, want := ex.Format(79), "[====>     ]  48%  4,811/10,000  done 4,713  failed 98  94.8 calls/s  ETA 54s"; got != want {
		t.Errorf("Format(79) =\n%q, want\n%q", got, want)
	}

	t.Setenv("COLUMNS", "")
	var buf bytes.Buffer
	bulk.ProgressLine(&buf)(p)
	line := strings.TrimSuffix(buf.String(), "\n")
	if len(line) > 79 || len(line) < 60 {
		t.Errorf("ProgressLine without a terminal: %d characters %q, want at most 79", len(line), line)
	}
	t.Setenv("COLUMNS", "120")
	buf.Reset()
	bulk.ProgressLine(&buf)(p)
	if line := strings.TrimSuffix(buf.String(), "\n"); len(line) > 119 || len(line) <= 79 {
		t.Errorf("ProgressLine with COLUMNS=120: %d characters", len(line))
	}
}
