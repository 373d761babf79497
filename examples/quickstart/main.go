// Command quickstart is a short tour of intercom-go.
//
// With no configuration it starts the SDK's in-memory Intercom fake (pkg/intercomtest)
// in this process and runs the whole tour against it: no token, no network.
//
//	go run ./examples/quickstart
//
// With INTERCOM_ACCESS_TOKEN set (and INTERCOM_REGION=us|eu|au for non-US workspaces)
// it runs against your Intercom workspace, read-only; -write also creates a contact,
// tags it, adds a note and starts a conversation there.
//
//	INTERCOM_ACCESS_TOKEN=... go run ./examples/quickstart [-write]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

func main() {
	write := flag.Bool("write", false, "against a real workspace: also create a contact, a tag, a note and a conversation")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout, *write); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out io.Writer, write bool) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()

	var client *intercom.Client
	if os.Getenv(intercom.EnvAccessToken) != "" {
		c, err := intercom.NewClientFromEnv(intercom.WithAppInfo("intercom-go-quickstart", intercom.Version))
		if err != nil {
			return err
		}
		client = c
		fmt.Fprintf(out, "Intercom at %s, API %s", client.BaseURL(), client.APIVersion())
		if !write {
			fmt.Fprint(out, " (read-only; -write to create records)")
		}
		fmt.Fprintln(out)
	} else {
		srv, err := intercomtest.Start()
		if err != nil {
			return err
		}
		defer srv.Close()
		srv.SeedContacts(5)
		client, write = srv.Client(), true
		fmt.Fprintf(out, "No INTERCOM_ACCESS_TOKEN: touring the in-memory fake at %s, API %s\n", srv.URL, client.APIVersion())
	}
	return tour(ctx, out, client, write)
}

func tour(ctx context.Context, out io.Writer, client *intercom.Client, write bool) error {
	step := func(format string, args ...any) { fmt.Fprintf(out, "• "+format+"\n", args...) }

	// Who am I?
	me, err := client.Admins.Me(ctx)
	if err != nil {
		return fmt.Errorf("who am I: %w", err)
	}
	step("signed in as %s <%s>", deref(me.Name), deref(me.Email))

	var contactID string
	if write {
		// Create and update a contact.
		email := fmt.Sprintf("ada+%d@example.com", time.Now().Unix())
		created, err := client.Contacts.Create(ctx, intercom.CreateContactRequest{
			Email: intercom.Ptr(email),
			Name:  intercom.Ptr("Ada Lovelace"),
		})
		if err != nil {
			return fmt.Errorf("create contact: %w", err)
		}
		contactID = deref(created.Id)
		step("created contact %s (%s)", contactID, email)

		updated, err := client.Contacts.Update(ctx, contactID, intercom.UpdateContactRequest{
			Name:             intercom.Ptr("Ada King, Countess of Lovelace"),
			CustomAttributes: map[string]any{"plan": "analytical-engine"},
		})
		if err != nil {
			return fmt.Errorf("update contact: %w", err)
		}
		step("renamed it to %q", deref(updated.Name))

		// Tag it and add a note.
		tag, err := client.Tags.Create(ctx, intercom.CreateOrUpdateTagRequest{Name: "quickstart"})
		if err != nil {
			return fmt.Errorf("create tag: %w", err)
		}
		if _, err := client.Contacts.Tag(ctx, contactID, deref(tag.Id)); err != nil {
			return fmt.Errorf("tag contact: %w", err)
		}
		step("tagged it %q", deref(tag.Name))
		note, err := client.Contacts.AddNote(ctx, contactID, deref(me.Id), "Met at the quickstart.")
		if err != nil {
			return fmt.Errorf("add note: %w", err)
		}
		step("added note %s", deref(note.Id))
	}

	// List contacts with the iterator: pages are fetched lazily, 50 at a time.
	n := 0
	for c, err := range client.Contacts.ListAll(ctx, &intercom.ListContactsParams{PerPage: intercom.Ptr(50)}) {
		if err != nil {
			return fmt.Errorf("list contacts: %w", err)
		}
		if n < 3 {
			step("contact %s %s", deref(c.Id), deref(c.Email))
		}
		if n++; n == 25 {
			break // stops the iteration: no further page is fetched
		}
	}
	step("listed %d contacts with Contacts.ListAll", n)

	// Search with the query builder.
	query := intercom.And(
		intercom.Field("role").Equals("user"),
		intercom.Field("email").Contains("example.com"),
	)
	req, err := query.ForContacts()
	if err != nil {
		return fmt.Errorf("build search: %w", err)
	}
	found, err := client.Contacts.Search(ctx, req)
	if err != nil {
		return fmt.Errorf("search contacts: %w", err)
	}
	step("search %s: %d match", query, deref(found.TotalCount))

	if write {
		// Open a conversation as the contact and reply as the admin.
		conv, err := client.Conversations.Create(ctx, intercom.CreateConversationRequest{
			Body: "Hello! How do I export my data?",
			From: struct {
				Id   string                                     `json:"id"`
				Type intercom.CreateConversationRequestFromType `json:"type"`
			}{Id: contactID, Type: "user"},
		})
		if err != nil {
			return fmt.Errorf("create conversation: %w", err)
		}
		step("contact opened conversation %s", conv.ConversationId)
		replied, err := client.Conversations.ReplyAsAdmin(ctx, conv.ConversationId, deref(me.Id), "Settings → Data export. Anything else?")
		if err != nil {
			return fmt.Errorf("reply: %w", err)
		}
		step("admin replied; the conversation is %s", deref((*string)(replied.State)))
	}

	// Rate limits: every response's X-RateLimit-* headers are tracked.
	rl := client.RateLimit()
	step("rate limit: %d of %d requests left, window resets at %s", rl.Remaining, rl.Limit, rl.Reset.UTC().Format(time.TimeOnly))

	// Errors are typed.
	_, err = client.Contacts.Get(ctx, "000000000000000000000000")
	var apiErr *intercom.Error
	switch {
	case intercom.IsNotFound(err) && errors.As(err, &apiErr):
		step("a missing contact is a typed error: %d %s (request %s)", apiErr.StatusCode, apiErr.Errors[0].Code, apiErr.RequestID)
	case err != nil:
		return fmt.Errorf("get a missing contact: %w", err)
	default:
		return errors.New("a missing contact was found")
	}
	fmt.Fprintln(out, "Done.")
	return nil
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
