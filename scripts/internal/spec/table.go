package spec

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Table is the reviewed per-operation table of one API version
// (api/operations/<version>.yaml): what the facade generator cannot read
// from the description, because it needs judgement — the service and method
// names, the doc comment, how a list paginates, whether a POST only reads.
type Table struct {
	// Services maps a service name (the Client field, e.g. "Contacts") to
	// what its doc comment says it covers.
	Services map[string]string `yaml:"services"`
	// Operations maps an operationId as package gen exports it (e.g.
	// "ShowContact") to its entry.
	Operations map[string]*TableEntry `yaml:"operations"`
}

// TableEntry is one operation of the table.
type TableEntry struct {
	Service string `yaml:"service"`
	Method  string `yaml:"method"`
	// Doc is the method's doc comment without the leading method name.
	Doc string `yaml:"doc"`
	// Read marks a POST (or PUT) that changes nothing on the server, such
	// as a search: it is retried like a GET.
	Read bool `yaml:"read"`
	// Args lists request body fields taken as positional arguments instead
	// of a body struct, as "Field=argName" (e.g. "Id=companyID"), in order.
	Args []string `yaml:"args"`
	// Prepare names a hand-written function of package intercom that checks
	// (and may complete) the params, or the body when there are none, before
	// anything is sent: func(*P) (*P, error) for params, func(B) (B, error)
	// for a body.
	Prepare string `yaml:"prepare"`
	// Numeric lists path parameters that the description declares as
	// strings but whose values are positive numbers: they are checked as such.
	Numeric []string `yaml:"numeric"`
	// Params "option" takes the operation's optional query parameters from
	// the call options (intercom.WithParams) instead of an argument: for an
	// operation that gained its first parameters in a later API version, so
	// that its method keeps the signature it had.
	Params string `yaml:"params"`
	// BodyType names a type alias the facade declares for the request body
	// (e.g. ContactSearchRequest), for a body whose gen type differs between
	// API versions.
	BodyType string `yaml:"body_type"`
	// ResultType names a type alias the facade declares for the success
	// type (e.g. TagResult), for a result whose gen type differs between API
	// versions and that hand-written conveniences return.
	ResultType string `yaml:"result_type"`
	// Accept is the Accept header of an operation whose success is a file.
	Accept string `yaml:"accept"`
	// Pages describes the iterator of a paginated list.
	Pages *TablePages `yaml:"pages"`
	// Defaults maps a required string query parameter (its name in the
	// description) to the value the method sends when the caller's params
	// leave it empty, documented on the method: for a parameter a later API
	// version made required, the value the server used while it was optional,
	// so that existing callers keep their results. Without a default the
	// method refuses such a call (ErrMissingParameter). bump-api's report
	// drafts the key.
	Defaults map[string]string `yaml:"defaults"`
}

// TablePages describes how a list paginates.
type TablePages struct {
	// Style is one of the pagination styles of the engine in
	// intercom/internal/engine/paginate.go: cursor, search, page, page-body, nexturl,
	// next-cursor, scroll.
	Style string `yaml:"style"`
	// Items is the Go field of the response holding the page's items.
	Items string `yaml:"items"`
	// Method is the iterator's name (default: the method's name + "All").
	Method string `yaml:"method"`
	// Doc is the iterator's doc comment without the leading name.
	Doc string `yaml:"doc"`
}

// pageStyles are the pagination styles the generator knows.
var pageStyles = map[string]bool{
	"cursor": true, "search": true, "page": true, "page-body": true,
	"nexturl": true, "next-cursor": true, "scroll": true,
}

var (
	goIdentRE   = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)
	itemsPathRE = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)*$`)
)

// TablePath returns the operations table of version v.
func TablePath(root, v string) string {
	return filepath.Join(root, "api", "operations", v+".yaml")
}

// LoadTable reads and checks a table; unknown keys are errors.
func LoadTable(path string) (*Table, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read operations table: %w", err)
	}
	var t Table
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&t); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	var problems []string
	for svc, doc := range t.Services {
		if !goIdentRE.MatchString(svc) || strings.TrimSpace(doc) == "" {
			problems = append(problems, fmt.Sprintf("service %q: needs an exported Go name and a description", svc))
		}
	}
	for id, e := range t.Operations {
		if e == nil {
			problems = append(problems, fmt.Sprintf("%s: empty entry", id))
			continue
		}
		if _, ok := t.Services[e.Service]; !ok {
			problems = append(problems, fmt.Sprintf("%s: service %q is not listed under services", id, e.Service))
		}
		if !goIdentRE.MatchString(e.Method) {
			problems = append(problems, fmt.Sprintf("%s: method %q is not an exported Go name", id, e.Method))
		}
		for _, a := range e.Args {
			if f, n, ok := strings.Cut(a, "="); !ok || !goIdentRE.MatchString(f) || n == "" {
				problems = append(problems, fmt.Sprintf("%s: args entry %q is not Field=argName", id, a))
			}
		}
		if e.Params != "" && e.Params != "option" {
			problems = append(problems, fmt.Sprintf("%s: params %q: the only value is \"option\"", id, e.Params))
		}
		if e.BodyType != "" && !goIdentRE.MatchString(e.BodyType) {
			problems = append(problems, fmt.Sprintf("%s: body_type %q is not an exported Go name", id, e.BodyType))
		}
		if e.ResultType != "" && !goIdentRE.MatchString(e.ResultType) {
			problems = append(problems, fmt.Sprintf("%s: result_type %q is not an exported Go name", id, e.ResultType))
		}
		if p := e.Pages; p != nil {
			if !pageStyles[p.Style] {
				problems = append(problems, fmt.Sprintf("%s: unknown pagination style %q", id, p.Style))
			}
			if !itemsPathRE.MatchString(p.Items) {
				problems = append(problems, fmt.Sprintf("%s: pages.items %q is not a Go field path", id, p.Items))
			}
			if p.Method != "" && !goIdentRE.MatchString(p.Method) {
				problems = append(problems, fmt.Sprintf("%s: pages.method %q is not an exported Go name", id, p.Method))
			}
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return nil, fmt.Errorf("%s:\n  %s", path, strings.Join(problems, "\n  "))
	}
	return &t, nil
}
