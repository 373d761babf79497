package intercom

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

func TestReportingDataExportMethods(t *testing.T) {
	svcRun(t, []svcCase{
		{
			name: "Enqueue",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.ReportingDataExport.Enqueue(ctx, gen.EnqueueReportingDataExportJSONRequestBody{
					DatasetId: "conversation", AttributeIds: []string{"conversation_id", "conversation_started_at"},
					StartTime: 1717490000, EndTime: 1717510000,
				})
			},
			method: "POST", path: "/export/reporting_data/enqueue",
			body: `{"dataset_id":"conversation","attribute_ids":["conversation_id","conversation_started_at"],"start_time":1717490000,"end_time":1717510000}`,
			resp: `{"job_identifier":"job1","status":"pending","download_url":"","download_expires_at":""}`,
		},
		{
			name: "Get",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.ReportingDataExport.Get(ctx, "job1", "abc123", "cl-9")
			},
			method: "GET", path: "/export/reporting_data/job1",
			query: url.Values{"app_id": {"abc123"}, "client_id": {"cl-9"}},
			resp:  `{"job_identifier":"job1","status":"complete","download_url":"https://api.intercom.io/download/reporting_data/job1","download_expires_at":"1717600000"}`,
		},
		{
			name:   "ListDatasets",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.ReportingDataExport.ListDatasets(ctx) },
			method: "GET", path: "/export/reporting_data/get_datasets",
			resp: `{"type":"list","data":[{"id":"conversation","name":"Conversation","description":"Conversation-level details","default_time_attribute_id":"conversation_started_at","attributes":[{"id":"conversation_id","name":"Conversation ID"}]}]}`,
		},
	})
}

func TestReportingDataExportIDs(t *testing.T) {
	svcRunIDs(t, []svcIDCase{
		{name: "Get", route: "/export/reporting_data/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.ReportingDataExport.Get(ctx, id, "a", "b")
			return err
		}},
		{name: "Get/app id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.ReportingDataExport.Get(ctx, "job1", id, "b")
			return err
		}},
		{name: "Get/client id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.ReportingDataExport.Get(ctx, "job1", "a", id)
			return err
		}},
		{name: "Download", route: "/download/reporting_data/%s", call: func(ctx context.Context, c *Client, id string) error {
			return closeDownload(c.ReportingDataExport.Download(ctx, id, "abc123"))
		}},
		{name: "Download/app id", call: func(ctx context.Context, c *Client, id string) error {
			return closeDownload(c.ReportingDataExport.Download(ctx, "job1", id))
		}},
	})
}

func TestReportingDataExportDownload(t *testing.T) {
	file := cvtGzipCSV(t)
	c, seen := svcServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		if r.URL.EscapedPath() != "/download/reporting_data/job1" {
			coreJSON(w, http.StatusNotFound, `{"type":"error.list","errors":[{"code":"not_found","message":"Export job not found for identifier: job2"}]}`)
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(file)
	})
	d, err := c.ReportingDataExport.Download(context.Background(), "job1", "abc123")
	if err != nil {
		t.Fatal(err)
	}
	data := readDownload(t, d)
	if string(data) != string(file) || d.ContentType != "application/octet-stream" {
		t.Errorf("download = %d bytes %q", len(data), d.ContentType)
	}
	r := seen()[0]
	checkQuery(t, r.rawQuery, url.Values{"app_id": {"abc123"}})
	if got := r.header.Get("Accept"); got != "application/octet-stream" {
		t.Errorf("Accept = %q", got)
	}
	err = closeDownload(c.ReportingDataExport.Download(context.Background(), "job2", "abc123"))
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != http.StatusNotFound || len(e.Errors) != 1 {
		t.Errorf("missing job: err = %v", err)
	}
}
