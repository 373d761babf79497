package intercom

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

// This file holds the test harness that the tests of every resource service
// share (prefix svc): a test server recording requests, table runners for
// the calls, their path ids and their argument checks, and a fake listing
// serving each pagination style to the ...All iterators.

// svcRequest is what a test server saw of one request.
type svcRequest struct {
	method string
	// path is the escaped path, as on the wire, without the query.
	path     string
	rawQuery string
	header   http.Header
	body     []byte
}

// version returns the request's Intercom-Version header.
func (r svcRequest) version() string { return r.header.Get("Intercom-Version") }

// svcRecorder records the requests of a test server.
type svcRecorder struct {
	mu   sync.Mutex
	reqs []svcRequest
}

// add records r, reading its body, and returns what it recorded.
func (rec *svcRecorder) add(t *testing.T, r *http.Request) svcRequest {
	t.Helper()
	body, err := io.ReadAll(r.Body)
	if err != nil {
		t.Errorf("reading request body: %v", err)
	}
	path, _, _ := strings.Cut(r.RequestURI, "?")
	s := svcRequest{method: r.Method, path: path, rawQuery: r.URL.RawQuery, header: r.Header.Clone(), body: body}
	rec.mu.Lock()
	rec.reqs = append(rec.reqs, s)
	rec.mu.Unlock()
	return s
}

// all returns the requests recorded so far.
func (rec *svcRecorder) all() []svcRequest {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return slices.Clone(rec.reqs)
}

// svcServer starts a server that records every request and answers with
// handle (status 200 and "{}" when handle is nil), which also gets the
// request's body. It returns a client for the server and a function
// returning the requests seen so far.
func svcServer(t *testing.T, handle func(w http.ResponseWriter, r *http.Request, body []byte)) (*Client, func() []svcRequest) {
	t.Helper()
	rec := &svcRecorder{}
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		seen := rec.add(t, r)
		if handle == nil {
			coreJSON(w, http.StatusOK, `{}`)
			return
		}
		handle(w, r, seen.body)
	})
	c, _ := coreClient(t, srv.URL)
	return c, rec.all
}

// sameJSON fails unless got and want are the same JSON value.
func sameJSON(t *testing.T, what string, got, want []byte) {
	t.Helper()
	compareJSON(t, what, got, want, func(v any) any { return v })
}

// sameDecoded is sameJSON for a decoded response encoded again: optional
// arrays and maps of gen are plain slices and maps with omitempty, so a member
// the response sent as [] or {} is left out on encoding. Both mean "none" in a
// response, so such members are dropped from both sides before comparing.
func sameDecoded(t *testing.T, what string, got, want []byte) {
	t.Helper()
	compareJSON(t, what, got, want, dropEmptyMembers)
}

// compareJSON fails unless got and want, decoded and passed through norm, are
// the same JSON value.
func compareJSON(t *testing.T, what string, got, want []byte, norm func(any) any) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s: invalid JSON %s: %v", what, got, err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("%s: invalid wanted JSON %s: %v", what, want, err)
	}
	if !reflect.DeepEqual(norm(g), norm(w)) {
		t.Errorf("%s:\n got %s\nwant %s", what, got, want)
	}
}

// dropEmptyMembers returns v without the object members whose value is an
// empty array or object, at any depth.
func dropEmptyMembers(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, m := range x {
			m = dropEmptyMembers(m)
			switch e := m.(type) {
			case []any:
				if len(e) == 0 {
					continue
				}
			case map[string]any:
				if len(e) == 0 {
					continue
				}
			}
			out[k] = m
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = dropEmptyMembers(e)
		}
		return out
	}
	return v
}

// checkQuery fails unless a raw query holds exactly the wanted values (an
// empty query matches a nil want).
func checkQuery(t *testing.T, raw string, want url.Values) {
	t.Helper()
	got, err := url.ParseQuery(raw)
	if err != nil {
		t.Fatalf("query %q: %v", raw, err)
	}
	dropDerived(got, want)
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("query %v, want %v", got, want)
	}
}

