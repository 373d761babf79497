package intercom

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

// A required string query parameter is never sent empty: the generated method refuses
// the call before anything leaves (requireParam, generated for every such parameter of
// a method that takes its params as they are).
func TestRequiredQueryParameterIsNeverSentEmpty(t *testing.T) {
	c, seen := svcServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		coreJSON(w, http.StatusOK, `{"type":"list","events":[]}`)
	})
	// Messages.ListWhatsAppStatuses requires ruleset_id (API 2.16 and later).
	m := reflect.ValueOf(c.Messages).MethodByName("ListWhatsAppStatuses")
	if !m.IsValid() {
		t.Skipf("API %s has no Messages.ListWhatsAppStatuses (GET /messages/status, required ruleset_id): nothing to check on this version", gen.APIVersion)
	}
	pt := m.Type().In(1) // *gen.GetWhatsAppMessageStatusParams
	for name, params := range map[string]reflect.Value{
		"nil params":         reflect.Zero(pt),
		"ruleset_id not set": reflect.New(pt.Elem()),
	} {
		out := m.Call([]reflect.Value{reflect.ValueOf(context.Background()), params})
		err, _ := out[1].Interface().(error)
		if !errors.Is(err, ErrMissingParameter) {
			t.Errorf("%s: err = %v, want ErrMissingParameter", name, err)
		}
	}
	if n := len(seen()); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
	set := reflect.New(pt.Elem())
	set.Elem().FieldByName("RulesetId").SetString("12345")
	if out := m.Call([]reflect.Value{reflect.ValueOf(context.Background()), set}); !out[1].IsNil() {
		t.Errorf("with ruleset_id: %v", out[1].Interface())
	}
	reqs := seen()
	var queries []string
	for _, r := range reqs {
		queries = append(queries, r.method+" "+r.path+"?"+r.rawQuery) // never the headers: they hold the token
	}
	if len(reqs) != 1 || reqs[0].rawQuery != "ruleset_id=12345" {
		t.Errorf("requests = %q, want one with ruleset_id=12345", queries)
	}
}
