package redisrate_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/ratelimit/redisrate"
)

// Every process that calls the same Intercom app creates its limiter on the
// same Redis and key, and gives it to its clients.
func ExampleNew() {
	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
	defer rdb.Close()

	lim, err := redisrate.New(rdb, "intercom:my-app", // fails open by default
		redisrate.WithLogger(slog.Default()))
	if err != nil {
		fmt.Println(err)
		return
	}
	client, err := intercom.NewClientFromEnv(intercom.WithRateLimiter(lim))
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = client // every request of this client now waits for its turn in the shared budget
}

// A job that must never exceed the budget fails closed: while Redis cannot
// be used, calls wait for it, as long as their context allows; a call whose
// context ends during the outage fails with an error wrapping
// ErrUnavailable.
func ExampleWithFailureMode() {
	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
	defer rdb.Close()

	lim, err := redisrate.New(rdb, "intercom:my-app", redisrate.WithFailureMode(redisrate.FailClosed))
	if err != nil {
		fmt.Println(err)
		return
	}
	client, err := intercom.NewClientFromEnv(intercom.WithRateLimiter(lim))
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err = client.Raw().IdentifyAdminWithResponse(ctx)
	if errors.Is(err, redisrate.ErrUnavailable) {
		fmt.Println("Redis was unreachable for a minute; try again later")
	}
}
