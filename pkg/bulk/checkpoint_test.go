package bulk_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/intercomkit/intercom-go/pkg/bulk"
)

func TestFileCheckpointPersists(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cp")
	cp, err := bulk.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	keys := []string{"a@example.com", "with\nnewline", `"quoted"`, "ünïcode", "a@example.com"}
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Go(func() {
			if err := cp.Add(ctx, k); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if cp.Len() != 4 {
		t.Errorf("Len = %d, want 4 distinct keys", cp.Len())
	}
	if err := cp.Close(); err != nil {
		t.Fatal(err)
	}
	if err := cp.Add(ctx, "late"); err == nil {
		t.Error("Add after Close: no error")
	}
	if err := cp.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}

	cp, err = bulk.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	for _, k := range keys {
		if ok, err := cp.Contains(ctx, k); !ok || err != nil {
			t.Errorf("reopened: Contains(%q) = %v, %v", k, ok, err)
		}
	}
	if ok, _ := cp.Contains(ctx, "other"); ok {
		t.Error("Contains of a key never added")
	}
	b, _ := os.ReadFile(path)
	if n := strings.Count(string(b), "\n"); n != 5 {
		t.Errorf("file has %d lines, want the header and 4 keys:\n%s", n, b)
	}
}

func TestFileCheckpointTornLastLine(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cp")
	cp, err := bulk.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_ = cp.Add(ctx, "one")
	_ = cp.Add(ctx, "two")
	cp.Close()
	// A crash in the middle of writing the third key.
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	_, _ = f.WriteString(`"thr`)
	f.Close()

	cp, err = bulk.OpenFile(path)
	if err != nil {
		t.Fatalf("a torn last line must be dropped, not refused: %v", err)
	}
	if cp.Len() != 2 {
		t.Errorf("Len = %d, want 2", cp.Len())
	}
	if err := cp.Add(ctx, "three"); err != nil {
		t.Fatal(err)
	}
	cp.Close()
	cp, err = bulk.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if ok, _ := cp.Contains(ctx, "three"); !ok || cp.Len() != 3 {
		t.Errorf("after the torn line was replaced: Len = %d, three recorded: %v", cp.Len(), ok)
	}
}

func TestFileCheckpointRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"not a checkpoint": "email,name\nada@example.com,Ada\n",
		"corrupt line":     "# intercom-go bulk checkpoint v1\n\"ok\"\nnot quoted\n\"ok2\"\n",
	} {
		path := filepath.Join(dir, strconv.Itoa(len(content)))
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if cp, err := bulk.OpenFile(path); err == nil {
			cp.Close()
			t.Errorf("%s: opened without an error", name)
		}
		if b, _ := os.ReadFile(path); string(b) != content {
			t.Errorf("%s: the refused file was changed", name)
		}
	}
	if _, err := bulk.OpenFile(filepath.Join(dir, "no", "such", "dir")); err == nil {
		t.Error("a path in a missing directory: no error")
	}
}
