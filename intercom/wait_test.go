package intercom_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

var waitT0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func startExport(t *testing.T, c *intercom.Client) string {
	t.Helper()
	job, err := c.DataExport.Create(context.Background(), intercom.CreateDataExportsRequest{
		CreatedAtAfter: int(waitT0.Add(-24 * time.Hour).Unix()), CreatedAtBefore: int(waitT0.Unix())})
	if err != nil {
		t.Fatal(err)
	}
	return job.GetJobIdentifier()
}

// TestWaitDataExport: Wait polls at once, then after 1, 2, 4, 8 s of the
// client's clock, and returns the completed export; no real time passes.
func TestWaitDataExport(t *testing.T) {
	clock := intercomtest.NewManualClock(waitT0)
	srv := intercomtest.NewServer(t, intercomtest.WithClock(clock))
	c := srv.Client()
	id := startExport(t, c)
	var statuses []string
	start := time.Now()
	done, err := intercom.Wait(context.Background(), c, intercom.DataExportJob(id),
		intercom.WaitOnPoll(func(s string) { statuses = append(statuses, s) }))
	if err != nil {
		t.Fatal(err)
	}
	if done.GetStatus() != "completed" || done.GetDownloadUrl() == "" {
		t.Errorf("final export %+v, want completed with a download URL", done)
	}
	// The fake's job runs 10 s: pending for 5, in progress for 5.
	if want := []string{"pending", "pending", "pending", "in_progress", "completed"}; !slices.Equal(statuses, want) {
		t.Errorf("statuses polled %v, want %v", statuses, want)
	}
	if got := clock.Now().Sub(waitT0); got != 15*time.Second {
		t.Errorf("waited %v on the clock, want 15s (1+2+4+8)", got)
	}
	if real := time.Since(start); real > 5*time.Second {
		t.Errorf("Wait took %v of real time", real) // it waits on the manual clock only
	}
}

// TestWaitJobFailed: a canceled export ends the wait with a JobError.
func TestWaitJobFailed(t *testing.T) {
	srv := intercomtest.NewServer(t, intercomtest.WithClock(intercomtest.NewManualClock(waitT0)))
	c := srv.Client()
	id := startExport(t, c)
	if _, err := c.DataExport.Cancel(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	v, err := intercom.Wait(context.Background(), c, intercom.DataExportJob(id))
	var jerr *intercom.JobError
	if !errors.Is(err, intercom.ErrJobFailed) || !errors.As(err, &jerr) || jerr.Status != "canceled" || jerr.ID != id {
		t.Fatalf("Wait on a canceled export: %v, want a JobError with status canceled", err)
	}
	if v == nil || v.GetStatus() != "canceled" {
		t.Errorf("the final value %+v, want the canceled export", v)
	}
}

// cancelingClock is a manual clock whose third Sleep cancels the context.
type cancelingClock struct {
	*intercomtest.ManualClock
	cancel context.CancelFunc
	n      int
}

func (c *cancelingClock) Sleep(ctx context.Context, d time.Duration) error {
	c.n++
	if c.n == 3 {
		c.cancel()
	}
	return c.ManualClock.Sleep(ctx, d)
}

// TestWaitHonoursContext: a context canceled while waiting ends Wait with
// its error.
func TestWaitHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clock := &cancelingClock{ManualClock: intercomtest.NewManualClock(waitT0), cancel: cancel}
	srv := intercomtest.NewServer(t, intercomtest.WithClock(clock))
	c := srv.Client()
	id := startExport(t, c)
	_, err := intercom.Wait(ctx, c, intercom.DataExportJob(id))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Wait after cancel: %v, want context.Canceled", err)
	}
}

// TestWaitStaysInsideRateBudget: with a budget of 3 requests per 10-second
// window, Wait's polls never get a 429: when the window's budget is spent it
// waits for the reset instead of polling into it.
func TestWaitStaysInsideRateBudget(t *testing.T) {
	clock := intercomtest.NewManualClock(waitT0)
	srv := intercomtest.NewServer(t, intercomtest.WithClock(clock), intercomtest.WithRateLimit(3, 10*time.Second),
		intercomtest.WithJobDuration(30*time.Second))
	c := srv.Client()
	id := startExport(t, c)
	if _, err := intercom.Wait(context.Background(), c, intercom.DataExportJob(id)); err != nil {
		t.Fatal(err)
	}
	for _, r := range srv.Requests() {
		if r.Status == 429 {
			t.Errorf("%s %s at %v got 429: Wait polled past the budget", r.Method, r.Path, r.Time.Sub(waitT0))
		}
	}
}

// TestWaitOtherJobs: reporting data exports and the jobs API.
func TestWaitOtherJobs(t *testing.T) {
	srv := intercomtest.NewServer(t, intercomtest.WithClock(intercomtest.NewManualClock(waitT0)))
	c := srv.Client()
	ctx := context.Background()
	rep, err := c.ReportingDataExport.Enqueue(ctx, intercom.EnqueueReportingDataExportRequest{
		DatasetId: "conversation", AttributeIds: []string{"conversation_id"}, StartTime: waitT0.Add(-time.Hour).Unix(), EndTime: waitT0.Unix()})
	if err != nil {
		t.Fatal(err)
	}
	got, err := intercom.Wait(ctx, c, intercom.ReportingExportJob(rep.GetJobIdentifier(), "app", "client"))
	if err != nil || got.GetStatus() != "complete" {
		t.Fatalf("reporting export: %+v, %v", got, err)
	}

	contact := srv.SeedContacts(1)[0]
	who, err := intercom.TicketContactOf(intercom.ContactById{Id: contact.GetId()})
	if err != nil {
		t.Fatal(err)
	}
	tt := srv.DefaultTicketType()
	job, err := c.Tickets.EnqueueCreate(ctx, intercom.EnqueueCreateTicketRequest{
		TicketTypeId: tt.GetId(), Contacts: []intercom.TicketContact{who}})
	if err != nil {
		t.Fatal(err)
	}
	done, err := intercom.Wait(ctx, c, intercom.EnqueuedJob(job.Id))
	if err != nil || done.GetResourceId() == "" {
		t.Fatalf("ticket job: %+v, %v", done, err)
	}
	if _, err := c.Tickets.Get(ctx, done.GetResourceId()); err != nil {
		t.Errorf("the ticket the job made: %v", err)
	}
}

// TestWaitBadInput: no request for an empty id, a nil client or the zero Job.
func TestWaitBadInput(t *testing.T) {
	srv := intercomtest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()
	if _, err := intercom.Wait(ctx, c, intercom.DataExportJob("")); !errors.Is(err, intercom.ErrInvalidID) {
		t.Errorf("empty id: %v, want ErrInvalidID", err)
	}
	if _, err := intercom.Wait(ctx, nil, intercom.DataExportJob("x")); err == nil {
		t.Error("nil client: no error")
	}
	if _, err := intercom.Wait(ctx, c, intercom.Job[intercom.DataExport]{}); err == nil {
		t.Error("zero Job: no error")
	}
	if _, err := intercom.Wait(ctx, c, intercom.DataExportJob("x"), intercom.WaitInterval(0, time.Second)); err == nil {
		t.Error("WaitInterval(0, 1s): no error")
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent for bad input", n)
	}
}
