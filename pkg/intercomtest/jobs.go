package intercomtest

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/intercomkit/intercom-go/gen"
)

// Asynchronous jobs: content data exports (POST /export/content/data),
// reporting data exports (POST /export/reporting_data/enqueue) and enqueued
// tickets (POST /tickets/enqueue, read with GET /jobs/status/{job_id}). Each
// runs for the server's job duration ([WithJobDuration]) on its clock.

// jobKind tells the jobs apart.
type jobKind int

const (
	jobDataExport jobKind = iota
	jobReporting
	jobTicket
)

type jobRec struct {
	kind     jobKind
	id       string
	start    time.Time
	canceled bool
	// Data export: the window of messages, Unix seconds.
	after, before int64
	// Reporting: the dataset and attributes, the window.
	dataset string
	attrs   []string
	// Ticket: the ticket created, or why it could not be.
	ticketID  string
	ticketErr string
}

// elapsed is how far the job has run at now, as a fraction of the job
// duration (1 or more: done).
func (c *call) jobProgress(j *jobRec) float64 {
	d := c.s.cfg.jobDuration
	if d <= 0 {
		return 1
	}
	return float64(c.now.Sub(j.start)) / float64(d)
}

// newJobID returns an id like Intercom's job identifiers (16 base-36
// characters).
func (st *store) newJobID() string {
	st.jobSeq++
	s := strconv.FormatUint(uint64(st.appHash)<<20^st.jobSeq*0x9e3779b97f4a7c15, 36)
	for len(s) < 16 {
		s = "0" + s
	}
	return s[len(s)-16:]
}

// dataExportStatus is a data export's status at the call's time.
func (c *call) dataExportStatus(j *jobRec) gen.DataExportStatus {
	switch p := c.jobProgress(j); {
	case j.canceled:
		return gen.DataExportStatusCanceled
	case p < 0.5:
		return gen.DataExportStatusPending
	case p < 1:
		return gen.DataExportStatusInProgress
	}
	return gen.DataExportStatusCompleted
}

func (c *call) renderDataExport(j *jobRec) gen.DataExport {
	st := c.dataExportStatus(j)
	out := gen.DataExport{JobIdentifier: ptr(j.id), Status: &st, DownloadUrl: ptr(""), DownloadExpiresAt: ptr("")}
	if st == gen.DataExportStatusCompleted {
		done := j.start.Add(c.s.cfg.jobDuration)
		out.DownloadUrl = ptr(c.s.URL + "/download/content/data/" + j.id)
		out.DownloadExpiresAt = ptr(strconv.FormatInt(done.Add(48*time.Hour).Unix(), 10))
	}
	return out
}

// createDataExport starts a content data export: one job at a time per
// workspace, as Intercom allows.
func (c *call) createDataExport() result {
	var in struct {
		CreatedAtAfter  *int64 `json:"created_at_after"`
		CreatedAtBefore *int64 `json:"created_at_before"`
	}
	if good, res := c.decode(&in); !good {
		return res
	}
	if in.CreatedAtAfter == nil {
		return missing("created_at_after")
	}
	if in.CreatedAtBefore == nil {
		return missing("created_at_before")
	}
	if *in.CreatedAtBefore < *in.CreatedAtAfter {
		return invalid("created_at_before must not be before created_at_after")
	}
	for _, j := range c.st.jobs.values() {
		if s := c.dataExportStatus(j); j.kind == jobDataExport && (s == gen.DataExportStatusPending || s == gen.DataExportStatusInProgress) {
			return fail(http.StatusTooManyRequests, "rate_limit_exceeded", "Exceeded rate limit of 1 pending message data export jobs")
		}
	}
	j := &jobRec{kind: jobDataExport, id: c.st.newJobID(), start: c.now, after: *in.CreatedAtAfter, before: *in.CreatedAtBefore}
	c.st.jobs.put(j.id, j)
	return ok(c.renderDataExport(j))
}

func (c *call) job(kind jobKind, param string) (*jobRec, result, bool) {
	j, found := c.st.jobs.get(c.params[param])
	if !found || j.kind != kind {
		return nil, notFound("Export job"), false
	}
	return j, result{}, true
}

func (c *call) getDataExport() result {
	j, res, good := c.job(jobDataExport, "job_identifier")
	if !good {
		return res
	}
	return ok(c.renderDataExport(j))
}

func (c *call) cancelDataExport() result {
	j, res, good := c.job(jobDataExport, "job_identifier")
	if !good {
		return res
	}
	if c.dataExportStatus(j) == gen.DataExportStatusCompleted {
		return invalid("The export job has completed and cannot be canceled")
	}
	j.canceled = true
	return ok(c.renderDataExport(j))
}

