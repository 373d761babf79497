package intercom

import (
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

// This file holds the test harness shared by the tests of the articles,
// help centers, internal articles, news and AI content services (prefix
// kb, for knowledge base), then the articles tests.

// kbRequest is what a kb test server saw of one request.
type kbRequest struct {
	method, path, rawQuery, contentType, version string
	body                                         []byte
}

// kbServer starts a server that records every request and answers with
// handle (200 and "{}" when handle is nil). It returns a client for it and
// a function returning the requests seen so far.
func kbServer(t *testing.T, handle func(w http.ResponseWriter, r *http.Request)) (*Client, func() []kbRequest) {
	t.Helper()
	var (
		mu   sync.Mutex
		seen []kbRequest
	)
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("reading request body: %v", err)
		}
		mu.Lock()
		seen = append(seen, kbRequest{
			method: r.Method, path: r.URL.EscapedPath(), rawQuery: r.URL.RawQuery,
			contentType: r.Header.Get("Content-Type"), version: r.Header.Get("Intercom-Version"), body: body,
		})
		mu.Unlock()
		if handle == nil {
			coreJSON(w, http.StatusOK, `{}`)
			return
		}
		handle(w, r)
	})
	c, _ := coreClient(t, srv.URL)
	return c, func() []kbRequest {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(seen)
	}
}

// kbCase is one service call and the one exchange it must produce.
type kbCase struct {
	name string
	call func(ctx context.Context, c *Client) (any, error)
	// method, escaped path and query (exact; nil = none) of the request.
	method, path string
	query        url.Values
	// body is the JSON the request must carry ("" = no body).
	body string
	// status (default 200) and resp are the server's answer.
	status int
	resp   string
	// noResult marks a method that returns only an error.
	noResult bool
}

// kbRes adapts a typed result to kbCase.call.
func kbRes[T any](v *T, err error) (any, error) {
	if v == nil {
		return nil, err
	}
	return v, err
}

// kbRun runs each case against its own server: the call must send exactly
// the request described and return the response decoded (every field of
// resp must come back with its value).
func kbRun(t *testing.T, cases []kbCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status := tc.status
			if status == 0 {
				status = http.StatusOK
			}
			c, seen := kbServer(t, func(w http.ResponseWriter, _ *http.Request) {
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
			q, err := url.ParseQuery(r.rawQuery)
			if err != nil {
				t.Fatalf("query %q: %v", r.rawQuery, err)
			}
			if len(q) == 0 {
				q = nil
			}
			if !reflect.DeepEqual(q, tc.query) {
				t.Errorf("query %v, want %v", q, tc.query)
			}
			switch {
			case tc.body == "" && len(r.body) != 0:
				t.Errorf("unexpected request body %s", r.body)
			case tc.body != "":
				kbSameJSON(t, "request body", r.body, []byte(tc.body))
				if r.contentType != "application/json" {
					t.Errorf("Content-Type %q, want application/json", r.contentType)
				}
			}
			if r.version != gen.APIVersion {
				t.Errorf("Intercom-Version %q, want %q", r.version, gen.APIVersion)
			}
			if tc.noResult {
				if got != nil {
					t.Errorf("result %v, want none", got)
				}
				return
			}
			if got == nil {
				t.Fatal("nil result")
			}
			enc, err := json.Marshal(got)
			if err != nil {
				t.Fatalf("encoding the result: %v", err)
			}
			kbContainsJSON(t, enc, []byte(tc.resp))
		})
	}
}

// kbSameJSON fails unless got and want are the same JSON value.
func kbSameJSON(t *testing.T, what string, got, want []byte) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s %s: %v", what, got, err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("expected %s %s: %v", what, want, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %s\nwant %s", what, got, want)
	}
}

// kbContainsJSON fails unless every value of want (an object, recursively)
// is in got: the decoded result kept everything the server sent. want must
// not be empty, so that the check cannot pass vacuously.
func kbContainsJSON(t *testing.T, got, want []byte) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("result %s: %v", got, err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("response %s: %v", want, err)
	}
	if m, ok := w.(map[string]any); !ok || len(m) == 0 {
		t.Fatalf("test response %s must be a non-empty object", want)
	}
	if path, ok := kbContains(g, w, "$"); !ok {
		t.Errorf("result lost or changed %s:\n result %s\n response %s", path, got, want)
	}
}

