// Command import-contacts creates or updates Intercom contacts from a CSV
// file and tags them, inside the app's rate budget, with a progress line and
// a summary; a stopped import resumes from its checkpoint file.
//
//	INTERCOM_ACCESS_TOKEN=... go run ./examples/import-contacts -csv contacts.csv -tag imported -checkpoint import.checkpoint
//
// The CSV's header names its columns: email, name and external_id (at least
// one of email and external_id per row); any other column becomes a custom
// attribute of that name (define it in Intercom first). Each row is looked up
// first, by external_id and then by email, and the contact found is updated;
// only a row with no match creates a contact, so running the import again
// creates no duplicate.
//
// With -demo nothing leaves the machine: the program starts a fake Intercom
// holding part of a generated file of a few thousand rows, injects 500 and
// 503 faults, imports the file, re-runs the rows that failed, imports the
// whole file a second time, and checks that every row is one contact, tagged,
// with no duplicate (exit status 0 when all checks pass).
package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"os/signal"
	"strings"
	"sync/atomic"
	"syscall"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/bulk"
	"github.com/intercomkit/intercom-go/pkg/ratelimit"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the program; it returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import-contacts", flag.ContinueOnError)
	fs.SetOutput(stderr)
	csvPath := fs.String("csv", "", "CSV file to import (columns: email, name, external_id, custom attributes)")
	tagName := fs.String("tag", "imported", "tag to put on every imported contact (empty: none)")
	checkpoint := fs.String("checkpoint", "", "checkpoint file: rows done are recorded there and skipped by the next run")
	workers := fs.Int("workers", bulk.DefaultWorkers, "rows imported at once")
	demo := fs.Bool("demo", false, "import a generated file into a local fake Intercom, with injected faults, and check the result")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *demo {
		if err := runDemo(ctx, stdout, stderr); err != nil {
			fmt.Fprintln(stderr, "import-contacts: demo failed:", err)
			return 1
		}
		return 0
	}
	if *csvPath == "" {
		fmt.Fprintln(stderr, "import-contacts: set -csv FILE (and INTERCOM_ACCESS_TOKEN), or use -demo")
		return 2
	}
	lim, err := ratelimit.NewLocal()
	if err != nil {
		fmt.Fprintln(stderr, "import-contacts:", err)
		return 1
	}
	client, err := intercom.NewClientFromEnv(intercom.WithRateLimiter(lim), intercom.WithAppInfo("import-contacts", ""))
	if err != nil {
		fmt.Fprintln(stderr, "import-contacts:", err)
		return 2
	}
	total, err := countRows(*csvPath)
	if err != nil {
		fmt.Fprintln(stderr, "import-contacts:", err)
		return 1
	}
	imp := &importer{tagName: *tagName, workers: *workers, progress: bulk.ProgressLine(stderr)}
	if *checkpoint != "" {
		cp, err := bulk.OpenFile(*checkpoint)
		if err != nil {
			fmt.Fprintln(stderr, "import-contacts:", err)
			return 1
		}
		defer cp.Close()
		imp.checkpoint = cp
	}
	sum, err := imp.importFile(ctx, client, *csvPath, total)
	if sum != nil {
		printSummary(stdout, imp, sum)
	}
	if err != nil {
		fmt.Fprintln(stderr, "import-contacts:", err)
		if *checkpoint != "" {
			fmt.Fprintf(stderr, "import-contacts: run the same command again to resume (done rows are in %s)\n", *checkpoint)
		}
		return 1
	}
	if sum.Failed > 0 || sum.Unknown > 0 {
		return 1
	}
	return 0
}

// row is one line of the CSV.
type row struct {
	line       int
	email      string
	name       string
	externalID string
	attrs      map[string]any
	err        error // the line could not be read
}

// key identifies a row for the checkpoint and the reports: its external id,
// else its email.
func (r row) key() string {
	if r.externalID != "" {
		return "external_id:" + r.externalID
	}
	if r.email != "" {
		return "email:" + strings.ToLower(r.email)
	}
	return ""
}

