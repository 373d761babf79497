// Package bulk runs many Intercom API calls as one job: an import or update
// of thousands of contacts, companies or events, tagging a segment, an
// export. It runs items concurrently, inside the client's rate budget, and
// never loses one.
//
// Describe the work with a [Job] and run it over any iter.Seq of items (a CSV
// reader, a slice with slices.Values, an SDK iterator):
//
//	job := bulk.Job[Row]{
//		Do: func(ctx context.Context, c *intercom.Client, row Row) error {
//			_, err := c.Contacts.Create(ctx, gen.CreateContactRequest{Email: &row.Email})
//			return err
//		},
//		Key:      func(row Row) string { return row.ExternalID },
//		Progress: bulk.ProgressLine(os.Stderr),
//	}
//	sum, err := job.Run(ctx, client, rows)
//
// # Rate budget and retries
//
// Every call of the job goes through the client's [intercom.RateLimiter]
// (see intercom.WithRateLimiter and package
// github.com/intercomkit/intercom-go/pkg/ratelimit), so the job shares one
// budget with everything else the client, or the limiter, serves. A client
// without one gets, for the job's calls, a ratelimit.Local at Intercom's
// defaults, learning the real budget from the response headers; set
// [Job.RateLimiter] to choose another. More workers than the budget needs
// only wait in the limiter.
//
// The runner calls Do once per item and never repeats it: retries happen
// inside each SDK call, by the rules of its operation (reads are retried
// after a 5xx; a write that may have reached the server is not, unless the
// client was built with intercom.WithRetryNonIdempotent). An item whose Do
// fails ends as failed with its error; re-run the failures later with
// [Summary.Rerun]. A panic in Do fails its item with a [*PanicError]; the
// other items go on. Items failed because the rate limiter could not be
// consulted make Run return an error wrapping [ErrRateLimiter].
//
// # Writes whose outcome is unknown
//
// A write whose response was lost after it may have reached Intercom
// (errors.Is(err, intercom.ErrOutcomeUnknown)) ends as [OutcomeUnknown],
// counted in [Summary.Unknown]: it may have been applied, and running it
// again could apply it twice (a second lead, a second note). Summary.Rerun
// leaves such items out unless the job has a [Job.Reconcile] step, which
// the runner calls for them, before Do, on the rerun: [FindContact] looks a
// contact up by external id or email; [Repeatable] suits a Do that is safe
// to repeat, such as creating a user where a 409 ([ContactExists]) counts
// as done.
//
// # Every item accounted for
//
// Each item the runner takes from the input ends in exactly one [Status]:
// [Done], [Failed] (with its error), [Skipped] (its key is in the checkpoint
// already) or [NotStarted] (the context was cancelled or the run stopped
// before it began). [Job.OnResult] is told about each one, [Summary] counts
// them and keeps the failed and not-started items. When ctx is cancelled the
// runner takes no more items from the input and lets the items already
// running finish for up to [Job.Drain], so that a stopped job does not
// leave writes half-known.
//
// # Resuming
//
// With a [Checkpoint] (a file: [OpenFile]) and a [Job.Key], the key of each
// done item is recorded as soon as it is done, and a later run over the same
// input skips the recorded keys: a stopped job resumes where it stopped
// without repeating its writes. A checkpoint [File] is locked against a
// second process ([ErrLocked]), refuses an empty or foreign file unless
// asked to [StartFresh] ([ErrNotCheckpoint]), syncs as its [SyncPolicy]
// says (each Add by default) and holds [MemoryPerKey] bytes a key. Recording happens after Do returns, so an
// item whose process dies between the two is run again; make Do find before
// it creates (by external id or email) where that matters.
//
// # Progress
//
// [Job.Progress] receives a [Progress] (done, failed, unknown, in flight,
// the current calls per second over the last [RateWindow], 429 responses,
// estimated time left) every [Job.ProgressInterval], also while no item
// finishes, and once at the end. [ProgressLine] prints it as one line, cut
// to the terminal's width (80 columns when unknown), that rewrites itself on
// a terminal:
//
//	[=========>          ]  48%  4,811/10,000  done 4,713  failed 98  in flight 16  94.8 calls/s  429s 0  ETA 54s
package bulk
