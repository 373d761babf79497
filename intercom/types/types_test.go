package types

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

func TestIDDecodesStringsAndNumbers(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want ID
	}{
		{`"5ba682d23d7cf92bef87bfd4"`, "5ba682d23d7cf92bef87bfd4"},
		{`"123"`, "123"},
		{`123`, "123"},
		{` 991267464 `, "991267464"},
		{`-7`, "-7"},
		{`12345678901234567890123`, "12345678901234567890123"}, // beyond int64: digits kept
	} {
		var id ID
		if err := json.Unmarshal([]byte(tc.in), &id); err != nil || id != tc.want {
			t.Errorf("%s: got %q, %v; want %q", tc.in, id, err, tc.want)
		}
		var n NumericID
		if err := json.Unmarshal([]byte(tc.in), &n); err != nil || string(n) != string(tc.want) {
			t.Errorf("NumericID %s: got %q, %v; want %q", tc.in, n, err, tc.want)
		}
	}
}

func TestIDNullAndWrongKinds(t *testing.T) {
	id := ID("kept")
	if err := json.Unmarshal([]byte(`null`), &id); err != nil || id != "kept" {
		t.Errorf("null: %q, %v", id, err)
	}
	var p *ID
	if err := json.Unmarshal([]byte(`null`), &p); err != nil || p != nil {
		t.Errorf("null into *ID: %v, %v", p, err)
	}
	for _, in := range []string{`true`, `{"id":1}`, `[1]`} {
		var id ID
		err := json.Unmarshal([]byte(in), &id)
		var te *json.UnmarshalTypeError
		if !errors.As(err, &te) {
			t.Errorf("%s: err = %v, want *json.UnmarshalTypeError", in, err)
		}
	}
}

func TestIDEncoding(t *testing.T) {
	type body struct {
		A  ID          `json:"a"`
		N  NumericID   `json:"n"`
		S  NumericID   `json:"s"`
		P  *NumericID  `json:"p,omitempty"`
		L  []ID        `json:"l"`
		LN []NumericID `json:"ln"`
	}
	b, err := json.Marshal(body{A: "123", N: "991", S: "abc", L: []ID{"1", "x"}, LN: []NumericID{"1", "2"}})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"a":"123","n":991,"s":"abc","l":["1","x"],"ln":[1,2]}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	for in, want := range map[NumericID]string{"0": `0`, "-12": `-12`, "007": `"007"`, "1.5": `"1.5"`, "": `""`, "-": `"-"`, "12345678901234567890": `"12345678901234567890"`} {
		b, err := json.Marshal(in)
		if err != nil || string(b) != want {
			t.Errorf("NumericID(%q) = %s, %v; want %s", in, b, err, want)
		}
	}
}

func TestAvatarShapes(t *testing.T) {
	for _, tc := range []struct {
		in, out string
		want    Avatar
	}{
		{`"https://example.org/a.png"`, `"https://example.org/a.png"`, Avatar{ImageURL: "https://example.org/a.png", asString: true}},
		{`{"type":"avatar","image_url":"https://example.org/a.png"}`, `{"type":"avatar","image_url":"https://example.org/a.png"}`, Avatar{Type: "avatar", ImageURL: "https://example.org/a.png"}},
		{`{"image_url":"https://example.org/b.png"}`, `{"image_url":"https://example.org/b.png"}`, Avatar{ImageURL: "https://example.org/b.png"}},
	} {
		var a Avatar
		if err := json.Unmarshal([]byte(tc.in), &a); err != nil || a != tc.want {
			t.Errorf("%s: %+v, %v", tc.in, a, err)
		}
		if b, err := json.Marshal(a); err != nil || string(b) != tc.out {
			t.Errorf("%s re-encoded as %s, %v", tc.in, b, err)
		}
	}
	var a *Avatar
	if a.GetImageURL() != "" || a.GetType() != "" {
		t.Error("getters on nil")
	}
	if err := json.Unmarshal([]byte(`12`), new(Avatar)); err == nil {
		t.Error("a number decoded as an avatar")
	}
}