// readRows returns the rows of a CSV as a sequence. A line that cannot be
// read is yielded with its error (the import reports it as failed); a file
// that cannot be read at all ends the sequence after one row with the error.
func readRows(r io.Reader) iter.Seq[row] {
	return func(yield func(row) bool) {
		cr := csv.NewReader(r)
		cr.FieldsPerRecord = -1
		cr.ReuseRecord = true
		header, err := cr.Read()
		if err != nil {
			yield(row{line: 1, err: fmt.Errorf("reading the CSV header: %w", err)})
			return
		}
		cols := make([]string, len(header))
		for i, h := range header {
			cols[i] = strings.TrimSpace(h)
		}
		for line := 2; ; line++ {
			rec, err := cr.Read()
			if err == io.EOF {
				return
			}
			rw := row{line: line}
			var perr *csv.ParseError
			switch {
			case errors.As(err, &perr):
				rw.err = fmt.Errorf("line %d: %w", line, err)
			case err != nil:
				yield(row{line: line, err: fmt.Errorf("reading the CSV: %w", err)})
				return
			default:
				rw = parseRow(line, cols, rec)
			}
			if !yield(rw) {
				return
			}
		}
	}
}

func parseRow(line int, cols, rec []string) row {
	r := row{line: line}
	if len(rec) != len(cols) {
		r.err = fmt.Errorf("line %d has %d fields, the header %d", line, len(rec), len(cols))
		return r
	}
	for i, v := range rec {
		v = strings.TrimSpace(v)
		switch cols[i] {
		case "email":
			r.email = v
		case "name":
			r.name = v
		case "external_id":
			r.externalID = v
		default:
			if v != "" && cols[i] != "" {
				if r.attrs == nil {
					r.attrs = map[string]any{}
				}
				r.attrs[cols[i]] = v
			}
		}
	}
	if r.email == "" && r.externalID == "" {
		r.err = fmt.Errorf("line %d has neither email nor external_id", line)
	}
	return r
}

// countRows counts the data rows of a CSV file, for the progress estimate.
func countRows(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n := 0
	for range readRows(f) {
		n++
	}
	return n, nil
}

// importer imports rows and counts what it did.
type importer struct {
	tagName    string
	workers    int
	checkpoint bulk.Checkpoint
	progress   func(bulk.Progress)

	tagID            string
	created, updated atomic.Int64
}

func (imp *importer) importFile(ctx context.Context, client *intercom.Client, path string, total int) (*bulk.Summary[row], error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return imp.importRows(ctx, client, readRows(f), total)
}

// importRows runs the import job over rows.
func (imp *importer) importRows(ctx context.Context, client *intercom.Client, rows iter.Seq[row], total int) (*bulk.Summary[row], error) {
	if imp.tagName != "" && imp.tagID == "" {
		// Creating a tag that exists returns it: safe to repeat.
		tag, err := client.Tags.Create(ctx, intercom.CreateOrUpdateTagRequest{Name: imp.tagName})
		if err != nil {
			return nil, fmt.Errorf("creating tag: %w", err)
		}
		imp.tagID = *tag.Id
	}
	job := bulk.Job[row]{
		Do:  imp.upsert,
		Key: row.key,
		// upsert looks the contact up before it creates one, so sending it
		// again is the reconciliation of a row whose create may have been
		// applied (bulk.OutcomeUnknown): Rerun includes those rows.
		Reconcile:  bulk.Repeatable[row],
		Workers:    imp.workers,
		Checkpoint: imp.checkpoint,
		Progress:   imp.progress,
		Total:      total,
	}
	return job.Run(ctx, client, rows)
}

