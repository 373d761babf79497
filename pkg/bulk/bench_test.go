package bulk_test

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/bulk"
)

// The runner's overhead per item, against a hand-written worker pool doing
// the same calls through the same client (same transport, same limiter,
// same number of workers), measured in the same run. See BENCHMARKS.md.
//
//	go test ./pkg/bulk/ -run '^$' -bench '^BenchmarkOverhead' -benchmem -count 5

const benchWorkers = 16

// benchContact is a realistic contact body (about 1 kB).
const benchContact = `{"type":"contact","id":"6762f0971bb69f9f2193bb2b","workspace_id":"abc123","external_id":"crm-1",` +
	`"role":"user","email":"person-1@example.com","name":"Person 1","phone":null,"avatar":{"type":"avatar","image_url":null},` +
	`"owner_id":null,"social_profiles":{"type":"list","data":[]},"has_hard_bounced":false,"marked_email_as_spam":false,` +
	`"unsubscribed_from_emails":false,"created_at":1700000000,"updated_at":1700000000,"signed_up_at":null,"last_seen_at":null,` +
	`"custom_attributes":{"plan":"pro","city":"Dublin"},"tags":{"type":"list","data":[],"url":"/contacts/6762f0971bb69f9f2193bb2b/tags","total_count":0,"has_more":false},` +
	`"notes":{"type":"list","data":[],"url":"/contacts/6762f0971bb69f9f2193bb2b/notes","total_count":0,"has_more":false},` +
	`"companies":{"type":"list","data":[],"url":"/contacts/6762f0971bb69f9f2193bb2b/companies","total_count":0,"has_more":false},` +
	`"location":{"type":"location","country":"Ireland","region":"Leinster","city":"Dublin"}}`

// freeLimiter admits every request at once: the benchmark measures the
// runner, not a budget. Both sides go through it.
type freeLimiter struct{}

func (freeLimiter) Wait(ctx context.Context) error  { return ctx.Err() }
func (freeLimiter) Observe(int, intercom.RateLimit) {}

func benchClient(b *testing.B) *intercom.Client {
	b.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-RateLimit-Limit", "100000")
		w.Header().Set("X-RateLimit-Remaining", "99999")
		_, _ = w.Write([]byte(benchContact))
	}))
	b.Cleanup(srv.Close)
	c, err := intercom.NewClient("tok-bench", intercom.WithBaseURL(srv.URL), intercom.WithRateLimiter(freeLimiter{}))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(c.CloseIdleConnections)
	return c
}

func benchIDs(n int) iter.Seq[string] {
	return func(yield func(string) bool) {
		for i := range n {
			if !yield("c" + strconv.Itoa(i)) {
				return
			}
		}
	}
}

// getContact is the work of both sides.
func getContact(ctx context.Context, c *intercom.Client, id string) error {
	_, err := c.Contacts.Get(ctx, id)
	return err
}

// handPool is the baseline: the worker pool a user would write, keeping the
// errors of failed items.
func handPool(ctx context.Context, c *intercom.Client, ids iter.Seq[string], workers int, do func(context.Context, *intercom.Client, string) error) (done int, failed []error) {
	work := make(chan string)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for id := range work {
				err := do(ctx, c, id)
				mu.Lock()
				if err != nil {
					failed = append(failed, fmt.Errorf("%s: %w", id, err))
				} else {
					done++
				}
				mu.Unlock()
			}
		})
	}
	for id := range ids {
		work <- id
	}
	close(work)
	wg.Wait()
	return done, failed
}

func BenchmarkOverhead(b *testing.B) {
	noop := func(context.Context, *intercom.Client, string) error { return nil }
	for _, w := range []struct {
		name string
		do   func(context.Context, *intercom.Client, string) error
	}{{"Contacts.Get", getContact}, {"no call", noop}} {
		b.Run(w.name+"/baseline", func(b *testing.B) {
			c := benchClient(b)
			b.ReportAllocs()
			b.ResetTimer()
			done, failed := handPool(context.Background(), c, benchIDs(b.N), benchWorkers, w.do)
			if done != b.N || len(failed) != 0 {
				b.Fatalf("%d done, %d failed", done, len(failed))
			}
		})
		b.Run(w.name+"/runner", func(b *testing.B) {
			c := benchClient(b)
			job := bulk.Job[string]{Do: w.do, Key: func(id string) string { return id }, Workers: benchWorkers}
			b.ReportAllocs()
			b.ResetTimer()
			sum, err := job.Run(context.Background(), c, benchIDs(b.N))
			if err != nil || sum.Done != b.N {
				b.Fatalf("Run: %v, %v", sum, err)
			}
		})
	}
}
