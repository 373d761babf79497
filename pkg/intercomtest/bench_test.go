package intercomtest_test

import (
	"context"
	"testing"

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
