package intercom

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

func TestParseRateLimit(t *testing.T) {
	reset := coreNow.Add(10 * time.Second)
	tests := []struct {
		name  string
		h     http.Header
		want  RateLimit
		found bool
	}{
		{"none", http.Header{}, RateLimit{}, false},
		{"all", http.Header{"X-Ratelimit-Limit": {"1000"}, "X-Ratelimit-Remaining": {"0"}, "X-Ratelimit-Reset": {strconv.FormatInt(reset.Unix(), 10)}},
			RateLimit{Limit: 1000, Remaining: 0, Reset: time.Unix(reset.Unix(), 0), HasLimit: true, HasRemaining: true, HasReset: true}, true},
		{"limit only", http.Header{"X-Ratelimit-Limit": {"83"}}, RateLimit{Limit: 83, HasLimit: true}, true},
		{"remaining zero only", http.Header{"X-Ratelimit-Remaining": {"0"}}, RateLimit{HasRemaining: true}, true},
		{"garbage", http.Header{"X-Ratelimit-Limit": {"lots"}, "X-Ratelimit-Remaining": {"-4"}, "X-Ratelimit-Reset": {"soon"}}, RateLimit{}, false},
		{"garbage remaining", http.Header{"X-Ratelimit-Limit": {"1000"}, "X-Ratelimit-Remaining": {"n/a"}, "X-Ratelimit-Reset": {strconv.FormatInt(reset.Unix(), 10)}},
			RateLimit{Limit: 1000, Reset: time.Unix(reset.Unix(), 0), HasLimit: true, HasReset: true}, true},
	}
	for _, tt := range tests {
		rl, found := parseRateLimit(tt.h)
		if !rl.Reset.Equal(tt.want.Reset) || rl.Limit != tt.want.Limit || rl.Remaining != tt.want.Remaining ||
			rl.HasLimit != tt.want.HasLimit || rl.HasRemaining != tt.want.HasRemaining || rl.HasReset != tt.want.HasReset || found != tt.found {
			t.Errorf("%s: got %+v %v, want %+v %v", tt.name, rl, found, tt.want, tt.found)
		}
	}
	if !(RateLimit{}).IsZero() || (RateLimit{Limit: 1}).IsZero() || (RateLimit{HasRemaining: true}).IsZero() {
		t.Error("IsZero wrong")
	}
}

func TestClientRateLimitTracksLastResponse(t *testing.T) {
	s, url := newScripted(t,
		scriptStep{status: 200, header: map[string]string{"X-RateLimit-Limit": "1000", "X-RateLimit-Remaining": "998", "X-RateLimit-Reset": "1772366410"}},
		scriptStep{status: 200, header: map[string]string{"X-RateLimit-Limit": "1000", "X-RateLimit-Remaining": "997", "X-RateLimit-Reset": "1772366410"}},
		scriptStep{status: 200},
		scriptStep{status: 404, header: map[string]string{"X-RateLimit-Limit": "1000", "X-RateLimit-Remaining": "996", "X-RateLimit-Reset": "1772366420"}},
	)
	c, _ := coreClient(t, url)
	if !c.RateLimit().IsZero() {
		t.Errorf("fresh client RateLimit = %+v", c.RateLimit())
	}
	ctx := context.Background()
	for want := 998; want >= 997; want-- {
		if _, err := coreDo(ctx, c, "GET", "/me", ""); err != nil {
			t.Fatal(err)
		}
		if rl := c.RateLimit(); rl.Remaining != want || rl.Limit != 1000 || rl.Reset.Unix() != 1772366410 {
			t.Errorf("RateLimit() = %+v, want remaining %d", rl, want)
		}
	}
	// A response without the headers keeps the last known state.
	if _, err := coreDo(ctx, c, "GET", "/me", ""); err != nil {
		t.Fatal(err)
	}
	if rl := c.RateLimit(); rl.Remaining != 997 {
		t.Errorf("after a response without headers RateLimit() = %+v", rl)
	}
	_, err := coreDo(ctx, c, "GET", "/me", "")
	var e *Error
	if !errors.As(err, &e) || e.RateLimit.Remaining != 996 || e.RateLimit.Reset.Unix() != 1772366420 {
		t.Fatalf("err = %v, want *Error with the rate limit", err)
	}
	if rl := c.RateLimit(); rl.Remaining != 996 {
		t.Errorf("RateLimit() after an error = %+v", rl)
	}
	if s.hits() != 4 {
		t.Errorf("hits = %d", s.hits())
	}
}

