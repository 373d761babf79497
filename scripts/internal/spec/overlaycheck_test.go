package spec

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestTargetAlternatives(t *testing.T) {
	tests := []struct {
		target string
		want   []TargetAlternative
	}{
		{target: "$.paths['/a'].get"},
		{target: "$.paths.*.*.parameters[?(@.name == 'Intercom-Version')]"},
		{target: "$.paths['/a,b'].get"}, // a comma inside a name is not a union
		{target: "$.x[?(@.a == 'p' && match(@.b, 'q,r'))]"},
		{
			target: "$.paths['/a','/b'].get",
			want: []TargetAlternative{
				{"'/a'", "$.paths['/a'].get"},
				{"'/b'", "$.paths['/b'].get"},
			},
		},
		{
			target: `$.paths['/a', "/b]"]['get','put'].responses`,
			want: []TargetAlternative{
				{"'/a'", `$.paths['/a']['get','put'].responses`},
				{`"/b]"`, `$.paths["/b]"]['get','put'].responses`},
				{"'get'", `$.paths['/a', "/b]"]['get'].responses`},
				{"'put'", `$.paths['/a', "/b]"]['put'].responses`},
			},
		},
		{
			target: "$.s[?(@.t == 'x'), 0]",
			want: []TargetAlternative{
				{"?(@.t == 'x')", "$.s[?(@.t == 'x')]"},
				{"0", "$.s[0]"},
			},
		},
	}
	for _, tt := range tests {
		got, err := TargetAlternatives(tt.target)
		if err != nil {
			t.Errorf("%s: %v", tt.target, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.target, got, tt.want)
		}
	}
	for _, bad := range []string{"$.paths['/a", "$.paths['/a'", "$.x[?(@.a == 1]"} {
		if _, err := TargetAlternatives(bad); err == nil {
			t.Errorf("%s: no error for a malformed target", bad)
		}
	}
}

const checkSpec = `openapi: 3.0.1
info: {title: t, version: "9.9"}
paths:
  /a:
    get:
      operationId: getA
      responses: {"200": {description: ok}}
  /c:
    get:
      operationId: getC
      responses: {"200": {description: ok}}
    put:
      operationId: putC
      responses: {"200": {description: ok}}
`

func writeOverlay(t *testing.T, root, actions string) {
	t.Helper()
	overlay := "overlay: 1.0.0\nx-speakeasy-jsonpath: rfc9535\ninfo: {title: t, version: 1.0.0}\nactions:\n" + actions
	if err := os.WriteFile(OverlayPath(root, "9.9"), []byte(overlay), 0o644); err != nil {
		t.Fatal(err)
	}
}

func checkRoot(t *testing.T) (root, specPath string) {
	t.Helper()
	root = t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "api", "overlays"), 0o755); err != nil {
		t.Fatal(err)
	}
	specPath = filepath.Join(root, "spec.yaml")
	if err := os.WriteFile(specPath, []byte(checkSpec), 0o644); err != nil {
		t.Fatal(err)
	}
	return root, specPath
}

// One path of several that an action names is gone: the overlay library's strict mode
// lets it pass (another path matched), the pre-check and so Load fail and name it.
func TestCheckOverlayNamesTheMissingAlternative(t *testing.T) {
	root, specPath := checkRoot(t)
	writeOverlay(t, root, `  - target: $.paths['/a','/gone','/c'].get
    update: {description: fixed}
  - target: $.paths['/c']['get','delete']
    update: {summary: s}
`)
	err := CheckOverlay(specPath, OverlayPath(root, "9.9"))
	if err == nil {
		t.Fatal("no error although '/gone' and 'delete' match nothing")
	}
	for _, want := range []string{
		"action 1", "selector '/gone' matches nothing ($.paths['/gone'].get)",
		"action 2", "selector 'delete' matches nothing ($.paths['/c']['delete'])",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "'/a' matches nothing") || strings.Contains(err.Error(), "'get' matches nothing") {
		t.Errorf("error names an alternative that matches:\n%v", err)
	}
	if _, err := Load(context.Background(), root, "9.9", specPath); err == nil || !strings.Contains(err.Error(), "'/gone'") {
		t.Fatalf("Load: err = %v, want the pre-check's failure", err)
	}
}

// Every alternative is checked on its own, not the cross product: ['/a','/c'] with
// ['get','put'] is fine although /a has no put.
func TestCheckOverlayAlternativesOneAtATime(t *testing.T) {
	root, specPath := checkRoot(t)
	writeOverlay(t, root, `  - target: $.paths['/a','/c']['get','put']
    update: {description: fixed}
`)
	if err := CheckOverlay(specPath, OverlayPath(root, "9.9")); err != nil {
		t.Fatal(err)
	}
}

// Actions see the document as the earlier actions left it: a schema added by action 1
// may be named by action 2.
func TestCheckOverlayAppliesActionsInOrder(t *testing.T) {
	root, specPath := checkRoot(t)
	writeOverlay(t, root, `  - target: $
    update:
      components:
        schemas:
          added: {type: object}
          other: {type: string}
  - target: $.components.schemas['added','other']
    update: {description: d}
`)
	if err := CheckOverlay(specPath, OverlayPath(root, "9.9")); err != nil {
		t.Fatal(err)
	}
	doc, err := Load(context.Background(), root, "9.9", specPath)
	if err != nil {
		t.Fatal(err)
	}
	if d := doc.Components.Schemas["other"].Value.Description; d != "d" {
		t.Fatalf("overlay not applied: description %q", d)
	}

	// The same target before the schemas exist fails, naming both.
	writeOverlay(t, root, `  - target: $.components.schemas['added','other']
    update: {description: d}
`)
	if err := CheckOverlay(specPath, OverlayPath(root, "9.9")); err == nil || !strings.Contains(err.Error(), "matches nothing") {
		t.Fatalf("err = %v, want the whole target to match nothing", err)
	}
}
