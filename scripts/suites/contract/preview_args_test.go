package contract

// Arguments of the Preview entries, built from the description (see preview_test.go).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"

	pgen "github.com/intercomkit/intercom-go/gen/preview"
	"github.com/intercomkit/intercom-go/intercom/preview"
	"github.com/intercomkit/intercom-go/scripts/internal/spec"
)

// previewTable is the Preview per-operation table, api/operations/0.yaml.
const previewTable = opsTablesDir + "/0.yaml"

// previewTableArgs reads each operation's `args` from the Preview table: the body or
// query fields a method takes as positional arguments after its path ids, as Go field
// names, in order ("Field=argName" entries).
func previewTableArgs() (map[string][]string, error) {
	b, err := os.ReadFile(previewTable)
	if err != nil {
		return nil, fmt.Errorf("contract: %w", err)
	}
	var t struct {
		Operations map[string]struct {
			Args []string `yaml:"args"`
		} `yaml:"operations"`
	}
	if err := yaml.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("contract: %s: %w", previewTable, err)
	}
	out := map[string][]string{}
	for id, e := range t.Operations {
		for _, a := range e.Args {
			field, _, _ := strings.Cut(a, "=")
			out[id] = append(out[id], field)
		}
	}
	return out, nil
}

// previewCalls builds one entry per Preview operation; problems says which operations
// it could not build an entry for, and why.
func previewCalls(doc *openapi3.T) (calls []call, problems []string) {
	methods, err := previewMethods()
	if err != nil {
		return nil, []string{err.Error()}
	}
	fields, err := previewTableArgs()
	if err != nil {
		return nil, []string{err.Error()}
	}
	for _, op := range pgen.Operations {
		method := methods[op.ID]
		mt, err := previewMethodType(method)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", op.ID, err))
			continue
		}
		item := doc.Paths.Find(op.Path)
		var o *openapi3.Operation
		if item != nil {
			o = item.GetOperation(strings.ToUpper(op.Method))
		}
		if o == nil {
			problems = append(problems, fmt.Sprintf("%s: %s %s is not in the description", op.ID, op.Method, op.Path))
			continue
		}
		args, hand := previewHandArgs[op.ID]
		if !hand {
			b := argBuilder{path: op.Path, params: mergedParams(item, o), body: o.RequestBody, fields: fields[op.ID]}
			args, err = b.build(mt)
		}
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s (%s): %v", op.ID, method, err))
			continue
		}
		calls = append(calls, previewEntry(op.ID, method, args))
	}
	return calls, problems
}

// previewMethodType is the type of method "Service.Method" of intercom/preview, without
// its receiver.
func previewMethodType(method string) (reflect.Type, error) {
	svcName, name, _ := strings.Cut(method, ".")
	sf, ok := reflect.TypeFor[preview.Services]().FieldByName(svcName)
	if !ok {
		return nil, fmt.Errorf("no service %s", svcName)
	}
	m, ok := sf.Type.MethodByName(name)
	if !ok {
		return nil, fmt.Errorf("%s has no method %s", sf.Type, name)
	}
	in := make([]reflect.Type, 0, m.Type.NumIn()-1)
	for i := 1; i < m.Type.NumIn(); i++ {
		in = append(in, m.Type.In(i))
	}
	out := make([]reflect.Type, 0, m.Type.NumOut())
	for i := range m.Type.NumOut() {
		out = append(out, m.Type.Out(i))
	}
	return reflect.FuncOf(in, out, m.Type.IsVariadic()), nil
}

// mergedParams is the operation's parameters over its path item's.
func mergedParams(item *openapi3.PathItem, o *openapi3.Operation) []*openapi3.Parameter {
	var out []*openapi3.Parameter
	seen := map[string]bool{}
	for _, ps := range []openapi3.Parameters{o.Parameters, item.Parameters} {
		for _, p := range ps {
			if p == nil || p.Value == nil || seen[p.Value.In+" "+p.Value.Name] {
				continue
			}
			seen[p.Value.In+" "+p.Value.Name] = true
			out = append(out, p.Value)
		}
	}
	return out
}

// argBuilder builds the arguments of one operation's method.
type argBuilder struct {
	path   string
	params []*openapi3.Parameter
	body   *openapi3.RequestBodyRef
	fields []string // the table's args: body or query fields taken positionally

	sample   any // the body value chosen, once chosen
	haveBody bool
}

var pathParamRE = regexp.MustCompile(`\{([^}]+)\}`)

