package types

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"
)

func TestIDsDecodesOneOrMany(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want IDs
		out  string
	}{
		{`5678`, IDs{"5678"}, `[5678]`},
		{`"5678"`, IDs{"5678"}, `[5678]`},
		{`"Fast"`, IDs{"Fast"}, `["Fast"]`},
		{`[1, "2", 3]`, IDs{"1", "2", "3"}, `[1,2,3]`},
		{`[]`, IDs{}, `[]`},
		{`null`, nil, `null`},
	} {
		var ids IDs
		if err := json.Unmarshal([]byte(tc.in), &ids); err != nil || !reflect.DeepEqual(ids, tc.want) {
			t.Errorf("%s: got %#v, %v; want %#v", tc.in, ids, err, tc.want)
			continue
		}
		if b, err := json.Marshal(ids); err != nil || string(b) != tc.out {
			t.Errorf("%s: encodes as %s, %v; want %s", tc.in, b, err, tc.out)
		}
	}
	if got := (IDs{"1", "a"}).Strings(); !reflect.DeepEqual(got, []string{"1", "a"}) {
		t.Errorf("Strings() = %v", got)
	}
	for _, in := range []string{`true`, `{"id":1}`, `[true]`} {
		var ids IDs
		var te *json.UnmarshalTypeError
		if err := json.Unmarshal([]byte(in), &ids); !errors.As(err, &te) {
			t.Errorf("%s: err = %v, want *json.UnmarshalTypeError", in, err)
		}
	}
}

func TestStringsDecodesOneOrMany(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Strings
		out  string
	}{
		{`"Fast"`, Strings{"Fast"}, `["Fast"]`},
		{`["a.png", "b.pdf"]`, Strings{"a.png", "b.pdf"}, `["a.png","b.pdf"]`},
		{`null`, nil, `null`},
	} {
		var s Strings
		if err := json.Unmarshal([]byte(tc.in), &s); err != nil || !reflect.DeepEqual(s, tc.want) {
			t.Errorf("%s: got %#v, %v; want %#v", tc.in, s, err, tc.want)
			continue
		}
		if b, err := json.Marshal(s); err != nil || string(b) != tc.out {
			t.Errorf("%s: encodes as %s, %v; want %s", tc.in, b, err, tc.out)
		}
	}
	for _, in := range []string{`1`, `true`, `{}`, `[1]`} {
		var s Strings
		if err := json.Unmarshal([]byte(in), &s); err == nil {
			t.Errorf("%s: decoded as %#v, want an error", in, s)
		}
	}
}

func TestTimestampKeepsItsForm(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Time
		unix bool
	}{
		{`1677923174`, time.Unix(1677923174, 0).UTC(), true},
		{`"2023-03-04T09:46:14Z"`, time.Date(2023, 3, 4, 9, 46, 14, 0, time.UTC), false},
		{`"2023-03-04T10:46:14.5+01:00"`, time.Date(2023, 3, 4, 9, 46, 14, 5e8, time.UTC), false},
	} {
		var ts Timestamp
		if err := json.Unmarshal([]byte(tc.in), &ts); err != nil || !ts.Time().Equal(tc.want) || ts.IsUnix() != tc.unix {
			t.Errorf("%s: got %v unix=%v, %v; want %v unix=%v", tc.in, ts.Time(), ts.IsUnix(), err, tc.want, tc.unix)
			continue
		}
		if b, err := json.Marshal(ts); err != nil || string(b) != tc.in {
			t.Errorf("%s: re-encodes as %s, %v", tc.in, b, err)
		}
	}
	kept := UnixTimestamp(time.Unix(5, 0))
	if err := json.Unmarshal([]byte(`null`), &kept); err != nil || kept.Time().Unix() != 5 {
		t.Errorf("null: %v, %v", kept.Time(), err)
	}
	for _, in := range []string{`"yesterday"`, `1.5`, `true`, `[]`} {
		var ts Timestamp
		if err := json.Unmarshal([]byte(in), &ts); err == nil {
			t.Errorf("%s: decoded as %v, want an error", in, ts.Time())
		}
	}
	at := time.Date(2024, 1, 2, 3, 4, 5, 600, time.UTC)
	if b, _ := json.Marshal(UnixTimestamp(at)); string(b) != `1704164645` {
		t.Errorf("UnixTimestamp encodes as %s", b)
	}
	if b, _ := json.Marshal(RFC3339Timestamp(at)); string(b) != `"2024-01-02T03:04:05.0000006Z"` {
		t.Errorf("RFC3339Timestamp encodes as %s", b)
	}
}

