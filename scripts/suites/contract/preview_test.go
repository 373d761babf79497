package contract

// The contract suite for intercom/preview: every operation of the Preview description
// (descriptions/0, gen/preview.Operations) called through its intercom/preview method
// against a second Prism that serves the unmodified Preview description, judged by the
// same rule as the pinned version (runEntry, summarize): zero violations, every
// operation exercised or on an exception list with its reason, at least
// minCoveragePercent of them exercised.
//
// Nobody writes an entry per Preview operation: the entries are built from the
// description and the SDK (preview_args_test.go). The method of each operation is the
// one intercom/preview's generated operations list gives it; its arguments follow from
// its signature, filled from the description: path ids and required query parameters
// from their examples (or a value built from their schema), a request body from the
// description's examples, the first that conforms to the body schema and that the SDK's
// generated body type represents exactly, else one built from the schema. Prism then
// judges what the SDK actually sent.

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	pgen "github.com/intercomkit/intercom-go/gen/preview"
	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/intercom/preview"
)

// previewPrismURLEnv names the variable through which run.sh gives the URL of the Prism
// that serves the Preview description; previewSpecEnv names the file it serves (the
// verified upstream description, read for examples and schemas).
const (
	previewPrismURLEnv = "INTERCOM_PREVIEW_PRISM_URL"
	previewSpecEnv     = "INTERCOM_PREVIEW_SPEC"
)

// previewOpsFile is intercom/preview's generated list of the operation of every service
// method, seen from the package directory.
const previewOpsFile = "../../../intercom/preview/operations.gen.go"

// previewSuite is what the Preview run is judged against.
func previewSuite() suite {
	ops := make([]operation, 0, len(pgen.Operations))
	for _, o := range pgen.Operations {
		ops = append(ops, operation{ID: o.ID, Method: strings.ToUpper(o.Method), Path: o.Path})
	}
	return suite{version: pgen.APIVersion, ops: ops, exceptions: previewExceptions, exampleExceptions: previewExampleExceptions}
}

// TestPreviewContract calls every Preview operation through intercom/preview against a
// Prism serving the Preview description and applies the pinned version's rule.
func TestPreviewContract(t *testing.T) {
	base := os.Getenv(previewPrismURLEnv)
	if base == "" {
		t.Skip(previewPrismURLEnv + " is not set: the Preview contract run needs a Prism serving the Preview " +
			"description; run `bash scripts/suites/contract/run.sh` (make contract)")
	}
	u, err := url.Parse(base)
	if err != nil || u.Scheme == "" || u.Host == "" {
		t.Fatalf("%s=%q is not an absolute URL", previewPrismURLEnv, base)
	}
	doc := previewDoc(t)
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.Proxy = nil
	t.Cleanup(transport.CloseIdleConnections)
	rec := newRecorder(transport, u)
	c, err := newClient(base, rec)
	if err != nil {
		t.Fatal(err)
	}
	s := previewSuite()
	calls, problems := previewCalls(doc)
	for _, p := range problems {
		t.Error(p)
	}
	ran := 0
	for _, cl := range calls {
		t.Run(cl.name, func(t *testing.T) {
			ran++
			runEntry(t, c, rec, s, cl)
		})
	}
	summarize(t, s, rec.exchanges(), ran == len(calls) && len(problems) == 0, nil)
}

