package intercom

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Waiting for asynchronous jobs. Intercom runs some operations as jobs that a
// client polls until they end: content data exports (DataExport.Create),
// reporting data exports (ReportingDataExport.Enqueue) and the jobs API
// (Tickets.EnqueueCreate, read with Jobs.Get). [Wait] polls any of them.

// JobState is where a job stands at one poll.
type JobState int

const (
	// JobRunning: the job has not ended; Wait polls again.
	JobRunning JobState = iota
	// JobSucceeded: the job ended and its result is ready.
	JobSucceeded
	// JobFailed: the job ended without a result (failed, canceled, no data).
	JobFailed
)

// Job is an asynchronous job [Wait] follows: how to read it and how to tell
// whether it has ended. Make one with [DataExportJob],
// [ReportingExportJob] or [EnqueuedJob].
type Job[T any] struct {
	kind string // "data export"
	id   string
	poll func(ctx context.Context, c *Client) (*T, error)
	// state reads the job's state and its status as Intercom spells it.
	state func(*T) (JobState, string)
}

// ID returns the job's identifier.
func (j Job[T]) ID() string { return j.id }

// DataExportJob is the content data export jobIdentifier (the
// JobIdentifier of DataExport.Create's answer). It succeeds as "completed",
// whose DownloadUrl DataExport.Download reads, and fails as "failed",
// "canceled" or "no_data".
func DataExportJob(jobIdentifier string) Job[DataExport] {
	return Job[DataExport]{
		kind: "data export", id: jobIdentifier,
		poll: func(ctx context.Context, c *Client) (*DataExport, error) {
			return c.DataExport.Get(ctx, jobIdentifier)
		},
		state: func(d *DataExport) (JobState, string) {
			s := ""
			if d.Status != nil {
				s = string(*d.Status)
			}
			switch s {
			case "completed":
				return JobSucceeded, s
			case "failed", "canceled", "no_data":
				return JobFailed, s
			}
			return JobRunning, s
		},
	}
}

// ReportingExportJob is the reporting data export jobIdentifier (from
// ReportingDataExport.Enqueue) of the app appID and client clientID, as
// ReportingDataExport.Get reads it. It succeeds as "complete" and fails as
// "failed".
func ReportingExportJob(jobIdentifier, appID, clientID string) Job[ReportingDataExportStatus] {
	return Job[ReportingDataExportStatus]{
		kind: "reporting data export", id: jobIdentifier,
		poll: func(ctx context.Context, c *Client) (*ReportingDataExportStatus, error) {
			return c.ReportingDataExport.Get(ctx, jobIdentifier, appID, clientID)
		},
		state: func(r *ReportingDataExportStatus) (JobState, string) {
			s := ""
			if r.Status != nil {
				s = *r.Status
			}
			switch s {
			case "complete", "completed":
				return JobSucceeded, s
			case "failed", "canceled", "cancelled":
				return JobFailed, s
			}
			return JobRunning, s
		},
	}
}

// EnqueuedJob is a job of Intercom's jobs API (GET /jobs/status/{job_id}),
// such as the one Tickets.EnqueueCreate starts. It succeeds as "success",
// whose ResourceId names what the job made, and fails as "failed".
func EnqueuedJob(jobID string) Job[Jobs] {
	return Job[Jobs]{
		kind: "job", id: jobID,
		poll: func(ctx context.Context, c *Client) (*Jobs, error) {
			return c.Jobs.Get(ctx, jobID)
		},
		state: func(j *Jobs) (JobState, string) {
			s := ""
			if j.Status != nil {
				s = string(*j.Status)
			}
			switch s {
			case "success":
				return JobSucceeded, s
			case "failed":
				return JobFailed, s
			}
			return JobRunning, s
		},
	}
}

// ErrJobFailed is matched (errors.Is) by the error [Wait] returns when the
// job ended without a result; errors.As finds the [*JobError].
var ErrJobFailed = errors.New("intercom: job failed")

// JobError is the error of a job that ended without a result.
type JobError struct {
	// Kind names the kind of job: "data export", "reporting data export",
	// "job".
	Kind string
	// ID is the job's identifier.
	ID string
	// Status is the final status as Intercom reported it ("failed",
	// "canceled", "no_data").
	Status string
}

