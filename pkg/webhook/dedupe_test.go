package webhook_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/intercomkit/intercom-go/pkg/webhook"
)

func TestMemoryDeduplicatorLifecycle(t *testing.T) {
	ctx := context.Background()
	d, err := webhook.NewMemoryDeduplicator(10)
	must(t, err)
	claim := func(id string, want webhook.ClaimResult) {
		t.Helper()
		got, err := d.Claim(ctx, id)
		if err != nil || got != want {
			t.Fatalf("Claim(%q) = %v, %v; want %v", id, got, err, want)
		}
	}
	claim("a", webhook.ClaimNew)
	claim("a", webhook.ClaimInFlight)
	must(t, d.Finish(ctx, "a", false)) // failed: released
	claim("a", webhook.ClaimNew)
	must(t, d.Finish(ctx, "a", true))
	claim("a", webhook.ClaimDone)
	claim("a", webhook.ClaimDone)
	if d.Len() != 1 {
		t.Fatalf("Len = %d, want 1", d.Len())
	}
}

func TestMemoryDeduplicatorBoundedLRU(t *testing.T) {
	ctx := context.Background()
	d, err := webhook.NewMemoryDeduplicator(3)
	must(t, err)
	done := func(id string) {
		t.Helper()
		if r, _ := d.Claim(ctx, id); r != webhook.ClaimNew {
			t.Fatalf("Claim(%q) = %v, want new", id, r)
		}
		must(t, d.Finish(ctx, id, true))
	}
	done("a")
	done("b")
	done("c")
	// Seeing "a" again makes it the most recently used, so "b" is evicted next.
	if r, _ := d.Claim(ctx, "a"); r != webhook.ClaimDone {
		t.Fatalf("Claim(a) = %v, want done", r)
	}
	done("d")
	if d.Len() != 3 {
		t.Fatalf("Len = %d, want 3 (bounded)", d.Len())
	}
	for id, want := range map[string]webhook.ClaimResult{"a": webhook.ClaimDone, "c": webhook.ClaimDone, "d": webhook.ClaimDone} {
		if r, _ := d.Claim(ctx, id); r != want {
			t.Errorf("Claim(%q) = %v, want %v", id, r, want)
		}
	}
	if r, _ := d.Claim(ctx, "b"); r != webhook.ClaimNew {
		t.Errorf("Claim(b) = %v, want new (evicted)", r)
	}
	// Many more ids never grow it past its capacity.
	for i := range 100 {
		done(fmt.Sprint("x", i))
	}
	if d.Len() != 3 {
		t.Fatalf("Len = %d, want 3", d.Len())
	}
}

func TestMemoryDeduplicatorConcurrentClaims(t *testing.T) {
	ctx := context.Background()
	d, err := webhook.NewMemoryDeduplicator(50)
	must(t, err)
	var wg sync.WaitGroup
	var mu sync.Mutex
	winners := 0
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if r, err := d.Claim(ctx, "same"); err == nil && r == webhook.ClaimNew {
				mu.Lock()
				winners++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if winners != 1 {
		t.Fatalf("%d claims won, want exactly 1", winners)
	}
}

func TestMemoryDeduplicatorBadCapacity(t *testing.T) {
	for _, c := range []int{0, -1} {
		if d, err := webhook.NewMemoryDeduplicator(c); err == nil || d != nil {
			t.Errorf("NewMemoryDeduplicator(%d) = %v, %v; want an error", c, d, err)
		}
	}
}

func TestClaimResultString(t *testing.T) {
	for r, want := range map[webhook.ClaimResult]string{
		webhook.ClaimNew: "new", webhook.ClaimDone: "done", webhook.ClaimInFlight: "in-flight", 7: "ClaimResult(7)",
	} {
		if r.String() != want {
			t.Errorf("%d.String() = %q, want %q", int(r), r.String(), want)
		}
	}
}
