package contract

// Tests of the suite's own machinery. They need no Prism: a loopback httptest server
// plays Prism's answers.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

func TestMatchOperation(t *testing.T) {
	ops := []operation{
		{ID: "RetrieveArticle", Method: "GET", Path: "/articles/{article_id}"},
		{ID: "SearchArticles", Method: "GET", Path: "/articles/search"},
		{ID: "DeleteArticle", Method: "DELETE", Path: "/articles/{article_id}"},
		{ID: "ListDatasets", Method: "GET", Path: "/export/reporting_data/get_datasets"},
		{ID: "GetExport", Method: "GET", Path: "/export/reporting_data/{job_identifier}"},
		{ID: "DetachTag", Method: "DELETE", Path: "/contacts/{contact_id}/tags/{tag_id}"},
	}
	tests := []struct {
		method, path, want string
	}{
		{"GET", "/articles/search", "SearchArticles"},
		{"GET", "/articles/3", "RetrieveArticle"},
		{"get", "/articles/3", "RetrieveArticle"},
		{"DELETE", "/articles/search", "DeleteArticle"},
		{"GET", "/export/reporting_data/get_datasets", "ListDatasets"},
		{"GET", "/export/reporting_data/abc", "GetExport"},
		{"DELETE", "/contacts/a%2Fb/tags/7", "DetachTag"},
		{"GET", "/articles/%73earch", "SearchArticles"}, // escaped literal
		{"GET", "/articles", ""},
		{"GET", "/articles//", ""},
		{"POST", "/articles/3", ""},
		{"GET", "/articles/3/extra", ""},
	}
	for _, tt := range tests {
		got, ok := matchOperation(ops, tt.method, tt.path)
		if tt.want == "" {
			if ok {
				t.Errorf("%s %s matched %s, want no match", tt.method, tt.path, got.ID)
			}
			continue
		}
		if !ok || got.ID != tt.want {
			t.Errorf("%s %s matched %q (%v), want %q", tt.method, tt.path, got.ID, ok, tt.want)
		}
	}
}

// TestOperationsCoverTable checks that the generator's operation list is usable: unique
// ids, every path template matched by itself.
func TestOperationsCoverTable(t *testing.T) {
	ops := allOperations()
	if len(ops) == 0 {
		t.Fatal("gen.Operations is empty")
	}
	ids := map[string]bool{}
	for _, op := range ops {
		if ids[op.ID] {
			t.Errorf("operation id %q appears twice", op.ID)
		}
		ids[op.ID] = true
		got, ok := matchOperation(ops, op.Method, strings.NewReplacer("{", "x", "}", "x").Replace(op.Path))
		if !ok || got.ID != op.ID {
			t.Errorf("%s %s does not route to itself (got %q)", op.Method, op.Path, got.ID)
		}
	}
	for _, cl := range calls {
		if !ids[cl.op] {
			t.Errorf("table entry %q names unknown operation %q", cl.name, cl.op)
		}
	}
	for id := range exceptions {
		if !ids[id] {
			t.Errorf("exceptions names unknown operation %q", id)
		}
	}
	for id := range exampleExceptions {
		if !ids[id] {
			t.Errorf("exampleExceptions names unknown operation %q", id)
		}
	}
}

