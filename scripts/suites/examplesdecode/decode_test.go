// Package examplesdecode feeds every JSON response example of the pinned description
// (api/pin.yaml) through the generated response parsers: the generated types must
// accept what Intercom documents that it sends. Every documented error example (4xx,
// 5xx) is also sent through the SDK's public client and must come back as an
// *intercom.Error carrying the example's error codes and messages.
package examplesdecode

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/scripts/internal/spectest"
)

// maxAllowListed bounds each version's allow-list: a longer list means the check has
// stopped measuring what it claims.
const maxAllowListed = 5

// allowList reads api/examples/<version>.yaml: the examples of the pinned version that
// cannot pass and why. Each key is "OperationId status example"; the reason says why the
// schema, not the example, is what the generated type follows, or what keeps the example
// from passing. The test fails when an entry stops failing or names no example, so the
// lists only shrink. The list is data of api/ (make bump-api seeds a new version's from
// the previous one's): when the pin moves, run the test and list what fails for a reason
// you can state (at most maxAllowListed). A version without a file has an empty list.
func allowList(t *testing.T, root, version string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "api", "examples", version+".yaml"))
	if errors.Is(err, fs.ErrNotExist) {
		t.Logf("api/examples/%s.yaml does not exist: no example is allow-listed", version)
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var list map[string]string
	if err := yaml.Unmarshal(b, &list); err != nil {
		t.Fatalf("api/examples/%s.yaml: %v", version, err)
	}
	return list
}

// fixedResponder answers every request with one canned response.
type fixedResponder struct {
	status int
	body   []byte
}

func (f *fixedResponder) Do(req *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: f.status,
		Header:     http.Header{"Content-Type": []string{"application/json"}},
		Body:       io.NopCloser(bytes.NewReader(f.body)),
		Request:    req,
	}, nil
}

// example is one JSON response example of the description. A problem found while
// collecting it (no inline value, a status that is not a number) is in err.
type example struct {
	op, status, name string
	code             int
	body             []byte
	err              error
}

func (e example) key() string { return e.op + " " + e.status + " " + e.name }