// svcCase is one service call and the one exchange it must produce.
type svcCase struct {
	name string
	// op, when set, is the operation the case calls through opCall: the case is
	// skipped, with a printed reason, on an API version without it.
	op string
	// call makes the service call; svcRes (or svcNoRes) wraps its result.
	call func(ctx context.Context, c *Client) (any, error)
	// method, escaped path and query (exact; nil = none) of the request.
	method, path string
	query        url.Values
	// body is the JSON the request must carry ("" = no body).
	body string
	// status (default 200) and resp are the server's answer; resp "" is an
	// answer without a body, to a call that returns no result.
	status int
	resp   string
	// check, when set, replaces the default check of the result: that it
	// encodes back to resp (the decoded result is the response).
	check func(t *testing.T, got any)
}

// svcRes adapts a typed service result to svcCase.call.
func svcRes[T any](v *T, err error) (any, error) {
	if v == nil {
		return nil, err
	}
	return v, err
}

// svcNoRes adapts a service call that returns only an error.
func svcNoRes(err error) (any, error) { return nil, err }

// svcRun runs each case against its own server: the call must send exactly
// the request described, with the API version and (with a body) a JSON
// Content-Type, and return the response decoded.
func svcRun(t *testing.T, cases []svcCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			skipWithoutOp(t, tc.op)
			status := tc.status
			if status == 0 {
				status = http.StatusOK
			}
			c, seen := svcServer(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
				if tc.resp == "" {
					w.WriteHeader(status)
					return
				}
				coreJSON(w, status, tc.resp)
			})
			got, err := tc.call(context.Background(), c)
			if err != nil {
				t.Fatalf("call: %v", err)
			}
			reqs := seen()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.method != tc.method || r.path != tc.path {
				t.Errorf("request %s %s, want %s %s", r.method, r.path, tc.method, tc.path)
			}
			checkQuery(t, r.rawQuery, tc.query)
			switch {
			case tc.body == "" && len(r.body) != 0:
				t.Errorf("unexpected request body %s", r.body)
			case tc.body != "":
				sameJSON(t, "request body", r.body, []byte(tc.body))
				if ct := r.header.Get("Content-Type"); ct != "application/json" {
					t.Errorf("Content-Type %q, want application/json", ct)
				}
			}
			if r.version() != gen.APIVersion {
				t.Errorf("Intercom-Version %q, want %q", r.version(), gen.APIVersion)
			}
			switch {
			case tc.check != nil:
				tc.check(t, got)
			case tc.resp == "":
				if got != nil {
					t.Errorf("result %v, want none", got)
				}
			default:
				if got == nil {
					t.Fatal("nil result")
				}
				enc, err := json.Marshal(got)
				if err != nil {
					t.Fatalf("encoding the result %T: %v", got, err)
				}
				sameDecoded(t, fmt.Sprintf("decoded result %T", got), enc, []byte(tc.resp))
			}
		})
	}
}

// svcIDCase is a method with an id argument, for svcRunIDs.
type svcIDCase struct {
	name string
	// op, when set, is the operation the case calls through opIDCall: the case is
	// skipped, with a printed reason, on an API version without it.
	op string
	// route is the escaped path with %s where the id goes; "" for an id
	// that is not in the path (only its refusals are checked).
	route string
	call  func(ctx context.Context, c *Client, id string) error
	// numeric marks an id that must be a positive decimal number (the API
	// declares it as an integer).
	numeric bool
	// resp is the server's answer to valid ids ("{}" when empty).
	resp string
}

// svcErr drops the result of a call, for svcIDCase.call.
func svcErr[T any](_ T, err error) error { return err }