func kbContains(got, want any, path string) (string, bool) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return path, false
		}
		for k, wv := range w {
			if p, ok := kbContains(g[k], wv, path+"."+k); !ok {
				return p, false
			}
		}
		return "", true
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return path, false
		}
		for i := range w {
			if p, ok := kbContains(g[i], w[i], fmt.Sprintf("%s[%d]", path, i)); !ok {
				return p, false
			}
		}
		return "", true
	default:
		return path, reflect.DeepEqual(got, want)
	}
}

// kbIDCase is a method with a path id. route is the escaped path with %s
// where the id goes; numeric marks an id that must be a positive decimal
// number (the API declares it as an integer).
type kbIDCase struct {
	name    string
	route   string
	numeric bool
	call    func(ctx context.Context, c *Client, id string) error
}

// kbRunIDs checks that invalid ids are refused with ErrInvalidID before any
// request, and that valid ones reach the right route, path-escaped.
func kbRunIDs(t *testing.T, cases []kbIDCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, seen := kbServer(t, nil)
			bad := []string{"", ".", "..", "a\nb", "\x00", "a\x7fb"}
			good := map[string]string{"123": "123"}
			if tc.numeric {
				bad = append(bad, "a/b", "../admins", "0", "-1", "+1", "007", "1.5", " 1", "12a", "99999999999999999999999")
			} else {
				good = map[string]string{
					"a/b":        "a%2Fb",
					"../admins":  "..%2Fadmins",
					"x?y#z":      "x%3Fy%23z",
					"5f1a 2b":    "5f1a%202b",
					"plain-id_9": "plain-id_9",
				}
			}
			for _, id := range bad {
				if err := tc.call(context.Background(), c, id); !errors.Is(err, ErrInvalidID) {
					t.Errorf("id %q: error %v, want ErrInvalidID", id, err)
				}
			}
			if n := len(seen()); n != 0 {
				t.Fatalf("%d requests sent for invalid ids", n)
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

// kbErr drops the result of a call, for kbIDCase.call.
func kbErr[T any](_ T, err error) error { return err }

// kbFirstErr runs an iterator up to its first element and returns that
// element's error, for kbIDCase.call.
func kbFirstErr[T any](seq iter.Seq2[T, error]) error {
	for _, err := range seq {
		return err
	}
	return nil
}

// kbStyle is a pagination style a kbPager serves.
type kbStyle int

const (
	// kbPageStyle: page and per_page in the query, pages{page, per_page,
	// total_pages, next} in the response.
	kbPageStyle kbStyle = iota
	// kbURLStyle: the first request carries per_page, every later one is
	// the pages.next URL, which carries an opaque token (so only following
	// the URL itself reaches the next page).
	kbURLStyle
)

// kbIterCase describes a paginated listing and its ...All iterator.
type kbIterCase struct {
	name  string
	style kbStyle
	// path is the escaped path of every request.
	path string
	// nest is the chain of JSON keys leading to the item array.
	nest []string
	// item is the i-th item (ids are 1-based: item(i) has id i).
	item func(i int) map[string]any
	// fixed are query parameters every request must carry besides the
	// paging ones (the caller's filters).
	fixed url.Values
	// seq runs the iterator with page size per and the filters of fixed,
	// mapping each item to its id.
	seq func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error]
}

// kbPager serves n items, per per page, in a kbIterCase's style. failPage,
// when > 0, answers that page with a 400.
type kbPager struct {
	t        *testing.T
	tc       kbIterCase
	n, per   int
	failPage int
}

func (p *kbPager) handle(w http.ResponseWriter, r *http.Request) {
	t := p.t
	q := r.URL.Query()
	if r.Method != http.MethodGet || r.URL.EscapedPath() != p.tc.path {
		t.Errorf("request %s %s, want GET %s", r.Method, r.URL.EscapedPath(), p.tc.path)
	}
	if got := q.Get("per_page"); got != strconv.Itoa(p.per) {
		t.Errorf("per_page %q, want %d", got, p.per)
	}
	page := 1
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Errorf("page %q", v)
			coreJSON(w, http.StatusBadRequest, `{"type":"error.list","errors":[{"code":"parameter_invalid","message":"page"}]}`)
			return
		}
		page = n
	}
	want := url.Values{"per_page": {strconv.Itoa(p.per)}}
	if page > 1 || q.Has("page") {
		want.Set("page", strconv.Itoa(page))
	}
	if p.tc.style == kbURLStyle && page > 1 {
		want.Set("token", kbToken(page))
	} else {
		for k, vs := range p.tc.fixed {
			want[k] = vs
		}
	}
	if !reflect.DeepEqual(q, want) {
		t.Errorf("query %v, want %v", q, want)
	}
	if page == p.failPage {
		coreJSON(w, http.StatusBadRequest, `{"type":"error.list","errors":[{"code":"parameter_invalid","message":"page gone"}]}`)
		return
	}
	total := (p.n + p.per - 1) / p.per
	list := []map[string]any{}
	for i := (page-1)*p.per + 1; i <= min(page*p.per, p.n); i++ {
		list = append(list, p.tc.item(i))
	}
	pages := map[string]any{"type": "pages", "page": page, "per_page": p.per, "total_pages": total}
	if page < total {
		next := url.Values{"page": {strconv.Itoa(page + 1)}, "per_page": {strconv.Itoa(p.per)}}
		if p.tc.style == kbURLStyle {
			next.Set("token", kbToken(page+1))
			// Only the URL leads on: no page numbers to compute it from.
			delete(pages, "page")
			delete(pages, "total_pages")
		}
		pages["next"] = "https://api.intercom.io" + p.tc.path + "?" + next.Encode()
	}
	var data any = list
	for i := len(p.tc.nest) - 1; i > 0; i-- {
		data = map[string]any{p.tc.nest[i]: data}
	}
	body, err := json.Marshal(map[string]any{"type": "list", p.tc.nest[0]: data, "pages": pages, "total_count": p.n})
	if err != nil {
		t.Errorf("encoding page: %v", err)
	}
	coreJSON(w, http.StatusOK, string(body))
}

