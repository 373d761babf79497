package intercom

import (
	"context"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// Each method below decodes into the type of its generated JSON200 field.
var (
	_ = func(r *gen.EnqueueReportingDataExportResponse) *gen.ReportingDataExportJob { return r.JSON200 }
	_ = func(r *gen.GetReportingDataExportResponse) *gen.ReportingDataExportStatus { return r.JSON200 }
	_ = func(r *gen.ListReportingDatasetsResponse) *gen.ReportingDatasetList { return r.JSON200 }
)

// Enqueue starts a reporting data export: the attributes body.AttributeIds
// of dataset body.DatasetId between body.StartTime and body.EndTime (Unix
// seconds) (POST /export/reporting_data/enqueue). Find datasets and attribute
// ids with [ReportingDataExportService.ListDatasets]; poll the job with
// [ReportingDataExportService.Get].
func (s *ReportingDataExportService) Enqueue(ctx context.Context, body gen.EnqueueReportingDataExportJSONRequestBody, opts ...Option) (*gen.ReportingDataExportJob, error) {
	return doJSON[gen.ReportingDataExportJob](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.EnqueueReportingDataExport(ctx, body)
	})
}

// Get fetches the status of a reporting data export job
// (GET /export/reporting_data/{job_identifier}). params.AppId (the workspace
// code) and params.ClientId are required.
func (s *ReportingDataExportService) Get(ctx context.Context, jobID string, params gen.GetReportingDataExportParams, opts ...Option) (*gen.ReportingDataExportStatus, error) {
	if err := requireID("job identifier", jobID); err != nil {
		return nil, err
	}
	if err := requireID("app id", params.AppId); err != nil {
		return nil, err
	}
	if err := requireID("client id", params.ClientId); err != nil {
		return nil, err
	}
	return doJSON[gen.ReportingDataExportStatus](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.GetReportingDataExport(ctx, jobID, &params)
	})
}

// ListDatasets lists the datasets, and their attributes, that reporting
// data can be exported from (GET /export/reporting_data/get_datasets).
func (s *ReportingDataExportService) ListDatasets(ctx context.Context, opts ...Option) (*gen.ReportingDatasetList, error) {
	return doJSON[gen.ReportingDatasetList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListReportingDatasets(ctx)
	})
}

// Download downloads the file of a completed reporting data export of
// workspace appID (GET /download/reporting_data/{job_identifier}, sent with
// Accept: application/octet-stream as the API requires), streamed: read it
// from the [Download] and Close it.
func (s *ReportingDataExportService) Download(ctx context.Context, jobID, appID string, opts ...Option) (*Download, error) {
	if err := requireID("job identifier", jobID); err != nil {
		return nil, err
	}
	if err := requireID("app id", appID); err != nil {
		return nil, err
	}
	params := gen.DownloadReportingDataExportParams{
		AppId:  appID,
		Accept: gen.DownloadReportingDataExportParamsAcceptApplicationoctetStream,
	}
	return doDownload(ctx, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.DownloadReportingDataExport(ctx, jobID, &params)
	})
}