func TestNextPageShapes(t *testing.T) {
	for _, tc := range []struct {
		in, out string
		want    NextPage
	}{
		{`"https://api.intercom.io/companies?page=2"`, `"https://api.intercom.io/companies?page=2"`, NextPage{URL: "https://api.intercom.io/companies?page=2"}},
		{`{"page":2,"per_page":50,"starting_after":"WzE3"}`, `{"page":2,"per_page":50,"starting_after":"WzE3"}`, NextPage{Page: 2, PerPage: 50, StartingAfter: "WzE3"}},
		{`{"starting_after":"abc"}`, `{"starting_after":"abc"}`, NextPage{StartingAfter: "abc"}},
	} {
		var n NextPage
		if err := json.Unmarshal([]byte(tc.in), &n); err != nil || n != tc.want {
			t.Errorf("%s: %+v, %v", tc.in, n, err)
		}
		if b, err := json.Marshal(n); err != nil || string(b) != tc.out {
			t.Errorf("%s re-encoded as %s, %v", tc.in, b, err)
		}
	}
	var p *NextPage
	if err := json.Unmarshal([]byte(`null`), &p); err != nil || p != nil {
		t.Errorf("null: %v %v", p, err)
	}
	if p.GetURL() != "" || p.GetStartingAfter() != "" || p.GetPage() != 0 || p.GetPerPage() != 0 {
		t.Error("getters on nil")
	}
	if err := json.Unmarshal([]byte(`true`), new(NextPage)); err == nil {
		t.Error("a bool decoded as a next page")
	}
}

type item struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

type pages struct {
	Page int `json:"page"`
}

func TestListShapes(t *testing.T) {
	for _, in := range []string{
		`{"type":"list","data":[{"type":"reason","id":"1"},{"type":"reason","id":"2"}]}`,
		`[{"type":"reason","id":"1"},{"type":"reason","id":"2"}]`,
	} {
		var l List[item]
		if err := json.Unmarshal([]byte(in), &l); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if got := l.GetData(); len(got) != 2 || got[1].ID != "2" {
			t.Errorf("%s: data %+v", in, got)
		}
	}
	var nl *List[item]
	if nl.GetData() != nil || nl.GetType() != "" {
		t.Error("getters on nil")
	}
	if err := json.Unmarshal([]byte(`"x"`), new(List[item])); err == nil {
		t.Error("a string decoded as a list")
	}
}

func TestPagedListShapes(t *testing.T) {
	for _, tc := range []struct {
		in    string
		ids   []string
		typ   string
		page  int
		total int
	}{
		{`{"type":"list","data":[{"type":"company","id":"1"}],"pages":{"page":1},"total_count":9}`, []string{"1"}, "list", 1, 9},
		{`[{"type":"company","id":"1"},{"type":"company","id":"2"}]`, []string{"1", "2"}, "", 0, 0},
		{`{"type":"company","id":"7"}`, []string{"7"}, "company", 0, 0},
		{`{"type":"list","data":[],"total_count":0}`, []string{}, "list", 0, 0},
	} {
		var l PagedList[item, pages]
		if err := json.Unmarshal([]byte(tc.in), &l); err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		ids := []string{}
		for _, it := range l.GetData() {
			ids = append(ids, it.ID)
		}
		page := 0
		if p := l.GetPages(); p != nil {
			page = p.Page
		}
		if !reflect.DeepEqual(ids, tc.ids) || l.GetType() != tc.typ || page != tc.page || l.GetTotalCount() != tc.total {
			t.Errorf("%s: ids %v type %q page %d total %d", tc.in, ids, l.GetType(), page, l.GetTotalCount())
		}
	}
	b, err := json.Marshal(PagedList[item, pages]{Data: []item{{Type: "company", ID: "1"}}})
	if err != nil || string(b) != `{"data":[{"type":"company","id":"1"}]}` {
		t.Errorf("encoded %s, %v", b, err)
	}
}
