package readme

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// knownImports are the packages a snippet may use without importing them:
// the test adds the import for each one the snippet refers to.
var knownImports = map[string]string{
	"context":      "context",
	"errors":       "errors",
	"fmt":          "fmt",
	"io":           "io",
	"log":          "log",
	"os":           "os",
	"slices":       "slices",
	"slog":         "log/slog",
	"strings":      "strings",
	"time":         "time",
	"http":         "net/http",
	"testing":      "testing",
	"gen":          "github.com/intercomkit/intercom-go/gen",
	"intercom":     "github.com/intercomkit/intercom-go/intercom",
	"identity":     "github.com/intercomkit/intercom-go/pkg/identity",
	"intercomtest": "github.com/intercomkit/intercom-go/pkg/intercomtest",
	"oauth":        "github.com/intercomkit/intercom-go/pkg/oauth",
	"webhook":      "github.com/intercomkit/intercom-go/pkg/webhook",
	"bulk":         "github.com/intercomkit/intercom-go/pkg/bulk",
	"iter":         "iter",
	"types":        "github.com/intercomkit/intercom-go/intercom/types",
	"preview":      "github.com/intercomkit/intercom-go/intercom/preview",
}

// placeholders declares the names the snippets use without declaring them,
// as a second file of each snippet's package. A statement snippet runs in a
// function returning error, so it may `return err`.
const placeholders = `package snippet

import (
	"context"
	"net/http"
	"time"

	"iter"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/bulk"
	"github.com/intercomkit/intercom-go/pkg/webhook"
)

var (
	client                 *intercom.Client // a client made with intercom.NewClient
	ctx                    = context.Background()
	id, tagID              string // ids of a contact (or conversation) and a tag
	token                  string // an access token
	clientID, clientSecret string // the app's OAuth client id and secret
	identitySecret, userID string // the Messenger identity verification secret, a user id
	since                  time.Time
	dedup                  webhook.Deduplicator
	w                      http.ResponseWriter // in an HTTP handler
	r                      *http.Request
	myReceiver             http.Handler // the webhook receiver under test
	rows                   iter.Seq[Row]    // the items of a bulk job
	n                      int              // how many there are
	cp                     bulk.Checkpoint // a bulk job's checkpoint
	exportPath             string          // the file a data export is written to
)

// Row is one item of a bulk job.
type Row struct{ ContactID string }

// mySync is the code under test in the testing snippet.
func mySync(ctx context.Context, c *intercom.Client) error { return nil }
`

type snippet struct {
	line int    // line of the opening fence in README.md
	code string // the block's content
}

func goBlocks(t *testing.T, readme []byte) []snippet {
	t.Helper()
	var out []snippet
	sc := bufio.NewScanner(bytes.NewReader(readme))
	in, n := false, 0
	var cur snippet
	var b strings.Builder
	for sc.Scan() {
		n++
		line := sc.Text()
		switch {
		case !in && strings.TrimSpace(line) == "```go":
			in, cur = true, snippet{line: n}
			b.Reset()
		case in && strings.TrimSpace(line) == "```":
			in = false
			cur.code = b.String()
			out = append(out, cur)
		case in:
			b.WriteString(line + "\n")
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if in {
		t.Fatalf("README.md: the go block at line %d is not closed", cur.line)
	}
	return out
}

// source turns a snippet into a Go file of package snippet: a whole file as
// it is, declarations (a snippet with a top-level func) at file level, and
// statements as the body of a function returning error.
func source(s snippet) (src string, whole bool) {
	if strings.HasPrefix(strings.TrimSpace(s.code), "package ") {
		return s.code, true
	}
	body := s.code
	decl := false
	for _, l := range strings.Split(body, "\n") {
		if strings.HasPrefix(l, "func ") || strings.HasPrefix(l, "type ") {
			decl = true
		}
	}
	if !decl {
		body = "func snippet() error {\n" + body + "\treturn nil\n}\n"
	}
	return "package snippet\n\n" + body, false
}

// withImports adds the imports of the known packages src refers to.
func withImports(fset *token.FileSet, name, src string) (string, []string, error) {
	f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		return "", nil, err
	}
	used := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				if path, ok := knownImports[id.Name]; ok {
					used[path] = true
				}
			}
		}
		return true
	})
	var paths []string
	for p := range used {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var imp strings.Builder
	if len(paths) > 0 {
		imp.WriteString("import (\n")
		for _, p := range paths {
			imp.WriteString("\t" + strconv.Quote(p) + "\n")
		}
		imp.WriteString(")\n\n")
	}
	return strings.Replace(src, "package snippet\n\n", "package snippet\n\n"+imp.String(), 1), paths, nil
}