func TestRateLimitWaitMode(t *testing.T) {
	reset := strconv.FormatInt(coreNow.Add(4*time.Second).Unix(), 10)
	exhausted := map[string]string{"X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}
	t.Run("off by default", func(t *testing.T) {
		_, url := newScripted(t, scriptStep{status: 200, header: exhausted})
		c, sl := coreClient(t, url)
		for range 2 {
			if _, err := coreDo(context.Background(), c, "GET", "/me", ""); err != nil {
				t.Fatal(err)
			}
		}
		if len(sl.recorded()) != 0 {
			t.Errorf("waited %v", sl.recorded())
		}
	})
	t.Run("waits for reset", func(t *testing.T) {
		s, url := newScripted(t, scriptStep{status: 200, header: exhausted}, scriptStep{status: 200})
		c, sl := coreClient(t, url, WithRateLimitWait(true))
		for range 2 {
			if _, err := coreDo(context.Background(), c, "GET", "/me", ""); err != nil {
				t.Fatal(err)
			}
		}
		if got := sl.recorded(); len(got) != 1 || got[0] != 4*time.Second || s.hits() != 2 {
			t.Errorf("waits %v hits %d, want [4s] and 2", got, s.hits())
		}
	})
	t.Run("capped and per call", func(t *testing.T) {
		_, url := newScripted(t, scriptStep{status: 200, header: exhausted})
		c, sl := coreClient(t, url)
		if _, err := coreDo(context.Background(), c, "GET", "/me", ""); err != nil {
			t.Fatal(err)
		}
		ctx := ContextWithOptions(context.Background(), WithRateLimitWait(true), WithMaxRetryDelay(time.Second))
		if _, err := coreDo(ctx, c, "GET", "/me", ""); err != nil {
			t.Fatal(err)
		}
		if got := sl.recorded(); len(got) != 1 || got[0] != time.Second {
			t.Errorf("waits %v, want [1s]", got)
		}
	})
	t.Run("reset passed", func(t *testing.T) {
		past := map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": strconv.FormatInt(coreNow.Add(-time.Second).Unix(), 10)}
		_, url := newScripted(t, scriptStep{status: 200, header: past})
		c, sl := coreClient(t, url, WithRateLimitWait(true))
		for range 2 {
			if _, err := coreDo(context.Background(), c, "GET", "/me", ""); err != nil {
				t.Fatal(err)
			}
		}
		if len(sl.recorded()) != 0 {
			t.Errorf("waited %v although the window already reset", sl.recorded())
		}
	})
	t.Run("cancelled wait", func(t *testing.T) {
		_, url := newScripted(t, scriptStep{status: 200, header: exhausted})
		c, _ := coreClient(t, url, WithRateLimitWait(true))
		if _, err := coreDo(context.Background(), c, "GET", "/me", ""); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := coreDo(ctx, c, "GET", "/me", ""); !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want Canceled", err)
		}
	})
}

// recordingLimiter is a RateLimiter that records what the HTTP layer tells it.
type recordingLimiter struct {
	mu       sync.Mutex
	waits    int
	statuses []int
	rls      []RateLimit
	err      error
}

func (l *recordingLimiter) Wait(ctx context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.waits++
	return l.err
}

func (l *recordingLimiter) Observe(status int, rl RateLimit) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.statuses = append(l.statuses, status)
	l.rls = append(l.rls, rl)
}