// fakePrism answers like Prism 5 does for each path.
func fakePrism(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Prefer") != "" {
			w.Header().Set("X-Got-Prefer", r.Header.Get("Prefer"))
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"type":"admin"}`)
	})
	mux.HandleFunc("/spec-400", func(w http.ResponseWriter, r *http.Request) {
		// An invalid request answered with the description's own 400 example.
		w.Header().Set("sl-violations", `[{"location":["request","body"],"severity":"Error","code":"required","message":"Request body must have required property 'name'"}]`)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"type":"error.list"}`)
	})
	mux.HandleFunc("/prism-422", func(w http.ResponseWriter, r *http.Request) {
		// An invalid request with no 4xx in the description: Prism's own problem.
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		io.WriteString(w, `{"type":"https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY","title":"Invalid request","status":422,"validation":[{"location":["query"],"severity":"Error","code":"required","message":"Request query must have required property 'x'"}]}`)
	})
	mux.HandleFunc("/prism-500", func(w http.ResponseWriter, r *http.Request) {
		// An example that breaks its schema: header and body list the same violation.
		v := `[{"location":["response","body","id"],"severity":"Error","code":"type","message":"must be string"}]`
		w.Header().Set("sl-violations", v)
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, `{"type":"https://stoplight.io/prism/errors#VIOLATIONS","title":"Request/Response not valid","status":500,"validation":`+v+`}`)
	})
	mux.HandleFunc("/prism-404", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"type":"https://stoplight.io/prism/errors#NO_PATH_MATCHED_ERROR","title":"Route not resolved, no path matched","status":404,"detail":"The route /x hasn't been found"}`)
	})
	mux.HandleFunc("/other-problem", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusConflict)
		io.WriteString(w, `{"type":"https://example.com/conflict","title":"not Prism's"}`)
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://signed.example.invalid/file.mp3", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func newTestRecorder(t *testing.T, srv *httptest.Server) (*recorder, *http.Client) {
	t.Helper()
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	tr := srv.Client().Transport.(*http.Transport).Clone()
	t.Cleanup(tr.CloseIdleConnections)
	rec := newRecorder(tr, u)
	return rec, &http.Client{Transport: rec}
}

func TestRecorderViolations(t *testing.T) {
	srv := fakePrism(t)
	rec, hc := newTestRecorder(t, srv)
	tests := []struct {
		path       string
		status     int
		violations []string // violation.String() of each
		bodyKept   string   // a prefix of the body the caller must still read
	}{
		{"/ok", 200, nil, `{"type":"admin"}`},
		{"/spec-400", 400, []string{"[Error] request.body required: Request body must have required property 'name'"}, `{"type":"error.list"}`},
		{"/prism-422", 422, []string{"[Error] request.query required: Request query must have required property 'x'"}, `{"type":"https://stoplight.io`},
		{"/prism-500", 500, []string{"[Error] response.body.id type: must be string"}, `{"type":"https://stoplight.io`},
		{"/prism-404", 404, []string{"[Error] request NO_PATH_MATCHED_ERROR: Route not resolved, no path matched: The route /x hasn't been found"}, `{"type"`},
		{"/other-problem", 409, nil, `{"type":"https://example.com/conflict"`},
	}
	for _, tt := range tests {
		ctx := withCall(t.Context(), tt.path, "")
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+tt.path, nil)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", tt.path, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.HasPrefix(string(body), tt.bodyKept) {
			t.Errorf("%s: caller read body %q, want it to start with %q", tt.path, body, tt.bodyKept)
		}
		exs := rec.exchangesOf(tt.path)
		if len(exs) != 1 {
			t.Fatalf("%s: %d exchanges recorded, want 1", tt.path, len(exs))
		}
		ex := exs[0]
		if ex.Status != tt.status || ex.Method != "GET" || ex.Path != tt.path {
			t.Errorf("%s: recorded %s %s %d, want GET %s %d", tt.path, ex.Method, ex.Path, ex.Status, tt.path, tt.status)
		}
		var got []string
		for _, v := range ex.Violations {
			got = append(got, v.String())
		}
		if strings.Join(got, "\n") != strings.Join(tt.violations, "\n") {
			t.Errorf("%s: violations\n%q\nwant\n%q", tt.path, got, tt.violations)
		}
	}
	if vs := rec.exchangesOf("/prism-500")[0].Violations; len(vs) != 1 || !vs[0].inResponse() {
		t.Errorf("the example violation is not classified as a response violation: %v", vs)
	}
	if vs := rec.exchangesOf("/prism-422")[0].Violations; len(vs) != 1 || vs[0].inResponse() {
		t.Errorf("the request violation is classified as a response violation: %v", vs)
	}
}

