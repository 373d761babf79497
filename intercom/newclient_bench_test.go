package intercom_test

import (
	"testing"

	"github.com/intercomkit/intercom-go/intercom"
)

// BenchmarkNewClient measures creating a client with a token and the
// default options: what a program pays once per token (or per request, for
// a multi-tenant program that makes a client per workspace).
func BenchmarkNewClient(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		c, err := intercom.NewClient("dG9rOnNlY3JldC10b2tlbi0xMjM0NTY3ODkw")
		if err != nil {
			b.Fatal(err)
		}
		_ = c
	}
}

// TestNewClientAllocations keeps NewClient cheap for programs that make a
// client per workspace: the token's scrubbed forms (four base64 alphabets,
// about 45 allocations) are worked out on the first error, not here; the
// region URLs are parsed once per process and the User-Agent and version
// header values reused from the last client made alike. It made 58
// allocations when the scrubber was built eagerly; it makes 4 (the Client
// block, the Bearer header value, the redirect policy and the send chain).
func TestNewClientAllocations(t *testing.T) {
	allocs := testing.AllocsPerRun(200, func() {
		if _, err := intercom.NewClient("dG9rOnNlY3JldC10b2tlbi0xMjM0NTY3ODkw"); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 6 {
		t.Errorf("NewClient makes %.0f allocations, want at most 6", allocs)
	}
}
