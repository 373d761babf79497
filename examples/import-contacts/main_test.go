package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/bulk"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// TestDemoTwice runs `import-contacts -demo` twice: each exits 0 after
// checking that the file's rows are as many contacts, with no duplicate,
// also after importing the whole file a second time.
func TestDemoTwice(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: the demo imports 2,000 rows three times; run without -short")
	}
	for i := range 2 {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), []string{"-demo"}, &stdout, &stderr); code != 0 {
			t.Fatalf("run %d: exit %d\nstdout:\n%s\nstderr:\n%s", i+1, code, stdout.String(), stderr.String())
		}
		out := stdout.String()
		// The second import creates nothing; a row whose lookup met an injected
		// fault on that pass fails (and is reported) rather than being updated.
		for _, want := range []string{"2000 items:", "demo: importing the whole file a second time", "contacts created 0, updated ", "no duplicate", "demo: ok"} {
			if !strings.Contains(out, want) {
				t.Errorf("run %d: stdout lacks %q:\n%s", i+1, want, out)
			}
		}
		if !strings.Contains(stderr.String(), "2,000/2,000") {
			t.Errorf("run %d: no final progress line on stderr:\n%s", i+1, stderr.String())
		}
		if strings.Contains(out+stderr.String(), "@example.com") {
			t.Errorf("run %d: the output shows an email", i+1)
		}
	}
}

func TestUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), nil, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "-csv") {
		t.Errorf("no flags: exit %d, stderr %q", code, stderr.String())
	}
	if code := run(context.Background(), []string{"-nope"}, &stdout, &stderr); code != 2 {
		t.Errorf("unknown flag: exit %d", code)
	}
}

func TestReadRows(t *testing.T) {
	in := "email, name ,external_id,plan\n" +
		"ada@example.com,Ada,crm-1,pro\n" +
		",Nobody,,free\n" +
		"grace@example.com,Grace,,\n" +
		"\"bad,quote,x,y\n"
	var got []row
	for r := range readRows(strings.NewReader(in)) {
		got = append(got, r)
	}
	if len(got) != 4 {
		t.Fatalf("%d rows, want 4: %+v", len(got), got)
	}
	if r := got[0]; r.err != nil || r.email != "ada@example.com" || r.name != "Ada" || r.externalID != "crm-1" || r.attrs["plan"] != "pro" || r.line != 2 {
		t.Errorf("row 1: %+v", r)
	}
	if got[0].key() != "external_id:crm-1" || got[2].key() != "email:grace@example.com" {
		t.Errorf("keys %q %q", got[0].key(), got[2].key())
	}
	if got[1].err == nil || got[2].err != nil || got[2].attrs != nil || got[3].err == nil {
		t.Errorf("errors: %v / %v / %v", got[1].err, got[2].err, got[3].err)
	}
}

func TestDescribeHidesData(t *testing.T) {
	apiErr := &intercom.Error{StatusCode: 409, Errors: []intercom.ErrorDetail{{Code: "conflict", Message: "ada@example.com exists"}}, RequestID: "r1"}
	for err, want := range map[error]string{
		&stepError{"creating the contact", apiErr}:                                      "creating the contact: 409 conflict (request id r1)",
		&stepError{"finding the contact", errors.New(`Get "/x/ada@example.com": EOF`)}:  "finding the contact: connection or response error",
		&stepError{"tagging the contact", fmt.Errorf("intercom: %w", context.Canceled)}: "tagging the contact: cancelled",
		errors.New("line 3 has neither email nor external_id"):                          "line 3 has neither email nor external_id",
	} {
		if got := describe(err); got != want {
			t.Errorf("describe(%v) = %q, want %q", err, got, want)
		}
	}
}

// TestImportFileResumes imports a file with a checkpoint, then again: the
// second run skips every row.
func TestImportFileResumes(t *testing.T) {
	srv := intercomtest.NewServer(t)
	if _, err := srv.AddContact(genContact("grace@example.com", "")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "in.csv")
	if err := os.WriteFile(path, []byte("email,name,external_id,plan\nada@example.com,Ada,crm-1,pro\ngrace@example.com,Grace,crm-2,free\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	total, err := countRows(path)
	if err != nil || total != 2 {
		t.Fatalf("countRows = %d, %v", total, err)
	}
	cpPath := filepath.Join(t.TempDir(), "cp")
	for i, want := range []struct{ done, skipped, created, updated int }{{2, 0, 1, 1}, {0, 2, 0, 0}} {
		cp, err := bulk.OpenFile(cpPath)
		if err != nil {
			t.Fatal(err)
		}
		imp := &importer{tagName: "vip", workers: 2, checkpoint: cp}
		sum, err := imp.importFile(context.Background(), srv.Client(), path, total)
		cp.Close()
		if err != nil {
			t.Fatal(err)
		}
		if sum.Done != want.done || sum.Skipped != want.skipped || int(imp.created.Load()) != want.created || int(imp.updated.Load()) != want.updated {
			t.Errorf("run %d: %v, created %d, updated %d; want %+v", i+1, sum, imp.created.Load(), imp.updated.Load(), want)
		}
	}
	if n := srv.ContactCount(); n != 2 {
		t.Errorf("%d contacts, want 2", n)
	}
}

func genContact(email, ext string) intercom.Contact {
	c := intercom.Contact{Email: &email}
	if ext != "" {
		c.ExternalId = &ext
	}
	return c
}