// TestPreviewEntries builds the Preview table without Prism: every operation of
// gen/preview has a method in intercom/preview's list, every method resolves on a
// preview.Client, and the description gives every entry arguments that fit its
// signature and the SDK's types (previewCalls).
func TestPreviewEntries(t *testing.T) {
	methods, err := previewMethods()
	if err != nil {
		t.Fatal(err)
	}
	for _, op := range pgen.Operations {
		if methods[op.ID] == "" {
			t.Errorf("%s: no method in %s", op.ID, previewOpsFile)
		}
	}
	p := preview.New(offlineClient(t))
	for id, m := range methods {
		if _, err := previewMethod(p, m); err != nil {
			t.Errorf("%s: %v", id, err)
		}
	}
	for _, l := range []map[string]exception{previewExceptions, previewExampleExceptions} {
		for id, e := range l {
			if methods[id] == "" {
				t.Errorf("a Preview exception names %s, which is not a Preview operation", id)
			}
			if len(e.versions) > 0 || e.reason == "" {
				t.Errorf("Preview exception %s: want a reason and no versions (Preview is one description)", id)
			}
		}
	}
	for id := range previewExceptions {
		if _, ok := previewExampleExceptions[id]; ok {
			t.Errorf("%s is on both Preview exception lists", id)
		}
	}
	for id := range previewHandArgs {
		if methods[id] == "" {
			t.Errorf("previewHandArgs names %s, which is not a Preview operation", id)
		}
	}
	doc := previewDoc(t)
	calls, problems := previewCalls(doc)
	for _, p := range problems {
		t.Error(p)
	}
	if len(calls) != len(pgen.Operations) {
		t.Errorf("%d entries for %d Preview operations", len(calls), len(pgen.Operations))
	}
	for _, cl := range calls {
		if _, err := cl.dyn.preparePreview(p); err != nil {
			t.Errorf("%s: %v", cl.name, err)
		}
	}
	t.Logf("%d Preview entries built from the description", len(calls))
}

// previewDoc loads the Preview description Prism serves: $INTERCOM_PREVIEW_SPEC, else
// the verified copy `intercom-spec fetch -version 0` makes (from the ../shared mirror or
// the .spec cache). Without either the test is skipped, saying why.
func previewDoc(t *testing.T) *openapi3.T {
	t.Helper()
	l, err := loadPreviewDoc()
	if err != nil {
		t.Fatal(err)
	}
	if l.skip != "" {
		t.Skip(l.skip)
	}
	return l.doc
}

// previewLoad is the loaded description, or why the tests that need it are skipped.
type previewLoad struct {
	doc  *openapi3.T
	skip string
}

// loadPreviewDoc is previewDoc's work, done once per test binary (the description is
// 1.5 MB of YAML): the description, or why the test is skipped, or what failed.
var loadPreviewDoc = sync.OnceValues(func() (previewLoad, error) {
	path := os.Getenv(previewSpecEnv)
	if path == "" {
		out, err := exec.Command("go", "run", "../../cmd/intercom-spec", "-root", "../../..", "fetch", "-version", "0").Output()
		if err != nil {
			if os.Getenv(previewPrismURLEnv) != "" {
				return previewLoad{}, fmt.Errorf("%s is not set and intercom-spec fetch -version 0 failed: %w", previewSpecEnv, err)
			}
			return previewLoad{skip: fmt.Sprintf("the Preview description is not at hand (%s unset, intercom-spec fetch -version 0: %v)", previewSpecEnv, err)}, nil
		}
		path = strings.TrimSpace(string(out))
	}
	doc, err := openapi3.NewLoader().LoadFromFile(filepath.Clean(path))
	if err != nil {
		return previewLoad{}, fmt.Errorf("load the Preview description %s: %w", path, err)
	}
	return previewLoad{doc: doc}, nil
})

// previewOpRE reads one operation of intercom/preview's generated list:
// engine.NewOperation(APIVersion, id, service, method, ...).
var previewOpRE = regexp.MustCompile(`engine\.NewOperation\(APIVersion, "(\w+)", "(\w+)", "(\w+)"`)

// previewMethods maps every operation id to the intercom/preview method that calls it,
// "Service.Method", as the generated list in intercom/preview gives it.
func previewMethods() (map[string]string, error) {
	b, err := os.ReadFile(previewOpsFile)
	if err != nil {
		return nil, fmt.Errorf("contract: the Preview operation list: %w", err)
	}
	out := map[string]string{}
	for _, m := range previewOpRE.FindAllStringSubmatch(string(b), -1) {
		out[m[1]] = m[2] + "." + m[3]
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("contract: no engine.NewOperation(...) in %s", previewOpsFile)
	}
	return out, nil
}