// Error says which job ended with which status.
func (e *JobError) Error() string {
	return fmt.Sprintf("intercom: %s %s ended %s", e.Kind, e.ID, e.Status)
}

// Is makes errors.Is(err, ErrJobFailed) hold.
func (e *JobError) Is(target error) bool { return target == ErrJobFailed }

// The default polling intervals of Wait.
const (
	// DefaultWaitInterval is the first wait between two polls.
	DefaultWaitInterval = time.Second
	// DefaultWaitMaxInterval bounds the wait between two polls.
	DefaultWaitMaxInterval = 30 * time.Second
)

// WaitOption configures [Wait].
type WaitOption func(*waitConfig) error

type waitConfig struct {
	first, max time.Duration
	onPoll     func(status string)
}

// WaitInterval sets the first wait between polls and its bound (defaults
// [DefaultWaitInterval] and [DefaultWaitMaxInterval]); the wait doubles after
// each poll up to the bound. first must be positive and at most max.
func WaitInterval(first, max time.Duration) WaitOption {
	return func(w *waitConfig) error {
		if first <= 0 || max < first {
			return fmt.Errorf("intercom: WaitInterval(%v, %v): want 0 < first <= max", first, max)
		}
		w.first, w.max = first, max
		return nil
	}
}

// WaitOnPoll calls f with the job's status after every poll (progress
// reporting).
func WaitOnPoll(f func(status string)) WaitOption {
	return func(w *waitConfig) error {
		w.onPoll = f
		return nil
	}
}

// Wait polls job until it ends and returns its final value: the value and
// nil when it succeeded; the value and a [*JobError] (errors.Is
// [ErrJobFailed]) when it ended without a result; nil and the error when a
// poll failed (after the client's retries) or ctx ended, wrapped. It polls at
// once, then waits [DefaultWaitInterval], doubling up to
// [DefaultWaitMaxInterval] ([WaitInterval]). It stays inside the rate budget:
// each poll goes through the client's rate limiting like any call, and when
// the client's latest [RateLimit] shows less than a tenth of the window's
// budget left, the next poll waits for the window to reset. It waits on the
// client's clock ([WithClock]), so a test with a fake clock never sleeps.
func Wait[T any](ctx context.Context, c *Client, job Job[T], opts ...WaitOption) (*T, error) {
	if c == nil {
		return nil, errors.New("intercom: Wait: nil client")
	}
	if job.poll == nil {
		return nil, errors.New("intercom: Wait: the zero Job; make one with DataExportJob, ReportingExportJob or EnqueuedJob")
	}
	if err := requireID(job.kind+" id", job.id); err != nil {
		return nil, err
	}
	wc := waitConfig{first: DefaultWaitInterval, max: DefaultWaitMaxInterval}
	for i, o := range opts {
		if o == nil {
			return nil, fmt.Errorf("intercom: Wait: option %d is nil", i)
		}
		if err := o(&wc); err != nil {
			return nil, err
		}
	}
	interval := wc.first
	for {
		v, err := job.poll(ctx, c)
		if err != nil {
			return nil, fmt.Errorf("intercom: waiting for %s %s: %w", job.kind, job.id, err)
		}
		state, status := job.state(v)
		if wc.onPoll != nil {
			wc.onPoll(status)
		}
		switch state {
		case JobSucceeded:
			return v, nil
		case JobFailed:
			return v, &JobError{Kind: job.kind, ID: job.id, Status: status}
		}
		d := max(interval, c.budgetWait())
		if err := c.e.Sleep(ctx, d); err != nil {
			return nil, fmt.Errorf("intercom: waiting for %s %s (last status %q): %w", job.kind, job.id, status, err)
		}
		interval = min(interval*2, wc.max)
	}
}

// budgetWait is how long a background poll should wait for the rate-limit
// window to reset: until the reset when less than a tenth of the window's
// budget is left (as the latest response reported), else 0.
func (c *Client) budgetWait() time.Duration {
	rl := c.RateLimit()
	if !rl.HasRemaining || !rl.HasReset || !rl.HasLimit || rl.Remaining*10 >= rl.Limit {
		return 0
	}
	return max(rl.Reset.Sub(c.e.Now()), 0)
}