func TestRateLimiterHook(t *testing.T) {
	s, url := newScripted(t,
		scriptStep{status: 429, header: map[string]string{"Retry-After": "1", "X-RateLimit-Remaining": "0", "X-RateLimit-Limit": "5"}},
		scriptStep{status: 200, header: map[string]string{"X-RateLimit-Remaining": "4", "X-RateLimit-Limit": "5"}})
	l := &recordingLimiter{}
	c, _ := coreClient(t, url, WithRateLimiter(l))
	if _, err := c.Raw().IdentifyAdminWithResponse(context.Background()); err != nil {
		t.Fatal(err)
	}
	if l.waits != 2 || len(l.statuses) != 2 || l.statuses[0] != 429 || l.statuses[1] != 200 {
		t.Fatalf("limiter saw waits %d statuses %v, want 2 and [429 200]", l.waits, l.statuses)
	}
	if l.rls[0].Remaining != 0 || l.rls[0].Limit != 5 || l.rls[1].Remaining != 4 {
		t.Errorf("limiter saw %+v", l.rls)
	}
	// A limiter error stops the call before any request.
	l.err = errors.New("limiter closed")
	before := s.hits()
	if _, err := coreDo(context.Background(), c, "GET", "/me", ""); !errors.Is(err, l.err) {
		t.Errorf("err = %v, want the limiter's", err)
	}
	if s.hits() != before {
		t.Error("a request was sent although the limiter refused")
	}
	// Removed per call.
	if _, err := coreDo(ContextWithOptions(context.Background(), WithRateLimiter(nil)), c, "GET", "/me", ""); err != nil {
		t.Errorf("with the limiter removed: %v", err)
	}
}

// The client's snapshot is the state of the response to the request sent
// last, except that in one window (same reset) fewer remaining requests is
// the more recent state whatever the order the responses are processed in.
func TestRateLimitSnapshotNewestWins(t *testing.T) {
	w1, w2 := time.Unix(1772366410, 0), time.Unix(1772366420, 0)
	full := func(rem int, reset time.Time) RateLimit {
		return RateLimit{Limit: 100, Remaining: rem, Reset: reset, HasLimit: true, HasRemaining: true, HasReset: true}
	}
	c := &Client{}
	steps := []struct {
		rl   RateLimit
		seq  uint64
		want int // Remaining of the snapshot after the step
	}{
		{full(50, w1), 5, 50},
		{full(60, w1), 6, 50},                          // same window, more remaining: an older state that arrived late
		{full(40, w1), 4, 40},                          // same window, fewer remaining: newer, although sent earlier
		{full(99, w2), 3, 40},                          // an older request's state does not replace a newer one
		{full(10, w1), 9, 10},                          // the newest request's state replaces any older one
		{RateLimit{Limit: 100, HasLimit: true}, 10, 0}, // even one that says less
	}
	for i, s := range steps {
		c.observeRateLimit(s.rl, s.seq)
		if got := c.RateLimit(); got.Remaining != s.want {
			t.Fatalf("step %d: snapshot remaining %d, want %d (%+v)", i, got.Remaining, s.want, got)
		}
	}
	// Without reset headers, the response to the later attempt wins.
	c2 := &Client{}
	c2.observeRateLimit(RateLimit{Remaining: 7, HasRemaining: true}, 2)
	c2.observeRateLimit(RateLimit{Remaining: 8, HasRemaining: true}, 1)
	if got := c2.RateLimit(); got.Remaining != 7 {
		t.Errorf("without reset: remaining %d, want 7 from the later attempt", got.Remaining)
	}
}