// build returns the arguments after ctx of a method of type mt, in order: a path id per
// path parameter (in path order), then the table's positional fields, a params struct
// with the required query parameters, a body; options are left out.
func (b *argBuilder) build(mt reflect.Type) ([]any, error) {
	var pathIDs []string
	for _, m := range pathParamRE.FindAllStringSubmatch(b.path, -1) {
		p := b.param("path", m[1])
		if p == nil {
			// Upstream declares some path parameters `in: query` (GetReportingDataExport):
			// the SDK still sends them in the path, and previewExceptions says why Prism
			// objects.
			p = b.param("query", m[1])
		}
		if p == nil {
			return nil, fmt.Errorf("path parameter %s is not declared", m[1])
		}
		v, err := paramValue(p)
		if err != nil {
			return nil, err
		}
		pathIDs = append(pathIDs, scalarString(v))
	}
	last := mt.NumIn()
	if mt.IsVariadic() {
		last--
	}
	raw := slices.Contains(inTypes(mt), reflect.TypeFor[io.Reader]())
	var args []any
	fields := b.fields
	contentType := ""
	for i := 1; i < last; i++ {
		pt := mt.In(i)
		switch {
		case pt == stringType && len(pathIDs) > 0:
			args, pathIDs = append(args, pathIDs[0]), pathIDs[1:]
		case pt == stringType && raw && contentType == "":
			body, ct, err := b.rawBody()
			if err != nil {
				return nil, err
			}
			contentType = ct
			args = append(args, ct)
			b.sample = body
		case pt == reflect.TypeFor[io.Reader]():
			args = append(args, readerArg(b.sample.(string)))
		case pt.Kind() == reflect.Pointer && pt.Elem().Kind() == reflect.Struct:
			a, err := b.queryParams(pt.Elem())
			if err != nil {
				return nil, err
			}
			args = append(args, a)
		case len(fields) > 0 && pt.Kind() != reflect.Struct:
			v, err := b.field(fields[0])
			if err != nil {
				return nil, err
			}
			fields = fields[1:]
			if pt == stringType {
				args = append(args, scalarString(v))
				continue
			}
			js, _ := json.Marshal(v)
			args = append(args, jsonArg(js))
		case pt.Kind() == reflect.Struct || pt.Kind() == reflect.Map:
			js, err := b.typedBody(pt)
			if err != nil {
				return nil, err
			}
			args = append(args, jsonArg(js))
		default:
			return nil, fmt.Errorf("parameter %d (%s): nothing in the description fills it", i, pt)
		}
	}
	if len(pathIDs) > 0 || len(fields) > 0 {
		return nil, fmt.Errorf("%d path ids and %d table fields left over for %s", len(pathIDs), len(fields), mt)
	}
	return args, nil
}

func inTypes(mt reflect.Type) []reflect.Type {
	out := make([]reflect.Type, mt.NumIn())
	for i := range out {
		out[i] = mt.In(i)
	}
	return out
}

func (b *argBuilder) param(in, name string) *openapi3.Parameter {
	for _, p := range b.params {
		if p.In == in && p.Name == name {
			return p
		}
	}
	return nil
}

// queryParams is the params struct (of type st) holding the required query parameters
// the table does not take positionally; nil when there are none.
func (b *argBuilder) queryParams(st reflect.Type) (any, error) {
	obj := map[string]any{}
	for _, p := range b.params {
		if p.In != "query" || !p.Required || slices.ContainsFunc(b.fields, func(f string) bool { return sameName(f, p.Name) }) {
			continue
		}
		v, err := paramValue(p)
		if err != nil {
			return nil, err
		}
		obj[p.Name] = v
	}
	if len(obj) == 0 {
		return nil, nil
	}
	js, _ := json.Marshal(obj)
	if err := decodeInto(string(js), reflect.New(st).Interface()); err != nil {
		return nil, err
	}
	return jsonArg(js), nil
}

// field is the value of a positional field the table names (a Go field name): a body
// property or a query parameter of that name.
func (b *argBuilder) field(goName string) (any, error) {
	if b.body != nil {
		v, err := b.untypedBody()
		if err != nil {
			return nil, err
		}
		if obj, ok := v.(map[string]any); ok {
			for k, x := range obj {
				if sameName(goName, k) {
					return x, nil
				}
			}
		}
	}
	for _, p := range b.params {
		if p.In == "query" && sameName(goName, p.Name) {
			return paramValue(p)
		}
	}
	return nil, fmt.Errorf("the table's positional field %s is neither a body property nor a query parameter", goName)
}

// sameName reports whether Go field name goName is the JSON name js (AdminId, admin_id).
func sameName(goName, js string) bool {
	return strings.EqualFold(goName, strings.ReplaceAll(js, "_", ""))
}

