package contract

// Tests of the suite's own machinery. They need no Prism: a loopback httptest server
// plays Prism's answers.

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom"
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

// TestOperationsCoverTable checks that the generator's operation list is usable (unique
// ids, every path template matched by itself) and that the table and the exception lists
// fit the pinned version and the other supported ones (tableCheck.problems): a typed
// entry must name one of its operations, a dynOp entry must resolve with literals that
// fit, or target an operation another supported version has.
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
	c := offlineClient(t)
	for _, p := range currentTableCheck(t).problems(c) {
		t.Error(p)
	}
}

// offlineClient is a client for checks that send nothing: its base URL is a closed
// loopback port.
func offlineClient(t *testing.T) *intercom.Client {
	t.Helper()
	c, err := newClient("http://127.0.0.1:1", http.DefaultTransport)
	if err != nil {
		t.Fatal(err)
	}
	return c
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
	if _, err := decodeBody[gen.ListDataAttributesParams](`{"model": "contacts"}`); err == nil {
		t.Error("a literal with a value outside an enum passed")
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

// fakeAPI answers the few operations TestDynOp calls, which every supported version has.
func fakeAPI(t *testing.T) (*intercom.Client, *int) {
	t.Helper()
	requests := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests++
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Path == "/me" || strings.HasPrefix(r.URL.Path, "/admins/"):
			io.WriteString(w, `{"type": "admin", "id": "991267459", "name": "Ciaran", "email": "admin@example.com"}`)
		case r.URL.Path == "/data_attributes":
			if r.URL.Query().Get("model") != "contact" || r.URL.Query().Get("include_archived") != "true" {
				w.WriteHeader(http.StatusBadRequest)
				io.WriteString(w, `{"type": "error.list", "errors": [{"code": "parameter_invalid", "message": "`+r.URL.RawQuery+`"}]}`)
				return
			}
			io.WriteString(w, `{"type": "list", "data": []}`)
		case strings.HasPrefix(r.URL.Path, "/tags/"):
			w.WriteHeader(http.StatusOK)
		default:
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"type": "error.list", "errors": [{"code": "not_found", "message": "not found"}]}`)
		}
	}))
	t.Cleanup(srv.Close)
	tr := srv.Client().Transport.(*http.Transport).Clone()
	t.Cleanup(tr.CloseIdleConnections)
	c, err := newClient(srv.URL, tr)
	if err != nil {
		t.Fatal(err)
	}
	return c, &requests
}

func TestDynOp(t *testing.T) {
	c, requests := fakeAPI(t)
	var resp *http.Response
	ok := []call{
		dynOp("RetrieveAdmin", "Admins.Get", adminID),
		dynOp("IdentifyAdmin", "Admins.Me", intercom.WithResponseInto(&resp)),
		dynOp("ListDataAttributes", "DataAttributes.List", jsonArg(`{"model": "contact", "include_archived": true}`)),
		dynOp("DeleteTag", "Tags.Delete", tagID), // returns only an error
	}
	for _, cl := range ok {
		if err := cl.fn(t.Context(), c); err != nil {
			t.Errorf("%s: %v", cl.name, err)
		}
	}
	if resp == nil || resp.StatusCode != http.StatusOK {
		t.Errorf("the option given to Admins.Me was not applied (response %v)", resp)
	}
	if *requests != len(ok) {
		t.Errorf("%d requests for %d calls", *requests, len(ok))
	}
	if err := dynOp("ListDataAttributes", "DataAttributes.List", nil).fn(t.Context(), c); err == nil {
		t.Error("nil params: the fake's 400 was not an error")
	}

	*requests = 0
	bad := []struct {
		cl   call
		want string
	}{
		{dynOp("X", "AdminsGet", adminID), "is not Service.Method"},
		{dynOp("X", "Admins.Get.Now", adminID), "is not Service.Method"},
		{dynOp("X", "Nope.Get", adminID), "has no service Nope"},
		{dynOp("X", "Admins.Nope", adminID), "has no method Nope"},
		{dynOp("X", "Admins.Get"), "the entry gives 0"},
		{dynOp("X", "Admins.Get", adminID, "again"), "one too many"},
		{dynOp("X", "Admins.Me", nil), "one too many"},
		{dynOp("X", "Admins.Get", nil), "cannot be nil"},
		{dynOp("X", "Admins.Get", 7), "want a string (path id), a jsonArg or nil"},
		{dynOp("X", "DataAttributes.List", "contact"), "only string parameters"},
		{dynOp("X", "DataAttributes.List", jsonArg(`{"model": "contact", "nope": 1}`)), `unknown field "nope"`},
		{dynOp("X", "DataAttributes.List", jsonArg(`{"model": "contact", "include_archived": null}`)), "does not round-trip"},
		{dynOp("X", "DataAttributes.List", jsonArg(`{"model": "contacts"}`)), "contacts is not a value of gen.ListDataAttributesParamsModel"},
		{dynOp("X", "DataAttributes.List", jsonArg(`{"model": `)), "does not fit"},
	}
	for _, tt := range bad {
		err := tt.cl.fn(t.Context(), c)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %v: error %v, want one containing %q", tt.cl.dyn.method, tt.cl.dyn.args, err, tt.want)
		}
	}
	if *requests != 0 {
		t.Errorf("entries that do not resolve sent %d requests", *requests)
	}

	// got's verdict: a nil result without an error is an error.
	nilAdmin := []reflect.Value{reflect.Zero(reflect.TypeFor[*gen.Admin]()), reflect.Zero(errorType)}
	if err := dynVerdict(nilAdmin); !errors.Is(err, errNoResult) {
		t.Errorf("nil result without error: %v, want errNoResult", err)
	}
}

func TestParseOpsTable(t *testing.T) {
	const table = `# comment
services:
  Admins: "admins"
operations:

  # --- Admins
  IdentifyAdmin:
    service: Admins
    method: Me
    doc: |
      returns the admin (GET /me).
      service: NotThis
  RetrieveAdmin:
    method: "Get"
    service: Admins
    args: [X=y]
other:
  NotAnOperation:
    service: X
    method: Y
`
	got, err := parseOpsTable(table)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"IdentifyAdmin": "Admins.Me", "RetrieveAdmin": "Admins.Get"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parsed %v, want %v", got, want)
	}
	if _, err := parseOpsTable("operations:\n  IdentifyAdmin: {service: Admins, method: Me}\n"); err == nil {
		t.Error("a layout the reader does not understand passed")
	}
	if _, err := parseOpsTable("services:\n  Admins: x\n"); err == nil {
		t.Error("a table without operations passed")
	}

	tables, err := loadVersionTables(opsTablesDir, nil)
	if err != nil {
		t.Fatal(err)
	}
	pinned := tables[gen.APIVersion]
	for _, op := range gen.Operations {
		if pinned[op.ID] == "" {
			t.Errorf("%s/%s.yaml: no entry read for %s", opsTablesDir, gen.APIVersion, op.ID)
		}
	}
}

func TestSupportedVersions(t *testing.T) {
	tests := []struct {
		pin  string
		want []string
	}{
		{"pinned: \"2.16\"\nversions:\n  \"2.15\":\n    path: x\n", nil},
		{"pinned: \"2.16\"\nsupported: [\"2.16\", \"2.15\"] # the pinned one and the previous one\nrepository: x\n", []string{"2.16", "2.15"}},
		{"supported:\n  # newest first\n  - \"2.16\"\n  - '2.15'\n\nrepository: x\n", []string{"2.16", "2.15"}},
		{"supported: []\n", []string{}},
	}
	for _, tt := range tests {
		if got := supportedVersions(tt.pin); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("supportedVersions(%q) = %q, want %q", tt.pin, got, tt.want)
		}
	}
	if _, err := loadVersionTables(opsTablesDir, []string{gen.APIVersion, "9.9"}); err == nil {
		t.Error("a supported version without a table passed")
	}
	tables, err := loadVersionTables(opsTablesDir, []string{gen.APIVersion})
	if err != nil || len(tables) != 1 || tables[gen.APIVersion] == nil {
		t.Errorf("only the pinned version supported: tables %v, error %v", sortedKeys(tables), err)
	}
}

// TestTableCheck runs tableCheck.problems on a made-up pinned version "2.16" with an
// older supported "2.15"; the methods named exist on every version.
func TestTableCheck(t *testing.T) {
	tc := tableCheck{
		version: "2.16",
		ops:     []operation{{ID: "IdentifyAdmin"}, {ID: "RetrieveAdmin"}},
		tables: versionTables{
			"2.15": {"IdentifyAdmin": "Admins.Me", "RetrieveAdmin": "Admins.Get", "OldOp": "Admins.List"},
			"2.16": {"IdentifyAdmin": "Admins.Me", "RetrieveAdmin": "Admins.Get"},
		},
		calls: []call{
			op("IdentifyAdmin", nil),
			dynOp("RetrieveAdmin", "Admins.Get", adminID),
			dynOp("OldOp", "Admins.List", nil), // skipped on 2.16, 2.15 has it
		},
		lists: map[string]map[string]exception{
			"exceptions": {
				"IdentifyAdmin": {reason: "r"},
				"OldOp":         {versions: []string{"2.15"}, reason: "r"},
			},
			"exampleExceptions": {
				"RetrieveAdmin": {versions: []string{"2.15", "2.16"}, reason: "r"},
			},
		},
	}
	c := offlineClient(t)
	if p := tc.problems(c); len(p) > 0 {
		t.Fatalf("a consistent table has problems:\n\t%s", strings.Join(p, "\n\t"))
	}

	tc.tables["2.16"]["Gone"] = "Admins.Me"
	tc.calls = append(tc.calls,
		op("IdentifyAdmin", nil),              // duplicate name
		call{name: "TypedOldOp", op: "OldOp"}, // typed entry for an operation 2.16 lacks
		dynOp("Typo", "Admins.Get", adminID),  // no supported version has it
		dynOp("OldOp2", "Admins.List", nil),   // ditto
		dynOp("IdentifyAdmin2", "Admins.Get"), // does not resolve
	)
	tc.calls[len(tc.calls)-1].op = "IdentifyAdmin"
	tc.calls[len(tc.calls)-2].op = "OldOp"
	tc.calls[len(tc.calls)-2].dyn.method = "Admins.Lister" // 2.15 says Admins.List
	tc.lists["exceptions"]["OldOp2"] = exception{reason: "unmarked, 2.16 lacks it"}
	tc.lists["exceptions"]["RetrieveAdmin"] = exception{reason: "also on exampleExceptions"}
	tc.lists["exampleExceptions"]["OldOp"] = exception{versions: []string{"2.16"}, reason: "2.16 lacks it"}
	tc.lists["exampleExceptions"]["Other"] = exception{versions: []string{"2.15", "9.9"}, reason: "neither has it"}
	want := []string{
		`lists Gone, which gen.Operations lacks`,
		`two table entries are named "IdentifyAdmin"`,
		`table entry "TypedOldOp" names unknown operation "OldOp"`,
		`dynOp entry "Typo" targets "Typo", which neither API 2.16 (pinned) nor any other supported version (2.15) has`,
		`dynOp entry "OldOp2" calls Admins.Lister, but ../../../api/operations/2.15.yaml gives OldOp the method Admins.List`,
		`dynOp entry "IdentifyAdmin2": contract: Admins.Get takes 1 arguments after ctx`,
		`dynOp entry "IdentifyAdmin2" calls Admins.Get, but ../../../api/operations/2.16.yaml gives IdentifyAdmin the method Admins.Me`,
		`exampleExceptions["OldOp"] is marked for API 2.16, which has no operation OldOp`,
		`exampleExceptions names "OldOp", which is not an operation of API 2.16`,
		`exampleExceptions["Other"] is marked for API 2.15, which has no operation Other`,
		`exampleExceptions["Other"] is marked for API 9.9, which is not a supported version`,
		`exceptions names "OldOp2", which is not an operation of API 2.16; if another supported version has it, mark the entry`,
		`"RetrieveAdmin" is on both exampleExceptions and exceptions`,
	}
	got := tc.problems(c)
	for _, w := range want {
		if !slices.ContainsFunc(got, func(p string) bool { return strings.Contains(p, w) }) {
			t.Errorf("no problem says %q", w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d problems, want %d:\n\t%s", len(got), len(want), strings.Join(got, "\n\t"))
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
