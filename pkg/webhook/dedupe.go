package webhook

import (
	"container/list"
	"context"
	"fmt"
	"sync"
)

// ClaimResult is the answer of [Deduplicator.Claim].
type ClaimResult int

const (
	// ClaimNew means the caller now owns the notification and must process it,
	// then call Finish.
	ClaimNew ClaimResult = iota + 1
	// ClaimDone means the notification was already processed successfully.
	// The handler answers 200 without processing it again.
	ClaimDone
	// ClaimInFlight means another delivery of the notification is being
	// processed right now. The handler answers 503 so Intercom delivers it
	// again later, when the first attempt has either succeeded (the
	// redelivery is then ClaimDone) or failed (it is then ClaimNew).
	ClaimInFlight
)

// String returns the result's name.
func (c ClaimResult) String() string {
	switch c {
	case ClaimNew:
		return "new"
	case ClaimDone:
		return "done"
	case ClaimInFlight:
		return "in-flight"
	default:
		return fmt.Sprintf("ClaimResult(%d)", int(c))
	}
}

// Deduplicator lets [Handler] process each notification ID once, even though
// Intercom delivers at least once. Implementations must be safe for
// concurrent use. A shared store (Redis, SQL...) can implement it to
// de-duplicate across several receivers: package
// github.com/intercomkit/intercom-go/pkg/ratelimit/redisrate/redisdedup does
// it with Redis; [MemoryDeduplicator] works within one process.
type Deduplicator interface {
	// Claim is called before the handler runs for notification id.
	// An error makes the Handler answer 500 so the notification is
	// delivered again later.
	Claim(ctx context.Context, id string) (ClaimResult, error)
	// Finish is called after a Claim that returned ClaimNew, once the handler
	// has run. processed is true when the handler returned nil: the id must
	// then be remembered as done. When it is false the claim must be
	// released, so that a redelivery is processed.
	Finish(ctx context.Context, id string, processed bool) error
}

// MemoryDeduplicator is an in-process [Deduplicator]. It remembers at most
// a fixed number of processed IDs and forgets the least recently seen one
// first (LRU). IDs being processed are tracked separately; there are at most
// as many as concurrent requests. It is safe for concurrent use.
type MemoryDeduplicator struct {
	mu       sync.Mutex
	capacity int
	order    *list.List               // of string; front = most recently seen
	done     map[string]*list.Element // processed ids
	inFlight map[string]struct{}
}

// NewMemoryDeduplicator returns a MemoryDeduplicator that remembers up to
// capacity processed notification IDs. capacity must be at least 1; a few
// thousand covers Intercom's redelivery window for most apps.
func NewMemoryDeduplicator(capacity int) (*MemoryDeduplicator, error) {
	if capacity < 1 {
		return nil, fmt.Errorf("webhook: deduplicator capacity %d, want at least 1", capacity)
	}
	return &MemoryDeduplicator{
		capacity: capacity,
		order:    list.New(),
		done:     make(map[string]*list.Element),
		inFlight: make(map[string]struct{}),
	}, nil
}

// Claim implements [Deduplicator].
func (d *MemoryDeduplicator) Claim(_ context.Context, id string) (ClaimResult, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if e, ok := d.done[id]; ok {
		d.order.MoveToFront(e)
		return ClaimDone, nil
	}
	if _, ok := d.inFlight[id]; ok {
		return ClaimInFlight, nil
	}
	d.inFlight[id] = struct{}{}
	return ClaimNew, nil
}

// Finish implements [Deduplicator].
func (d *MemoryDeduplicator) Finish(_ context.Context, id string, processed bool) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.inFlight, id)
	if !processed {
		return nil
	}
	if e, ok := d.done[id]; ok {
		d.order.MoveToFront(e)
		return nil
	}
	d.done[id] = d.order.PushFront(id)
	for d.order.Len() > d.capacity {
		oldest := d.order.Back()
		d.order.Remove(oldest)
		delete(d.done, oldest.Value.(string))
	}
	return nil
}

// Len returns how many processed IDs are remembered (at most the capacity).
func (d *MemoryDeduplicator) Len() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.order.Len()
}
