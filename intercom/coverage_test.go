package intercom

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

// coverageExceptions lists the operations of gen.Operations that no service
// method calls on purpose: operation id (the gen.Client method name) →
// reason. TestCoverageOperations fails when an entry is stale: the operation
// is called after all, or is no longer in the description.
var coverageExceptions = map[string]string{}

// genCall is one call of a generated client method found in the source.
type genCall struct {
	method string
	pos    token.Position
}

// genCalls returns every call of the form <expr>.gen.<Method>(...) in
// files: a method called on a selector of a field named gen, as service
// methods call the generated client (s.c.gen.ShowContact(ctx, id)). Calls
// of package-level gen functions (gen.NewClient) are not method calls on a
// field and are not counted.
func genCalls(fset *token.FileSet, files []*ast.File) []genCall {
	var calls []genCall
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			method, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			field, ok := method.X.(*ast.SelectorExpr)
			if !ok || field.Sel.Name != "gen" {
				return true
			}
			calls = append(calls, genCall{method: method.Sel.Name, pos: fset.Position(call.Pos())})
			return true
		})
	}
	return calls
}

// coverageReport compares the operations with the calls found and the
// exceptions: it returns the operations nothing calls that are not
// excepted, and the exceptions that are stale.
func coverageReport(ops []gen.Operation, calls []genCall, exceptions map[string]string) (missing, stale []string) {
	called := make(map[string]token.Position)
	for _, c := range calls {
		// <Op>WithBody sends the same operation with a caller-encoded body.
		op := strings.TrimSuffix(c.method, "WithBody")
		if _, seen := called[op]; !seen {
			called[op] = c.pos
		}
	}
	known := make(map[string]bool, len(ops))
	for _, op := range ops {
		known[op.ID] = true
		_, isCalled := called[op.ID]
		_, excepted := exceptions[op.ID]
		if !isCalled && !excepted {
			missing = append(missing, fmt.Sprintf("%s (%s %s)", op.ID, op.Method, op.Path))
		}
	}
	for id, reason := range exceptions {
		switch pos, isCalled := called[id]; {
		case !known[id]:
			stale = append(stale, fmt.Sprintf("%s: no longer an operation of gen.Operations (reason given: %s)", id, reason))
		case isCalled:
			stale = append(stale, fmt.Sprintf("%s: now called at %s:%d (reason given: %s)", id, filepath.Base(pos.Filename), pos.Line, reason))
		}
	}
	slices.Sort(missing)
	slices.Sort(stale)
	return missing, stale
}

// TestCoverageOperations is the coverage audit: every operation of
// gen.Operations must be called as <expr>.gen.<Op>( by a non-test file of
// this package (a service method), or be listed in coverageExceptions with
// a reason; an exception must not be stale.
func TestCoverageOperations(t *testing.T) {
	paths, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("parsing %s: %v", p, err)
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		t.Fatal("no source files found: the test must run in the package directory")
	}
	if len(gen.Operations) == 0 {
		t.Fatal("gen.Operations is empty")
	}
	seen := make(map[string]bool)
	for _, op := range gen.Operations {
		if seen[op.ID] {
			t.Errorf("operation id %s appears twice in gen.Operations", op.ID)
		}
		seen[op.ID] = true
	}

	calls := genCalls(fset, files)
	missing, stale := coverageReport(gen.Operations, calls, coverageExceptions)
	if len(missing) > 0 {
		t.Errorf("%d of %d operations are called by no service method (call them as s.c.gen.<Op>( or add them to coverageExceptions with a reason):\n\t%s",
			len(missing), len(gen.Operations), strings.Join(missing, "\n\t"))
	}
	if len(stale) > 0 {
		t.Errorf("stale coverageExceptions:\n\t%s", strings.Join(stale, "\n\t"))
	}
	t.Logf("%d source files, %d generated calls, %d operations, %d exceptions",
		len(files), len(calls), len(gen.Operations), len(coverageExceptions))
}

// TestCoverageFindsGenCalls checks the audit's parsing on a known source.
func TestCoverageFindsGenCalls(t *testing.T) {
	const src = `package x

func (s *S) A(ctx context.Context) {
	s.c.gen.ShowContact(ctx, "1")                 // counted
	_, _ = s.c.gen.ListTags(ctx)                  // counted
	f := s.c.gen.ListTeams                        // a method value, not a call
	gen.NewClient("https://x")                    // a package function
	s.c.other.DeleteTag(ctx, "1")                 // not the gen field
	go func() { c.gen.CreateNoteWithBody(ctx) }() // counted, as CreateNote
	_ = f
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range genCalls(fset, []*ast.File{f}) {
		got = append(got, fmt.Sprintf("%s@%d", c.method, c.pos.Line))
	}
	if want := []string{"ShowContact@4", "ListTags@5", "CreateNoteWithBody@9"}; !slices.Equal(got, want) {
		t.Errorf("calls %v, want %v", got, want)
	}

	ops := []gen.Operation{
		{ID: "ShowContact", Method: "GET", Path: "/contacts/{id}"},
		{ID: "ListTags", Method: "GET", Path: "/tags"},
		{ID: "ListTeams", Method: "GET", Path: "/teams"},
		{ID: "CreateNote", Method: "POST", Path: "/notes"},
		{ID: "DeleteTag", Method: "DELETE", Path: "/tags/{id}"},
		{ID: "ListAdmins", Method: "GET", Path: "/admins"},
	}
	missing, stale := coverageReport(ops, genCalls(fset, []*ast.File{f}), map[string]string{
		"ListAdmins":  "excepted and not called: fine",
		"ListTags":    "excepted but called: stale",
		"RemovedOpID": "not an operation: stale",
	})
	if want := []string{"DeleteTag (DELETE /tags/{id})", "ListTeams (GET /teams)"}; !slices.Equal(missing, want) {
		t.Errorf("missing %v, want %v", missing, want)
	}
	if len(stale) != 2 || !strings.HasPrefix(stale[0], "ListTags: now called at x.go:5") ||
		!strings.HasPrefix(stale[1], "RemovedOpID: no longer an operation") {
		t.Errorf("stale %q, want ListTags (called at x.go:5) and RemovedOpID", stale)
	}
}
