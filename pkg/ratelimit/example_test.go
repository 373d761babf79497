package ratelimit_test

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/ratelimit"
)

// One limiter per process, given to every client that calls the same
// Intercom app: all their goroutines share one budget.
func ExampleNewLocal() {
	lim, err := ratelimit.NewLocal() // Intercom's defaults; learns the real budget from responses
	if err != nil {
		fmt.Println(err)
		return
	}
	const token = "dG9rOmV4YW1wbGU=" // an access token, usually from the environment
	syncer, err := intercom.NewClient(token, intercom.WithRateLimiter(lim))
	if err != nil {
		fmt.Println(err)
		return
	}
	export, err := intercom.NewClient(token, intercom.WithRateLimiter(lim), intercom.WithRegion(intercom.RegionEU))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, _ = syncer, export // use the clients from as many goroutines as needed
}

// A budget of its own for a program that must leave room for others calling
// the same app: half of a private app's 25,000 calls a minute.
func ExampleWithShare() {
	lim, err := ratelimit.NewLocal(ratelimit.WithLimit(25000/6, 10*time.Second), ratelimit.WithShare(0.5))
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = lim
}

// A 429 pauses every request of the process until the window resets (at
// most one window); here a deadline ends the wait first.
func ExampleLocal_Observe() {
	lim, err := ratelimit.NewLocal(ratelimit.WithLimit(100, time.Second))
	if err != nil {
		fmt.Println(err)
		return
	}
	lim.Observe(http.StatusTooManyRequests, intercom.RateLimit{Limit: 100, Reset: time.Now().Add(time.Minute)})

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	fmt.Println(lim.Wait(ctx))
	// Output: context deadline exceeded
}

func ExamplePace() {
	rate, burst, err := ratelimit.Pace(ratelimit.DefaultLimit, ratelimit.DefaultShare, ratelimit.DefaultBurst)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("burst %d, then %d per window: at most %d requests in any %v\n",
		burst, rate, burst+rate-1, ratelimit.DefaultWindow)
	// Output: burst 2, then 1581 per window: at most 1582 requests in any 10s
}

func ExamplePauseUntil() {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	rl := intercom.RateLimit{Limit: 1666, Remaining: 0, HasRemaining: true, Reset: now.Add(4 * time.Second)}
	until := ratelimit.PauseUntil(now, http.StatusTooManyRequests, rl, ratelimit.DefaultWindow)
	fmt.Println("pause for", until.Sub(now))
	// Output: pause for 4s
}
