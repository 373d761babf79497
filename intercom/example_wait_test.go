package intercom_test

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

// exportMessages is the data-export program of README.md ("Asynchronous
// jobs"), verbatim between the markers; TestReadmeDataExportProgram checks
// that the README shows this code. It is program 6 of sixprograms_test.go.
//
// BEGIN program 6
func exportMessages(ctx context.Context, client *intercom.Client, exportPath string) error {
	// readme:data-export
	job, err := client.DataExport.Create(ctx, intercom.CreateDataExportsRequest{
		CreatedAtAfter:  int(time.Now().Add(-7 * 24 * time.Hour).Unix()),
		CreatedAtBefore: int(time.Now().Add(time.Hour).Unix()),
	})
	if err != nil {
		return err
	}
	// Poll until the export completes: backoff from 1 s to 30 s, inside the rate budget.
	done, err := intercom.Wait(ctx, client, intercom.DataExportJob(job.GetJobIdentifier()))
	if err != nil {
		return err // a *intercom.JobError (errors.Is intercom.ErrJobFailed) if it failed or was canceled
	}
	file, err := client.DataExport.Download(ctx, done.GetJobIdentifier())
	if err != nil {
		return err
	}
	defer file.Close()
	out, err := os.Create(exportPath)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, file); err != nil { // streamed to disk, never held in memory
		out.Close()
		return err
	}
	return out.Close()
	// /readme:data-export
}

// END program 6

// Export message data (an asynchronous job) and stream the gzipped CSV to a
// file, against the fake: Wait polls on the fake's clock, so the 10-second
// job takes no real time.
func ExampleWait() {
	srv, err := intercomtest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	srv.SeedContacts(3)
	dir, err := os.MkdirTemp("", "export")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "messages.csv.gz")
	if err := exportMessages(context.Background(), srv.Client(), path); err != nil {
		log.Fatal(err)
	}

	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		log.Fatal(err)
	}
	lines := bufio.NewScanner(zr)
	n := 0
	for lines.Scan() {
		if n == 0 {
			fmt.Println(lines.Text())
		}
		n++
	}
	fmt.Println(n-1, "rows")
	// Output:
	// user_id,user_external_id,email,name,received_at
	// 3 rows
}
