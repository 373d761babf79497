package intercom

// The performance suite of BENCHMARKS.md (make bench). Every figure is measured against a
// loopback server serving realistic Intercom payloads, next to a hand-written baseline in
// the same run; scripts/cmd/benchreport turns the medians into ratios. No benchmark
// asserts a wall-clock time.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/gen"
)

const (
	perfToken    = "perf-token-not-secret"
	perfPageSize = 150
)

// perfContact returns a realistic contact (about 2 kB of JSON) with id i.
func perfContact(i int) string {
	return fmt.Sprintf(`{"type":"contact","id":"%024x","workspace_id":"ecahpwf5","external_id":"user-%d",`+
		`"role":"user","email":"person%d@example.com","email_domain":"example.com","phone":"+353871234567",`+
		`"formatted_phone":"+353 87 123 4567","name":"Person Number %d","has_hard_bounced":false,`+
		`"marked_email_as_spam":false,"unsubscribed_from_emails":false,"created_at":1734537757,"updated_at":1734537757,`+
		`"signed_up_at":1734537757,"last_seen_at":1734537757,"last_replied_at":1734537757,"last_contacted_at":1734537757,`+
		`"last_email_opened_at":1734537757,"last_email_clicked_at":1734537757,"language_override":null,`+
		`"browser":"chrome","browser_version":"131.0.6778.140","browser_language":"en-US","os":"Mac OS X 10.15.7",`+
		`"android_app_name":null,"android_app_version":null,"android_device":null,"android_os_version":null,`+
		`"android_sdk_version":null,"android_last_seen_at":null,"ios_app_name":null,"ios_app_version":null,`+
		`"ios_device":null,"ios_os_version":null,"ios_sdk_version":null,"ios_last_seen_at":null,`+
		`"custom_attributes":{"plan":"enterprise","monthly_spend":1499.5,"seats":42,"trial":false,"region":"emea"},`+
		`"avatar":{"type":"avatar","image_url":"https://static.intercomassets.com/avatars/%d/square_128/avatar.png"},`+
		`"tags":{"type":"list","data":[{"type":"tag","id":"81","url":"/tags/81"},{"type":"tag","id":"82","url":"/tags/82"}],`+
		`"url":"/contacts/%024x/tags","total_count":2,"has_more":false},`+
		`"notes":{"type":"list","data":[{"type":"note","id":"20114858","url":"/notes/20114858"}],`+
		`"url":"/contacts/%024x/notes","total_count":1,"has_more":false},`+
		`"companies":{"type":"list","data":[{"type":"company","id":"6762f0761bb69f9f2193bb1d","url":"/companies/6762f0761bb69f9f2193bb1d"}],`+
		`"url":"/contacts/%024x/companies","total_count":1,"has_more":false},`+
		`"location":{"type":"location","country":"Ireland","region":"Dublin","city":"Dublin","country_code":"IRL","continent_code":"EU"},`+
		`"social_profiles":{"type":"list","data":[{"type":"social_profile","name":"Twitter","url":"http://twitter.com/person%d"}]},`+
		`"utm_campaign":"spring-launch","utm_content":"hero-banner","utm_medium":"email","utm_source":"newsletter","utm_term":"crm-sync",`+
		`"referrer":"https://www.example.com/pricing?ref=newsletter","enabled_push_messaging":null}`,
		i, i, i, i, i, i, i, i, i)
}

// perfServer serves GET /contacts/{id} and GET /contacts (cursor pages of 150 of total
// contacts), counting accepted TCP connections.
type perfServer struct {
	*httptest.Server
	total    atomic.Int64 // contacts in the list
	conns    atomic.Int64 // TCP connections accepted
	contact  []byte
	items    [][]byte // pre-encoded contacts, reused cyclically
	fail429  atomic.Int64
	requests atomic.Int64
	// downloadSize is the size of the file GET /download/content/data/{id}
	// serves, generated on the fly from a 64 KiB buffer.
	downloadSize atomic.Int64
}