func loadExamples(t *testing.T) (version string, out []example) {
	t.Helper()
	p := spectest.Load(t)
	if p.Doc.Info.Version != gen.APIVersion {
		t.Fatalf("api/pin.yaml pins %s (info.version %s) but gen/ was generated for %s: run make generate",
			p.Version, p.Doc.Info.Version, gen.APIVersion)
	}
	for _, item := range p.Doc.Paths.Map() {
		for _, op := range item.Operations() {
			// The generator exports the operationId for the method name.
			id := strings.ToUpper(op.OperationID[:1]) + op.OperationID[1:]
			for status, ref := range op.Responses.Map() {
				if ref.Value == nil {
					continue
				}
				mt := ref.Value.Content.Get("application/json")
				if mt == nil {
					continue
				}
				code, codeErr := strconv.Atoi(status)
				if codeErr != nil {
					codeErr = fmt.Errorf("status %q is not a number: no typed field to check the example against", status)
				}
				add := func(name string, v any, err error) {
					ex := example{op: id, status: status, name: name, code: code, err: codeErr}
					if ex.err == nil {
						ex.err = err
					}
					if ex.err == nil {
						b, err := json.Marshal(v)
						if err != nil {
							t.Fatalf("%s %s %s: %v", id, status, name, err)
						}
						ex.body = b
					}
					out = append(out, ex)
				}
				for name, ex := range mt.Examples {
					if ex.Value == nil || ex.Value.Value == nil {
						add(name, nil, errors.New("the example has no inline value (externalValue or empty)"))
						continue
					}
					add(name, ex.Value.Value, nil)
				}
				if mt.Example != nil {
					add("example", mt.Example, nil)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key() < out[j].key() })
	return p.Version, out
}

// call invokes <op>WithResponse on c (a *gen.ClientWithResponses) with placeholder
// arguments.
func call(c any, op string) (reflect.Value, error) {
	m := reflect.ValueOf(c).MethodByName(op + "WithResponse")
	if !m.IsValid() {
		return reflect.Value{}, fmt.Errorf("no method %sWithResponse", op)
	}
	mt := m.Type()
	args := []reflect.Value{reflect.ValueOf(context.Background())}
	for i := 1; i < mt.NumIn(); i++ {
		in := mt.In(i)
		if mt.IsVariadic() && i == mt.NumIn()-1 {
			break
		}
		switch in.Kind() {
		case reflect.String:
			args = append(args, reflect.ValueOf("x").Convert(in))
		case reflect.Int, reflect.Int32, reflect.Int64:
			args = append(args, reflect.ValueOf(1).Convert(in))
		case reflect.Struct:
			// A body: its required string fields get "1", which every
			// required id accepts (integer ids of request bodies refuse "").
			v := reflect.New(in).Elem()
			for f := range in.NumField() {
				if fv := v.Field(f); fv.Kind() == reflect.String && fv.CanSet() {
					fv.SetString("1")
				}
			}
			args = append(args, v)
		default:
			args = append(args, reflect.Zero(in))
		}
	}
	res := m.Call(args)
	if err, _ := res[1].Interface().(error); err != nil {
		return res[0], err
	}
	return res[0], nil
}

// decode checks one example against the generated parser: the typed field of its status
// must be filled and the raw body kept. A success example whose status has no typed
// field cannot be checked, which is a failure; an error example without one is checked
// through *intercom.Error only (that is what callers get).
func decode(c *gen.ClientWithResponses, resp *fixedResponder, ex example) error {
	resp.status, resp.body = ex.code, ex.body
	v, err := call(c, ex.op)
	if err != nil {
		return err
	}
	field := v.Elem().FieldByName("JSON" + ex.status)
	switch {
	case !field.IsValid() && ex.code >= 400:
		// checked by parseError
	case !field.IsValid():
		return fmt.Errorf("the generated %sResponse has no typed field JSON%s: the example cannot be checked", ex.op, ex.status)
	case field.Kind() == reflect.Pointer && field.IsNil():
		return fmt.Errorf("JSON%s stayed nil", ex.status)
	}
	if body := v.Elem().FieldByName("Body").Bytes(); !bytes.Equal(body, ex.body) {
		return errors.New("raw Body not kept")
	}
	return nil
}

// errorServer answers every request with the current error example.
type errorServer struct {
	mu     sync.Mutex
	status int
	body   []byte
}

func (s *errorServer) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	status, body := s.status, s.body
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(body)
}

// documentedDetails reads the code/message pairs an error example documents. Intercom's
// usual body is {"type":"error.list","errors":[{"code","message"}]}; a few operations
// document other shapes, which callers must still be able to read from *intercom.Error:
// {"error_key","message"}, {"type":"error","message"} and {"errors":{field: message}}.
func documentedDetails(body []byte) ([]intercom.ErrorDetail, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, fmt.Errorf("the error example is not an object: %w", err)
	}
	str := func(m map[string]json.RawMessage, k string) string {
		var s string
		json.Unmarshal(m[k], &s)
		return s
	}
	var out []intercom.ErrorDetail
	if list, ok := raw["errors"]; ok {
		var entries []map[string]json.RawMessage
		var byField map[string]string
		switch {
		case json.Unmarshal(list, &entries) == nil:
			for _, e := range entries {
				out = append(out, intercom.ErrorDetail{Code: str(e, "code"), Message: str(e, "message"), Field: str(e, "field")})
			}
		case json.Unmarshal(list, &byField) == nil:
			for f, m := range byField {
				out = append(out, intercom.ErrorDetail{Field: f, Message: m})
			}
		default:
			return nil, fmt.Errorf("the error example's \"errors\" is neither a list nor an object of strings")
		}
	} else if code, msg := str(raw, "error_key"), str(raw, "message"); code != "" || msg != "" {
		out = append(out, intercom.ErrorDetail{Code: code, Message: msg})
	}
	if len(out) == 0 {
		return nil, errors.New("the error example documents no code or message: nothing to check *intercom.Error against")
	}
	return out, nil
}