// paramValue is a value for parameter p: its example, one of its examples, its
// schema's example, or a sample of its schema, the first that conforms to the schema.
func paramValue(p *openapi3.Parameter) (any, error) {
	if p.Schema == nil || p.Schema.Value == nil {
		return nil, fmt.Errorf("parameter %s has no schema", p.Name)
	}
	s := p.Schema.Value
	cands := []any{p.Example}
	for _, k := range sortedKeys(p.Examples) {
		if e := p.Examples[k]; e != nil && e.Value != nil {
			cands = append(cands, e.Value.Value)
		}
	}
	cands = append(cands, s.Example)
	if v, err := spec.Sample(s); err == nil {
		cands = append(cands, v)
	}
	for _, c := range cands {
		c = normalJSON(c)
		if c == nil || c == "" {
			continue
		}
		if s.VisitJSON(c, openapi3.MultiErrors()) == nil {
			return c, nil
		}
	}
	return nil, fmt.Errorf("no value for parameter %s conforms to its schema", p.Name)
}

// bodyMedia is the request body's media type and its description.
func (b *argBuilder) bodyMedia() (string, *openapi3.MediaType, error) {
	if b.body == nil || b.body.Value == nil {
		return "", nil, fmt.Errorf("the operation has no request body")
	}
	if m := b.body.Value.Content.Get("application/json"); m != nil {
		return "application/json", m, nil
	}
	for _, k := range sortedKeys(b.body.Value.Content) {
		return k, b.body.Value.Content[k], nil
	}
	return "", nil, fmt.Errorf("the request body has no content")
}

// bodyCandidates are the values a body may be: the description's examples (by name),
// its single example, then a sample of its schema; only those that conform to the
// schema (a member of an overlapping oneOf counts, see spec.OverlappingOneOf).
func bodyCandidates(m *openapi3.MediaType) []any {
	var cands []any
	for _, k := range sortedKeys(m.Examples) {
		if e := m.Examples[k]; e != nil && e.Value != nil {
			cands = append(cands, e.Value.Value)
		}
	}
	cands = append(cands, m.Example)
	if m.Schema != nil && m.Schema.Value != nil {
		if v, err := spec.SampleRequest(m.Schema.Value); err == nil {
			cands = append(cands, v)
		}
	}
	var out []any
	var all []any
	for _, c := range cands {
		if c = normalJSON(c); c != nil {
			all = append(all, c, canonical(c, true), canonical(c, false))
		}
	}
	for _, c := range all {
		if m.Schema == nil || m.Schema.Value == nil {
			out = append(out, c)
			continue
		}
		s := m.Schema.Value
		if s.VisitJSON(c, openapi3.MultiErrors()) == nil || spec.OverlappingOneOf(s, c) {
			out = append(out, c)
		}
	}
	return out
}

// untypedBody is the first conforming body candidate (a method that takes body fields
// positionally has no body type to fit).
func (b *argBuilder) untypedBody() (any, error) {
	if b.haveBody {
		return b.sample, nil
	}
	_, m, err := b.bodyMedia()
	if err != nil {
		return nil, err
	}
	cands := bodyCandidates(m)
	if len(cands) == 0 {
		return nil, fmt.Errorf("no example or sample of the request body conforms to its schema")
	}
	b.sample, b.haveBody = cands[0], true
	return b.sample, nil
}

// typedBody is the first conforming body candidate that the SDK's body type pt
// represents exactly (decodeInto: no field it lacks, the same JSON back, valid enums).
func (b *argBuilder) typedBody(pt reflect.Type) ([]byte, error) {
	_, m, err := b.bodyMedia()
	if err != nil {
		return nil, err
	}
	var why []string
	for _, c := range bodyCandidates(m) {
		js, _ := json.Marshal(c)
		if err := decodeInto(string(js), reflect.New(pt).Interface()); err != nil {
			why = append(why, err.Error())
			continue
		}
		return js, nil
	}
	if len(why) == 0 {
		return nil, fmt.Errorf("no example or sample of the request body conforms to its schema")
	}
	return nil, fmt.Errorf("no conforming body fits %s: %s", pt, strings.Join(why, "; "))
}

// rawBody is the body of a method that takes an io.Reader and its content type: JSON,
// or a multipart/form-data form whose binary properties are files.
func (b *argBuilder) rawBody() (string, string, error) {
	mediaType, m, err := b.bodyMedia()
	if err != nil {
		return "", "", err
	}
	v, err := b.untypedBody()
	if err != nil {
		return "", "", err
	}
	if mediaType != "multipart/form-data" {
		js, _ := json.Marshal(v)
		return string(js), mediaType, nil
	}
	obj, _ := v.(map[string]any)
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, k := range sortedKeys(obj) {
		prop := m.Schema.Value.Properties[k]
		if prop != nil && prop.Value != nil && prop.Value.Format == "binary" {
			fw, err := w.CreateFormFile(k, k+".json")
			if err != nil {
				return "", "", err
			}
			io.WriteString(fw, "[]")
			continue
		}
		if err := w.WriteField(k, scalarString(obj[k])); err != nil {
			return "", "", err
		}
	}
	if err := w.Close(); err != nil {
		return "", "", err
	}
	return buf.String(), w.FormDataContentType(), nil
}