func newPerfServer(tb testing.TB) *perfServer {
	s := &perfServer{contact: []byte(perfContact(1))}
	for i := 0; i < perfPageSize; i++ {
		s.items = append(s.items, []byte(perfContact(i)))
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /contacts/{id}", func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		if s.fail429.Load() > 0 && s.fail429.Add(-1) >= 0 {
			w.Header().Set("Retry-After", "1")
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(w, `{"type":"error.list","request_id":"r1","errors":[{"code":"rate_limit_exceeded","message":"Exceeded rate limit"}]}`)
			return
		}
		perfHeaders(w)
		w.Write(s.contact)
	})
	mux.HandleFunc("POST /contacts", func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		if _, err := io.Copy(io.Discard, r.Body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		perfHeaders(w)
		w.Write(s.contact)
	})
	mux.HandleFunc("GET /download/content/data/{id}", func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		size := s.downloadSize.Load()
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
		w.Header().Set("Content-Disposition", `attachment; filename="export.csv.gz"`)
		chunk := bytes.Repeat([]byte("0123456789abcdef"), 4096) // 64 KiB
		for size > 0 {
			n := min(size, int64(len(chunk)))
			if _, err := w.Write(chunk[:n]); err != nil {
				return
			}
			size -= n
		}
	})
	mux.HandleFunc("GET /contacts", func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		start := 0
		if sa := r.URL.Query().Get("starting_after"); sa != "" {
			start, _ = strconv.Atoi(sa)
		}
		total := int(s.total.Load())
		end := min(start+perfPageSize, total)
		var buf bytes.Buffer
		buf.Grow((end-start)*2200 + 256)
		buf.WriteString(`{"type":"list","data":[`)
		for i := start; i < end; i++ {
			if i > start {
				buf.WriteByte(',')
			}
			// Each item keeps its own id (the item's "%024x" id, replaced):
			// the pagination guard ends a listing whose pages bring no new ids.
			item := s.items[i%len(s.items)]
			const idAt = len(`{"type":"contact","id":"`)
			buf.Write(item[:idAt])
			fmt.Fprintf(&buf, "%024x", i)
			buf.Write(item[idAt+24:])
		}
		fmt.Fprintf(&buf, `],"total_count":%d,"pages":{"type":"pages","page":%d,"per_page":%d,"total_pages":%d`,
			total, start/perfPageSize+1, perfPageSize, (total+perfPageSize-1)/perfPageSize)
		if end < total {
			fmt.Fprintf(&buf, `,"next":{"per_page":%d,"starting_after":"%d"}`, perfPageSize, end)
		}
		buf.WriteString(`}}`)
		perfHeaders(w)
		w.Write(buf.Bytes())
	})
	s.Server = httptest.NewUnstartedServer(mux)
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.conns.Add(1)
		}
	}
	s.Start()
	tb.Cleanup(s.Close)
	return s
}

func perfHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-RateLimit-Limit", "10000")
	h.Set("X-RateLimit-Remaining", "9999")
	h.Set("X-RateLimit-Reset", "1772366410")
	h.Set("X-Request-Id", "perf-request")
}

func perfClient(tb testing.TB, s *perfServer, opts ...Option) *Client {
	c, err := NewClient(perfToken, append([]Option{WithBaseURL(s.URL)}, opts...)...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(c.CloseIdleConnections)
	return c
}

// perfBaselineClient is what a careful hand-written integration uses: net/http with a
// transport set up exactly as the SDK's default one (the same function builds both), so a
// ratio measures the SDK's own work, not transport settings.
func perfBaselineClient(tb testing.TB) *http.Client {
	t := defaultTransport()
	hc := &http.Client{Transport: t}
	tb.Cleanup(t.CloseIdleConnections)
	return hc
}

// writeCounter counts the Write calls made on the TCP connections of a transport.
type writeCounter struct{ writes atomic.Int64 }

// countingConn counts its writes.
type countingConn struct {
	net.Conn
	n *writeCounter
}

func (c *countingConn) Write(p []byte) (int, error) {
	c.n.writes.Add(1)
	return c.Conn.Write(p)
}

// countingTransport is the SDK's default transport whose connections count their
// writes; baseline and SDK both get one in the POST benchmark.
func countingTransport(tb testing.TB, n *writeCounter) *http.Transport {
	t := defaultTransport()
	var d net.Dialer
	t.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &countingConn{Conn: c, n: n}, nil
	}
	tb.Cleanup(t.CloseIdleConnections)
	return t
}

// perfBaselineGet is the hand-written baseline: raw net/http GET + encoding/json decode
// into the same generated type the facade returns.
func perfBaselineGet(ctx context.Context, hc *http.Client, url string, dst any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+perfToken)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Intercom-Version", APIVersion)
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return json.Unmarshal(b, dst)
}

// pairedImpl is one side of a paired benchmark.
type pairedImpl struct {
	name string
	call func() error
}

