package fakecheck

import (
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercomkit/intercom-go/pkg/intercomtest"
	"github.com/intercomkit/intercom-go/scripts/internal/spec"
)

// exerciseRest sends one request to every route of the fake that the
// hand-written exchanges left without a validated success, and validates each
// exchange against the description: creates first (their ids fill the path
// parameters of the routes below their collection), deletes last. A path
// parameter below a collection takes an id from known (collection path → id),
// which the creates extend; a request body is the generator's sample of the
// operation's request schema. Each must answer 2xx.
func (v *validator) exerciseRest(known map[string]string) {
	v.t.Helper()
	type todo struct {
		method, path string
		op           *openapi3.Operation
	}
	var rest []todo
	for _, r := range intercomtest.Routes() {
		if c := v.cov[r]; c != nil && c.ok > 0 {
			continue
		}
		method, path, _ := strings.Cut(r, " ")
		item := v.doc.Paths.Find(path)
		if item == nil || item.GetOperation(method) == nil {
			v.t.Errorf("the fake serves %s, which is no operation of the description", r)
			continue
		}
		rest = append(rest, todo{method, path, item.GetOperation(method)})
	}
	// A create is a POST on a path whose resources the description reads by id.
	isCollection := map[string]bool{}
	for path := range v.doc.Paths.Map() {
		if i := strings.LastIndex(path, "/"); i > 0 && strings.HasPrefix(path[i+1:], "{") {
			isCollection[path[:i]] = true
		}
	}
	rank := func(t todo) int {
		switch {
		case t.method == http.MethodPost && isCollection[t.path]:
			return 0
		case t.method == http.MethodDelete:
			return 2
		}
		return 1
	}
	sort.SliceStable(rest, func(i, j int) bool {
		if rank(rest[i]) != rank(rest[j]) {
			return rank(rest[i]) < rank(rest[j])
		}
		di, dj := strings.Count(rest[i].path, "/"), strings.Count(rest[j].path, "/")
		if rank(rest[i]) == 2 {
			return di > dj // deletes: the nested resources first
		}
		return di < dj
	})
	for _, t := range rest {
		params := map[string]string{}
		segs := strings.Split(t.path, "/")
		for i, s := range segs {
			if !strings.HasPrefix(s, "{") {
				continue
			}
			parent := strings.Join(segs[:i], "/")
			id := known[parent]
			if id == "" {
				id = "1"
			}
			params[s[1:len(s)-1]] = id
		}
		e := exch{route: t.method + " " + t.path, params: params, query: url.Values{}, want: 0}
		for _, p := range t.op.Parameters {
			if p.Value != nil && p.Value.In == "header" && p.Value.Name == "Accept" && p.Value.Schema != nil && p.Value.Schema.Value != nil {
				if sv, err := spec.Sample(p.Value.Schema.Value); err == nil {
					e.accept = scalarString(sv)
				}
			}
			if p.Value == nil || p.Value.In != "query" || !p.Value.Required || p.Value.Schema == nil || p.Value.Schema.Value == nil {
				continue
			}
			sv, err := spec.Sample(p.Value.Schema.Value)
			if err != nil {
				v.t.Errorf("%s: no sample for query parameter %s: %v", e.route, p.Value.Name, err)
				continue
			}
			e.query.Set(p.Value.Name, scalarString(sv))
		}
		if rb := t.op.RequestBody; rb != nil && rb.Value != nil {
			if mt := rb.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil && mt.Schema.Value != nil {
				body, err := spec.SampleRequest(mt.Schema.Value)
				if err != nil {
					v.t.Errorf("%s: no sample request body: %v", e.route, err)
					continue
				}
				e.body = body
			}
		}
		got := v.do(e)
		if id := str(got, "id"); id != "" && rank(t) == 0 {
			if _, seen := known[t.path]; !seen {
				known[t.path] = id
			}
		}
	}
}

func scalarString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return ""
	}
	b, _ := json.Marshal(v)
	return string(b)
}