// canonical is v as a Go type can send it: without the empty objects in an object, and
// without its empty lists too when lists is set (the generated types leave an empty map
// or an optional empty slice out, omitempty), and with every RFC 3339 date-time in Go's
// form (time.Time writes 10:01:20.000Z as 10:01:20Z, the same instant).
func canonical(v any, lists bool) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			switch x := x.(type) {
			case map[string]any:
				if len(x) == 0 {
					continue
				}
			case []any:
				if len(x) == 0 && lists {
					continue
				}
			}
			out[k] = canonical(x, lists)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = canonical(x, lists)
		}
		return out
	case string:
		if t, err := time.Parse(time.RFC3339Nano, v); err == nil && strings.Contains(v, "T") {
			return t.Format(time.RFC3339Nano)
		}
	}
	return v
}

// normalJSON turns a value loaded from YAML into what encoding/json decodes (float64
// numbers, map[string]any objects).
func normalJSON(v any) any {
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var out any
	if json.Unmarshal(b, &out) != nil {
		return nil
	}
	return out
}

// scalarString is a path or form value as text.
func scalarString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// The builder on a made-up operation: path ids from their examples (an integer as
// text), a required query parameter into the params struct, a positional field from
// the body, the first body example that conforms to the schema (the first does not),
// and a method shape nothing in the description fills is an error.
func TestArgBuilder(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(`
openapi: 3.0.1
info: {title: t, version: "1"}
paths:
  /things/{thing_id}/parts/{part_id}:
    post:
      parameters:
        - {name: thing_id, in: path, required: true, schema: {type: integer, example: 42}}
        - {name: part_id, in: path, required: true, schema: {type: string}, example: "p-1"}
        - {name: model, in: query, required: true, schema: {type: string, enum: [contact, company]}}
        - {name: page, in: query, schema: {type: integer}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties:
                name: {type: string}
                admin_id: {type: string}
                tags: {type: object}
            examples:
              a_bad: {value: {name: 7}}
              b_good: {value: {name: "n", admin_id: "991", tags: {}, at: "2025-01-24T10:01:20.000Z"}}
      responses:
        "200": {description: ok}
`))
	if err != nil {
		t.Fatal(err)
	}
	item := doc.Paths.Find("/things/{thing_id}/parts/{part_id}")
	o := item.Post
	type params struct {
		Model string `json:"model"`
		Page  *int   `json:"page,omitempty"`
	}
	type body struct {
		Name    string         `json:"name"`
		AdminId *string        `json:"admin_id,omitempty"`
		Tags    map[string]any `json:"tags,omitempty"`
		At      string         `json:"at,omitempty"`
	}
	fn := func(types ...reflect.Type) reflect.Type {
		return reflect.FuncOf(append([]reflect.Type{contextType}, types...), []reflect.Type{errorType}, false)
	}
	newB := func(fields ...string) *argBuilder {
		return &argBuilder{path: "/things/{thing_id}/parts/{part_id}", params: mergedParams(item, o), body: o.RequestBody, fields: fields}
	}

	got, err := newB().build(fn(stringType, stringType, reflect.TypeFor[*params](), reflect.TypeFor[body]()))
	if err != nil {
		t.Fatal(err)
	}
	want := []any{"42", "p-1", jsonArg(`{"model":"contact"}`), jsonArg(`{"admin_id":"991","at":"2025-01-24T10:01:20Z","name":"n"}`)}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("arguments\n%#v\nwant\n%#v", got, want)
	}

	got, err = newB("AdminId").build(fn(stringType, stringType, stringType))
	if err != nil {
		t.Fatal(err)
	}
	if want := []any{"42", "p-1", "991"}; !reflect.DeepEqual(got, want) {
		t.Errorf("with a positional field: %#v, want %#v", got, want)
	}

	if _, err := newB().build(fn(stringType)); err == nil {
		t.Error("a method with fewer string parameters than path ids passed")
	}
	if _, err := newB().build(fn(stringType, stringType, reflect.TypeFor[int]())); err == nil {
		t.Error("an int parameter nothing fills passed")
	}
	type strict struct {
		Name string `json:"name"`
	}
	if _, err := newB().build(fn(stringType, stringType, reflect.TypeFor[strict]())); err == nil {
		t.Error("a body type that cannot hold the example's admin_id passed")
	}
}
