// Package testsummary tests scripts/test-summary.sh, the closing line of make test.
package testsummary

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Events as `go test -json` writes them (Go 1.24+ build failures included).
const (
	passing = `{"Action":"start","Package":"example.com/a"}
{"Action":"run","Package":"example.com/a","Test":"TestOK"}
{"Action":"output","Package":"example.com/a","Test":"TestOK","Output":"=== RUN   TestOK\n"}
{"Action":"pass","Package":"example.com/a","Test":"TestOK","Elapsed":0}
{"Action":"run","Package":"example.com/a","Test":"TestNeedsRedis"}
{"Action":"output","Package":"example.com/a","Test":"TestNeedsRedis","Output":"    a_test.go:9: no \"redis-server\" in PATH\n"}
{"Action":"output","Package":"example.com/a","Test":"TestNeedsRedis","Output":"--- SKIP: TestNeedsRedis (0.00s)\n"}
{"Action":"skip","Package":"example.com/a","Test":"TestNeedsRedis","Elapsed":0}
{"Action":"pass","Package":"example.com/a","Elapsed":0.1}
`
	failing = `{"Action":"run","Package":"example.com/b","Test":"TestParent"}
{"Action":"run","Package":"example.com/b","Test":"TestParent/sub_case"}
{"Action":"fail","Package":"example.com/b","Test":"TestParent/sub_case","Elapsed":0}
{"Action":"fail","Package":"example.com/b","Test":"TestParent","Elapsed":0}
{"Action":"fail","Package":"example.com/b","Elapsed":0.1}
`
	buildFailure = `{"ImportPath":"example.com/c [example.com/c.test]","Action":"build-output","Output":"c.go:1: undefined: y\n"}
{"ImportPath":"example.com/c [example.com/c.test]","Action":"build-fail"}
{"Action":"start","Package":"example.com/c"}
{"Action":"output","Package":"example.com/c","Output":"FAIL\texample.com/c [build failed]\n"}
{"Action":"fail","Package":"example.com/c","Elapsed":0,"FailedBuild":"example.com/c [example.com/c.test]"}
`
)

func summary(t *testing.T, files map[string]string, args ...string) (string, int) {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, filepath.Join(dir, name))
	}
	cmd := exec.Command("bash", append([]string{filepath.Join("..", "..", "test-summary.sh")}, args...)...)
	out, err := cmd.CombinedOutput()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), code
}

func lastLine(out string) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return lines[len(lines)-1]
}

func TestSummary(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		args     []string
		want     string
		wantCode int
		contains []string
	}{
		{
			name: "nothing ran", want: "tests: 0 passed, 0 failed, 0 skipped",
		},
		{
			name:     "passes and a skip with its reason",
			files:    map[string]string{"root.json": passing},
			want:     "tests: 1 passed, 0 failed, 1 skipped",
			contains: []string{`SKIP example.com/a TestNeedsRedis: a_test.go:9: no "redis-server" in PATH`},
		},
		{
			name:     "a failing subtest and its parent, other files still counted",
			files:    map[string]string{"root.json": passing, "scripts.json": failing},
			want:     "tests: 1 passed, 2 failed, 1 skipped",
			wantCode: 1,
			contains: []string{"FAIL example.com/b TestParent/sub_case"},
		},
		{
			name:     "a package that does not compile",
			files:    map[string]string{"root.json": buildFailure},
			want:     "tests: 0 passed, 1 failed, 0 skipped",
			wantCode: 1,
			contains: []string{"example.com/c failed outside any test"},
		},
		{
			name:     "a failed step that wrote no file",
			files:    map[string]string{"root.json": passing},
			args:     []string{"--failed-step", "contract"},
			want:     "tests: 1 passed, 1 failed, 1 skipped",
			wantCode: 1,
			contains: []string{"step contract failed without a failing test", "it wrote no test2json file"},
		},
		{
			name:     "a failed step whose failures are in its file is not counted twice",
			files:    map[string]string{"scripts.json": failing},
			args:     []string{"--failed-step", "scripts"},
			want:     "tests: 0 passed, 2 failed, 0 skipped",
			wantCode: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, code := summary(t, tt.files, tt.args...)
			if got := lastLine(out); got != tt.want {
				t.Errorf("last line %q, want %q\noutput:\n%s", got, tt.want, out)
			}
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d", code, tt.wantCode)
			}
			for _, s := range tt.contains {
				if !strings.Contains(out, s) {
					t.Errorf("output lacks %q:\n%s", s, out)
				}
			}
		})
	}
}
