package intercom

import (
	"context"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// Create starts an export of the delivery and engagement data of the
// outbound content sent in a time range (POST /export/content/data).
// body.CreatedAtAfter and CreatedAtBefore are Unix seconds. Poll the job with
// [DataExportService.Get] and download it with [DataExportService.Download]
// once its status is gen.DataExportStatusCompleted.
func (s *DataExportService) Create(ctx context.Context, body gen.CreateDataExportsRequest, opts ...Option) (*gen.DataExport, error) {
	return doJSON[gen.DataExport](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CreateDataExport(ctx, body)
	})
}

// Get fetches the status of a data export job
// (GET /export/content/data/{job_identifier}).
func (s *DataExportService) Get(ctx context.Context, jobID string, opts ...Option) (*gen.DataExport, error) {
	if err := requireID("job identifier", jobID); err != nil {
		return nil, err
	}
	return doJSON[gen.DataExport](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.GetDataExport(ctx, jobID)
	})
}

// Cancel cancels a data export job (POST /export/cancel/{job_identifier}).
func (s *DataExportService) Cancel(ctx context.Context, jobID string, opts ...Option) (*gen.DataExport, error) {
	if err := requireID("job identifier", jobID); err != nil {
		return nil, err
	}
	return doJSON[gen.DataExport](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CancelDataExport(ctx, jobID)
	})
}

// Download downloads the file of a completed data export
// (GET /download/content/data/{job_identifier}, sent with
// Accept: application/octet-stream as the API requires). Intercom sends the
// data as a gzip-compressed CSV file, streamed as received (read it from the
// [Download], or copy it with WriteTo, and Close it); only if the response
// declared Content-Encoding: gzip has Go's HTTP transport already
// decompressed it.
func (s *DataExportService) Download(ctx context.Context, jobID string, opts ...Option) (*Download, error) {
	if err := requireID("job identifier", jobID); err != nil {
		return nil, err
	}
	return doDownload(ctx, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.DownloadDataExport(ctx, jobID, acceptHeader("application/octet-stream"))
	})
}