// svcFirstErr runs an iterator up to its first element and returns that
// element's error, for svcIDCase.call.
func svcFirstErr[T any](seq iter.Seq2[T, error]) error {
	for _, err := range seq {
		return err
	}
	return nil
}

// svcRunIDs checks that invalid ids ("", ".", "..", ids with control
// characters and, for numeric ids, anything but a positive decimal number)
// are refused with ErrInvalidID before any request, and that valid ones
// reach the right route, path-escaped.
func svcRunIDs(t *testing.T, cases []svcIDCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			skipWithoutOp(t, tc.op)
			resp := tc.resp
			if resp == "" {
				resp = "{}"
			}
			c, seen := svcServer(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
				coreJSON(w, http.StatusOK, resp)
			})
			bad := []string{"", ".", "..", "a\nb", "\x00", "x\x00", "a\x7fb"}
			good := map[string]string{
				"a/b":        "a%2Fb",
				"../admins":  "..%2Fadmins",
				"x?y#z":      "x%3Fy%23z",
				"5f1a 2b":    "5f1a%202b",
				"é 1":        "%C3%A9%201",
				"plain-id_9": "plain-id_9",
			}
			if tc.numeric {
				bad = append(bad, "a/b", "../admins", "0", "-1", "+1", "007", "1.5", " 1", "12a", "99999999999999999999999")
				good = map[string]string{"123": "123"}
			}
			for _, id := range bad {
				if err := tc.call(context.Background(), c, id); !errors.Is(err, ErrInvalidID) {
					t.Errorf("id %q: error %v, want ErrInvalidID", id, err)
				}
			}
			if n := len(seen()); n != 0 {
				t.Fatalf("%d requests sent for invalid ids", n)
			}
			if tc.route == "" {
				return
			}
			for id, escaped := range good {
				before := len(seen())
				if err := tc.call(context.Background(), c, id); err != nil {
					t.Errorf("id %q: %v", id, err)
					continue
				}
				reqs := seen()
				if len(reqs) != before+1 {
					t.Fatalf("id %q: %d requests, want 1", id, len(reqs)-before)
				}
				if want := fmt.Sprintf(tc.route, escaped); reqs[before].path != want {
					t.Errorf("id %q: path %s, want %s", id, reqs[before].path, want)
				}
			}
		})
	}
}

// svcRejectCase is a call with invalid arguments that must fail before
// sending anything.
type svcRejectCase struct {
	name string
	call func(ctx context.Context, c *Client) error
	// is, when set, is an error the result must wrap.
	is error
}

// svcRunRejects checks that each call fails, without showing the token,
// and sends no request.
func svcRunRejects(t *testing.T, cases []svcRejectCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, seen := svcServer(t, nil)
			err := tc.call(context.Background(), c)
			if err == nil {
				t.Fatal("no error")
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v does not wrap %v", err, tc.is)
			}
			if strings.Contains(err.Error(), coreToken) {
				t.Error("error shows the token")
			}
			if n := len(seen()); n != 0 {
				t.Fatalf("%d requests sent", n)
			}
		})
	}
}

// svcStyle is a pagination style an svcPager serves.
type svcStyle int

const (
	// svcPageStyle: page and per_page in the query (page absent for the
	// first page), pages{page, per_page, total_pages, next} in the response.
	svcPageStyle svcStyle = iota
	// svcURLStyle: the first request carries per_page, every later one is
	// the pages.next URL, which also carries an opaque token (so only
	// following the URL itself reaches the next page).
	svcURLStyle
	// svcCursorStyle: starting_after and per_page in the query,
	// pages.next.starting_after in the response.
	svcCursorStyle
	// svcSearchStyle: a POST body with the query and
	// pagination{per_page, starting_after}, pages.next.starting_after in the
	// response.
	svcSearchStyle
	// svcScrollStyle: scroll_param in the query and the response; a page
	// without items ends the scroll.
	svcScrollStyle
)

