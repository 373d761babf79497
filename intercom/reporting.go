package intercom

import (
	"context"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// ReportingDataExportJob is a reporting data export job: its identifier,
// status ("pending", "complete", "failed"...) and, once complete, where to
// download it. It is the type of the generated
// gen.EnqueueReportingDataExportResponse.JSON200 and
// gen.GetReportingDataExportResponse.JSON200 (inline schemas in the API
// description, so they have no name in package gen).
type ReportingDataExportJob = struct {
	DownloadExpiresAt *string `json:"download_expires_at,omitempty"`
	DownloadUrl       *string `json:"download_url,omitempty"`
	JobIdentifier     *string `json:"job_identifier,omitempty"`
	Status            *string `json:"status,omitempty"`
}

// ReportingDatasetAttribute is one attribute of a [ReportingDataset], which
// an export can include by its Id.
type ReportingDatasetAttribute = struct {
	Id   *string `json:"id,omitempty"`
	Name *string `json:"name,omitempty"`
}

// ReportingDataset is one dataset that reporting data can be exported from,
// with its attributes.
type ReportingDataset = struct {
	Attributes             *[]ReportingDatasetAttribute `json:"attributes,omitempty"`
	DefaultTimeAttributeId *string                      `json:"default_time_attribute_id,omitempty"`
	Description            *string                      `json:"description,omitempty"`
	Id                     *string                      `json:"id,omitempty"`
	Name                   *string                      `json:"name,omitempty"`
}

// ReportingDatasetList is the reply of [ReportingDataExportService.ListDatasets].
// It is the type of the generated gen.ListReportingDatasetsResponse.JSON200.
type ReportingDatasetList = struct {
	Data *[]ReportingDataset `json:"data,omitempty"`
	Type *string             `json:"type,omitempty"`
}

// The generated response fields must stay the very types above.
var (
	_ = func(r *gen.EnqueueReportingDataExportResponse) *ReportingDataExportJob { return r.JSON200 }
	_ = func(r *gen.GetReportingDataExportResponse) *ReportingDataExportJob { return r.JSON200 }
	_ = func(r *gen.ListReportingDatasetsResponse) *ReportingDatasetList { return r.JSON200 }
)

// Enqueue starts a reporting data export: the attributes body.AttributeIds
// of dataset body.DatasetId between body.StartTime and body.EndTime (Unix
// seconds) (POST /export/reporting_data/enqueue). Find datasets and attribute
// ids with [ReportingDataExportService.ListDatasets]; poll the job with
// [ReportingDataExportService.Get].
func (s *ReportingDataExportService) Enqueue(ctx context.Context, body gen.EnqueueReportingDataExportJSONRequestBody, opts ...Option) (*ReportingDataExportJob, error) {
	return doJSON[ReportingDataExportJob](ctx, s.c, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.EnqueueReportingDataExport(ctx, body)
	})
}

// Get fetches the status of a reporting data export job
// (GET /export/reporting_data/{job_identifier}). params.AppId (the workspace
// code) and params.ClientId are required.
func (s *ReportingDataExportService) Get(ctx context.Context, jobID string, params gen.GetReportingDataExportParams, opts ...Option) (*ReportingDataExportJob, error) {
	if err := requireID("job identifier", jobID); err != nil {
		return nil, err
	}
	if err := requireID("app id", params.AppId); err != nil {
		return nil, err
	}
	if err := requireID("client id", params.ClientId); err != nil {
		return nil, err
	}
	return doJSON[ReportingDataExportJob](ctx, s.c, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.GetReportingDataExport(ctx, jobID, &params)
	})
}

// ListDatasets lists the datasets, and their attributes, that reporting
// data can be exported from (GET /export/reporting_data/get_datasets).
func (s *ReportingDataExportService) ListDatasets(ctx context.Context, opts ...Option) (*ReportingDatasetList, error) {
	return doJSON[ReportingDatasetList](ctx, s.c, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListReportingDatasets(ctx)
	})
}

// Download downloads the file of a completed reporting data export of
// workspace appID (GET /download/reporting_data/{job_identifier}, sent with
// Accept: application/octet-stream as the API requires).
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
	return doDownload(ctx, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.DownloadReportingDataExport(ctx, jobID, &params)
	})
}
