// Package gencheck asserts properties of the committed generated package that the
// overlay and generator config exist to guarantee.
package gencheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func parseGen(t *testing.T) map[string]*ast.StructType {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join("..", "..", "..", "gen", "intercom.gen.go"), nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	structs := map[string]*ast.StructType{}
	ast.Inspect(f, func(n ast.Node) bool {
		if ts, ok := n.(*ast.TypeSpec); ok {
			if st, ok := ts.Type.(*ast.StructType); ok {
				structs[ts.Name.Name] = st
			}
		}
		return true
	})
	return structs
}

func fields(st *ast.StructType) map[string]bool {
	out := map[string]bool{}
	for _, f := range st.Fields.List {
		for _, n := range f.Names {
			out[n.Name] = true
		}
	}
	return out
}

func TestNoIntercomVersionParam(t *testing.T) {
	for name, st := range parseGen(t) {
		if fields(st)["IntercomVersion"] {
			t.Errorf("%s has an IntercomVersion field: the HTTP layer sends the header", name)
		}
	}
}

// pagedLists is the pagination table of the spec findings: each paged list operation and
// where its paging parameters must be.
var pagedLists = []struct {
	op     string // generated operation name
	holder string // the generated struct that carries the paging fields
	fields []string
}{
	// cursor in the query
	{"ListConversations", "ListConversationsParams", []string{"PerPage", "StartingAfter"}},
	{"ListContacts", "ListContactsParams", []string{"PerPage", "StartingAfter"}},
	// cursor in the search body
	{"SearchContacts", "SearchRequest", []string{"Pagination"}},
	{"SearchConversations", "SearchRequest", []string{"Pagination"}},
	{"SearchTickets", "SearchRequest", []string{"Pagination"}},
	// page numbers
	{"ListCompanies", "ListCompaniesParams", []string{"Page", "PerPage"}},
	{"ListAllCompanies", "ListAllCompaniesParams", []string{"Page", "PerPage"}},
	{"ListCalls", "ListCallsParams", []string{"Page", "PerPage"}},
	{"ListArticles", "ListArticlesParams", []string{"Page", "PerPage"}},
	{"ListAllCollections", "ListAllCollectionsParams", []string{"Page", "PerPage"}},
	{"ListNotes", "ListNotesParams", []string{"Page", "PerPage"}},
	{"SearchArticles", "SearchArticlesParams", []string{"Page", "PerPage"}},
	{"ListInternalArticles", "ListInternalArticlesParams", []string{"Page", "PerPage"}},
	{"SearchInternalArticles", "SearchInternalArticlesParams", []string{"Page", "PerPage"}},
	{"ListAttachedContacts", "ListAttachedContactsParams", []string{"Page", "PerPage"}},
	{"ListCompanyNotes", "ListCompanyNotesParams", []string{"Page", "PerPage"}},
	{"ListNewsItems", "ListNewsItemsParams", []string{"Page", "PerPage"}},
	{"ListNewsfeeds", "ListNewsfeedsParams", []string{"Page", "PerPage"}},
	{"ListLiveNewsfeedItems", "ListLiveNewsfeedItemsParams", []string{"Page", "PerPage"}},
	{"ListActivityLogs", "ListActivityLogsParams", []string{"Page", "PerPage"}},
	// next URL (page / per_page for the first page)
	{"ListCompaniesForAContact", "ListCompaniesForAContactParams", []string{"Page", "PerPage"}},
	{"ListContentImportSources", "ListContentImportSourcesParams", []string{"Page", "PerPage"}},
	{"ListExternalPages", "ListExternalPagesParams", []string{"Page", "PerPage"}},
	{"ListDataEvents", "ListDataEventsParams", []string{"PerPage"}},
	// scroll
	{"ScrollOverAllCompanies", "ScrollOverAllCompaniesParams", []string{"ScrollParam"}},
}

func TestPagedListsHavePagingParameters(t *testing.T) {
	structs := parseGen(t)
	for _, pl := range pagedLists {
		st, ok := structs[pl.holder]
		if !ok {
			t.Errorf("%s: no generated struct %s", pl.op, pl.holder)
			continue
		}
		have := fields(st)
		for _, f := range pl.fields {
			if !have[f] {
				t.Errorf("%s: %s has no %s field", pl.op, pl.holder, f)
			}
		}
	}
}

// Neither the generated package nor the facade may drag the generator, kin-openapi or
// any other tooling into users' builds.
func TestImporterDependencies(t *testing.T) {
	runtimeDeps := []string{
		"github.com/intercomkit/intercom-go/gen",
		"github.com/intercomkit/intercom-go/intercom/types", // hand-written JSON types of gen (standard library only)
		"github.com/oapi-codegen/runtime",
		"github.com/google/uuid",          // a dependency of oapi-codegen/runtime
		"github.com/apapsch/go-jsonmerge", // a dependency of oapi-codegen/runtime (unions)
	}
	for _, tc := range []struct {
		pattern string
		allowed []string
	}{
		{"./gen/...", runtimeDeps},
		{"./intercom/...", append([]string{"github.com/intercomkit/intercom-go/intercom", "github.com/cenkalti/backoff/v4"}, runtimeDeps...)},
	} {
		cmd := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", tc.pattern)
		cmd.Dir = filepath.Join("..", "..", "..")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list %s: %v", tc.pattern, err)
		}
		for _, pkg := range strings.Fields(string(out)) {
			ok := false
			for _, a := range tc.allowed {
				if pkg == a || strings.HasPrefix(pkg, a+"/") {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%s depends on %s", tc.pattern, pkg)
			}
		}
	}
}
