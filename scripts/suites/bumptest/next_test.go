package bumptest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/intercomkit/intercom-go/scripts/internal/spec"
	"github.com/intercomkit/intercom-go/scripts/internal/spectest"
)

// nextCommit is the commit the fake mirror of the synthetic version is a snapshot of.
const nextCommit = "9f17000000000000000000000000000000000917"

// nextSuffix makes the synthetic next version of the pinned one: 2.16 → 2.16.next.
const nextSuffix = ".next"

// nextOf returns the synthetic next version of the pinned one; it skips the test in a
// tree already pinned to a synthetic version (make test-long's scratch tree), whose
// description lacks what the changes edit.
func nextOf(t *testing.T, p *spectest.Pinned) string {
	t.Helper()
	if strings.HasSuffix(p.Version, nextSuffix) {
		t.Skipf("API %s is itself a synthetic next version (make test-long's scratch tree): nothing to synthesize from", p.Version)
	}
	return p.Version + nextSuffix
}

// The seven changes, as the report must name them.
const (
	newOperation    = "ListWidgets"                      // a new tag (Widgets) with a cursor-paged list
	newEnumValue    = `"expired"`                        // data_export.status gains a value
	newField        = "nickname"                         // admin gains an optional field (no report: compatible)
	requiredParam   = "ListArticles order"               // GET /articles gains a required query parameter
	removedOp       = "CollectFinVoiceCallByPhoneNumber" // GET /fin_voice/phone_number/{phone_number} is gone
	typeChange      = "collection.order"                 // integer → string, examples still numbers
	inlineUnion     = "RetrieveDataConnector"            // GET /data_connectors/{id}: inline oneOf 200
	removedOpTarget = "$.paths['/fin_voice/phone_number/{phone_number}'].get.responses"
)

