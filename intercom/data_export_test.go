package intercom

import (
	"bytes"
	"compress/gzip"
	"context"
	"net/http"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

func TestDataExportMethods(t *testing.T) {
	job := `{"job_identifier":"orzzsbd7hk67xyu","status":"pending","download_url":"","download_expires_at":""}`
	svcRun(t, []svcCase{
		{
			name: "Create",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.DataExport.Create(ctx, gen.CreateDataExportsRequest{CreatedAtAfter: 1734519776, CreatedAtBefore: 1734537776})
			},
			method: "POST", path: "/export/content/data",
			body: `{"created_at_after":1734519776,"created_at_before":1734537776}`,
			resp: job,
		},
		{
			name:   "Get",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.DataExport.Get(ctx, "orzzsbd7hk67xyu") },
			method: "GET", path: "/export/content/data/orzzsbd7hk67xyu",
			resp: job,
		},
		{
			name:   "Cancel",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.DataExport.Cancel(ctx, "orzzsbd7hk67xyu") },
			method: "POST", path: "/export/cancel/orzzsbd7hk67xyu",
			resp: `{"job_identifier":"orzzsbd7hk67xyu","status":"canceled"}`,
		},
	})
}

func TestDataExportIDs(t *testing.T) {
	svcRunIDs(t, []svcIDCase{
		{name: "Get", route: "/export/content/data/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.DataExport.Get(ctx, id)
			return err
		}},
		{name: "Cancel", route: "/export/cancel/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.DataExport.Cancel(ctx, id)
			return err
		}},
		{name: "Download", route: "/download/content/data/%s", call: func(ctx context.Context, c *Client, id string) error {
			return closeDownload(c.DataExport.Download(ctx, id))
		}},
	})
}

// cvtGzipCSV returns a gzip-compressed CSV file.
func cvtGzipCSV(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte("user_id,message_id,opened_at\nu1,m1,1734519800\n")); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDataExportDownload(t *testing.T) {
	file := cvtGzipCSV(t)
	c, _ := svcServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		if r.URL.EscapedPath() != "/download/content/data/xyz1234" || r.Header.Get("Accept") != "application/octet-stream" {
			coreJSON(w, http.StatusNotFound, `{"type":"error.list","errors":[{"code":"not_found","message":"Export not found"}]}`)
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Disposition", `attachment; filename="export-xyz1234.csv.gz"`)
		w.Write(file)
	})
	d, err := c.DataExport.Download(context.Background(), "xyz1234")
	if err != nil {
		t.Fatal(err)
	}
	data := readDownload(t, d)
	if !bytes.Equal(data, file) || d.ContentType != "application/octet-stream" || d.Filename != "export-xyz1234.csv.gz" {
		t.Errorf("download = %d bytes %q %q, want the %d bytes sent", len(data), d.ContentType, d.Filename, len(file))
	}
	if err := closeDownload(c.DataExport.Download(context.Background(), "missing")); !IsNotFound(err) {
		t.Errorf("missing export: err = %v, want not found", err)
	}
}