func kbToken(page int) string { return fmt.Sprintf("tok-%d-x", page*7919) }

// kbIDs maps an iterator's items to their ids.
func kbIDs[T any](seq iter.Seq2[T, error], id func(T) string) iter.Seq2[string, error] {
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

// kbStr returns *p, or "<nil>".
func kbStr(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

// kbRunIters checks each iterator against n = 0, 1, one full page and
// several pages: every item exactly once and in order, one request per page;
// then that breaking early sends no further request, and that an error is
// yielded once and ends the iteration.
func kbRunIters(t *testing.T, cases []kbIterCase) {
	t.Helper()
	const per = 3
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, n := range []int{0, 1, per, 3*per + 1} {
				t.Run(fmt.Sprintf("n=%d", n), func(t *testing.T) {
					p := &kbPager{t: t, tc: tc, n: n, per: per}
					c, seen := kbServer(t, p.handle)
					var got []string
					for id, err := range tc.seq(context.Background(), c, per) {
						if err != nil {
							t.Fatalf("after %d items: %v", len(got), err)
						}
						got = append(got, id)
					}
					want := []string{}
					for i := 1; i <= n; i++ {
						want = append(want, strconv.Itoa(i))
					}
					if !slices.Equal(got, want) {
						t.Errorf("items %v, want %v", got, want)
					}
					if reqs, pages := len(seen()), max(1, (n+per-1)/per); reqs != pages {
						t.Errorf("%d requests, want %d", reqs, pages)
					}
				})
			}
			for _, stopAfter := range []int{1, per, per + 1} {
				t.Run(fmt.Sprintf("break after %d", stopAfter), func(t *testing.T) {
					p := &kbPager{t: t, tc: tc, n: 3*per + 1, per: per}
					c, seen := kbServer(t, p.handle)
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
				p := &kbPager{t: t, tc: tc, n: 3*per + 1, per: per, failPage: 2}
				c, seen := kbServer(t, p.handle)
				var got []string
				var errs []error
				for id, err := range tc.seq(context.Background(), c, per) {
					if err != nil {
						errs = append(errs, err)
						continue
					}
					got = append(got, id)
				}
				if !slices.Equal(got, []string{"1", "2", "3"}) {
					t.Errorf("items before the error %v, want [1 2 3]", got)
				}
				var apiErr *Error
				if len(errs) != 1 || !errors.As(errs[0], &apiErr) || apiErr.StatusCode != http.StatusBadRequest {
					t.Errorf("errors %v, want one *Error with status 400", errs)
				}
				if reqs := len(seen()); reqs != 2 {
					t.Errorf("%d requests, want 2", reqs)
				}
			})
			t.Run("options on every page", func(t *testing.T) {
				p := &kbPager{t: t, tc: tc, n: 2*per + 1, per: per}
				c, seen := kbServer(t, p.handle)
				count := 0
				for _, err := range tc.seq(context.Background(), c, per, WithAPIVersion("2.14")) {
					if err != nil {
						t.Fatal(err)
					}
					count++
				}
				reqs := seen()
				if count != 2*per+1 || len(reqs) != 3 {
					t.Fatalf("%d items in %d requests, want %d in 3", count, len(reqs), 2*per+1)
				}
				for i, r := range reqs {
					if r.version != "2.14" {
						t.Errorf("request %d: Intercom-Version %q, want the per-call 2.14", i+1, r.version)
					}
				}
			})
		})
	}
}