// synthesize builds the next version's description from the pinned one (as published,
// no overlay) with the seven changes, as a map (key order is not kept: a synthetic file).
func synthesize(t *testing.T, pinnedPath, next string) []byte {
	t.Helper()
	b, err := os.ReadFile(pinnedPath)
	if err != nil {
		t.Fatal(err)
	}
	var d map[string]any
	if err := yaml.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	m := func(v any, keys ...string) map[string]any {
		for i, k := range keys {
			next, ok := v.(map[string]any)[k].(map[string]any)
			if !ok {
				// The changes are written against the 2.16 description (GET
				// /data_connectors/{id}, the Fin Voice phone route, ...); an older
				// pinned version (make check-versions 2.15) lacks some of them.
				t.Skipf("the pinned description (the base of %s) has no %s, which the synthetic changes edit: nothing to synthesize from",
					next, strings.Join(keys[:i+1], " → "))
			}
			v = next
		}
		return v.(map[string]any)
	}
	paths, schemas := m(d, "paths"), m(d, "components", "schemas")

	// 7. the version.
	m(d, "info")["version"] = next
	// 1. a new tag with a cursor-paged list.
	d["tags"] = append(d["tags"].([]any), map[string]any{"name": "Widgets", "description": "Everything about widgets"})
	schemas["widget"] = map[string]any{"type": "object", "properties": map[string]any{
		"type": map[string]any{"type": "string", "example": "widget"},
		"id":   map[string]any{"type": "string", "example": "w1"},
		"name": map[string]any{"type": "string", "example": "Gear"},
	}}
	schemas["widget_list"] = map[string]any{"type": "object", "properties": map[string]any{
		"type":  map[string]any{"type": "string", "enum": []any{"list"}},
		"data":  map[string]any{"type": "array", "items": map[string]any{"$ref": "#/components/schemas/widget"}},
		"pages": map[string]any{"$ref": "#/components/schemas/cursor_pages"},
	}}
	paths["/widgets"] = map[string]any{"get": map[string]any{
		"summary": "List all widgets", "operationId": "listWidgets", "tags": []any{"Widgets"},
		"parameters": []any{
			map[string]any{"name": "per_page", "in": "query", "schema": map[string]any{"type": "integer"}},
			map[string]any{"name": "starting_after", "in": "query", "schema": map[string]any{"type": "string"}},
		},
		"responses": map[string]any{"200": map[string]any{"description": "ok", "content": map[string]any{
			"application/json": map[string]any{
				"schema":   map[string]any{"$ref": "#/components/schemas/widget_list"},
				"examples": map[string]any{"ok": map[string]any{"value": map[string]any{"type": "list", "data": []any{map[string]any{"type": "widget", "id": "w1", "name": "Gear"}}}}},
			}}}},
	}}
	// 2. a new optional field and a new enum value.
	m(schemas, "admin", "properties")[newField] = map[string]any{"type": "string", "example": "Bobby"}
	st := m(schemas, "data_export", "properties", "status")
	st["enum"] = append(st["enum"].([]any), strings.Trim(newEnumValue, `"`))
	// 3. a new required query parameter on an existing list.
	get := m(paths, "/articles", "get")
	get["parameters"] = append(get["parameters"].([]any), map[string]any{"name": "order", "in": "query", "required": true,
		"schema": map[string]any{"type": "string", "enum": []any{"asc", "desc"}}})
	// 4. a removed operation (its overlay action [16] targets it alone).
	delete(paths, "/fin_voice/phone_number/{phone_number}")
	// 5. a property whose type changes from integer to string; the examples still send numbers.
	order := m(schemas, "collection", "properties", "order")
	order["type"], order["example"] = "string", "1"
	// 6. an inline oneOf in a response.
	resp := m(paths, "/data_connectors/{id}", "get", "responses", "200", "content", "application/json")
	resp["schema"] = map[string]any{"oneOf": []any{
		map[string]any{"$ref": "#/components/schemas/data_connector"},
		map[string]any{"$ref": "#/components/schemas/data_connector_detail"},
	}}
	out, err := yaml.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// repoWithNext copies api/ of the repository into a scratch root and writes the
// synthetic description into a fake mirror (a snapshot of nextCommit).
func repoWithNext(t *testing.T, p *spectest.Pinned) (root, mirror, next string) {
	t.Helper()
	next = nextOf(t, p)
	root, mirror = t.TempDir(), t.TempDir()
	if err := os.CopyFS(filepath.Join(root, "api"), os.DirFS(filepath.Join(p.Root, "api"))); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(mirror, filepath.FromSlash(spec.DescriptionPath(next)))
	writeFile(t, dst, synthesize(t, p.Path, next))
	cachePinned(t, p, root)
	return root, mirror, next
}

// The report of a move to a version nobody has seen names each of the seven changes
// by kind, file by file (overlay, then table, then what needs no edit), and what is
// unambiguous is done: the removed operation's table entry and its own overlay action
// are gone.
func TestReportNamesEveryChangeOfANextVersion(t *testing.T) {
	p := spectest.Load(t)
	root, mirror, next := repoWithNext(t, p)
	f := &spec.Fetcher{Root: root, MirrorDir: mirror, MirrorCommit: nextCommit}
	pinBefore, _ := os.ReadFile(filepath.Join(root, "api", "pin.yaml"))
	res, err := spec.Bump(context.Background(), root, f, next, "")
	if err != nil {
		t.Fatal(err)
	}
	if !res.AddedEntry || res.Commit != nextCommit || res.Previous != p.Version {
		t.Errorf("bump = %+v", res)
	}
	pinAfter, _ := os.ReadFile(filepath.Join(root, "api", "pin.yaml"))
	for _, line := range strings.Split(string(pinBefore), "\n") {
		if strings.HasPrefix(line, "pinned:") || strings.HasPrefix(line, "supported:") {
			continue
		}
		if !bytes.Contains(pinAfter, []byte(line+"\n")) {
			t.Errorf("pin.yaml lost the line %q: another version's entry was touched", line)
		}
	}

	r, err := spec.DiffFiles(spec.CachePath(root, p.Version), spec.CachePath(root, next), p.Version, next)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Resolve(root, true); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	r.Write(&out)
	report := out.String()
	t.Log(report)

	overlay, table := "api/overlays/"+next+".yaml", "api/operations/"+next+".yaml"
	for _, want := range []struct{ kind, file, subject, detail string }{
		{spec.KindVersion, "", "info.version", p.Doc.Info.Version + " → " + next},
		{spec.KindRemovedOperation, table, removedOp, "GET /fin_voice/phone_number/{phone_number}"},
		{spec.KindTypeChange, overlay, typeChange, "integer → string"},
		{spec.KindInlineUnion, overlay, inlineUnion, "inline oneOf"},
		{spec.KindRequiredParameter, table, requiredParam, "never sent as order="},
		{spec.KindNewOperation, table, newOperation, "GET /widgets"},
		{spec.KindEnumAddition, "", "data_export.status", newEnumValue},
	} {
		found := false
		for _, c := range r.Changes {
			if c.Kind == want.kind && c.Subject == want.subject {
				found = true
				if c.File != want.file || !strings.Contains(c.Detail, want.detail) {
					t.Errorf("%s %s: file %q, detail %q; want file %q and %q", want.kind, want.subject, c.File, c.Detail, want.file, want.detail)
				}
			}
		}
		if !found {
			t.Errorf("the report does not name the %s %s:\n%s", want.kind, want.subject, report)
		}
	}
	get := func(kind, subject string) spec.Change {
		for _, c := range r.Changes {
			if c.Kind == kind && c.Subject == subject {
				return c
			}
		}
		return spec.Change{}
	}
	if c := get(spec.KindNewOperation, newOperation); !strings.Contains(c.Draft, "service: Widgets") || !strings.Contains(c.Draft, "style: cursor, items: Data") {
		t.Errorf("new operation draft:\n%s\nwant service Widgets and cursor paging over Data", c.Draft)
	}
	// The required parameter: a defaults key for its entry, with a placeholder naming
	// its values that the generator refuses until the maintainer chooses.
	if c := get(spec.KindRequiredParameter, requiredParam); c.Draft != "  ListArticles:\n    defaults:\n      order: \"<the value the server used in "+p.Version+": one of [asc desc]>\"\n" {
		t.Errorf("required parameter draft:\n%s", c.Draft)
	}
	if c := get(spec.KindTypeChange, typeChange); !strings.Contains(c.Detail, "example(s) of the new description still give integer values") ||
		!strings.Contains(c.Draft, "target: $.components.schemas.collection.properties.order") {
		t.Errorf("type change: detail %q (want the contradicting example), draft:\n%s", c.Detail, c.Draft)
	}
	if c := get(spec.KindInlineUnion, inlineUnion); !strings.Contains(c.Draft, "retrieve_data_connector_result") || !strings.Contains(c.Draft, "$ref: '#/components/schemas/retrieve_data_connector_result'") {
		t.Errorf("inline union draft:\n%s", c.Draft)
	}
	// File by file, in the order a maintainer fixes them.
	io, it, in := strings.Index(report, "\n"+overlay+":"), strings.Index(report, "\n"+table+":"), strings.Index(report, "\nno edit needed")
	if io < 0 || it < io || in < it {
		t.Errorf("sections out of order (overlay %d, table %d, no edit %d):\n%s", io, it, in, report)
	}
	// Done for the maintainer: the removed operation's entry and its own overlay action.
	tb, _ := os.ReadFile(spec.TablePath(root, next))
	ov, _ := os.ReadFile(spec.OverlayPath(root, next))
	if bytes.Contains(tb, []byte("\n  "+removedOp+":")) {
		t.Errorf("%s still has the entry of %s", table, removedOp)
	}
	if bytes.Contains(ov, []byte(removedOpTarget)) {
		t.Errorf("%s still has the action %s", overlay, removedOpTarget)
	}
	if c := get(spec.KindRemovedOperation, removedOp); !strings.Contains(c.Done, "deleted its entry") || !strings.Contains(c.Done, removedOpTarget) {
		t.Errorf("removed operation: done %q", c.Done)
	}
	// The edited table still loads and the overlay still applies to the new description.
	if _, err := spec.LoadTable(spec.TablePath(root, next)); err != nil {
		t.Error(err)
	}
	doc, err := spec.Load(context.Background(), root, next, spec.CachePath(root, next))
	if err != nil {
		t.Fatalf("the overlay of %s does not apply after the report's edits: %v", next, err)
	}
	// Generation refuses the inline union until the drafted action is written.
	if err := spec.CheckInlineResponses(doc, false, nil); err == nil || !strings.Contains(err.Error(), inlineUnion) {
		t.Errorf("CheckInlineResponses = %v, want %s refused", err, inlineUnion)
	}
	ovb, _ := os.ReadFile(spec.OverlayPath(root, next))
	ovb = append(ovb, []byte("\n"+get(spec.KindInlineUnion, inlineUnion).Draft)...)
	if err := os.WriteFile(spec.OverlayPath(root, next), ovb, 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err = spec.Load(context.Background(), root, next, spec.CachePath(root, next))
	if err != nil {
		t.Fatalf("the drafted inline-union action does not apply: %v", err)
	}
	if err := spec.CheckInlineResponses(doc, false, nil); err != nil {
		t.Errorf("with the drafted action: %v", err)
	}
}

// writeFile writes data to path, creating its directory.
func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// cachePinned puts the pinned version's verified description into root's cache, as
// the real tree has it.
func cachePinned(t *testing.T, p *spectest.Pinned, root string) {
	t.Helper()
	cached, err := os.ReadFile(p.Path)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, spec.CachePath(root, p.Version), cached)
}