func TestAttributeValueReadsEveryShape(t *testing.T) {
	type readers struct {
		kind  AttributeValueKind
		str   string
		f     float64
		n     int64
		isInt bool
		b     bool
		list  int
		at    int64
	}
	for _, tc := range []struct {
		in   string
		want readers
	}{
		{`"Found a bug"`, readers{kind: KindString, str: "Found a bug", list: -1, at: -1}},
		{`155.5`, readers{kind: KindNumber, f: 155.5, list: -1, at: -1}},
		{`9`, readers{kind: KindNumber, f: 9, n: 9, isInt: true, list: -1, at: 9}},
		{`1677923174`, readers{kind: KindNumber, f: 1677923174, n: 1677923174, isInt: true, list: -1, at: 1677923174}},
		{`"2023-03-04T09:46:14Z"`, readers{kind: KindString, str: "2023-03-04T09:46:14Z", list: -1, at: 1677923174}},
		{`true`, readers{kind: KindBool, b: true, list: -1, at: -1}},
		{`[1,"two"]`, readers{kind: KindList, list: 2, at: -1}},
		{`{"type":"upload","name":"a.png"}`, readers{kind: KindObject, list: -1, at: -1}},
		{`null`, readers{kind: KindNull, list: -1, at: -1}},
	} {
		var v AttributeValue
		if err := json.Unmarshal([]byte(tc.in), &v); err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		got := readers{kind: v.Kind(), list: -1, at: -1}
		got.str, _ = v.AsString()
		got.f, _ = v.AsFloat()
		got.n, got.isInt = v.AsInt()
		got.b, _ = v.AsBool()
		if items, ok := v.AsList(); ok {
			got.list = len(items)
		}
		if at, ok := v.AsTime(); ok {
			got.at = at.Unix()
		}
		if got != tc.want {
			t.Errorf("%s: read %+v, want %+v", tc.in, got, tc.want)
		}
		if b, err := json.Marshal(v); err != nil || string(b) != tc.in {
			t.Errorf("%s: re-encodes as %s, %v", tc.in, b, err)
		}
	}
}

func TestAttributeValueBuildersAndDecode(t *testing.T) {
	at := time.Unix(1700000000, 0)
	for _, tc := range []struct {
		v    AttributeValue
		want string
	}{
		{StringValue("a<b"), `"a\u003cb"`},
		{NumberValue(2.5), `2.5`},
		{IntValue(-7), `-7`},
		{BoolValue(false), `false`},
		{TimeValue(at), `1700000000`},
		{ListValue(StringValue("pro"), IntValue(3)), `["pro",3]`},
		{ListValue(), `[]`},
		{AttributeValue{}, `null`},
	} {
		if b, err := json.Marshal(tc.v); err != nil || string(b) != tc.want {
			t.Errorf("encodes as %s, %v; want %s", b, err, tc.want)
		}
	}
	if v, err := ValueOf(map[string]int{"a": 1}); err != nil || v.String() != `{"a":1}` {
		t.Errorf("ValueOf: %s, %v", v, err)
	}
	if _, err := ValueOf(func() {}); err == nil {
		t.Error("ValueOf(func): no error")
	}
	if s := StringValue("plain").String(); s != "plain" {
		t.Errorf("String() = %q", s)
	}
	var file struct {
		Name string `json:"name"`
	}
	v := AttributeValue{}
	if err := json.Unmarshal([]byte(`{"name":"a.png"}`), &v); err != nil || v.Decode(&file) != nil || file.Name != "a.png" {
		t.Errorf("Decode: %+v, %v", file, err)
	}
	if err := StringValue("x").Decode(&file); err == nil {
		t.Error("Decode of a string into a struct: no error")
	}
	if err := v.UnmarshalJSON([]byte(`{`)); err == nil {
		t.Error("UnmarshalJSON of invalid JSON: no error")
	}
	m := map[string]AttributeValue{}
	if err := json.Unmarshal([]byte(`{"plan":"pro","seats":5}`), &m); err != nil {
		t.Fatal(err)
	}
	if s, _ := m["plan"].AsString(); s != "pro" {
		t.Errorf("map value plan = %q", s)
	}
	if n, ok := m["seats"].AsInt(); !ok || n != 5 {
		t.Errorf("map value seats = %d, %v", n, ok)
	}
}
