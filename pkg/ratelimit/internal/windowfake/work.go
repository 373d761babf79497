package windowfake

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/intercomkit/intercom-go/intercom"
)

// Result counts the outcomes of one worker's calls, as the client saw them.
type Result struct {
	OK      int // calls that succeeded
	Limited int // calls that failed with a 429
}

// Work runs one worker: its own intercom.Client on baseURL, configured by
// opts, with goroutines goroutines sharing calls calls (GET /me through the
// raw client, which goes through the same HTTP layer as the facade). A call
// failing for another reason than a 429 stops the worker with an error.
func Work(ctx context.Context, baseURL string, calls, goroutines int, opts ...intercom.Option) (Result, error) {
	c, err := intercom.NewClient("test-token", append([]intercom.Option{intercom.WithBaseURL(baseURL)}, opts...)...)
	if err != nil {
		return Result{}, err
	}
	defer c.CloseIdleConnections()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		next, ok, limited atomic.Int64
		wg                sync.WaitGroup
		firstErr          error
		errOnce           sync.Once
	)
	for range goroutines {
		wg.Go(func() {
			for next.Add(1) <= int64(calls) {
				_, err := c.Raw().IdentifyAdminWithResponse(ctx)
				switch {
				case err == nil:
					ok.Add(1)
				case intercom.IsRateLimited(err):
					limited.Add(1)
				default:
					errOnce.Do(func() { firstErr = fmt.Errorf("call failed: %w", err); cancel() })
					return
				}
			}
		})
	}
	wg.Wait()
	return Result{OK: int(ok.Load()), Limited: int(limited.Load())}, firstErr
}
