package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/bulk"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
	"github.com/intercomkit/intercom-go/pkg/ratelimit"
)

// The demo's data and fake.
const (
	demoRows     = 2000 // rows of the generated file
	demoExisting = 300  // of which already in the workspace
	demoBudget   = 40000
	demoWindow   = 10 * time.Second
	demoPasses   = 3 // re-runs of the failed rows at most
)

// demoCSV generates the file: a header and n rows with two custom attributes.
func demoCSV(n int) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"email", "name", "external_id", "plan", "city"})
	plans := []string{"free", "pro", "enterprise"}
	cities := []string{"Dublin", "London", "San Francisco", "Sydney"}
	for i := range n {
		k := strconv.Itoa(i + 1)
		_ = w.Write([]string{"person-" + k + "@example.com", "Person " + k, "crm-" + k, plans[i%len(plans)], cities[i%len(cities)]})
	}
	w.Flush()
	return b.Bytes()
}

// runDemo imports a generated file into a fake Intercom with faults, re-runs
// the failures, imports the file again, and checks the workspace.
func runDemo(ctx context.Context, stdout, stderr io.Writer) error {
	srv, err := intercomtest.Start(intercomtest.WithRateLimit(demoBudget, demoWindow), intercomtest.WithSeed(15), intercomtest.WithMaxRecorded(0))
	if err != nil {
		return err
	}
	defer srv.Close()

	// Part of the file is in the workspace already: half of those contacts
	// have the external id, the other half only the email.
	for i := range demoExisting {
		k := strconv.Itoa(i + 1)
		c := intercom.Contact{Email: intercom.Ptr("person-" + k + "@example.com"), Name: intercom.Ptr("Old name " + k)}
		if i%2 == 0 {
			c.ExternalId = intercom.Ptr("crm-" + k)
		}
		if _, err := srv.AddContact(c); err != nil {
			return err
		}
	}
	// Transient faults: lookups and searches are retried by the SDK; a
	// create that fails with a 5xx is not (it might have happened): its row
	// ends as bulk.OutcomeUnknown and is re-run, and upsert finds the
	// contact first if the create was applied.
	for _, f := range []intercomtest.Fault{
		{Route: "GET /contacts/find_by_external_id/{external_id}", Status: 503, Probability: 0.02},
		{Route: "POST /contacts/search", Status: 503, Probability: 0.02},
		{Route: "POST /contacts", Status: 500, Probability: 0.02},
	} {
		if err := srv.Fail(f); err != nil {
			return err
		}
	}

	lim, err := ratelimit.NewLocal()
	if err != nil {
		return err
	}
	client, err := srv.NewClient(intercom.WithRateLimiter(lim), intercom.WithMaxRetryDelay(50*time.Millisecond))
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "import-contacts-demo")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cp, err := bulk.OpenFile(filepath.Join(dir, "import.checkpoint"))
	if err != nil {
		return err
	}
	defer cp.Close()

	data := demoCSV(demoRows)
	fmt.Fprintf(stdout, "demo: importing %d rows (%d already in the workspace) into a fake Intercom with 2%% faults on lookups, searches and creates\n", demoRows, demoExisting)
	imp := &importer{tagName: "imported", workers: bulk.DefaultWorkers, checkpoint: cp, progress: bulk.ProgressLine(stderr)}
	sum, err := imp.importRows(ctx, client, readRows(bytes.NewReader(data)), demoRows)
	if err != nil {
		return err
	}
	printSummary(stdout, imp, sum)
	for pass := 1; sum.Failed+sum.Unknown > 0 && pass <= demoPasses; pass++ {
		fmt.Fprintf(stdout, "demo: re-running the %d failed rows and %d rows of unknown outcome\n", sum.Failed, sum.Unknown)
		sum, err = imp.importRows(ctx, client, sum.Rerun(), sum.Failed+sum.Unknown)
		if err != nil {
			return err
		}
		printSummary(stdout, imp, sum)
	}
	if sum.Failed+sum.Unknown > 0 {
		return fmt.Errorf("%d rows still failed (%d of unknown outcome) after %d re-runs", sum.Failed+sum.Unknown, sum.Unknown, demoPasses)
	}
	created := imp.created.Load()

	// Import the whole file again, as someone would by mistake: every row
	// is found, nothing is created.
	fmt.Fprintln(stdout, "demo: importing the whole file a second time")
	again := &importer{tagName: "imported", workers: bulk.DefaultWorkers, progress: bulk.ProgressLine(stderr)}
	sum, err = again.importRows(ctx, client, readRows(bytes.NewReader(data)), demoRows)
	if err != nil {
		return err
	}
	printSummary(stdout, again, sum)
	if again.created.Load() != 0 {
		return fmt.Errorf("the second import created %d contacts; want 0", again.created.Load())
	}
	if sum.Failed > 0 {
		// Transient faults again: not a duplicate, but the demo wants all.
		fmt.Fprintf(stdout, "demo: %d rows of the second import failed on injected faults (none created a contact)\n", sum.Failed)
	}

	srv.ClearFaults()
	if err := checkWorkspace(ctx, client, imp.tagID); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "demo: ok: %d rows are %d contacts (%d created, %d found and updated), no duplicate, all tagged %q\n",
		demoRows, demoRows, created, demoRows-int(created), "imported")
	return nil
}

// checkWorkspace lists every contact and checks that each row of the file is
// exactly one contact, with its external id, name and tag.
func checkWorkspace(ctx context.Context, client *intercom.Client, tagID string) error {
	byEmail := map[string]int{}
	byExt := map[string]int{}
	n := 0
	for c, err := range client.Contacts.ListAll(ctx, &intercom.ListContactsParams{PerPage: intercom.Ptr(150)}) {
		if err != nil {
			return fmt.Errorf("listing contacts: %w", err)
		}
		n++
		email := strings.ToLower(val(c.Email))
		byEmail[email]++
		byExt[val(c.ExternalId)]++
		k := strings.TrimSuffix(strings.TrimPrefix(email, "person-"), "@example.com")
		if val(c.ExternalId) != "crm-"+k || val(c.Name) != "Person "+k {
			return fmt.Errorf("contact %s: external id or name not imported", val(c.Id))
		}
		tagged := false
		if c.Tags != nil {
			for _, t := range c.Tags.Data {
				tagged = tagged || val(t.Id) == tagID
			}
		}
		if !tagged {
			return fmt.Errorf("contact %s is not tagged", val(c.Id))
		}
	}
	if n != demoRows || len(byEmail) != demoRows || len(byExt) != demoRows {
		return fmt.Errorf("%d contacts, %d distinct emails, %d distinct external ids; want %d of each", n, len(byEmail), len(byExt), demoRows)
	}
	return nil
}

func val[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