// upsert imports one row: find the contact (by external id, then by email),
// update it or create it, then tag it.
func (imp *importer) upsert(ctx context.Context, c *intercom.Client, r row) error {
	if r.err != nil {
		return r.err
	}
	id, err := findContact(ctx, c, r)
	if err != nil {
		return &stepError{"finding the contact", err}
	}
	if id == "" {
		body := intercom.CreateContactRequest{Role: intercom.Ptr("user")}
		setIf(&body.Email, r.email)
		setIf(&body.ExternalId, r.externalID)
		setIf(&body.Name, r.name)
		if r.attrs != nil {
			body.CustomAttributes = r.attrs
		}
		ct, err := c.Contacts.Create(ctx, body)
		if err != nil {
			return &stepError{"creating the contact", err}
		}
		id = *ct.Id
		imp.created.Add(1)
	} else {
		var body intercom.UpdateContactRequest
		setIf(&body.Email, r.email)
		setIf(&body.ExternalId, r.externalID)
		setIf(&body.Name, r.name)
		if r.attrs != nil {
			body.CustomAttributes = r.attrs
		}
		if _, err := c.Contacts.Update(ctx, id, body); err != nil {
			return &stepError{"updating the contact", err}
		}
		imp.updated.Add(1)
	}
	if imp.tagID != "" {
		if _, err := c.Contacts.Tag(ctx, id, imp.tagID); err != nil {
			return &stepError{"tagging the contact", err}
		}
	}
	return nil
}

// findContact returns the id of the row's contact, or "" when there is none.
func findContact(ctx context.Context, c *intercom.Client, r row) (string, error) {
	if r.externalID != "" {
		ct, err := c.Contacts.GetByExternalID(ctx, r.externalID)
		switch {
		case err == nil:
			return *ct.Id, nil
		case !intercom.IsNotFound(err):
			return "", err
		}
	}
	if r.email == "" {
		return "", nil
	}
	req, err := intercom.Field("email").Equals(r.email).ForContacts()
	if err != nil {
		return "", err
	}
	list, err := c.Contacts.Search(ctx, req)
	if err != nil {
		return "", err
	}
	for _, ct := range list.Data {
		// A contact with another external id is another person.
		if ct.Id != nil && (r.externalID == "" || ct.ExternalId == nil || *ct.ExternalId == r.externalID) {
			return *ct.Id, nil
		}
	}
	return "", nil
}

func setIf(dst **string, v string) {
	if v != "" {
		*dst = &v
	}
}

// stepError says which step of a row failed.
type stepError struct {
	step string
	err  error
}

func (e *stepError) Error() string { return e.step + ": " + e.err.Error() }
func (e *stepError) Unwrap() error { return e.err }

// describe says why a row failed without quoting its data: Intercom's error
// messages and the URLs in connection errors can contain an email or an
// external id.
func describe(err error) string {
	var (
		step   *stepError
		apiErr *intercom.Error
	)
	prefix := ""
	if errors.As(err, &step) {
		prefix = step.step + ": "
	} else {
		return err.Error() // a CSV error: line and column only
	}
	switch {
	case errors.As(err, &apiErr):
		code := ""
		if len(apiErr.Errors) > 0 {
			code = " " + apiErr.Errors[0].Code
		}
		return fmt.Sprintf("%s%d%s (request id %s)", prefix, apiErr.StatusCode, code, apiErr.RequestID)
	case errors.Is(err, context.Canceled):
		return prefix + "cancelled"
	case errors.Is(err, context.DeadlineExceeded):
		return prefix + "timed out"
	}
	return prefix + "connection or response error"
}

// printSummary prints the summary and the failed rows by line, without
// their data.
func printSummary(w io.Writer, imp *importer, sum *bulk.Summary[row]) {
	fmt.Fprintf(w, "%v\n", sum)
	fmt.Fprintf(w, "contacts created %d, updated %d\n", imp.created.Load(), imp.updated.Load())
	const maxShown = 10
	for i, f := range sum.Failures {
		if i == maxShown {
			fmt.Fprintf(w, "... and %d more failed rows\n", len(sum.Failures)-maxShown)
			break
		}
		fmt.Fprintf(w, "failed: line %d: %s\n", f.Item.line, describe(f.Err))
	}
}
