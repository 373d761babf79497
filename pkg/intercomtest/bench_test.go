package intercomtest_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/intercom/types"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

// BenchmarkGetContact measures a client round trip against a seeded fake.
func BenchmarkGetContact(b *testing.B) {
	srv := intercomtest.NewServer(b)
	contacts := srv.SeedContacts(1000)
	client := srv.Client()
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := client.Contacts.Get(ctx, *contacts[i%len(contacts)].Id); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearchContacts measures a search over 1000 contacts.
func BenchmarkSearchContacts(b *testing.B) {
	srv := intercomtest.NewServer(b)
	srv.SeedContacts(1000)
	client := srv.Client()
	ctx := context.Background()
	query, err := gen.SearchQueryOf(gen.SingleFilterSearchRequest{
		Field:    intercom.Ptr("email"),
		Operator: intercom.Ptr(gen.SingleFilterSearchRequestOperator("$")),
		Value:    intercom.Ptr(types.StringValue("-999@example.com")),
	})
	if err != nil {
		b.Fatal(err)
	}
	req := intercom.ContactSearchRequest{Query: query}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := client.Contacts.Search(ctx, req)
		if err != nil {
			b.Fatal(err)
		}
		if *res.TotalCount != 1 {
			b.Fatalf("found %d", *res.TotalCount)
		}
	}
}

// BenchmarkCreateUserContact creates user contacts through the client into
// a fake holding 1,000 and 100,000 contacts: with the indexed duplicate
// check a create costs the same however many contacts are stored (compare
// the two ns/op; BENCHMARKS.md has the figures).
func BenchmarkCreateUserContact(b *testing.B) {
	for _, stored := range []int{1000, 100000} {
		srv := intercomtest.NewServer(b, intercomtest.WithMaxRecorded(0), intercomtest.WithRateLimit(1<<30, time.Second))
		srv.SeedContacts(stored)
		client := srv.Client()
		ctx := context.Background()
		n := 0
		b.Run(fmt.Sprintf("stored=%d", stored), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				n++
				email := "new-" + strconv.Itoa(n) + "@example.com"
				if _, err := client.Contacts.Create(ctx, intercom.CreateContactRequest{Role: intercom.Ptr("user"), Email: &email}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCreateUserContactPaired creates user contacts alternately into a
// fake holding 1,000 contacts and one holding 100,000, so that both sides see
// the same machine load, and reports each side's median ns per create and
// their ratio (large/small): with indexed lookups it stays near 1.
func BenchmarkCreateUserContactPaired(b *testing.B) {
	type side struct {
		client *intercom.Client
		ns     []float64
	}
	var sides [2]*side
	for i, stored := range []int{1000, 100000} {
		srv := intercomtest.NewServer(b, intercomtest.WithMaxRecorded(0), intercomtest.WithRateLimit(1<<30, time.Second))
		srv.SeedContacts(stored)
		sides[i] = &side{client: srv.Client()}
	}
	ctx := context.Background()
	n := 0
	for b.Loop() {
		n++
		for _, s := range sides {
			email := "new-" + strconv.Itoa(n) + "@example.com"
			start := time.Now()
			if _, err := s.client.Contacts.Create(ctx, intercom.CreateContactRequest{Role: intercom.Ptr("user"), Email: &email}); err != nil {
				b.Fatal(err)
			}
			s.ns = append(s.ns, float64(time.Since(start).Nanoseconds()))
		}
	}
	small, large := median(sides[0].ns), median(sides[1].ns)
	b.ReportMetric(small, "ns/create-1k")
	b.ReportMetric(large, "ns/create-100k")
	b.ReportMetric(large/small, "ratio-100k/1k")
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
