package contract

// The suite builds and runs on every supported API version (make check-versions pins
// each in turn). What the pinned version has is gen.Operations; what the other supported
// versions have is read from their reviewed per-operation tables, so that an entry for an
// operation the pinned version lacks can be checked instead of trusted.

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom"
)

// opsTablesDir and pinFile are api/operations/ and api/pin.yaml seen from the package
// directory, where go test runs the package's tests.
const (
	opsTablesDir = "../../../api/operations"
	pinFile      = "../../../api/pin.yaml"
)

// versionTables maps each supported API version to the operations of its per-operation
// table, api/operations/<version>.yaml: operation id → the facade method `make generate`
// gives it, as "Service.Method". The supported versions are those api/pin.yaml lists
// under `supported:`, each of which must have a table; without that key, every version
// with a table (the table is what a version's facade, intercom/*.gen.go, is generated
// from).
type versionTables map[string]map[string]string

// loadVersionTables reads the tables in dir of the supported versions (nil: of every
// version with a table).
func loadVersionTables(dir string, supported []string) (versionTables, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	tables := versionTables{}
	for _, f := range files {
		v := strings.TrimSuffix(filepath.Base(f), ".yaml")
		if supported != nil && !slices.Contains(supported, v) {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		ops, err := parseOpsTable(string(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		tables[v] = ops
	}
	for _, v := range supported {
		if tables[v] == nil {
			return nil, fmt.Errorf("supported API version %s has no per-operation table %s/%s.yaml", v, dir, v)
		}
	}
	if len(tables) == 0 {
		return nil, fmt.Errorf("no per-operation tables (*.yaml) in %s", dir)
	}
	return tables, nil
}

// supportedVersions returns the versions api/pin.yaml lists under a top-level
// `supported:` key, as a flow list (supported: ["2.16", "2.15"]) or a block list, or nil
// when it has no such key.
func supportedVersions(pin string) []string {
	lines := strings.Split(pin, "\n")
	for i, line := range lines {
		rest, ok := strings.CutPrefix(line, "supported:")
		if !ok {
			continue
		}
		rest, _, _ = strings.Cut(rest, "#")
		rest = strings.TrimSpace(rest)
		var items []string
		if strings.HasPrefix(rest, "[") {
			items = strings.Split(strings.Trim(rest, "[]"), ",")
		} else {
			for _, l := range lines[i+1:] {
				l, _, _ = strings.Cut(l, "#")
				t := strings.TrimSpace(l)
				if t == "" {
					continue
				}
				item, ok := strings.CutPrefix(t, "- ")
				if !ok {
					break
				}
				items = append(items, item)
			}
		}
		out := []string{}
		for _, it := range items {
			if it = strings.Trim(strings.TrimSpace(it), `"'`); it != "" {
				out = append(out, it)
			}
		}
		return out
	}
	return nil
}

var (
	tableOpRE    = regexp.MustCompile(`^  ([A-Za-z][A-Za-z0-9_]*):\s*$`)
	tableFieldRE = regexp.MustCompile(`^    (service|method):\s*"?([A-Za-z0-9_]+)"?\s*$`)
)

// parseOpsTable returns the operations of one table: the keys of its top-level
// `operations:` mapping (indented two spaces), each with its `service:` and `method:`
// (indented four). It reads the block layout the tables are written in, not YAML in
// general (the root module has no YAML parser; scripts/internal/spec.LoadTable is the
// full reader), and fails on an entry without both fields, so a layout it does not
// understand cannot pass unnoticed.
func parseOpsTable(data string) (map[string]string, error) {
	ops := map[string]string{}
	type fields struct{ service, method string }
	var order []string
	seen := map[string]*fields{}
	in := false
	var cur *fields
	sc := bufio.NewScanner(strings.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if !strings.HasPrefix(line, " ") { // a top-level key
			in = strings.HasPrefix(line, "operations:")
			cur = nil
			continue
		}
		if !in {
			continue
		}
		if m := tableOpRE.FindStringSubmatch(line); m != nil {
			if seen[m[1]] != nil {
				return nil, fmt.Errorf("operation %s listed twice", m[1])
			}
			cur = &fields{}
			seen[m[1]] = cur
			order = append(order, m[1])
			continue
		}
		if m := tableFieldRE.FindStringSubmatch(line); m != nil && cur != nil {
			if m[1] == "service" {
				cur.service = m[2]
			} else {
				cur.method = m[2]
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(order) == 0 {
		return nil, fmt.Errorf("no operations found")
	}
	for _, id := range order {
		f := seen[id]
		if f.service == "" || f.method == "" {
			return nil, fmt.Errorf("operation %s: no service: and method: lines", id)
		}
		ops[id] = f.service + "." + f.method
	}
	return ops, nil
}

// tableCheck is what checkTable checks and what it checks it against.
type tableCheck struct {
	version string                          // the pinned API version, gen.APIVersion
	ops     []operation                     // its operations, gen.Operations
	tables  versionTables                   // every supported version's operations
	calls   []call                          // the table of entries
	lists   map[string]map[string]exception // the exception lists, by name
}

// currentTableCheck is the check of this build: the pinned version, the table and the
// exception lists of the suite.
func currentTableCheck(t *testing.T) tableCheck {
	t.Helper()
	pin, err := os.ReadFile(pinFile)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := loadVersionTables(opsTablesDir, supportedVersions(string(pin)))
	if err != nil {
		t.Fatalf("per-operation tables: %v", err)
	}
	return tableCheck{
		version: gen.APIVersion,
		ops:     allOperations(),
		tables:  tables,
		calls:   calls,
		lists:   map[string]map[string]exception{"exceptions": exceptions, "exampleExceptions": exampleExceptions},
	}
}

// problems lists everything wrong with the table and the exception lists, without
// sending a request (c is only used to resolve dynOp entries):
//   - entry names must be unique;
//   - a typed entry must name an operation of the pinned version;
//   - a dynOp entry for an operation of the pinned version must resolve, with literals
//     that fit (dynCall.prepare), to the method the version's table gives the operation;
//   - a dynOp entry for any other operation is skipped by TestContract, so some other
//     supported version must have the operation, with the same method;
//   - an exception entry must name only supported versions that have the operation; an
//     entry that applies to the pinned version must name one of its operations (so an
//     entry for an operation the pinned version lacks must be marked with the versions
//     that have it); an operation may be on only one list at a time;
//   - the pinned version's table must list only operations of gen.Operations (a check of
//     parseOpsTable, and of a stale gen/).
func (tc tableCheck) problems(c *intercom.Client) []string {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	known := make(map[string]bool, len(tc.ops))
	for _, op := range tc.ops {
		known[op.ID] = true
	}
	pinned, ok := tc.tables[tc.version]
	if !ok {
		add("API %s, the pinned version, has no per-operation table %s/%s.yaml", tc.version, opsTablesDir, tc.version)
	}
	for _, id := range sortedKeys(pinned) {
		if !known[id] {
			add("%s/%s.yaml lists %s, which gen.Operations lacks", opsTablesDir, tc.version, id)
		}
	}
	others := make([]string, 0, len(tc.tables))
	for _, v := range sortedKeys(tc.tables) {
		if v != tc.version {
			others = append(others, v)
		}
	}

	names := map[string]bool{}
	for _, cl := range tc.calls {
		if names[cl.name] {
			add("two table entries are named %q", cl.name)
		}
		names[cl.name] = true
		switch {
		case cl.dyn == nil:
			if !known[cl.op] {
				add("table entry %q names unknown operation %q", cl.name, cl.op)
			}
		case known[cl.op]:
			if _, err := cl.dyn.prepare(c); err != nil {
				add("dynOp entry %q: %v", cl.name, err)
			}
			if m, ok := pinned[cl.op]; ok && m != cl.dyn.method {
				add("dynOp entry %q calls %s, but %s/%s.yaml gives %s the method %s", cl.name, cl.dyn.method, opsTablesDir, tc.version, cl.op, m)
			}
		default:
			var have []string
			for _, v := range others {
				m, ok := tc.tables[v][cl.op]
				if !ok {
					continue
				}
				have = append(have, v)
				if cl.dyn.method != "" && m != cl.dyn.method { // "": a tableOp entry takes each version's method
					add("dynOp entry %q calls %s, but %s/%s.yaml gives %s the method %s", cl.name, cl.dyn.method, opsTablesDir, v, cl.op, m)
				}
			}
			if len(have) == 0 {
				add("dynOp entry %q targets %q, which neither API %s (pinned) nor any other supported version (%s) has",
					cl.name, cl.op, tc.version, strings.Join(others, ", "))
			}
		}
	}

	active := map[string]string{} // operation id → the list it is active on
	for _, name := range sortedKeys(tc.lists) {
		list := tc.lists[name]
		for _, id := range sortedKeys(list) {
			e := list[id]
			for _, v := range e.versions {
				t, supported := tc.tables[v]
				switch {
				case !supported:
					add("%s[%q] is marked for API %s, which is not a supported version (no %s/%s.yaml)", name, id, v, opsTablesDir, v)
				case v == tc.version && !known[id], v != tc.version && t[id] == "":
					add("%s[%q] is marked for API %s, which has no operation %s", name, id, v, id)
				}
			}
			if !e.appliesTo(tc.version) {
				continue
			}
			if !known[id] {
				hint := ""
				if len(e.versions) == 0 {
					hint = "; if another supported version has it, mark the entry with the versions it applies to"
				}
				add("%s names %q, which is not an operation of API %s%s", name, id, tc.version, hint)
			}
			if other, dup := active[id]; dup {
				add("%q is on both %s and %s", id, other, name)
			}
			active[id] = name
		}
	}
	return problems
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
