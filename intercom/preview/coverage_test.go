package preview_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	gen "github.com/intercomkit/intercom-go/gen/preview"
	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/intercom/internal/coverage"
	"github.com/intercomkit/intercom-go/intercom/preview"
)

// leftOut are the Preview operations the lenient generator leaves out, each
// with its reason (make generate prints the same list): none today. The test
// fails when one of them is reached (the list is stale) or when any other
// operation is not.
var leftOut = map[string]string{}

// TestCoverageEveryPreviewOperationReachable calls every exported method of
// every service of a preview.Client, by reflection, against a server that
// records each request, and maps each request back to the Preview operation
// whose method and path template it matches: only a request that reached the
// server counts. Every request must carry Intercom-Version: Preview.
func TestCoverageEveryPreviewOperationReachable(t *testing.T) {
	var mu sync.Mutex
	type hit struct{ method, path, version string }
	var hits []hit
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits = append(hits, hit{r.Method, r.URL.EscapedPath(), r.Header.Get("Intercom-Version")})
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	parent, err := intercom.NewClient("tok_coverage", intercom.WithBaseURL(srv.URL), intercom.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	defer parent.CloseIdleConnections()
	p := preview.New(parent)

	matchers := coverage.OperationMatchers(ops())
	reachedBy := map[string][]string{}
	sv := reflect.ValueOf(&p.Services).Elem()
	methods := 0
	for i := range sv.NumField() {
		svc := sv.Field(i)
		for m := range svc.NumMethod() {
			name := sv.Type().Field(i).Name + "." + svc.Type().Method(m).Name
			methods++
			mu.Lock()
			hits = hits[:0]
			mu.Unlock()
			for _, args := range coverage.ArgumentSets(svc.Method(m).Type(), intercom.ConsentOptIn) {
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
				if h.version != preview.APIVersion {
					t.Errorf("%s sent Intercom-Version %q, want %q", name, h.version, preview.APIVersion)
				}
				id := coverage.Match(matchers, h.method, h.path)
				if id == "" {
					t.Errorf("%s sent %s %s, which is no Preview operation", name, h.method, h.path)
					continue
				}
				reachedBy[id] = append(reachedBy[id], name)
			}
			mu.Unlock()
		}
	}
	var missing []string
	reached := 0
	for _, op := range gen.Operations {
		_, listed := leftOut[op.ID]
		switch {
		case len(reachedBy[op.ID]) > 0 && listed:
			t.Errorf("%s is reached by %v but listed in leftOut: drop it from the list", op.ID, reachedBy[op.ID])
		case len(reachedBy[op.ID]) > 0:
			reached++
		case !listed:
			missing = append(missing, fmt.Sprintf("%s (%s %s)", op.ID, op.Method, op.Path))
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d of %d Preview operations are not sent by any exported method:\n  %s",
			len(missing), len(gen.Operations), strings.Join(missing, "\n  "))
	}
	t.Logf("%d/%d operations reached through %d exported methods (%d left out by the lenient generator, listed with their reason in leftOut)",
		reached, len(gen.Operations), methods, len(leftOut))
}

// ops lists gen.Operations for the coverage helpers.
func ops() []coverage.Op {
	out := make([]coverage.Op, len(gen.Operations))
	for i, op := range gen.Operations {
		out[i] = coverage.Op{ID: op.ID, Method: op.Method, Path: op.Path}
	}
	return out
}