// svcIterCase describes a paginated listing and its ...All iterator.
type svcIterCase struct {
	name  string
	style svcStyle
	// method (default GET) and escaped path of every request.
	method, path string
	// nest is the chain of JSON keys leading to the item array (default
	// "data").
	nest []string
	// item is the i-th item (ids are 1-based: item(i) has id i); by default
	// {"id": "<i>"}.
	item func(i int) map[string]any
	// fixed are query parameters every request must carry besides the
	// paging ones (the caller's filters).
	fixed url.Values
	// searchQuery is the query a search body must carry (JSON); when "",
	// any non-empty query.
	searchQuery string
	// seq runs the iterator with page size per (when the listing takes
	// one), the filters of fixed and opts, mapping each item to its id.
	seq func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error]
}

// svcIDs maps an iterator's items to their ids ("" with an error).
func svcIDs[T any](seq iter.Seq2[T, error], id func(T) string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for v, err := range seq {
			s := ""
			if err == nil {
				s = id(v)
			}
			if !yield(s, err) {
				return
			}
		}
	}
}

// svcItem is a list item of the given type with id i.
func svcItem(typ string) func(i int) map[string]any {
	return func(i int) map[string]any {
		return map[string]any{"type": typ, "id": strconv.Itoa(i), "title": fmt.Sprintf("%s %d", typ, i)}
	}
}

// svcToken is the opaque token of the next-page URL of page page.
func svcToken(page int) string { return fmt.Sprintf("tok-%d-x", page*7919) }

// svcPager serves n items, per per page, in the style of a svcIterCase.
// failAt, when > 0, answers a request for the items from failAt on with a
// 404.
type svcPager struct {
	t      *testing.T
	tc     svcIterCase
	n, per int
	failAt int
}

// requests is the number of requests an iteration over every item takes.
func (p *svcPager) requests() int {
	pages := (p.n + p.per - 1) / p.per
	if p.tc.style == svcScrollStyle {
		return pages + 1 // the empty page ends a scroll
	}
	return max(1, pages)
}

// start checks the paging of one request and returns the index of the
// first item it asks for, or -1 when it asks for none that makes sense.
func (p *svcPager) start(r *http.Request, body []byte) int {
	t, tc := p.t, p.tc
	q := r.URL.Query()
	want := url.Values{}
	for k, vs := range tc.fixed {
		want[k] = vs
	}
	index := func(what, prefix, v string) int {
		if v == "" {
			return 0
		}
		s, ok := strings.CutPrefix(v, prefix)
		i, err := strconv.Atoi(s)
		if !ok || err != nil {
			t.Errorf("unexpected %s %q", what, v)
			return -1
		}
		return i
	}
	start := 0
	switch tc.style {
	case svcPageStyle, svcURLStyle:
		want.Set("per_page", strconv.Itoa(p.per))
		page := 1
		if v := q.Get("page"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 2 {
				t.Errorf("page %q; the first page must be asked for without page", v)
				return -1
			}
			page = n
			want.Set("page", v)
			if tc.style == svcURLStyle {
				want.Set("token", svcToken(page))
			}
		}
		start = (page - 1) * p.per
	case svcCursorStyle:
		want.Set("per_page", strconv.Itoa(p.per))
		if q.Has("starting_after") {
			want.Set("starting_after", q.Get("starting_after"))
		}
		start = index("cursor", "cur-", q.Get("starting_after"))
	case svcSearchStyle:
		var req struct {
			Query      json.RawMessage `json:"query"`
			Pagination *struct {
				PerPage       *int   `json:"per_page"`
				StartingAfter string `json:"starting_after"`
			} `json:"pagination"`
		}
		if err := json.Unmarshal(body, &req); err != nil {
			t.Errorf("search body %s: %v", body, err)
			return -1
		}
		switch {
		case len(req.Query) == 0 || string(req.Query) == "null":
			t.Errorf("search body %s has no query", body)
		case tc.searchQuery != "":
			sameJSON(t, "search query", req.Query, []byte(tc.searchQuery))
		}
		if req.Pagination == nil || req.Pagination.PerPage == nil || *req.Pagination.PerPage != p.per {
			t.Errorf("search body %s: want pagination.per_page %d", body, p.per)
		}
		if req.Pagination != nil {
			start = index("cursor", "cur-", req.Pagination.StartingAfter)
		}
	case svcScrollStyle:
		if q.Has("scroll_param") {
			want.Set("scroll_param", q.Get("scroll_param"))
		}
		start = index("scroll_param", "scroll-", q.Get("scroll_param"))
	default:
		t.Fatalf("unknown style %d", tc.style)
	}
	dropDerived(q, want)
	if len(q) == 0 {
		q = nil
	}
	if len(want) == 0 {
		want = nil
	}
	if !reflect.DeepEqual(q, want) {
		t.Errorf("query %v, want %v", q, want)
	}
	return start
}