// kbItem is a list item of the given type with id i.
func kbItem(typ string) func(i int) map[string]any {
	return func(i int) map[string]any {
		return map[string]any{"type": typ, "id": strconv.Itoa(i), "title": fmt.Sprintf("%s %d", typ, i)}
	}
}

func TestArticlesCalls(t *testing.T) {
	const article = `{"type":"article","id":"42","workspace_id":"hfi1bx4l","title":"Getting started","description":"First steps","body":"<p>Hi</p>","author_id":991,"state":"published","created_at":1663597223,"updated_at":1663597260,"url":"https://help.example.com/en/articles/42","parent_id":18,"parent_ids":[18,19],"parent_type":"collection","default_locale":"en","statistics":{"type":"article_statistics","views":10,"conversions":1,"reactions":2,"happy_reaction_percentage":50,"neutral_reaction_percentage":50,"sad_reaction_percentage":0}}`
	kbRun(t, []kbCase{
		{
			name: "List",
			call: func(ctx context.Context, c *Client) (any, error) {
				return kbRes(c.Articles.List(ctx, &gen.ListArticlesParams{Page: Ptr(2), PerPage: Ptr(25)}))
			},
			method: "GET", path: "/articles", query: url.Values{"page": {"2"}, "per_page": {"25"}},
			resp: `{"type":"list","pages":{"type":"pages","page":2,"per_page":25,"total_pages":3,"next":"https://api.intercom.io/articles?page=3"},"total_count":60,"data":[{"type":"article","id":"39","title":"Hello","state":"draft","parent_ids":[]}]}`,
		},
		{
			name:   "List nil params",
			call:   func(ctx context.Context, c *Client) (any, error) { return kbRes(c.Articles.List(ctx, nil)) },
			method: "GET", path: "/articles",
			resp: `{"type":"list","total_count":0,"data":[]}`,
		},
		{
			name: "Create",
			call: func(ctx context.Context, c *Client) (any, error) {
				return kbRes(c.Articles.Create(ctx, gen.CreateArticleRequest{
					Title: "Getting started", AuthorId: 991, Body: Ptr("<p>Hi</p>"),
					State: Ptr(gen.CreateArticleRequestStatePublished), ParentId: Ptr(18), ParentType: Ptr("collection"),
				}))
			},
			method: "POST", path: "/articles",
			body: `{"title":"Getting started","author_id":991,"body":"<p>Hi</p>","state":"published","parent_id":18,"parent_type":"collection"}`,
			resp: article,
		},
		{
			name:   "Get",
			call:   func(ctx context.Context, c *Client) (any, error) { return kbRes(c.Articles.Get(ctx, "42")) },
			method: "GET", path: "/articles/42",
			resp: article,
		},
		{
			name: "Update",
			call: func(ctx context.Context, c *Client) (any, error) {
				return kbRes(c.Articles.Update(ctx, "42", gen.UpdateArticleRequest{Title: Ptr("Getting started"), State: Ptr(gen.UpdateArticleRequestStateDraft)}))
			},
			method: "PUT", path: "/articles/42",
			body: `{"title":"Getting started","state":"draft"}`,
			resp: article,
		},
		{
			name:   "Delete",
			call:   func(ctx context.Context, c *Client) (any, error) { return kbRes(c.Articles.Delete(ctx, "42")) },
			method: "DELETE", path: "/articles/42",
			resp: `{"id":"42","object":"article","deleted":true}`,
		},
		{
			name: "Search",
			call: func(ctx context.Context, c *Client) (any, error) {
				return kbRes(c.Articles.Search(ctx, &gen.SearchArticlesParams{
					Phrase: Ptr("getting started"), State: Ptr("published"), HelpCenterId: Ptr(7), Highlight: Ptr(true), Page: Ptr(1), PerPage: Ptr(10),
				}))
			},
			method: "GET", path: "/articles/search",
			query: url.Values{"phrase": {"getting started"}, "state": {"published"}, "help_center_id": {"7"}, "highlight": {"true"}, "page": {"1"}, "per_page": {"10"}},
			resp:  `{"type":"list","total_count":1,"data":{"articles":[` + article + `],"highlights":[{"article_id":"42","highlighted_title":[{"type":"highlight","text":"Getting"}]}]},"pages":{"type":"pages","page":1,"per_page":10,"total_pages":1}}`,
		},
	})
}