// parseError sends an error example through the SDK's public client (its HTTP layer,
// retries off) and checks that the *intercom.Error it returns has the status and the
// documented codes and messages.
func parseError(c *intercom.Client, srv *errorServer, ex example) error {
	want, err := documentedDetails(ex.body)
	if err != nil {
		return err
	}
	srv.mu.Lock()
	srv.status, srv.body = ex.code, ex.body
	srv.mu.Unlock()
	_, err = call(c.Raw(), ex.op)
	var ie *intercom.Error
	if !errors.As(err, &ie) {
		return fmt.Errorf("the SDK returned %v (%T), want an *intercom.Error", err, err)
	}
	if ie.StatusCode != ex.code {
		return fmt.Errorf("*intercom.Error.StatusCode = %d, want %d", ie.StatusCode, ex.code)
	}
	got := slices.Clone(ie.Errors)
	for _, l := range [][]intercom.ErrorDetail{want, got} {
		slices.SortFunc(l, func(a, b intercom.ErrorDetail) int {
			return strings.Compare(a.Field+"\x00"+a.Code+"\x00"+a.Message, b.Field+"\x00"+b.Code+"\x00"+b.Message)
		})
	}
	if len(got) != len(want) {
		return fmt.Errorf("*intercom.Error has the details %+v, the example documents %+v (%v)", got, want, ie)
	}
	for i, w := range want {
		g := got[i]
		if g.Code != w.Code || g.Message != w.Message || (w.Field != "" && g.Field != w.Field) {
			return fmt.Errorf("*intercom.Error has the details %+v, the example documents %+v", got, want)
		}
	}
	return nil
}

func TestResponseExamplesDecode(t *testing.T) {
	version, examples := loadExamples(t)
	allowed := allowList(t, spectest.Load(t).Root, version)
	if len(allowed) > maxAllowListed {
		t.Errorf("the allow-list of %s has %d entries, at most %d are accepted", version, len(allowed), maxAllowListed)
	}

	resp := &fixedResponder{}
	gc, err := gen.NewClientWithResponses("https://api.intercom.test", gen.WithHTTPClient(resp))
	if err != nil {
		t.Fatal(err)
	}
	es := &errorServer{}
	srv := httptest.NewServer(es)
	defer srv.Close()
	ic, err := intercom.NewClient("examples-decode-token",
		intercom.WithBaseURL(srv.URL), intercom.WithHTTPClient(srv.Client()), intercom.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}

	var decoded, errorsParsed, failed int
	seen := map[string]bool{}
	for _, ex := range examples {
		err := ex.err
		if err == nil {
			err = decode(gc, resp, ex)
		}
		isError := ex.err == nil && ex.code >= 400
		if err == nil && isError {
			if err = parseError(ic, es, ex); err == nil {
				errorsParsed++
			}
		}
		if reason, ok := allowed[ex.key()]; ok {
			seen[ex.key()] = true
			if err == nil {
				t.Errorf("%s now passes: remove it from the %s allow-list (%s)", ex.key(), version, reason)
			} else {
				t.Logf("allow-listed %s: %v (%s)", ex.key(), err, reason)
			}
			failed++
			continue
		}
		if err != nil {
			t.Errorf("%s: %v\nbody: %.300s", ex.key(), err, ex.body)
			failed++
			continue
		}
		decoded++
	}
	for key := range allowed {
		if !seen[key] {
			t.Errorf("the %s allow-list names %q, which matches no example: remove it", version, key)
		}
	}
	if len(examples) < len(gen.Operations) {
		t.Errorf("only %d examples for %d operations: the example walk is broken", len(examples), len(gen.Operations))
	}
	t.Logf("API %s: %d JSON response examples: %d checked, %d of them error examples parsed into *intercom.Error; %d failing, all on the allow-list (%d entries)",
		version, len(examples), decoded, errorsParsed, failed, len(allowed))
}
