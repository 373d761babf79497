package intercom_test

// Programs 4 to 6 of issue 23's "Done when", after the three of
// threeprograms_test.go: a resumable bulk import of 5,000 contacts, a ticket
// lifecycle with a note and a reply, and a data export downloaded to a file
// (exportMessages of example_wait_test.go, program 6). Like the first three,
// they import only package intercom and pkg/ packages; TestSixPrograms runs
// them against the fake and TestSixProgramsLineCounts reports their size.

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/bulk"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
	"github.com/intercomkit/intercom-go/pkg/ratelimit"
)

// BEGIN program 4
type contactRow struct{ Email, Name string }

func importContacts(ctx context.Context, c *intercom.Client, rows iter.Seq[contactRow], total int, checkpoint string, onResult func(bulk.Result[contactRow])) (*bulk.Summary[contactRow], error) {
	cp, err := bulk.OpenFile(checkpoint) // remembers the rows done, across runs
	if err != nil {
		return nil, err
	}
	defer cp.Close()
	job := bulk.Job[contactRow]{
		Do: func(ctx context.Context, c *intercom.Client, row contactRow) error {
			_, err := c.Contacts.Create(ctx, intercom.CreateContactRequest{Email: &row.Email, Name: &row.Name})
			if bulk.ContactExists(err) {
				return nil // created by an earlier run whose answer was lost
			}
			return err
		},
		Key:        func(row contactRow) string { return row.Email },
		Checkpoint: cp,
		Workers:    8,
		Total:      total,
		OnResult:   onResult,
	}
	return job.Run(ctx, c, rows)
}

// END program 4

// BEGIN program 5
func ticketLifecycle(ctx context.Context, c *intercom.Client, ticketTypeID, email string) (*intercom.Ticket, error) {
	me, err := c.Admins.Me(ctx)
	if err != nil {
		return nil, err
	}
	contact, err := intercom.TicketContactOf(intercom.ContactByEmail{Email: email})
	if err != nil {
		return nil, err
	}
	ticket, err := c.Tickets.Create(ctx, intercom.CreateTicketRequest{
		TicketTypeId: ticketTypeID,
		Contacts:     []intercom.TicketContact{contact},
	})
	if err != nil {
		return nil, err
	}
	if _, err := c.Tickets.AddNote(ctx, ticket.GetId(), me.GetId(), "Customer called about the invoice."); err != nil {
		return nil, err
	}
	if _, err := c.Tickets.ReplyAsAdmin(ctx, ticket.GetId(), me.GetId(), "We have refunded the invoice."); err != nil {
		return nil, err
	}
	return c.Tickets.Close(ctx, ticket.GetId(), me.GetId())
}

// END program 5

func TestSixPrograms(t *testing.T) {
	ctx := context.Background()
	// One clock for the fake, its clients and the rate limiter: waits (the
	// rate budget, the export's polls) advance it and take no real time.
	clock := intercomtest.NewManualClock(time.Now())
	srv := intercomtest.NewServer(t, intercomtest.WithClock(clock))
	c := srv.Client()

	// Program 4: 5,000 rows; the first run stops after 2,000 are done, the
	// second resumes from the checkpoint and creates only the rest. The rate
	// budget is Intercom's default (5,000 calls take about 30 s of it), waited
	// on the manual clock.
	lim, err := ratelimit.NewLocal(ratelimit.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	bc, err := srv.NewClient(intercom.WithRateLimiter(lim))
	if err != nil {
		t.Fatal(err)
	}
	const total = 5000
	rows := make([]contactRow, total)
	for i := range rows {
		rows[i] = contactRow{Email: fmt.Sprintf("user%04d@example.com", i), Name: fmt.Sprintf("User %d", i)}
	}
	checkpoint := filepath.Join(t.TempDir(), "import.checkpoint")
	stopCtx, stop := context.WithCancel(ctx)
	done := 0
	first, err := importContacts(stopCtx, bc, slices.Values(rows), total, checkpoint, func(r bulk.Result[contactRow]) {
		if r.Status == bulk.Done {
			if done++; done == 2000 {
				stop()
			}
		}
	})
	stop()
	if err != nil && !errors.Is(err, context.Canceled) {
		t.Fatalf("first run: %v", err)
	}
	if first.Done < 2000 || first.Done >= total || first.Failed != 0 {
		t.Fatalf("first run: %d done, %d failed; want at least 2000 and fewer than %d done, none failed", first.Done, first.Failed, total)
	}
	second, err := importContacts(ctx, bc, slices.Values(rows), total, checkpoint, nil)
	if err != nil {
		t.Fatalf("second run: %v", err)
	}
	if second.Failed != 0 || first.Done+second.Done != total || second.Skipped != first.Done {
		t.Errorf("second run: %d done, %d skipped, %d failed after %d done; want %d done in all, the first run's skipped",
			second.Done, second.Skipped, second.Failed, first.Done, total)
	}
	if n := srv.ContactCount(); n != total {
		t.Errorf("the fake holds %d contacts, want %d (each row once)", n, total)
	}

	// Program 5: a ticket for one of the imported contacts, noted, replied to, closed.
	// The fake's helpers and the getters combine without & (issue 23, item 3).
	ticket, err := ticketLifecycle(ctx, c, srv.DefaultTicketType().GetId(), rows[0].Email)
	if err != nil {
		t.Fatal(err)
	}
	stored, ok := srv.Ticket(ticket.GetId())
	if !ok || ticket.GetOpen() || stored.GetOpen() {
		t.Errorf("ticket %s after the lifecycle: found %v, open %v (stored %v); want closed", ticket.GetId(), ok, ticket.GetOpen(), stored.GetOpen())
	}
	var kinds []string
	for _, p := range stored.GetTicketParts().GetTicketParts() {
		kinds = append(kinds, p.GetPartType()+":"+p.GetBody())
		if p.GetPartType() == "note" && p.GetAuthor().GetId() != srv.Me().GetId() {
			t.Errorf("the note's author is %q, want the token's admin %q", p.GetAuthor().GetId(), srv.Me().GetId())
		}
	}
	for _, want := range []string{"note:Customer called about the invoice.", "comment:We have refunded the invoice."} {
		if !slices.Contains(kinds, want) {
			t.Errorf("ticket parts %q lack %q", kinds, want)
		}
	}

	// Program 6: the messages of the imported contacts exported to a file.
	path := filepath.Join(t.TempDir(), "messages.csv.gz")
	if err := exportMessages(ctx, c, path); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("the export is not gzip: %v", err)
	}
	lines := bufio.NewScanner(zr)
	n := 0
	for lines.Scan() {
		n++
	}
	if err := lines.Err(); err != nil || n < 2 {
		t.Errorf("export: %d lines, err %v; want a header and rows", n, err)
	}
}

// TestSixProgramsLineCounts reports the size of each of the six programs of
// issue 23 (lines neither blank nor comments, between the BEGIN and END
// markers) and checks them for the friction of [friction].
func TestSixProgramsLineCounts(t *testing.T) {
	all := map[string][]string{}
	for _, name := range []string{"threeprograms_test.go", "sixprograms_test.go", "example_wait_test.go"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for p, lines := range programLines(string(b)) {
			all[p] = append(all[p], lines...)
		}
	}
	for i := 1; i <= 6; i++ {
		p := fmt.Sprintf("program %d", i)
		if len(all[p]) == 0 {
			t.Fatalf("%s: no lines found between its markers", p)
		}
		t.Logf("%s: %d lines", p, len(all[p]))
		for _, line := range friction(all[p]) {
			t.Errorf("%s: %s", p, line)
		}
	}
}
