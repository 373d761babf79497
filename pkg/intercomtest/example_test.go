package intercomtest_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

// A test against the fake: in a test function, use
// srv := intercomtest.NewServer(t), which is closed when the test ends.
func Example() {
	srv, err := intercomtest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()
	created, err := client.Contacts.Create(ctx, intercom.CreateContactRequest{Email: intercom.Ptr("ada@example.com")})
	if err != nil {
		log.Fatal(err)
	}
	got, err := client.Contacts.Get(ctx, *created.Id)
	fmt.Println(*got.Email, *got.Role, err, len(srv.Requests()))
	// Output: ada@example.com user <nil> 2
}

// Inject two 429s: the client retries and gets the contact.
func ExampleServer_Fail() {
	srv, err := intercomtest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	contact := srv.SeedContacts(1)[0]
	if err := srv.Fail(intercomtest.Fault{Route: "GET /contacts/{contact_id}", Status: 429, Times: 2}); err != nil {
		log.Fatal(err)
	}

	client, err := srv.NewClient(intercom.WithMaxRetryDelay(time.Millisecond))
	if err != nil {
		log.Fatal(err)
	}
	got, err := client.Contacts.Get(context.Background(), *contact.Id)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*got.Email)
	for _, r := range srv.Requests() {
		fmt.Println(r.Route, r.Status)
	}
	// Output:
	// user-1@example.com
	// GET /contacts/{contact_id} 429
	// GET /contacts/{contact_id} 429
	// GET /contacts/{contact_id} 200
}

// Seed many contacts and walk them with the client's iterator, which follows
// the cursor pages of GET /contacts.
func ExampleServer_SeedContacts() {
	srv, err := intercomtest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	srv.SeedContacts(25)

	client := srv.Client()
	n := 0
	for c, err := range client.Contacts.ListAll(context.Background(), &intercom.ListContactsParams{PerPage: intercom.Ptr(10)}) {
		if err != nil {
			log.Fatal(err)
		}
		if n == 0 {
			fmt.Println("first:", *c.Email)
		}
		n++
	}
	fmt.Println("contacts:", n, "requests:", len(srv.Requests()))
	// Output:
	// first: user-1@example.com
	// contacts: 25 requests: 3
}
