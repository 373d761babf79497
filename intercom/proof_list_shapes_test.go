package intercom

// Regression (proof turn3): tolerant decoding ("a field whose JSON does
// not fit its type costs only that field") does not hold inside the list
// types that have their own UnmarshalJSON (types.List, types.PagedList) when
// they arrive in their documented alternative shapes (a bare array, or the
// single item of GET /companies?company_id=): decode.go walker.walk (the
// json.Unmarshaler branch, lines 289-303) descends only into an object's
// struct fields, so one mistyped field of one company fails the whole call
// with a *DecodeError. The same company inside {"type":"list","data":[...]}
// decodes tolerantly.

import (
	"context"
	"errors"
	"net/http"
	"testing"
)

// It is bug proof 02 of 2026-12-07 (TestAuditTolerantDecodingFailsForListShapes), kept with its assertions as a regular test.
func TestTolerantDecodingListShapes(t *testing.T) {
	for name, body := range map[string]string{
		"list object (works)": `{"type":"list","data":[{"type":"company","id":"1","name":"Acme","user_count":"many"}]}`,
		"bare array":          `[{"type":"company","id":"1","name":"Acme","user_count":"many"}]`,
		"single item (GET /companies?company_id)": `{"type":"company","id":"1","name":"Acme","user_count":"many"}`,
	} {
		t.Run(name, func(t *testing.T) {
			srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) { coreJSON(w, 200, body) })
			c, _ := coreClient(t, srv.URL)
			var report DecodeReport
			l, err := c.Companies.List(context.Background(), nil, WithDecodeReport(&report))
			var de *DecodeError
			if errors.As(err, &de) {
				t.Fatalf("one mistyped field (user_count) failed the whole call: %v", err)
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(l.GetData()) != 1 || l.GetData()[0].GetName() != "Acme" || report.Len() != 1 {
				t.Errorf("data = %+v, mismatches %v", l.GetData(), report.Mismatches())
			}
		})
	}
}
