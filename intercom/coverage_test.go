package intercom

import (
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom/internal/coverage"
)

// TestCoverageEveryOperationReachable proves, without reading any source
// and without the facade generator, that every operation of gen.Operations
// is sent by some exported service method: it calls every exported method
// of every service of a Client, by reflection, against a server that records
// each request, and maps each recorded request back to the operation whose
// method and path template it matches. Dead code cannot satisfy it: only a
// request that reached the server counts.
func TestCoverageEveryOperationReachable(t *testing.T) {
	var mu sync.Mutex
	type hit struct{ method, path string }
	var hits []hit
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits = append(hits, hit{r.Method, r.URL.EscapedPath()})
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{}`))
	})
	c, _ := coreClient(t, srv.URL, WithMaxRetries(0))

	matchers := coverage.OperationMatchers(ops())
	reachedBy := map[string][]string{} // operation ID → facade methods
	sv := reflect.ValueOf(&c.Services).Elem()
	methods := 0
	for i := range sv.NumField() {
		svc := sv.Field(i)
		svcName := sv.Type().Field(i).Name
		for m := range svc.NumMethod() {
			name := svcName + "." + svc.Type().Method(m).Name
			methods++
			mu.Lock()
			hits = hits[:0]
			mu.Unlock()
			for _, args := range coverage.ArgumentSets(svc.Method(m).Type(), ConsentOptIn) {
				coverage.Call(svc.Method(m), args)
				mu.Lock()
				n := len(hits)
				mu.Unlock()
				if n > 0 {
					break
				}
			}
			mu.Lock()
			for _, h := range hits {
				id := coverage.Match(matchers, h.method, h.path)
				if id == "" {
					t.Errorf("%s sent %s %s, which is no operation of the description", name, h.method, h.path)
					continue
				}
				reachedBy[id] = append(reachedBy[id], name)
			}
			mu.Unlock()
		}
	}
	var missing []string
	for _, op := range gen.Operations {
		if len(reachedBy[op.ID]) == 0 {
			missing = append(missing, fmt.Sprintf("%s (%s %s)", op.ID, op.Method, op.Path))
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d of %d operations are not sent by any exported service method:\n  %s",
			len(missing), len(gen.Operations), strings.Join(missing, "\n  "))
	}
	t.Logf("%d/%d operations reached through %d exported service methods", len(gen.Operations)-len(missing), len(gen.Operations), methods)
}

// ops lists gen.Operations for the coverage helpers.
func ops() []coverage.Op {
	out := make([]coverage.Op, len(gen.Operations))
	for i, op := range gen.Operations {
		out[i] = coverage.Op{ID: op.ID, Method: op.Method, Path: op.Path}
	}
	return out
}