// Concurrent calls whose responses are processed in the reverse order of the
// server's answers leave the most recent state (the fewest remaining) as the
// client's snapshot.
func TestRateLimitSnapshotUnderConcurrentResponses(t *testing.T) {
	const n = 6
	var mu sync.Mutex
	remaining := 100
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		remaining--
		rem := remaining
		mu.Unlock()
		w.Header().Set("X-RateLimit-Limit", "100")
		w.Header().Set("X-RateLimit-Remaining", strconv.Itoa(rem))
		w.Header().Set("X-RateLimit-Reset", "1772366410")
		coreJSON(w, 200, `{"type":"admin","id":"1"}`)
	})
	// The middleware holds each response until the test releases it, so the
	// HTTP layer processes them in an order the test chooses.
	type held struct {
		rem     int
		release chan struct{}
	}
	arrived := make(chan held, n)
	hold := func(r *http.Request, next MiddlewareNext) (*http.Response, error) {
		resp, err := next(r)
		if err != nil {
			return resp, err
		}
		rem, _ := strconv.Atoi(resp.Header.Get("X-RateLimit-Remaining"))
		h := held{rem: rem, release: make(chan struct{})}
		arrived <- h
		<-h.release
		return resp, nil
	}
	c, _ := coreClient(t, srv.URL, WithMiddleware(hold))
	done := make(chan error, n)
	for range n {
		go func() {
			_, err := coreDo(context.Background(), c, "GET", "/me", "")
			done <- err
		}()
	}
	var all []held
	for range n {
		all = append(all, <-arrived)
	}
	// Release the most recent state first, the oldest last.
	slices.SortFunc(all, func(a, b held) int { return a.rem - b.rem })
	for _, h := range all {
		close(h.release)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if got := c.RateLimit(); got.Remaining != 100-n {
		t.Errorf("snapshot remaining %d, want %d (the most recent state)", got.Remaining, 100-n)
	}
}

// WithRateLimitWait acts only on known values: an unparseable
// X-RateLimit-Remaining is not "none left".
func TestRateLimitWaitIgnoresUnknownRemaining(t *testing.T) {
	reset := strconv.FormatInt(coreNow.Add(8*time.Second).Unix(), 10)
	_, url := newScripted(t, scriptStep{status: 200, header: map[string]string{
		"X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "unknown", "X-RateLimit-Reset": reset}})
	c, sl := coreClient(t, url, WithRateLimitWait(true))
	for range 2 {
		if _, err := coreDo(context.Background(), c, "GET", "/me", ""); err != nil {
			t.Fatal(err)
		}
	}
	if rl := c.RateLimit(); rl.HasRemaining || !rl.HasLimit || !rl.HasReset {
		t.Errorf("RateLimit() = %+v: want Limit and Reset known, Remaining not", rl)
	}
	if len(sl.recorded()) != 0 {
		t.Errorf("waited %v after a response whose remaining count was unknown", sl.recorded())
	}
}

// Rate-limit state heals: a reset sent in milliseconds (which main read as
// the year 58904 and kept forever, since a later window always won), in
// seconds from now, in the past or hours ahead never makes WithRateLimitWait
// wait longer than the real window, and a healthy response replaces it.
func TestRateLimitStateHeals(t *testing.T) {
	secs := func(d time.Duration) string { return strconv.FormatInt(coreNow.Add(d).Unix(), 10) }
	none := func(reset string) scriptStep {
		return scriptStep{status: 200, header: map[string]string{"X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}}
	}
	healthy := scriptStep{status: 200, header: map[string]string{"X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "99", "X-RateLimit-Reset": secs(10 * time.Second)}}
	for _, tt := range []struct {
		name  string
		first scriptStep
		wait  time.Duration // the wait before the second request
	}{
		{"milliseconds", none(strconv.FormatInt(coreNow.Add(8*time.Second).UnixMilli(), 10)), 8 * time.Second},
		{"seconds from now", none("6"), 6 * time.Second},
		{"an hour ahead", none(secs(time.Hour)), 0},
		{"in the past", none(secs(-time.Hour)), 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, url := newScripted(t, tt.first, healthy)
			c, sl := coreClient(t, url, WithRateLimitWait(true), WithMaxRetryDelay(time.Hour))
			for range 4 {
				if _, err := coreDo(context.Background(), c, "GET", "/me", ""); err != nil {
					t.Fatal(err)
				}
			}
			var want []time.Duration
			if tt.wait > 0 {
				want = []time.Duration{tt.wait}
			}
			if got := sl.recorded(); !slices.Equal(got, want) {
				t.Errorf("waits %v, want %v (once, then healed by the healthy responses)", got, want)
			}
			if rl := c.RateLimit(); rl.Remaining != 99 || !rl.Reset.Equal(coreNow.Add(10*time.Second)) {
				t.Errorf("snapshot %+v, want the healthy response's", rl)
			}
		})
	}
}