func TestArticlesIDs(t *testing.T) {
	kbRunIDs(t, []kbIDCase{
		{name: "Get", route: "/articles/%s", numeric: true, call: func(ctx context.Context, c *Client, id string) error {
			return kbErr(c.Articles.Get(ctx, id))
		}},
		{name: "Update", route: "/articles/%s", numeric: true, call: func(ctx context.Context, c *Client, id string) error {
			return kbErr(c.Articles.Update(ctx, id, gen.UpdateArticleRequest{}))
		}},
		{name: "Delete", route: "/articles/%s", numeric: true, call: func(ctx context.Context, c *Client, id string) error {
			return kbErr(c.Articles.Delete(ctx, id))
		}},
	})
}

func TestArticlesIterators(t *testing.T) {
	kbRunIters(t, []kbIterCase{
		{
			name: "ListAll", style: kbPageStyle, path: "/articles", nest: []string{"data"}, item: kbItem("article"),
			seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
				return kbIDs(c.Articles.ListAll(ctx, &gen.ListArticlesParams{PerPage: Ptr(per)}, opts...),
					func(a gen.ArticleListItem) string { return kbStr(a.Id) })
			},
		},
		{
			name: "SearchAll", style: kbPageStyle, path: "/articles/search", nest: []string{"data", "articles"}, item: kbItem("article"),
			fixed: url.Values{"phrase": {"getting started"}, "state": {"all"}},
			seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
				return kbIDs(c.Articles.SearchAll(ctx, &gen.SearchArticlesParams{Phrase: Ptr("getting started"), State: Ptr("all"), PerPage: Ptr(per)}, opts...),
					func(a gen.Article) string { return kbStr(a.Id) })
			},
		},
	})
}

// TestArticlesIteratorsStartPageAndParams checks that an iterator starts at
// the caller's page, goes on from there, and leaves the caller's params as
// they were.
func TestArticlesIteratorsStartPageAndParams(t *testing.T) {
	tc := kbIterCase{name: "ListAll", style: kbPageStyle, path: "/articles", nest: []string{"data"}, item: kbItem("article")}
	p := &kbPager{t: t, tc: tc, n: 8, per: 3}
	c, seen := kbServer(t, p.handle)
	params := &gen.ListArticlesParams{Page: Ptr(2), PerPage: Ptr(3)}
	var got []string
	for a, err := range c.Articles.ListAll(context.Background(), params) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, kbStr(a.Id))
	}
	if want := []string{"4", "5", "6", "7", "8"}; !slices.Equal(got, want) {
		t.Errorf("items %v, want %v", got, want)
	}
	if *params.Page != 2 || *params.PerPage != 3 {
		t.Errorf("params changed to page %d per_page %d", *params.Page, *params.PerPage)
	}
	var pages []string
	for _, r := range seen() {
		q, _ := url.ParseQuery(r.rawQuery)
		pages = append(pages, q.Get("page"))
	}
	if want := []string{"2", "3"}; !slices.Equal(pages, want) {
		t.Errorf("pages requested %v, want %v", pages, want)
	}
}

// TestArticlesSearchAllNoData checks a search page without data: no items,
// no error, no further request.
func TestArticlesSearchAllNoData(t *testing.T) {
	c, seen := kbServer(t, func(w http.ResponseWriter, _ *http.Request) {
		coreJSON(w, http.StatusOK, `{"type":"list","total_count":0,"pages":{"type":"pages","page":1,"per_page":10,"total_pages":0}}`)
	})
	for a, err := range c.Articles.SearchAll(context.Background(), nil) {
		t.Fatalf("unexpected item %v, %v", a, err)
	}
	if n := len(seen()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

// TestArticlesErrors checks that API errors come back typed, with no
// result, and that per-call options reach the request.
func TestArticlesErrors(t *testing.T) {
	c, seen := kbServer(t, func(w http.ResponseWriter, r *http.Request) {
		coreJSON(w, http.StatusNotFound, `{"type":"error.list","request_id":"req-1","errors":[{"code":"not_found","message":"Resource Not Found"}]}`)
	})
	a, err := c.Articles.Get(context.Background(), "42", WithAPIVersion("2.16"))
	if a != nil || !IsNotFound(err) {
		t.Fatalf("Get = %v, %v; want nil and a not-found error", a, err)
	}
	if strings.Contains(err.Error(), coreToken) {
		t.Error("error text contains the access token")
	}
	reqs := seen()
	if len(reqs) != 1 || reqs[0].version != "2.16" {
		t.Errorf("requests %+v, want one with Intercom-Version 2.16", reqs)
	}
}
