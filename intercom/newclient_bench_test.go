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