// exportData returns the compiled export data files of pkgs and their
// dependencies, built by the go command (from its cache when it can).
func exportData(t *testing.T, root string, pkgs []string) map[string]string {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("skipping: the go command is not on PATH, and the snippets are type-checked against the packages it compiles")
	}
	args := append([]string{"list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}"}, pkgs...)
	cmd := exec.Command(goCmd, args...)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -export: %v\n%s", err, stderr.String())
	}
	m := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if path, file, ok := strings.Cut(line, "\t"); ok && file != "" {
			m[path] = file
		}
	}
	return m
}

// TestREADMESnippetsCompile type-checks every ```go block of README.md, so
// the README never shows code that does not compile, ignores an error (an
// unused variable fails), or uses an API that changed.
func TestREADMESnippetsCompile(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := goBlocks(t, readme)
	if len(blocks) < 5 {
		t.Fatalf("README.md has %d go blocks; the extraction is broken", len(blocks))
	}
	for _, s := range blocks {
		for i, l := range strings.Split(s.code, "\n") {
			switch {
			case strings.Contains(l, "Errors[0]"):
				t.Errorf("README.md:%d indexes Errors[0], which may be empty: use (*intercom.Error).Code()", s.line+1+i)
			case strings.Contains(l, ", _ :=") || strings.Contains(l, ", _ = "):
				t.Errorf("README.md:%d discards a result (an error?): %s", s.line+1+i, strings.TrimSpace(l))
			}
		}
	}

	type prepared struct {
		s         snippet
		src       string
		whole     bool
		importsOf []string
	}
	fset := token.NewFileSet()
	var all []prepared
	need := map[string]bool{}
	for _, p := range knownImports { // the placeholders' imports among them
		need[p] = false
	}
	for _, path := range []string{"context", "iter", "net/http", "time", knownImports["intercom"], knownImports["webhook"], knownImports["bulk"]} {
		need[path] = true
	}
	for _, s := range blocks {
		if mod := otherModule(s.code); mod != "" {
			t.Logf("README.md:%d uses %s, its own module, which the root module cannot import: that module's Example functions compile the same code", s.line, mod)
			continue
		}
		src, whole := source(s)
		var paths []string
		if !whole {
			if src, paths, err = withImports(fset, fmt.Sprintf("README.md:%d", s.line), src); err != nil {
				t.Errorf("README.md:%d: %v", s.line, err)
				continue
			}
		} else {
			f, err := parser.ParseFile(fset, "whole", src, parser.ImportsOnly)
			if err != nil {
				t.Errorf("README.md:%d: %v", s.line, err)
				continue
			}
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				paths = append(paths, p)
			}
		}
		for _, p := range paths {
			need[p] = true
		}
		all = append(all, prepared{s, src, whole, paths})
	}
	var pkgs []string
	for p, ok := range need {
		if ok {
			pkgs = append(pkgs, p)
		}
	}
	sort.Strings(pkgs)
	exports := exportData(t, root, pkgs)
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(file)
	})

	for _, p := range all {
		name := fmt.Sprintf("README.md:%d", p.s.line)
		f, err := parser.ParseFile(fset, name, p.src, parser.AllErrors)
		if err != nil {
			t.Errorf("%s: %v\n%s", name, err, numbered(p.src))
			continue
		}
		files := []*ast.File{f}
		if !p.whole {
			ph, err := parser.ParseFile(fset, "placeholders.go", placeholders, 0)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, ph)
		}
		var errs []string
		conf := types.Config{Importer: imp, Error: func(err error) { errs = append(errs, err.Error()) }}
		if _, err := conf.Check("snippet", fset, files, nil); err != nil || len(errs) > 0 {
			t.Errorf("the go block at %s does not compile:\n  %s\nas checked:\n%s", name, strings.Join(errs, "\n  "), numbered(p.src))
		}
	}
}

func numbered(src string) string {
	var b strings.Builder
	for i, l := range strings.Split(src, "\n") {
		fmt.Fprintf(&b, "%4d  %s\n", i+1, l)
	}
	return b.String()
}

// otherModules are packages of this repository that are modules of their own
// (so a snippet using them cannot be type-checked from the root module).
var otherModules = map[string]string{
	"otelintercom.": "pkg/otelintercom",
	"redisrate.":    "pkg/ratelimit/redisrate",
}

// otherModule returns the module of its own a snippet uses, or "".
func otherModule(code string) string {
	for ref, mod := range otherModules {
		if strings.Contains(code, ref) {
			return mod
		}
	}
	return ""
}