// downloadDataExport streams the gzip CSV of a completed export: one row per
// contact created in the export's window.
func (c *call) downloadDataExport() result {
	j, res, good := c.job(jobDataExport, "job_identifier")
	if !good {
		return res
	}
	if c.dataExportStatus(j) != gen.DataExportStatusCompleted {
		return notFound("Completed export job")
	}
	rows := [][]string{{"user_id", "user_external_id", "email", "name", "received_at"}}
	for _, rec := range c.st.contacts.values() {
		at := int64(val(rec.c.CreatedAt))
		if at < j.after || at > j.before {
			continue
		}
		rows = append(rows, []string{val(rec.c.Id), val(rec.c.ExternalId), val(rec.c.Email), val(rec.c.Name), strconv.FormatInt(at, 10)})
	}
	return gzipCSV(rows, "message_data_"+j.id+".csv.gz")
}

// gzipCSV answers rows as a gzipped CSV file.
func gzipCSV(rows [][]string, filename string) result {
	var csvBuf bytes.Buffer
	w := csv.NewWriter(&csvBuf)
	_ = w.WriteAll(rows) // a bytes.Buffer does not fail
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	_, _ = zw.Write(csvBuf.Bytes())
	_ = zw.Close()
	return result{status: http.StatusOK, raw: out.Bytes(), ctype: "application/octet-stream",
		header: map[string]string{"Content-Disposition": fmt.Sprintf("attachment; filename=%q", filename)}}
}

// reportingDatasets are the datasets of the reporting data export, with the
// attributes the fake fills from its conversations and tickets.
var reportingDatasets = []struct {
	id, name, desc, timeAttr string
	attrs                    []string
}{
	{"conversation", "Conversation", "Conversation-level details: status, channel, assignee.", "conversation_started_at",
		[]string{"conversation_id", "conversation_started_at", "conversation_state", "conversation_title"}},
	{"ticket", "Ticket", "Ticket-level details: type, state, title.", "ticket_created_at",
		[]string{"ticket_id", "ticket_created_at", "ticket_state", "ticket_title"}},
}

// listReportingDatasets answers the datasets as plain JSON: the generated
// types of the dataset list differ between API versions.
func (c *call) listReportingDatasets() result {
	data := []map[string]any{}
	for _, d := range reportingDatasets {
		attrs := []map[string]any{}
		for _, a := range d.attrs {
			attrs = append(attrs, map[string]any{"id": a, "qualified_id": d.id + "." + a, "name": a})
		}
		data = append(data, map[string]any{"id": d.id, "name": d.name, "description": d.desc,
			"default_time_attribute_id": d.timeAttr, "attributes": attrs})
	}
	return ok(map[string]any{"type": "list", "data": data})
}

// reportingStatus is a reporting export's status: pending, then complete.
func (c *call) reportingStatus(j *jobRec) string {
	if c.jobProgress(j) < 1 {
		return "pending"
	}
	return "complete"
}

func (c *call) renderReporting(j *jobRec) map[string]any {
	st := c.reportingStatus(j)
	out := map[string]any{"job_identifier": j.id, "status": st, "download_url": "", "download_expires_at": ""}
	if st == "complete" {
		done := j.start.Add(c.s.cfg.jobDuration)
		out["download_url"] = c.s.URL + "/download/reporting_data/" + j.id
		out["download_expires_at"] = strconv.FormatInt(done.Add(48*time.Hour).Unix(), 10)
	}
	return out
}

func (c *call) enqueueReportingExport() result {
	var in struct {
		DatasetID    string   `json:"dataset_id"`
		AttributeIDs []string `json:"attribute_ids"`
		StartTime    *int64   `json:"start_time"`
		EndTime      *int64   `json:"end_time"`
	}
	if good, res := c.decode(&in); !good {
		return res
	}
	if in.DatasetID == "" {
		return fail(http.StatusBadRequest, "bad_request", "'dataset_id' is a required parameter")
	}
	var attrs []string
	for _, d := range reportingDatasets {
		if d.id == in.DatasetID {
			attrs = d.attrs
		}
	}
	if attrs == nil {
		return fail(http.StatusBadRequest, "bad_request", "%s is not a valid dataset_id", in.DatasetID)
	}
	if len(in.AttributeIDs) == 0 {
		return fail(http.StatusBadRequest, "bad_request", "attribute_ids must contain at least one attribute_id")
	}
	for _, a := range in.AttributeIDs {
		if !containsString(attrs, a) && !containsString(attrs, trimDataset(a, in.DatasetID)) {
			return fail(http.StatusBadRequest, "bad_request", "attribute_ids invalid for %s dataset: %s", in.DatasetID, a)
		}
	}
	if in.StartTime == nil || in.EndTime == nil {
		return fail(http.StatusBadRequest, "bad_request", "'start_time' and 'end_time' are required parameters")
	}
	pending := 0
	for _, j := range c.st.jobs.values() {
		if j.kind == jobReporting && c.reportingStatus(j) == "pending" {
			pending++
		}
	}
	if pending >= 5 {
		return fail(http.StatusTooManyRequests, "rate_limit_exceeded", "Exceeded rate limit of 5 pending reporting dataset export jobs")
	}
	j := &jobRec{kind: jobReporting, id: c.st.newJobID(), start: c.now, dataset: in.DatasetID, attrs: in.AttributeIDs, after: *in.StartTime, before: *in.EndTime}
	c.st.jobs.put(j.id, j)
	return ok(c.renderReporting(j))
}

