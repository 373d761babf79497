package intercom

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom/types"
)

// Every id field decodes from a JSON string or number, whatever the
// description declares, found by its name (id, ids, *_id, *_ids) rather than
// a hand list, and with strict decoding on: Intercom's SDK fixtures send
// owner_id as 123 where 2.16 declares a string (on main the field was
// emptied, or with strict decoding the call failed). It is encoded again as
// the description declares.
func TestIDsDecodeFromEitherKind(t *testing.T) {
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/contacts/"):
			coreJSON(w, 200, `{"type":"contact","id":6123,"workspace_id":"ecahpwf5","external_id":42,"owner_id":123,"email":"a@example.com"}`)
		default:
			coreJSON(w, 200, `{"type":"list","data":[{"type":"contact","id":"c1","owner_id":123},{"type":"contact","id":"c2","owner_id":"456"}],"total_count":2,"pages":{"type":"pages"}}`)
		}
	})
	c, _ := coreClient(t, srv.URL, WithStrictDecoding())
	var report DecodeReport
	ct, err := c.Contacts.Get(context.Background(), "c1", WithDecodeReport(&report))
	if err != nil {
		t.Fatalf("strict decoding of numeric ids: %v", err)
	}
	if ct.GetOwnerId() != "123" || ct.GetId() != "6123" || ct.GetExternalId() != "42" || report.Len() != 0 {
		t.Errorf("contact ids %q %q %q, mismatches %v", ct.GetId(), ct.GetOwnerId(), ct.GetExternalId(), report.Mismatches())
	}
	// owner_id is a string in 2.16's description and an integer (types.NumericID) in
	// 2.15's: it must come back in the description's own form.
	want := `"123"`
	if f, ok := reflect.TypeFor[gen.Contact]().FieldByName("OwnerId"); ok && f.Type.Elem() == reflect.TypeFor[types.NumericID]() {
		want = `123`
	}
	if got := wireValue[gen.Contact](t, "owner_id", `"123"`); got != want {
		t.Errorf("owner_id is re-encoded as %s, want the description's %s", got, want)
	}
	var got []string
	for ct, err := range c.Contacts.ListAll(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ct.GetOwnerId())
	}
	if strings.Join(got, ",") != "123,456" {
		t.Errorf("owner ids %v", got)
	}
}

// The conversion runs both ways and over arrays of ids; a value that is
// not an id (a number for a name) stays a mismatch.
func TestIDConversionByName(t *testing.T) {
	type item struct {
		ID       string   `json:"id"`
		TeamIDs  []string `json:"team_ids"`
		AdminID  *int64   `json:"admin_id"`
		Name     string   `json:"name"`
		ParentID string   `json:"parent_id"`
	}
	var v item
	found, err := decodeTolerant([]byte(`{"id":7,"team_ids":[1,"2",3],"admin_id":"99","name":5,"parent_id":"p"}`), &v)
	if err != nil {
		t.Fatal(err)
	}
	if v.ID != "7" || strings.Join(v.TeamIDs, ",") != "1,2,3" || v.AdminID == nil || *v.AdminID != 99 || v.ParentID != "p" {
		t.Errorf("decoded %+v", v)
	}
	if len(found) != 1 || found[0].Path != "name" {
		t.Errorf("mismatches %v, want only name", found)
	}
}

// GET /custom_object_instances/{type}?external_id= answers the single
// instance, not a list: List decodes it as a one-item page, with strict
// decoding on (on main it decoded into an empty list, silently).
func TestCustomObjectLookupByExternalID(t *testing.T) {
	srv := coreServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("external_id") != "order_001" {
			t.Errorf("query %q", r.URL.RawQuery)
		}
		coreJSON(w, 200, `{"id":"22","type":"Order","custom_attributes":{"order_number":"ORDER-12345"},"external_id":"order_001","created_at":1734537745,"updated_at":1734537745}`)
	})
	c, _ := coreClient(t, srv.URL, WithStrictDecoding())
	// ListCustomObjectInstances is an API 2.16 operation: called through the operations
	// table, with its params decoded into the method's own type.
	skipWithoutOp(t, "ListCustomObjectInstances")
	m, err := opMethod(c, "ListCustomObjectInstances")
	if err != nil {
		t.Fatal(err)
	}
	params := reflect.New(m.Type().In(2).Elem())
	if err := json.Unmarshal([]byte(`{"external_id":"order_001"}`), params.Interface()); err != nil {
		t.Fatal(err)
	}
	l, err := opCall("ListCustomObjectInstances", "Order", params.Interface())(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Data []struct {
			ID         string `json:"id"`
			ExternalID string `json:"external_id"`
		} `json:"data"`
	}
	if b, err := json.Marshal(l); err != nil || json.Unmarshal(b, &got) != nil {
		t.Fatalf("result %T: %v", l, err)
	}
	if d := got.Data; len(d) != 1 || d[0].ID != "22" || d[0].ExternalID != "order_001" {
		t.Errorf("data %+v, want the single instance", d)
	}
}

// Every shape a list type of package types accepts is decoded tolerantly:
// one mistyped field of one item costs that field only (proof 02 covers
// types.PagedList given as a bare array and as its single item).
func TestTolerantDecodingEveryListShape(t *testing.T) {
	type reason struct {
		ID    string `json:"id"`
		Label string `json:"label"`
		Count int    `json:"count"`
	}
	type holder struct {
		Reasons types.List[reason]                     `json:"reasons"`
		Paged   types.PagedList[reason, gen.PagesLink] `json:"paged"`
		IDs     types.IDs                              `json:"ids"`
		Tags    types.Strings                          `json:"tags"`
	}
	var v holder
	found, err := decodeTolerant([]byte(`{
		"reasons":[{"id":"1","label":"Lunch","count":"x"},{"id":"2","label":"Meeting","count":2}],
		"paged":{"type":"reason","id":"3","label":"Single","count":"y"},
		"ids":[1,{"bad":true},"3"],
		"tags":["a",7,"c"]}`), &v)
	if err != nil {
		t.Fatal(err)
	}
	if d := v.Reasons.GetData(); len(d) != 2 || d[0].Label != "Lunch" || d[1].Count != 2 {
		t.Errorf("bare-array List: %+v", d)
	}
	if d := v.Paged.GetData(); len(d) != 1 || d[0].Label != "Single" {
		t.Errorf("single-item PagedList: %+v", d)
	}
	if got := v.IDs.Strings(); len(got) != 3 || got[0] != "1" || got[2] != "3" {
		t.Errorf("IDs: %v", got)
	}
	if len(v.Tags) != 3 || v.Tags[0] != "a" || v.Tags[2] != "c" {
		t.Errorf("Strings: %v", v.Tags)
	}
	var paths []string
	for _, f := range found {
		paths = append(paths, f.Path)
	}
	if strings.Join(paths, " ") != "ids[1] paged.count reasons[0].count tags[1]" {
		t.Errorf("mismatches %v", paths)
	}
}