func TestRecorderPreferAndHosts(t *testing.T) {
	srv := fakePrism(t)
	rec, hc := newTestRecorder(t, srv)

	ctx := withCall(t.Context(), "prefer", "dynamic=true")
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/ok", nil)
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("X-Got-Prefer"); got != "dynamic=true" {
		t.Errorf("Prism got Prefer %q, want dynamic=true", got)
	}
	if req.Header.Get("Prefer") != "" {
		t.Error("the recorder changed the caller's request instead of a clone")
	}

	// A request to another host is refused without leaving the machine.
	ctx = withCall(t.Context(), "offsite", "")
	req, _ = http.NewRequestWithContext(ctx, http.MethodGet, "http://api.example.invalid/me", nil)
	if resp, err := hc.Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("request to another host went through")
	}

	// A followed redirect to another host gets the stub; Authorization must not follow.
	ctx = withCall(t.Context(), "redirect", "")
	req, _ = http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/redirect", nil)
	req.Header.Set("Authorization", "Bearer "+testToken)
	resp, err = hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "signed.example.invalid") {
		t.Errorf("redirect target answered %d %q, want the stub", resp.StatusCode, body)
	}
	exs := rec.exchangesOf("redirect")
	if len(exs) != 2 || exs[0].Offsite || !exs[1].Offsite || exs[1].AuthSent {
		t.Errorf("redirect exchanges = %+v, want Prism's 302 then an offsite GET without Authorization", exs)
	}
}

func TestDecodeBody(t *testing.T) {
	// The union request bodies are named components (overlay fix [14]), so the
	// generated request body type keeps the union's JSON encoding.
	b, err := decodeBody[gen.CreateTagJSONRequestBody](`{"name": "test"}`)
	if err != nil {
		t.Fatalf("union body: %v", err)
	}
	if enc, _ := b.MarshalJSON(); !strings.Contains(string(enc), `"name"`) {
		t.Errorf("union body encodes as %s", enc)
	}
	if _, err := decodeBody[gen.CreateOrUpdateTagRequest](`{"name": "test"}`); err != nil {
		t.Errorf("plain body: %v", err)
	}
	if _, err := decodeBody[gen.CreateOrUpdateTagRequest](`{"name": "test", "nope": 1}`); err == nil {
		t.Error("a literal with a field the model lacks passed")
	}
}

func TestCheck(t *testing.T) {
	hdr := http.Header{"Content-Type": {"application/json"}}
	ok := &gen.ListTagsResponse{Body: []byte(`{"type":"list"}`), HTTPResponse: &http.Response{StatusCode: 200, Header: hdr}, JSON200: &gen.TagList{}}
	if err := check(ok, nil); err != nil {
		t.Errorf("decoded 200: %v", err)
	}
	undecoded := &gen.ListTagsResponse{Body: []byte(`{"type":"list"}`), HTTPResponse: &http.Response{StatusCode: 200, Header: hdr}}
	if err := check(undecoded, nil); err == nil {
		t.Error("an undecoded 200 passed")
	}
	failed := &gen.ListTagsResponse{Body: []byte(`{}`), HTTPResponse: &http.Response{StatusCode: 404, Header: hdr}}
	if err := check(failed, nil); err == nil {
		t.Error("a 404 passed")
	}
	if err := check[*gen.ListTagsResponse](nil, context.Canceled); err != context.Canceled {
		t.Errorf("the call's error was not returned: %v", err)
	}
}

func TestCheckServedVersion(t *testing.T) {
	if err := checkServedVersion(""); err != nil {
		t.Errorf("no served version: %v", err)
	}
	if err := checkServedVersion(gen.APIVersion); err != nil {
		t.Errorf("served %s: %v", gen.APIVersion, err)
	}
	if err := checkServedVersion("1.0-not-a-version"); err == nil || !strings.Contains(err.Error(), gen.APIVersion) {
		t.Errorf("served another version: err = %v, want one naming %s", err, gen.APIVersion)
	}
}
