package bulk

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"
)

// Checkpoint records the keys of the items a job has done, so that a later
// run skips them. The runner calls Contains before it starts an item and Add
// once the item is done; both may be called from several goroutines at once.
// Implementations may keep the keys in a file ([OpenFile]), a database or
// Redis.
type Checkpoint interface {
	// Contains reports whether key was added, in this run or an earlier one.
	Contains(ctx context.Context, key string) (bool, error)
	// Add records that the item with key is done. It should be durable when
	// it returns: a run that stops after Add must not repeat the item.
	Add(ctx context.Context, key string) error
}

// fileHeader is the first line of a checkpoint file.
const fileHeader = "# intercom-go bulk checkpoint v1"

// File is a [Checkpoint] kept in a file: one key a line, quoted as a Go
// string literal, appended as items are done (each Add is one write to the
// file, so the keys survive the process dying; Close syncs them to disk).
// The file holds your items' keys, which may be emails or other personal
// data: keep it where such data may be kept, and remove it when the job is
// finished.
//
// A File is safe for concurrent use; one file must not be opened by two
// processes at once.
type File struct {
	mu   sync.Mutex
	f    *os.File
	keys map[string]struct{}
	err  error // set once a write failed: the file's end is unknown
}

var _ Checkpoint = (*File)(nil)

// OpenFile opens the checkpoint file at path, creating it if it does not
// exist, and loads the keys it holds. A last line cut short by a crash is
// dropped (its item is run again); any other unreadable line is an error.
func OpenFile(path string) (*File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("bulk: checkpoint: %w", err)
	}
	cp := &File{f: f, keys: make(map[string]struct{})}
	if err := cp.load(); err != nil {
		f.Close()
		return nil, fmt.Errorf("bulk: checkpoint %s: %w", path, err)
	}
	return cp, nil
}

// load reads the keys and leaves the file's offset at the end of its last
// whole line, truncating a torn one.
func (cp *File) load() error {
	r := bufio.NewReader(cp.f)
	var good int64 // offset after the last whole line
	line := 0
	for {
		b, err := r.ReadBytes('\n')
		if err == io.EOF {
			if len(b) > 0 {
				// A torn last line: the write of its key did not finish.
				if err := cp.f.Truncate(good); err != nil {
					return err
				}
			}
			break
		}
		if err != nil {
			return err
		}
		line++
		good += int64(len(b))
		text := string(bytes.TrimSuffix(b, []byte("\n")))
		if line == 1 {
			if text != fileHeader {
				return errors.New("not a checkpoint file (its first line is not the checkpoint header)")
			}
			continue
		}
		key, err := strconv.Unquote(text)
		if err != nil {
			return fmt.Errorf("line %d is not a quoted key", line)
		}
		cp.keys[key] = struct{}{}
	}
	if good == 0 {
		if _, err := cp.f.WriteAt([]byte(fileHeader+"\n"), 0); err != nil {
			return err
		}
		good = int64(len(fileHeader) + 1)
	}
	_, err := cp.f.Seek(good, io.SeekStart)
	return err
}

// Contains reports whether key is in the file.
func (cp *File) Contains(_ context.Context, key string) (bool, error) {
	cp.mu.Lock()
	defer cp.mu.Unlock()
	_, ok := cp.keys[key]
	return ok, nil
}

// Add appends key to the file, unless it is there already.
func (cp *File) Add(_ context.Context, key string) error {
	cp.mu.Lock()
	defer cp.mu.Unlock()
	if cp.err != nil {
		return cp.err
	}
	if cp.f == nil {
		return errors.New("bulk: checkpoint: file is closed")
	}
	if _, ok := cp.keys[key]; ok {
		return nil
	}
	if _, err := cp.f.Write([]byte(strconv.Quote(key) + "\n")); err != nil {
		cp.err = fmt.Errorf("bulk: checkpoint: %w", err)
		return cp.err
	}
	cp.keys[key] = struct{}{}
	return nil
}

// Len returns the number of keys in the file.
func (cp *File) Len() int {
	cp.mu.Lock()
	defer cp.mu.Unlock()
	return len(cp.keys)
}

// Close syncs the file to disk and closes it.
func (cp *File) Close() error {
	cp.mu.Lock()
	defer cp.mu.Unlock()
	if cp.f == nil {
		return nil
	}
	serr := cp.f.Sync()
	cerr := cp.f.Close()
	cp.f = nil
	if err := errors.Join(serr, cerr); err != nil {
		return fmt.Errorf("bulk: checkpoint: %w", err)
	}
	return nil
}
