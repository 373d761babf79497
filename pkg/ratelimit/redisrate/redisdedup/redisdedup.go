// Package redisdedup is a [webhook.Deduplicator] with its state in Redis, so
// that several webhook receivers (processes, hosts) behind one endpoint
// process each Intercom notification once, although Intercom delivers at
// least once and a redelivery may reach another receiver.
//
// It lives in the module of [github.com/intercomkit/intercom-go/pkg/ratelimit/redisrate],
// the SDK's one module that already depends on a Redis client
// (github.com/redis/go-redis/v9), so that neither the SDK module nor
// pkg/webhook gain a Redis dependency, and an application that shares a rate
// budget and de-duplicates webhooks through the same Redis pins one client.
// It is a package of its own: its API has nothing to do with rate limits.
//
// # Keys and states
//
// A notification id uses one key, prefix+id (prefix "intercom:webhook:" by
// default), that holds either a claim of one receiver (while its handler
// runs; it expires after the claim TTL, so a receiver that dies mid-way does
// not block the notification for ever) or "done" (after the handler
// succeeded; it expires after the done TTL, which should cover Intercom's
// redelivery window). Claim and Finish are single atomic Redis scripts: of
// two receivers claiming the same id at once, exactly one gets
// [webhook.ClaimNew]. A failed handler releases only its own claim.
//
// # When Redis fails
//
// Claim and Finish return the Redis error: the [webhook.Handler] then
// answers 500 and Intercom delivers the notification again later, so a
// Redis outage delays notifications but never drops or doubles one (unless a
// handler succeeded and Finish could not record it: the notification is then
// processed again once its claim expires).
package redisdedup

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/intercomkit/intercom-go/pkg/webhook"
)

// Defaults of the options.
const (
	// DefaultPrefix starts every key.
	DefaultPrefix = "intercom:webhook:"
	// DefaultClaimTTL bounds how long a claim blocks redeliveries when its
	// receiver never finishes (it crashed): longer than a handler runs.
	DefaultClaimTTL = 5 * time.Minute
	// DefaultDoneTTL is how long a processed id is remembered.
	DefaultDoneTTL = 72 * time.Hour
)

// doneValue marks a processed id.
const doneValue = "done"

// claimScript: KEYS[1] the id's key, ARGV[1] the claim token, ARGV[2] the
// claim TTL in ms. Returns 1 (new, claimed), 2 (done) or 3 (in flight).
var claimScript = redis.NewScript(`
local v = redis.call('GET', KEYS[1])
if v == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
if v == 'done' then return 2 end
return 3
`)

// releaseScript: KEYS[1] the id's key, ARGV[1] the claim token. Deletes the
// key only while it holds that claim. Returns 1 when it did.
var releaseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`)

// Deduplicator implements [webhook.Deduplicator] with Redis. It is safe for
// concurrent use; several processes share it by using the same Redis and
// prefix.
type Deduplicator struct {
	rdb      redis.UniversalClient
	prefix   string
	claimTTL time.Duration
	doneTTL  time.Duration

	mu     sync.Mutex
	tokens map[string]string // id → token of this process's claim
}

var _ webhook.Deduplicator = (*Deduplicator)(nil)

// Option configures a [Deduplicator].
type Option func(*Deduplicator) error

// WithPrefix sets the prefix of the keys ([DefaultPrefix] by default). Every
// receiver of one endpoint must use the same.
func WithPrefix(prefix string) Option {
	return func(d *Deduplicator) error {
		if prefix == "" {
			return errors.New("redisdedup: empty key prefix")
		}
		d.prefix = prefix
		return nil
	}
}

// WithClaimTTL sets how long a claim lasts when its receiver never finishes
// ([DefaultClaimTTL]); at least a millisecond.
func WithClaimTTL(ttl time.Duration) Option {
	return ttlOption("claim", ttl, func(d *Deduplicator) *time.Duration { return &d.claimTTL })
}

// WithDoneTTL sets how long a processed id is remembered ([DefaultDoneTTL]);
// at least a millisecond.
func WithDoneTTL(ttl time.Duration) Option {
	return ttlOption("done", ttl, func(d *Deduplicator) *time.Duration { return &d.doneTTL })
}

// ttlOption sets the TTL that field points to, refusing one under a
// millisecond (Redis expiries are in milliseconds).
func ttlOption(name string, ttl time.Duration, field func(*Deduplicator) *time.Duration) Option {
	return func(d *Deduplicator) error {
		if ttl < time.Millisecond {
			return fmt.Errorf("redisdedup: %s TTL %v, want at least 1ms", name, ttl)
		}
		*field(d) = ttl
		return nil
	}
}

// New returns a Deduplicator on rdb (a *redis.Client, *redis.ClusterClient
// or any redis.UniversalClient; the caller closes it).
func New(rdb redis.UniversalClient, opts ...Option) (*Deduplicator, error) {
	if rdb == nil {
		return nil, errors.New("redisdedup: nil Redis client")
	}
	d := &Deduplicator{
		rdb:      rdb,
		prefix:   DefaultPrefix,
		claimTTL: DefaultClaimTTL,
		doneTTL:  DefaultDoneTTL,
		tokens:   map[string]string{},
	}
	for _, o := range opts {
		if err := o(d); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// Key returns the Redis key of notification id.
func (d *Deduplicator) Key(id string) string { return d.prefix + id }

// Claim implements [webhook.Deduplicator]: [webhook.ClaimNew] when no
// receiver has processed or is processing id (it is now claimed by this
// one), [webhook.ClaimDone] when one has processed it, [webhook.ClaimInFlight]
// when one is processing it.
func (d *Deduplicator) Claim(ctx context.Context, id string) (webhook.ClaimResult, error) {
	token, err := newToken()
	if err != nil {
		return 0, err
	}
	res, err := claimScript.Run(ctx, d.rdb, []string{d.Key(id)}, token, d.claimTTL.Milliseconds()).Int()
	if err != nil {
		return 0, fmt.Errorf("redisdedup: claim: %w", err)
	}
	switch res {
	case 1:
		d.mu.Lock()
		d.tokens[id] = token
		d.mu.Unlock()
		return webhook.ClaimNew, nil
	case 2:
		return webhook.ClaimDone, nil
	case 3:
		return webhook.ClaimInFlight, nil
	}
	return 0, fmt.Errorf("redisdedup: claim: unexpected script result %d", res)
}

// Finish implements [webhook.Deduplicator]: processed records id as done
// for the done TTL; otherwise this receiver's claim is released (only its
// own: a claim that expired and was taken by another receiver stays), so a
// redelivery is processed.
func (d *Deduplicator) Finish(ctx context.Context, id string, processed bool) error {
	d.mu.Lock()
	token, ok := d.tokens[id]
	delete(d.tokens, id)
	d.mu.Unlock()
	if processed {
		if err := d.rdb.Set(ctx, d.Key(id), doneValue, d.doneTTL).Err(); err != nil {
			return fmt.Errorf("redisdedup: recording as done: %w", err)
		}
		return nil
	}
	if !ok {
		return nil // no claim of this process to release
	}
	if err := releaseScript.Run(ctx, d.rdb, []string{d.Key(id)}, token).Err(); err != nil {
		return fmt.Errorf("redisdedup: releasing the claim: %w", err)
	}
	return nil
}

// newToken returns a random claim token: never "done".
func newToken() (string, error) {
	var b [12]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("redisdedup: claim token: %w", err)
	}
	return "claim:" + hex.EncodeToString(b[:]), nil
}