func trimDataset(attr, dataset string) string {
	if len(attr) > len(dataset)+1 && attr[:len(dataset)+1] == dataset+"." {
		return attr[len(dataset)+1:]
	}
	return attr
}

// requireQuery answers 400 when a required query parameter is missing.
func (c *call) requireQuery(names ...string) (result, bool) {
	for _, n := range names {
		if c.query.Get(n) == "" {
			return fail(http.StatusBadRequest, "bad_request", "'%s' is a required parameter", n), false
		}
	}
	return result{}, true
}

func (c *call) getReportingExport() result {
	if res, good := c.requireQuery("app_id", "client_id"); !good {
		return res
	}
	j, found := c.st.jobs.get(c.params["job_identifier"])
	if !found || j.kind != jobReporting {
		return fail(http.StatusNotFound, "not_found", "Export job not found for identifier: %s", c.params["job_identifier"])
	}
	return ok(c.renderReporting(j))
}

// downloadReportingExport streams the gzip CSV of a complete reporting
// export: the attributes asked for, one row per conversation or ticket
// created in the window.
func (c *call) downloadReportingExport() result {
	if res, good := c.requireQuery("app_id"); !good {
		return res
	}
	j, found := c.st.jobs.get(c.params["job_identifier"])
	if !found || j.kind != jobReporting || c.reportingStatus(j) != "complete" {
		return fail(http.StatusNotFound, "not_found", "Export job not found for identifier: %s", c.params["job_identifier"])
	}
	rows := [][]string{j.attrs}
	add := func(at int64, vals map[string]string) {
		if at < j.after || at > j.before {
			return
		}
		row := make([]string, len(j.attrs))
		for i, a := range j.attrs {
			row[i] = vals[trimDataset(a, j.dataset)]
		}
		rows = append(rows, row)
	}
	switch j.dataset {
	case "conversation":
		for _, cv := range c.st.conversations.values() {
			at := int64(val(cv.c.CreatedAt))
			add(at, map[string]string{"conversation_id": val(cv.c.Id), "conversation_started_at": strconv.FormatInt(at, 10),
				"conversation_state": string(val(cv.c.State)), "conversation_title": val(cv.c.Title)})
		}
	case "ticket":
		for _, t := range c.st.tickets.values() {
			at := int64(val(t.t.CreatedAt))
			title, _ := t.attrs["_default_title_"].(string)
			add(at, map[string]string{"ticket_id": val(t.t.Id), "ticket_created_at": strconv.FormatInt(at, 10),
				"ticket_state": t.stateID, "ticket_title": title})
		}
	}
	return gzipCSV(rows, "reporting_"+j.dataset+"_"+j.id+".csv.gz")
}

// enqueueTicket creates a ticket as a job: the ticket is made at once (or the
// reason it cannot be is kept) and the job reports it when its time is up.
func (c *call) enqueueTicket() result {
	res := c.createTicket()
	j := &jobRec{kind: jobTicket, id: c.st.numID(), start: c.now}
	switch {
	case res.status >= 400 && res.status != http.StatusNotFound:
		return res // a malformed request is refused at once
	case res.status >= 400:
		j.ticketErr = res.msg
	default:
		if t, good := res.v.(gen.Ticket); good {
			j.ticketID = val(t.Id)
		} else if b, err := json.Marshal(res.v); err == nil {
			var t struct {
				ID string `json:"id"`
			}
			_ = json.Unmarshal(b, &t)
			j.ticketID = t.ID
		}
	}
	c.st.jobs.put(j.id, j)
	return ok(c.renderTicketJob(j))
}

func (c *call) renderTicketJob(j *jobRec) gen.Jobs {
	out := gen.Jobs{Type: ptr(gen.JobsType("job")), Id: j.id, Url: ptr(c.s.URL + "/jobs/status/" + j.id), ResourceType: ptr("ticket")}
	switch {
	case c.jobProgress(j) < 1:
		out.Status = ptr(gen.JobsStatusPending)
	case j.ticketErr != "":
		out.Status = ptr(gen.JobsStatusFailed)
	default:
		out.Status = ptr(gen.JobsStatusSuccess)
		out.ResourceId = ptr(j.ticketID)
		out.ResourceUrl = ptr(c.s.URL + "/tickets/" + j.ticketID)
	}
	return out
}

func (c *call) jobStatus() result {
	j, found := c.st.jobs.get(c.params["job_id"])
	if !found || j.kind != jobTicket {
		return fail(http.StatusNotFound, "job_not_found", "Job Not Found")
	}
	return ok(c.renderTicketJob(j))
}