// handle answers one page request (an svcServer handler).
func (p *svcPager) handle(w http.ResponseWriter, r *http.Request, body []byte) {
	t, tc := p.t, p.tc
	method := cmp.Or(tc.method, http.MethodGet)
	if r.Method != method || r.URL.EscapedPath() != tc.path {
		t.Errorf("request %s %s, want %s %s", r.Method, r.URL.EscapedPath(), method, tc.path)
	}
	start := p.start(r, body)
	if start < 0 || start > p.n {
		t.Errorf("request asks for item %d of %d", start, p.n)
		coreJSON(w, http.StatusBadRequest, `{"type":"error.list","errors":[{"code":"parameter_invalid","message":"bad page"}]}`)
		return
	}
	if p.failAt > 0 && start >= p.failAt {
		coreJSON(w, http.StatusNotFound, `{"type":"error.list","errors":[{"code":"not_found","message":"page gone"}]}`)
		return
	}
	end := min(start+p.per, p.n)
	item := tc.item
	if item == nil {
		item = func(i int) map[string]any { return map[string]any{"id": strconv.Itoa(i)} }
	}
	list := []map[string]any{}
	for i := start + 1; i <= end; i++ {
		list = append(list, item(i))
	}
	nest := tc.nest
	if len(nest) == 0 {
		nest = []string{"data"}
	}
	var data any = list
	for i := len(nest) - 1; i > 0; i-- {
		data = map[string]any{nest[i]: data}
	}
	resp := map[string]any{"type": "list", nest[0]: data, "total_count": p.n}
	switch tc.style {
	case svcPageStyle, svcURLStyle:
		page, total := start/p.per+1, (p.n+p.per-1)/p.per
		pages := map[string]any{"type": "pages", "per_page": p.per}
		if tc.style == svcPageStyle {
			pages["page"], pages["total_pages"] = page, total
		}
		if page < total {
			next := url.Values{"page": {strconv.Itoa(page + 1)}, "per_page": {strconv.Itoa(p.per)}}
			for k, vs := range tc.fixed {
				next[k] = vs
			}
			if tc.style == svcURLStyle {
				// Only the URL leads on: no page numbers to compute it from.
				next.Set("token", svcToken(page+1))
			}
			// A link on Intercom's own host, as the API sends it: the
			// client must follow it on its own base URL.
			pages["next"] = "https://api.intercom.io" + tc.path + "?" + next.Encode()
		}
		resp["pages"] = pages
	case svcCursorStyle, svcSearchStyle:
		pages := map[string]any{"type": "pages", "per_page": p.per}
		if end < p.n {
			pages["next"] = map[string]any{"starting_after": "cur-" + strconv.Itoa(end), "per_page": p.per}
		}
		resp["pages"] = pages
	case svcScrollStyle:
		resp["scroll_param"] = "scroll-" + strconv.Itoa(end)
	}
	b, err := json.Marshal(resp)
	if err != nil {
		t.Errorf("encoding page: %v", err)
	}
	coreJSON(w, http.StatusOK, string(b))
}