// paired runs every impl once per benchmark iteration, rotating which goes first, and
// returns each one's median time per call. The machine this runs on is shared: sequential
// sub-benchmarks see different loads (their figures drift by more than the differences
// being measured), while the sides of a paired loop see the same; the median discards
// the calls that a burst of load from elsewhere slowed down. It reports each median as
// "<name>-ns/call".
func paired(b *testing.B, impls ...pairedImpl) []time.Duration {
	times := make([][]time.Duration, len(impls))
	i := 0
	for b.Loop() {
		for k := range impls {
			j := (i + k) % len(impls)
			start := time.Now()
			if err := impls[j].call(); err != nil {
				b.Fatalf("%s: %v", impls[j].name, err)
			}
			times[j] = append(times[j], time.Since(start))
		}
		i++
	}
	medians := make([]time.Duration, len(impls))
	for j, im := range impls {
		slices.Sort(times[j])
		n := len(times[j])
		medians[j] = (times[j][(n-1)/2] + times[j][n/2]) / 2
		b.ReportMetric(float64(medians[j].Nanoseconds()), im.name+"-ns/call")
	}
	return medians
}

const perfContactID = "000000000000000000000001"

// BenchmarkPerfGet: one Contacts.Get through the facade, the raw generated client and the
// hand-written baseline.
func BenchmarkPerfGet(b *testing.B) {
	s := newPerfServer(b)
	ctx := context.Background()
	b.Run("impl=baseline", func(b *testing.B) {
		hc := perfBaselineClient(b)
		url := s.URL + "/contacts/" + perfContactID
		b.ReportAllocs()
		for b.Loop() {
			var c gen.Contact
			if err := perfBaselineGet(ctx, hc, url, &c); err != nil || c.Id == nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=facade", func(b *testing.B) {
		c := perfClient(b, s)
		b.ReportAllocs()
		for b.Loop() {
			got, err := c.Contacts.Get(ctx, perfContactID)
			if err != nil || got.Id == nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=raw", func(b *testing.B) {
		// The raw path: the HTTP layer as gen.HttpRequestDoer and the generated
		// response parser (gen's request builders change signature between API
		// versions; the doer and parser do not).
		c := perfClient(b, s)
		doer := c.Raw().ClientInterface.(*gen.Client).Client
		b.ReportAllocs()
		for b.Loop() {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+"/contacts/"+perfContactID, nil)
			if err != nil {
				b.Fatal(err)
			}
			resp, err := doer.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			got, err := gen.ParseShowContactResponse(resp)
			if err != nil || got.JSON200 == nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkPerfGetPaired times one Contacts.Get of the baseline, the facade and the raw
// generated client in the same loop (see [paired]).
func BenchmarkPerfGetPaired(b *testing.B) {
	s := newPerfServer(b)
	ctx := context.Background()
	hc := perfBaselineClient(b)
	url := s.URL + "/contacts/" + perfContactID
	c := perfClient(b, s)
	rawDoer := c.Raw().ClientInterface.(*gen.Client).Client
	paired(b,
		pairedImpl{"baseline", func() error {
			var ct gen.Contact
			return perfBaselineGet(ctx, hc, url, &ct)
		}},
		pairedImpl{"sdk", func() error {
			_, err := c.Contacts.Get(ctx, perfContactID)
			return err
		}},
		pairedImpl{"raw", func() error {
			// The raw path: the HTTP layer as gen.HttpRequestDoer and the generated
			// response parser (gen's request builders change signature between API
			// versions; the doer and the parser do not).
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
			if err != nil {
				return err
			}
			resp, err := rawDoer.Do(req)
			if err != nil {
				return err
			}
			r, err := gen.ParseShowContactResponse(resp)
			if err == nil && r.JSON200 == nil {
				err = errors.New("no JSON200")
			}
			return err
		}})
}

// BenchmarkPerfIterate walks n contacts in pages of 150: the facade's iterator against
// the baseline loop, paired (see [paired]). It reports items/s of each.
func BenchmarkPerfIterate(b *testing.B) {
	s := newPerfServer(b)
	ctx := context.Background()
	const n = 100_000
	s.total.Store(n)
	hc := perfBaselineClient(b)
	c := perfClient(b, s)
	walk := func(f func() int) func() error {
		return func() error {
			if got := f(); got != n {
				return fmt.Errorf("walked %d", got)
			}
			return nil
		}
	}
	means := paired(b,
		pairedImpl{"baseline", walk(func() int { return perfBaselineWalk(ctx, b, hc, s.URL, nil) })},
		pairedImpl{"sdk", walk(func() int { return perfIteratorWalk(ctx, b, c, nil) })})
	b.ReportMetric(n/means[0].Seconds(), "baseline-items/s")
	b.ReportMetric(n/means[1].Seconds(), "sdk-items/s")
}

func perfBaselineWalk(ctx context.Context, tb testing.TB, hc *http.Client, base string, sample func()) int {
	count, cursor := 0, ""
	for {
		url := base + "/contacts?per_page=" + strconv.Itoa(perfPageSize)
		if cursor != "" {
			url += "&starting_after=" + cursor
		}
		var page gen.ContactList
		if err := perfBaselineGet(ctx, hc, url, &page); err != nil {
			tb.Fatal(err)
		}
		for range page.Data {
			count++
		}
		if sample != nil {
			sample()
		}
		if cursor = page.Pages.GetNext().GetStartingAfter(); cursor == "" {
			return count
		}
	}
}

func perfIteratorWalk(ctx context.Context, tb testing.TB, c *Client, sample func()) int {
	count := 0
	for _, err := range c.Contacts.ListAll(ctx, &gen.ListContactsParams{PerPage: Ptr(perfPageSize)}) {
		if err != nil {
			tb.Fatal(err)
		}
		count++
		if sample != nil && count%perfPageSize == 0 {
			sample()
		}
	}
	return count
}

// BenchmarkPerfIterateHeap reports the peak heap in use while iterating n contacts
// (sampled once per page, after a forced GC at the start), for n = 10,000 and 100,000,
// for the facade's iterator and for the baseline's cursor loop.
func BenchmarkPerfIterateHeap(b *testing.B) {
	s := newPerfServer(b)
	ctx := context.Background()
	for _, impl := range []string{"baseline", "iterator"} {
		for _, n := range []int{10_000, 100_000} {
			b.Run(fmt.Sprintf("impl=%s/items=%d", impl, n), func(b *testing.B) {
				s.total.Store(int64(n))
				c := perfClient(b, s)
				hc := perfBaselineClient(b)
				var peak uint64
				for b.Loop() {
					runtime.GC()
					var ms runtime.MemStats
					sample := func() {
						runtime.ReadMemStats(&ms)
						peak = max(peak, ms.HeapInuse)
					}
					sample()
					var got int
					if impl == "baseline" {
						got = perfBaselineWalk(ctx, b, hc, s.URL, sample)
					} else {
						got = perfIteratorWalk(ctx, b, c, sample)
					}
					if got != n {
						b.Fatalf("walked %d", got)
					}
				}
				b.ReportMetric(float64(peak), "peak-heap-B")
			})
		}
	}
}

// BenchmarkPerfConcurrent: 64 goroutines × 100 Contacts.Get calls, on a fresh client per
// round; each iteration runs baseline, SDK, SDK, baseline rounds (an ABBA order cancels a
// load that drifts during the iteration; see also [paired]). The baseline gets a
// transport set up exactly as the SDK's (64 idle connections per host). It reports the
// calls/s of each and the TCP connections the server accepted per round.
func BenchmarkPerfConcurrent(b *testing.B) {
	s := newPerfServer(b)
	ctx := context.Background()
	const workers, calls = 64, 100
	var conns [2]int64
	// round runs 64×200 calls of a fresh client, counting the connections it opened.
	round := func(side int, newCall func() (call func() error, done func())) func() error {
		return func() error {
			call, done := newCall()
			defer done()
			before := s.conns.Load()
			var wg sync.WaitGroup
			errs := make(chan error, workers)
			for range workers {
				wg.Go(func() {
					for range calls {
						if err := call(); err != nil {
							errs <- err
							return
						}
					}
				})
			}
			wg.Wait()
			conns[side] += s.conns.Load() - before
			close(errs)
			return <-errs
		}
	}
	url := s.URL + "/contacts/" + perfContactID
	baseline := round(0, func() (func() error, func()) {
		t := defaultTransport() // the SDK's transport settings
		hc := &http.Client{Transport: t}
		return func() error {
			var c gen.Contact
			return perfBaselineGet(ctx, hc, url, &c)
		}, t.CloseIdleConnections
	})
	sdk := round(1, func() (func() error, func()) {
		c := perfClient(b, s)
		return func() error {
			_, err := c.Contacts.Get(ctx, perfContactID)
			return err
		}, c.CloseIdleConnections
	})
	var took [2]time.Duration
	timed := func(side int, f func() error) {
		start := time.Now()
		if err := f(); err != nil {
			b.Fatal(err)
		}
		took[side] += time.Since(start)
	}
	for b.Loop() {
		timed(0, baseline)
		timed(1, sdk)
		timed(1, sdk)
		timed(0, baseline)
	}
	rounds := float64(2 * b.N)
	b.ReportMetric(workers*calls*rounds/took[0].Seconds(), "baseline-calls/s")
	b.ReportMetric(workers*calls*rounds/took[1].Seconds(), "sdk-calls/s")
	b.ReportMetric(float64(conns[0])/rounds, "baseline-conns/op")
	b.ReportMetric(float64(conns[1])/rounds, "sdk-conns/op")
}

// BenchmarkPerfRetry429 is the cost of one retry after a 429 (Retry-After: 1) with the
// wait stubbed out, next to a plain call: it should be one extra round trip.
func BenchmarkPerfRetry429(b *testing.B) {
	s := newPerfServer(b)
	ctx := context.Background()
	var waited time.Duration
	noWait := withSleeper(func(ctx context.Context, d time.Duration) error { waited += d; return ctx.Err() })
	b.Run("path=ok", func(b *testing.B) {
		c := perfClient(b, s, noWait)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.Contacts.Get(ctx, perfContactID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("path=retry", func(b *testing.B) {
		c := perfClient(b, s, noWait)
		b.ReportAllocs()
		for b.Loop() {
			s.fail429.Store(1)
			if _, err := c.Contacts.Get(ctx, perfContactID); err != nil {
				b.Fatal(err)
			}
		}
		if waited == 0 {
			b.Fatal("the retry never waited: the 429 path was not exercised")
		}
	})
}

// BenchmarkPerfRetry429Paired times a plain Contacts.Get and one that meets a 429 first
// (its wait stubbed out) in the same loop (see [paired]).
func BenchmarkPerfRetry429Paired(b *testing.B) {
	s := newPerfServer(b)
	ctx := context.Background()
	c := perfClient(b, s, withSleeper(func(ctx context.Context, d time.Duration) error { return ctx.Err() }))
	paired(b,
		pairedImpl{"ok", func() error {
			_, err := c.Contacts.Get(ctx, perfContactID)
			return err
		}},
		pairedImpl{"retry", func() error {
			s.fail429.Store(1)
			before := s.requests.Load()
			_, err := c.Contacts.Get(ctx, perfContactID)
			if err == nil && s.requests.Load()-before != 2 {
				err = errors.New("the 429 path was not exercised")
			}
			return err
		}})
}

// perfCreateBody is the hand-written baseline's request body: a plain struct with the
// fields Contacts.Create sends.
type perfCreateBody struct {
	Email            *string        `json:"email,omitempty"`
	ExternalID       *string        `json:"external_id,omitempty"`
	Name             *string        `json:"name,omitempty"`
	Phone            *string        `json:"phone,omitempty"`
	Role             *string        `json:"role,omitempty"`
	SignedUpAt       *int           `json:"signed_up_at,omitempty"`
	CustomAttributes map[string]any `json:"custom_attributes,omitempty"`
}

// perfCreateFields are the values of the contact both sides create.
func perfCreateFields() (email, external, name, phone, role string, signed int, attrs map[string]any) {
	return "person1@example.com", "user-1", "Person Number 1", "+353871234567", "user", 1734537757,
		map[string]any{"plan": "enterprise", "seats": 42, "trial": false}
}

// perfBaselineCreate is the hand-written baseline of Contacts.Create: encoding/json of a
// plain struct, a net/http POST, reading and decoding the response.
func perfBaselineCreate(ctx context.Context, hc *http.Client, url string, body *perfCreateBody) error {
	buf, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(buf))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+perfToken)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Intercom-Version", APIVersion)
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	rb, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	var c gen.Contact
	if err := json.Unmarshal(rb, &c); err != nil {
		return err
	}
	if c.Id == nil {
		return errors.New("no id")
	}
	return nil
}

// perfCreateCalls returns the baseline's and the facade's Contacts.Create as functions,
// each on its own transport set up as the SDK's default one, counting TCP writes.
func perfCreateCalls(b *testing.B, s *perfServer) (baseline, facade func() error, bw, fw *writeCounter) {
	ctx := context.Background()
	email, external, name, phone, role, signed, attrs := perfCreateFields()
	bw, fw = &writeCounter{}, &writeCounter{}
	hc := &http.Client{Transport: countingTransport(b, bw)}
	url := s.URL + "/contacts"
	baseline = func() error {
		return perfBaselineCreate(ctx, hc, url, &perfCreateBody{Email: &email, ExternalID: &external, Name: &name,
			Phone: &phone, Role: &role, SignedUpAt: &signed, CustomAttributes: attrs})
	}
	c := perfClient(b, s, WithHTTPClient(&http.Client{Transport: countingTransport(b, fw)}))
	facade = func() error {
		got, err := c.Contacts.Create(ctx, gen.CreateContactRequest{Email: &email, ExternalId: &external, Name: &name,
			Phone: &phone, Role: &role, SignedUpAt: &signed, CustomAttributes: attrs})
		if err == nil && got.Id == nil {
			err = errors.New("no id")
		}
		return err
	}
	return baseline, facade, bw, fw
}

// BenchmarkPerfCreate: one Contacts.Create (a small POST) through the facade and the
// hand-written baseline, both on a transport set up as the SDK's whose connections count
// their writes: it reports allocations and TCP writes per call.
func BenchmarkPerfCreate(b *testing.B) {
	s := newPerfServer(b)
	for _, impl := range []string{"baseline", "facade"} {
		b.Run("impl="+impl, func(b *testing.B) {
			baseline, facade, bw, fw := perfCreateCalls(b, s)
			call, w := baseline, bw
			if impl == "facade" {
				call, w = facade, fw
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := call(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(w.writes.Load())/float64(b.N), "writes/op")
		})
	}
}

// BenchmarkPerfCreatePaired times the baseline's and the facade's Contacts.Create in the
// same loop (see [paired]).
func BenchmarkPerfCreatePaired(b *testing.B) {
	s := newPerfServer(b)
	baseline, facade, _, _ := perfCreateCalls(b, s)
	paired(b, pairedImpl{"baseline", baseline}, pairedImpl{"sdk", facade})
}

// perfDownloadSize is the size of the data export of BenchmarkPerfDownload.
const perfDownloadSize = 200 << 20

// heapPeakWriter discards what it is given, sampling the heap every MiB.
type heapPeakWriter struct {
	n, next int64
	peak    uint64
}

func (h *heapPeakWriter) Write(p []byte) (int, error) {
	h.n += int64(len(p))
	if h.n >= h.next {
		h.next = h.n + 1<<20
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		h.peak = max(h.peak, ms.HeapInuse)
	}
	return len(p), nil
}

// BenchmarkPerfDownload downloads a 200 MB data export: the facade's
// DataExport.Download streamed with WriteTo, and the baseline's GET copied
// from resp.Body, each into a writer that samples the heap every MiB (after a
// forced GC at the start), paired (see [paired]). It reports the peak HeapInuse
// and the throughput of each.
func BenchmarkPerfDownload(b *testing.B) {
	s := newPerfServer(b)
	s.downloadSize.Store(perfDownloadSize)
	ctx := context.Background()
	hc := perfBaselineClient(b)
	url := s.URL + "/download/content/data/job1"
	c := perfClient(b, s)
	var peak [2]uint64
	means := paired(b,
		pairedImpl{"baseline", func() error {
			runtime.GC()
			w := &heapPeakWriter{}
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
			if err != nil {
				return err
			}
			req.Header.Set("Authorization", "Bearer "+perfToken)
			req.Header.Set("Accept", "application/octet-stream")
			req.Header.Set("Intercom-Version", APIVersion)
			resp, err := hc.Do(req)
			if err != nil {
				return err
			}
			n, err := io.Copy(w, resp.Body)
			resp.Body.Close()
			if err == nil && (n != perfDownloadSize || resp.StatusCode != http.StatusOK) {
				err = fmt.Errorf("status %d, %d bytes", resp.StatusCode, n)
			}
			peak[0] = max(peak[0], w.peak)
			return err
		}},
		pairedImpl{"sdk", func() error {
			runtime.GC()
			w := &heapPeakWriter{}
			d, err := c.DataExport.Download(ctx, "job1")
			if err != nil {
				return err
			}
			n, err := d.WriteTo(w)
			if err == nil && n != perfDownloadSize {
				err = fmt.Errorf("%d bytes", n)
			}
			peak[1] = max(peak[1], w.peak)
			return err
		}})
	b.ReportMetric(perfDownloadSize/1e6/means[0].Seconds(), "baseline-MB/s")
	b.ReportMetric(perfDownloadSize/1e6/means[1].Seconds(), "sdk-MB/s")
	b.ReportMetric(float64(peak[0]), "baseline-peak-heap-B")
	b.ReportMetric(float64(peak[1]), "sdk-peak-heap-B")
}