// previewMethod finds p.<Service>.<Method> and checks that it has a service method's
// shape: ctx first, then error, (*T, error) or ([]T, error).
func previewMethod(p *preview.Client, method string) (reflect.Value, error) {
	svcName, name, ok := strings.Cut(method, ".")
	if !ok {
		return reflect.Value{}, fmt.Errorf("contract: %q is not Service.Method", method)
	}
	svc := reflect.ValueOf(p).Elem().FieldByName(svcName)
	if !svc.IsValid() || svc.Kind() != reflect.Pointer || svc.IsNil() {
		return reflect.Value{}, fmt.Errorf("contract: preview.Client has no service %s", svcName)
	}
	m := svc.MethodByName(name)
	if !m.IsValid() {
		return reflect.Value{}, fmt.Errorf("contract: %s has no method %s", svc.Type(), name)
	}
	mt := m.Type()
	if mt.NumIn() == 0 || mt.In(0) != contextType {
		return reflect.Value{}, fmt.Errorf("contract: %s %s does not take a context.Context first", method, mt)
	}
	switch {
	case mt.NumOut() == 1 && mt.Out(0) == errorType:
	case mt.NumOut() == 2 && (mt.Out(0).Kind() == reflect.Pointer || mt.Out(0).Kind() == reflect.Slice) && mt.Out(1) == errorType:
	default:
		return reflect.Value{}, fmt.Errorf("contract: %s %s returns neither error nor (*T, error)", method, mt)
	}
	return m, nil
}

// preparePreview resolves the entry's method on p and builds its arguments (which
// previewCalls made from the description) without calling it.
func (d *dynCall) preparePreview(p *preview.Client) (func(context.Context) error, error) {
	m, err := previewMethod(p, d.method)
	if err != nil {
		return nil, err
	}
	mt := m.Type()
	fixed := mt.NumIn()
	if mt.IsVariadic() {
		fixed--
	}
	if len(d.args) != fixed-1 {
		return nil, fmt.Errorf("contract: %s takes %d arguments after ctx (%s); the entry gives %d", d.method, fixed-1, mt, len(d.args))
	}
	in := make([]reflect.Value, 0, len(d.args))
	for i, a := range d.args {
		v, err := previewArg(a, mt.In(i+1))
		if err != nil {
			return nil, fmt.Errorf("contract: %s: argument %d: %w", d.method, i+1, err)
		}
		in = append(in, v)
	}
	return func(ctx context.Context) error {
		args := append([]reflect.Value{reflect.ValueOf(&ctx).Elem()}, in...)
		return previewVerdict(m.Call(args))
	}, nil
}

// readerArg is the argument of an io.Reader parameter (a raw request body).
type readerArg string

// previewArg is dynArg plus raw bodies.
func previewArg(a any, pt reflect.Type) (reflect.Value, error) {
	if r, ok := a.(readerArg); ok {
		if pt != reflect.TypeFor[io.Reader]() {
			return reflect.Value{}, fmt.Errorf("a raw body given for a parameter of type %s", pt)
		}
		return reflect.ValueOf(io.Reader(strings.NewReader(string(r)))), nil
	}
	return dynArg(a, pt)
}

// previewVerdict is got's verdict on a Preview method's results: its error; a nil
// pointer result without an error is an error; a download is closed.
func previewVerdict(out []reflect.Value) error {
	if err, _ := out[len(out)-1].Interface().(error); err != nil {
		return err
	}
	if len(out) == 2 {
		if out[0].Kind() == reflect.Pointer && out[0].IsNil() {
			return errNoResult
		}
		if c, ok := out[0].Interface().(io.Closer); ok {
			return c.Close()
		}
	}
	return nil
}

// previewEntry makes the table entry of Preview operation id: method called on
// preview.New(c) with args (preparePreview).
func previewEntry(id, method string, args []any) call {
	d := &dynCall{method: method, args: args}
	return call{name: id, op: id, dyn: d, fn: func(ctx context.Context, c *intercom.Client) error {
		invoke, err := d.preparePreview(preview.New(c))
		if err != nil {
			return err
		}
		return invoke(ctx)
	}}
}