// svcRunIters checks each iterator against n = 0, 1, one full page and
// several pages: every item exactly once and in order, one request per page;
// then that breaking early sends no further request, that an error is
// yielded once and ends the iteration, and that call options apply to
// every page.
func svcRunIters(t *testing.T, cases []svcIterCase) {
	t.Helper()
	const per = 3
	ids := func(from, to int) []string {
		out := []string{}
		for i := from; i <= to; i++ {
			out = append(out, strconv.Itoa(i))
		}
		return out
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, n := range []int{0, 1, per, 3*per + 1} {
				t.Run(fmt.Sprintf("n=%d", n), func(t *testing.T) {
					p := &svcPager{t: t, tc: tc, n: n, per: per}
					c, seen := svcServer(t, p.handle)
					got := []string{}
					for id, err := range tc.seq(context.Background(), c, per) {
						if err != nil {
							t.Fatalf("after %d items: %v", len(got), err)
						}
						got = append(got, id)
					}
					if want := ids(1, n); !slices.Equal(got, want) {
						t.Errorf("items %v, want %v", got, want)
					}
					if reqs, want := len(seen()), p.requests(); reqs != want {
						t.Errorf("%d requests, want %d", reqs, want)
					}
				})
			}
			for _, stopAfter := range []int{1, per, per + 1} {
				t.Run(fmt.Sprintf("break after %d", stopAfter), func(t *testing.T) {
					p := &svcPager{t: t, tc: tc, n: 3*per + 1, per: per}
					c, seen := svcServer(t, p.handle)
					taken := 0
					for _, err := range tc.seq(context.Background(), c, per) {
						if err != nil {
							t.Fatal(err)
						}
						if taken++; taken == stopAfter {
							break
						}
					}
					if reqs, pages := len(seen()), (stopAfter+per-1)/per; reqs != pages {
						t.Errorf("%d requests after taking %d items, want %d", reqs, stopAfter, pages)
					}
				})
			}
			t.Run("error on page 2", func(t *testing.T) {
				p := &svcPager{t: t, tc: tc, n: 3*per + 1, per: per, failAt: per}
				c, seen := svcServer(t, p.handle)
				got := []string{}
				var errs []error
				for id, err := range tc.seq(context.Background(), c, per) {
					if err != nil {
						errs = append(errs, err)
						continue
					}
					if len(errs) > 0 {
						t.Errorf("item %s yielded after the error", id)
					}
					got = append(got, id)
				}
				if want := ids(1, per); !slices.Equal(got, want) {
					t.Errorf("items before the error %v, want %v", got, want)
				}
				var apiErr *Error
				if len(errs) != 1 || !errors.As(errs[0], &apiErr) || apiErr.StatusCode != http.StatusNotFound || !IsNotFound(errs[0]) {
					t.Errorf("errors %v, want one *Error with status 404", errs)
				}
				if reqs := len(seen()); reqs != 2 {
					t.Errorf("%d requests, want 2", reqs)
				}
			})
			t.Run("options on every page", func(t *testing.T) {
				p := &svcPager{t: t, tc: tc, n: 2*per + 1, per: per}
				c, seen := svcServer(t, p.handle)
				count := 0
				for _, err := range tc.seq(context.Background(), c, per, WithAPIVersion("2.14")) {
					if err != nil {
						t.Fatal(err)
					}
					count++
				}
				reqs := seen()
				if count != p.n || len(reqs) != p.requests() {
					t.Fatalf("%d items in %d requests, want %d in %d", count, len(reqs), p.n, p.requests())
				}
				for i, r := range reqs {
					if r.version() != "2.14" {
						t.Errorf("request %d: Intercom-Version %q, want the per-call 2.14", i+1, r.version())
					}
				}
			})
		})
	}
}
