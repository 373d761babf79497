package redisdedup_test

import (
	"context"
	"log"
	"net/http"
	"os"

	"github.com/redis/go-redis/v9"

	"github.com/intercomkit/intercom-go/pkg/ratelimit/redisrate/redisdedup"
	"github.com/intercomkit/intercom-go/pkg/webhook"
)

// Every receiver behind the webhook endpoint uses the same Redis (and
// prefix): a notification Intercom delivers twice, to two of them, is
// processed once.
func Example() {
	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
	defer rdb.Close()
	dedup, err := redisdedup.New(rdb, redisdedup.WithPrefix("myapp:intercom-webhooks:"))
	if err != nil {
		log.Fatal(err)
	}
	h, err := webhook.NewHandler([]byte(os.Getenv("INTERCOM_CLIENT_SECRET")), webhook.WithDeduplicator(dedup))
	if err != nil {
		log.Fatal(err)
	}
	err = h.Handle("conversation.user.created", func(ctx context.Context, n *webhook.Notification) error {
		conv, err := n.Conversation()
		if err != nil {
			return err
		}
		log.Printf("new conversation %s", conv.GetId())
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	http.Handle("POST /intercom/webhooks", h)
}
