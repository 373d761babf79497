package bulk_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/bulk"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
	"github.com/intercomkit/intercom-go/pkg/ratelimit"
)

// Tag every contact of a list, inside a shared rate budget.
func ExampleJob_Run() {
	srv, err := intercomtest.Start() // stands in for Intercom
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	tag, _ := srv.AddTag("imported")
	var ids []string
	for _, c := range srv.SeedContacts(50) {
		ids = append(ids, *c.Id)
	}

	// One limiter per process, shared by every client and job of the app.
	lim, err := ratelimit.NewLocal()
	if err != nil {
		log.Fatal(err)
	}
	client, err := intercom.NewClient(srv.Token(), intercom.WithBaseURL(srv.URL), intercom.WithRateLimiter(lim))
	if err != nil {
		log.Fatal(err)
	}
	defer client.CloseIdleConnections()

	job := bulk.Job[string]{
		Do: func(ctx context.Context, c *intercom.Client, id string) error {
			_, err := c.Contacts.Tag(ctx, id, *tag.Id)
			return err
		},
		Key:     func(id string) string { return id },
		Workers: 8,
		Total:   len(ids),
		// Progress: bulk.ProgressLine(os.Stderr),
	}
	sum, err := job.Run(context.Background(), client, slices.Values(ids))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d done, %d failed, %d calls\n", sum.Done, sum.Failed, sum.Calls)
	for _, f := range sum.Failures {
		log.Printf("contact %s: %v", f.Key, f.Err) // or run sum.Rerun() later
	}
	// Output:
	// 50 done, 0 failed, 50 calls
}

// Resume a stopped job: the checkpoint file remembers the done items.
func ExampleOpenFile() {
	dir, _ := os.MkdirTemp("", "bulk-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "import.checkpoint")
	client, _ := intercom.NewClient("tok_example")

	run := func(items []string) *bulk.Summary[string] {
		cp, err := bulk.OpenFile(path)
		if err != nil {
			log.Fatal(err)
		}
		defer cp.Close()
		job := bulk.Job[string]{
			Do:         func(context.Context, *intercom.Client, string) error { return nil }, // the real work
			Key:        func(email string) string { return email },
			Checkpoint: cp,
		}
		sum, err := job.Run(context.Background(), client, slices.Values(items))
		if err != nil {
			log.Fatal(err)
		}
		return sum
	}
	first := run([]string{"ada@example.com", "grace@example.com"})
	second := run([]string{"ada@example.com", "grace@example.com", "alan@example.com"})
	fmt.Printf("first run: %d done; second run: %d done, %d skipped\n", first.Done, second.Done, second.Skipped)
	// Output:
	// first run: 2 done; second run: 1 done, 2 skipped
}

func ExampleProgress_String() {
	p := bulk.Progress{Done: 4713, Failed: 98, InFlight: 16, Total: 10000, CallsPerSecond: 94.8, RateLimited: 0, ETA: 54 * time.Second}
	fmt.Println(p)
	// Output:
	// [=========>          ]  48%  4,811/10,000  done 4,713  failed 98  in flight 16  94.8 calls/s  429s 0  ETA 54s
}

func ExampleProgressLine() {
	job := bulk.Job[int]{
		Do:       func(context.Context, *intercom.Client, int) error { return nil },
		Progress: bulk.ProgressLine(os.Stdout), // rewrites itself on a terminal; one line per report elsewhere
		Clock:    func() time.Time { return time.Unix(0, 0) },
	}
	client, _ := intercom.NewClient("tok_example")
	_, _ = job.Run(context.Background(), client, slices.Values([]int{1, 2, 3}))
	// Output:
	// 3 items  done 3  failed 0  in flight 0  0.0 calls/s  429s 0  in 0s
}
