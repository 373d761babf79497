package intercom_test

import (
	"context"
	"fmt"
	"go/parser"
	"go/token"
	"log"
	"testing"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

// Common code imports only package intercom: it aliases the types the methods
// take and return (intercom.Contact, intercom.Conversation, intercom.Tag, ...),
// and one resource is one type, whichever method returns it.
func Example_oneImport() {
	srv, err := intercomtest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client, ctx := srv.Client(), context.Background()

	created, err := client.Contacts.Create(ctx, intercom.CreateContactRequest{
		Email: intercom.Ptr("ada@example.com"), Name: intercom.Ptr("Ada"),
	})
	if err != nil {
		log.Fatal(err)
	}
	got, err := client.Contacts.Get(ctx, created.GetId())
	if err != nil {
		log.Fatal(err)
	}
	printContact("get", *got)
	for c, err := range client.Contacts.ListAll(ctx, &intercom.ListContactsParams{PerPage: intercom.Ptr(10)}) {
		if err != nil {
			log.Fatal(err)
		}
		printContact("list", c) // the same type as Get's
	}

	tag, err := client.Tags.Create(ctx, intercom.CreateOrUpdateTagRequest{Name: "vip"})
	if err != nil {
		log.Fatal(err)
	}
	var applied *intercom.Tag
	if applied, err = client.Contacts.Tag(ctx, created.GetId(), tag.GetId()); err != nil {
		log.Fatal(err)
	}
	fmt.Println("tagged", applied.GetName())

	if _, err := srv.AddConversation(created.GetId(), "Where is my order?"); err != nil {
		log.Fatal(err)
	}
	req, err := intercom.Field("state").Equals("open").ForConversations()
	if err != nil {
		log.Fatal(err)
	}
	for conv, err := range client.Conversations.SearchAll(ctx, req) {
		if err != nil {
			log.Fatal(err)
		}
		full, err := client.Conversations.Get(ctx, conv.GetId(), nil)
		if err != nil {
			log.Fatal(err)
		}
		printConversation("search", conv) // the same type as Get's (search leaves conversation_parts out)
		printConversation("get", *full)
	}
	// Output:
	// get: Ada <ada@example.com>
	// list: Ada <ada@example.com>
	// tagged vip
	// search: open, 0 parts
	// get: open, 0 parts
}

func printContact(from string, c intercom.Contact) {
	fmt.Printf("%s: %s <%s>\n", from, c.GetName(), c.GetEmail())
}

func printConversation(from string, c intercom.Conversation) {
	fmt.Printf("%s: %s, %d parts\n", from, c.GetState(), len(c.GetConversationParts().GetConversationParts()))
}

// The one-import example imports neither package gen nor package types.
func TestExampleOneImportImportsOnlyIntercom(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "example_oneimport_test.go", nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range f.Imports {
		switch imp.Path.Value {
		case `"github.com/intercomkit/intercom-go/gen"`, `"github.com/intercomkit/intercom-go/intercom/types"`:
			t.Errorf("the example imports %s", imp.Path.Value)
		}
	}
}
