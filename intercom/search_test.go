package intercom

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/gen"
)

// bodyJSON marshals a search request as the API receives it (modulo the
// HTML escaping json.Marshal adds, turned off here for readable expectations).
func bodyJSON(t *testing.T, req gen.SearchRequest) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(req); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(buf.String())
}

func mustBuild(t *testing.T, q SearchQuery) gen.SearchRequest {
	t.Helper()
	req, err := q.ForConversations()
	if err != nil {
		t.Fatalf("Build(%v): %v", q.Filter, err)
	}
	return req
}

type planName string // a named string type, like the generated enums

func TestSearchBuildSingleConditions(t *testing.T) {
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	s := "via pointer"
	tests := []struct {
		f    Filter
		want string // the query object
	}{
		{Field("email").Equals("a@b.c"), `{"field":"email","operator":"=","value":"a@b.c"}`},
		{Field("email").NotEquals(""), `{"field":"email","operator":"!=","value":""}`},
		{Field("name").Contains("Ann"), `{"field":"name","operator":"~","value":"Ann"}`},
		{Field("name").NotContains("bot"), `{"field":"name","operator":"!~","value":"bot"}`},
		{Field("email").StartsWith("ann"), `{"field":"email","operator":"^","value":"ann"}`},
		{Field("email").EndsWith("@example.com"), `{"field":"email","operator":"$","value":"@example.com"}`},
		{Field("custom_attributes.seats").GreaterThan(int8(5)), `{"field":"custom_attributes.seats","operator":">","value":5}`},
		{Field("custom_attributes.seats").GreaterThanOrEqual(uint16(5)), `{"field":"custom_attributes.seats","operator":">=","value":5}`},
		{Field("custom_attributes.seats").LessThan(int64(-3)), `{"field":"custom_attributes.seats","operator":"<","value":-3}`},
		{Field("custom_attributes.score").LessThanOrEqual(2.5), `{"field":"custom_attributes.score","operator":"<=","value":2.5}`},
		{Field("unsubscribed_from_emails").Equals(false), `{"field":"unsubscribed_from_emails","operator":"=","value":false}`},
		{Field("created_at").GreaterThan(day), `{"field":"created_at","operator":">","value":1577836800}`},
		{Field("created_at").Equals(day), `{"field":"created_at","operator":"=","value":1577836800}`},
		{Field("state").Equals(gen.TicketStateCategorySubmitted), `{"field":"state","operator":"=","value":"submitted"}`},
		{Field("custom_attributes.plan").Equals(planName("pro")), `{"field":"custom_attributes.plan","operator":"=","value":"pro"}`},
		{Field("name").Equals(&s), `{"field":"name","operator":"=","value":"via pointer"}`},
		{Field("id").Equals(json.Number("42")), `{"field":"id","operator":"=","value":42}`},
		{Field("id").In("a", "b"), `{"field":"id","operator":"IN","value":["a","b"]}`},
		{Field("id").In([]string{"a", "b"}), `{"field":"id","operator":"IN","value":["a","b"]}`},
		{Field("admin_assignee_id").NotIn([]int{1, 2, 3}), `{"field":"admin_assignee_id","operator":"NIN","value":[1,2,3]}`},
		{Field("x").In("a", 7), `{"field":"x","operator":"IN","value":["a",7]}`},
		{Field("x").In([2]string{"p", "q"}), `{"field":"x","operator":"IN","value":["p","q"]}`},
		{Field("x").In(1), `{"field":"x","operator":"IN","value":[1]}`},
		{Field("x").Compare(gen.SingleFilterSearchRequestOperatorIn, []string{"a"}), `{"field":"x","operator":"IN","value":["a"]}`},
		{Field("x").Compare(gen.SingleFilterSearchRequestOperatorStartsWith, "a"), `{"field":"x","operator":"^","value":"a"}`},
	}
	for _, tc := range tests {
		t.Run(tc.f.String(), func(t *testing.T) {
			req := mustBuild(t, SearchQuery{Filter: tc.f})
			if got := bodyJSON(t, req); got != `{"query":`+tc.want+`}` {
				t.Errorf("body\n got %s\nwant {\"query\":%s}", got, tc.want)
			}
			// The generated reader finds the single filter again.
			v, err := req.Query.Value()
			single, ok := v.(gen.SingleFilterSearchRequest)
			if err != nil || !ok || single.Field == nil || single.Operator == nil || single.Value == nil {
				t.Fatalf("Query.Value: %#v, %v", v, err)
			}
			if *single.Field != tc.f.field || *single.Operator != tc.f.op || !single.Operator.Valid() {
				t.Errorf("read back field %q op %q", *single.Field, *single.Operator)
			}
			if err := tc.f.Validate(); err != nil {
				t.Errorf("Validate: %v", err)
			}
		})
	}
}

func TestSearchBuildGroups(t *testing.T) {
	f1 := Field("role").Equals("user")
	f2 := Field("created_at").GreaterThan(1577836800)
	f3 := Field("email").EndsWith("@example.com")
	f4 := Field("custom_attributes.plan").In("pro", "enterprise")

	t.Run("mixed conditions and a group", func(t *testing.T) {
		q := And(f1, f2, Or(f3, f4))
		req := mustBuild(t, SearchQuery{Filter: q, PerPage: 50})
		want := `{"pagination":{"per_page":50},"query":{"operator":"AND","value":[` +
			`{"field":"role","operator":"=","value":"user"},` +
			`{"field":"created_at","operator":">","value":1577836800},` +
			`{"operator":"OR","value":[{"field":"email","operator":"$","value":"@example.com"},` +
			`{"field":"custom_attributes.plan","operator":"IN","value":["pro","enterprise"]}]}]}}`
		if got := bodyJSON(t, req); got != want {
			t.Errorf("body\n got %s\nwant %s", got, want)
		}
		v, err := req.Query.Value()
		multi, ok := v.(gen.MultipleFilterSearchRequest)
		if err != nil || !ok || multi.Operator == nil || *multi.Operator != gen.MultipleFilterSearchRequestOperatorAND {
			t.Fatalf("Query.Value: %#v, %v", v, err)
		}
		kinds := ""
		for _, m := range multi.Value {
			switch v, err := m.Value(); v.(type) {
			case gen.SingleFilterSearchRequest:
				kinds += "filter "
			case gen.MultipleFilterSearchRequest:
				kinds += "group "
			default:
				t.Errorf("member: %#v, %v", v, err)
			}
		}
		if kinds != "filter filter group " {
			t.Errorf("members read back as %q", kinds)
		}
		if got, want := q.String(), `(role = "user" AND created_at > 1577836800 AND (email $ "@example.com" OR custom_attributes.plan IN ["pro", "enterprise"]))`; got != want {
			t.Errorf("String\n got %s\nwant %s", got, want)
		}
	})
	t.Run("only conditions: the generated single-filter list", func(t *testing.T) {
		req := mustBuild(t, SearchQuery{Filter: Or(f1, f3)})
		multi, err := req.Query.AsMultipleFilterSearchRequest()
		if err != nil {
			t.Fatal(err)
		}
		list := multi.Value
		second, err := list[1].AsSingleFilterSearchRequest()
		if err != nil || len(list) != 2 || *second.Field != "email" {
			t.Errorf("second filter: %+v, %v", second, err)
		}
	})
	t.Run("only groups: (1 OR 2) AND (3 OR 4)", func(t *testing.T) {
		req := mustBuild(t, SearchQuery{Filter: And(Or(f1, f2), Or(f3, f4))})
		multi, err := req.Query.AsMultipleFilterSearchRequest()
		if err != nil {
			t.Fatal(err)
		}
		groups := multi.Value
		second, err := groups[1].AsMultipleFilterSearchRequest()
		if err != nil || len(groups) != 2 || *second.Operator != gen.MultipleFilterSearchRequestOperatorOR {
			t.Errorf("second group: %+v, %v", second, err)
		}
	})
	t.Run("pagination", func(t *testing.T) {
		req := mustBuild(t, SearchQuery{Filter: f1, PerPage: 20, StartingAfter: "WzE2NzAwMDAwMDBd"})
		if req.Pagination == nil || *req.Pagination.PerPage != 20 || *req.Pagination.StartingAfter != "WzE2NzAwMDAwMDBd" {
			t.Errorf("pagination %+v", req.Pagination)
		}
		if req := mustBuild(t, SearchQuery{Filter: f1}); req.Pagination != nil {
			t.Errorf("no pagination asked, got %+v", req.Pagination)
		}
		plain, err := f1.ForConversations()
		if err != nil || plain.Pagination != nil || bodyJSON(t, plain) != `{"query":{"field":"role","operator":"=","value":"user"}}` {
			t.Errorf("Filter.Build: %s, %v", bodyJSON(t, plain), err)
		}
	})
}

func TestSearchLimits(t *testing.T) {
	leaf := Field("name").Equals("x")
	n := func(k int) []Filter {
		out := make([]Filter, k)
		for i := range out {
			out[i] = leaf
		}
		return out
	}
	ok := []Filter{
		And(n(MaxSearchGroupFilters)...),
		Or(n(1)...),
		And(Or(n(MaxSearchGroupFilters)...), Or(leaf, leaf)),
		Or(And(leaf), leaf),
	}
	for _, f := range ok {
		if err := f.Validate(); err != nil {
			t.Errorf("%v: %v", f, err)
		}
	}
	bad := []struct {
		f       Filter
		message string
	}{
		{And(n(MaxSearchGroupFilters + 1)...), "query: AND group has 16 filters; Intercom allows at most 15"},
		{And(leaf, Or(n(16)...)), "query.value[1]: OR group has 16 filters"},
		{And(Or(And(leaf))), "query.value[0].value[0]: AND group nested 3 levels deep; Intercom allows at most 2"},
		{Or(leaf, And(leaf, Or(leaf))), "query.value[1].value[1]: OR group nested 3 levels deep"},
		{And(), "query: empty AND group"},
		{Or(leaf, Or()), "query.value[1]: empty OR group"},
	}
	for _, tc := range bad {
		_, err := tc.f.ForConversations()
		if err == nil || !errors.Is(err, ErrInvalidSearchQuery) || !strings.Contains(err.Error(), tc.message) {
			t.Errorf("%v: error %v, want one containing %q", tc.f, err, tc.message)
		}
	}
}

func TestSearchInvalidConditions(t *testing.T) {
	var nilStr *string
	tests := []struct {
		name    string
		f       Filter
		message string
	}{
		{"zero filter", Filter{}, "query: empty filter"},
		{"zero filter in a group", And(Field("a").Equals(1), Filter{}), "query.value[1]: empty filter"},
		{"empty field", Field("").Equals("x"), "empty field name"},
		{"spaces around field", Field(" email").Equals("x"), "surrounding spaces"},
		{"control character in field", Field("em\nail").Equals("x"), "control characters"},
		{"field not UTF-8", Field("a\xffb").Equals("x"), "not valid UTF-8"},
		{"value not UTF-8", Field("a").Contains("\xff"), "not valid UTF-8"},
		{"unknown operator", Field("a").Compare("LIKE", "x"), `unknown operator "LIKE"`},
		{"~ with a number", Field("a").Compare(gen.SingleFilterSearchRequestOperatorContains, 5), "operator ~ does not accept a value of type integer"},
		{"^ with a bool", Field("a").Compare(gen.SingleFilterSearchRequestOperatorStartsWith, true), "operator ^ does not accept a value of type boolean"},
		{"> with a string", Field("a").GreaterThan("5"), "operator > does not accept a value of type string"},
		{"<= with a bool", Field("a").LessThanOrEqual(true), "operator <= does not accept a value of type boolean"},
		{">= on a date", Field("created_at").GreaterThanOrEqual(time.Unix(1, 0)), "operator >= is not accepted on dates"},
		{"!= on a date", Field("created_at").NotEquals(time.Unix(1, 0)), "operator != is not accepted on dates"},
		{"IN with a scalar", Field("a").Compare(gen.SingleFilterSearchRequestOperatorIn, "x"), "operator IN needs a list of values"},
		{"= with a list", Field("a").Equals([]string{"x"}), "operator = takes a single value, not a list"},
		{"IN with nothing", Field("a").In(), "operator IN needs at least one value"},
		{"IN with an empty slice", Field("a").NotIn([]string{}), "operator NIN needs at least one value"},
		{"IN with a bool", Field("a").In("x", true), "value 1 is a boolean"},
		{"IN with a float", Field("a").In(1.5), "value 0 is a float"},
		{"IN with a date", Field("a").In(time.Unix(1, 0)), "value 0 is a time.Time"},
		{"IN with a nested list", Field("a").In([]string{"x"}, []string{"y"}), "value 0 is a list"},
		{"IN with a nil", Field("a").In("x", nil), "value 1: the value is nil"},
		{"null with >", Field("a").GreaterThan(nil), "operator > does not accept null; null is accepted with = and != (IsNull, IsNotNull)"},
		{"null pointer with <=", Field("a").LessThanOrEqual(nilStr), "operator <= does not accept null"},
		{"null with IN via Compare", Field("a").Compare(gen.SingleFilterSearchRequestOperatorIn, nil), "operator IN does not accept null"},
		{"struct", Field("a").Equals(struct{}{}), "unsupported value type struct {}"},
		{"map", Field("a").Equals(map[string]int{}), "unsupported value type map[string]int"},
		{"bytes", Field("a").Equals([]byte("x")), "[]uint8 is not a search value; convert it to a string"},
		{"NaN", Field("a").GreaterThan(math.NaN()), "NaN is not a number"},
		{"infinity", Field("a").LessThan(math.Inf(1)), "+Inf is not a number"},
		{"huge unsigned", Field("a").Equals(uint64(math.MaxUint64)), "out of range"},
		{"zero time", Field("created_at").GreaterThan(time.Time{}), "the time.Time is zero"},
		{"bad json.Number", Field("a").Equals(json.Number("12abc")), "is not a number"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := SearchQuery{Filter: tc.f, PerPage: 10}.ForConversations()
			if err == nil {
				t.Fatalf("accepted: %s", bodyJSON(t, req))
			}
			if !errors.Is(err, ErrInvalidSearchQuery) || !strings.Contains(err.Error(), tc.message) {
				t.Errorf("error %q, want one wrapping ErrInvalidSearchQuery containing %q", err, tc.message)
			}
			if req.Pagination != nil {
				t.Error("a failed Build returned a partial request")
			}
			if err := tc.f.Validate(); err == nil {
				t.Error("Validate accepted it")
			}
			_ = tc.f.String() // never panics on an invalid filter
		})
	}
	if _, err := (SearchQuery{Filter: Field("a").Equals(1), PerPage: -1}).ForConversations(); !errors.Is(err, ErrInvalidSearchQuery) {
		t.Errorf("negative PerPage: %v", err)
	}
}

func TestSearchFiltersAreValues(t *testing.T) {
	ids := []string{"a", "b"}
	in := Field("id").In(ids)
	members := []Filter{Field("x").Equals(1), in}
	group := And(members...)
	s := "before"
	eq := Field("name").Equals(&s)

	ids[0] = "changed"
	members[0] = Field("y").Equals(2)
	s = "after"

	if got := group.String(); got != `(x = 1 AND id IN ["a", "b"])` {
		t.Errorf("group changed with the caller's slices: %s", got)
	}
	if got := eq.String(); got != `name = "before"` {
		t.Errorf("condition changed with the caller's variable: %s", got)
	}
}

func TestSearchStringOfInvalidFilters(t *testing.T) {
	if got := (Filter{}).String(); got != "<empty filter>" {
		t.Errorf("zero filter: %s", got)
	}
	if got := Field("a").Equals(nil).String(); got != "a = null" {
		t.Errorf("nil value: %s", got)
	}
	if got := Field("a").GreaterThan(struct{}{}).String(); got != "a > <invalid value>" {
		t.Errorf("invalid value: %s", got)
	}
	if got := Field("f").Equals(1.25).String(); got != "f = 1.25" {
		t.Errorf("float: %s", got)
	}
	if got := Field("f").Equals(true).String(); got != "f = true" {
		t.Errorf("bool: %s", got)
	}
}

// FuzzSearchFieldName: no field name makes Build panic, and a name Build
// accepts is sent unchanged.
func FuzzSearchFieldName(f *testing.F) {
	for _, s := range []string{"email", "", " x", "custom_attributes.plan", "a\x00b", "ünïcode", "\u2028", "\xf4"} {
		f.Add(s, "v")
	}
	f.Add("name", "\xf4")
	f.Fuzz(func(t *testing.T, field, value string) {
		req, err := And(Field(field).Equals(value), Field(field).Contains(value)).ForConversations()
		if err != nil {
			if !errors.Is(err, ErrInvalidSearchQuery) {
				t.Fatalf("error without ErrInvalidSearchQuery: %v", err)
			}
			return
		}
		multi, err := req.Query.AsMultipleFilterSearchRequest()
		if err != nil {
			t.Fatal(err)
		}
		list := multi.Value
		first, err := list[0].AsSingleFilterSearchRequest()
		if err != nil || len(list) != 2 || *first.Field != field {
			t.Fatalf("read back %+v, %v", first, err)
		}
		second, err := list[1].AsSingleFilterSearchRequest()
		if err != nil {
			t.Fatal(err)
		}
		got, ok := second.Value.AsString()
		if !ok || got != value {
			t.Fatalf("value read back %q, %v; want %q", got, ok, value)
		}
	})
}

func TestSearchNull(t *testing.T) {
	var nilStr *string
	var nilNil **string = new(*string)
	for _, tc := range []struct {
		name string
		f    Filter
		want string
	}{
		{"IsNull", Field("admin_assignee_id").IsNull(), `{"query":{"field":"admin_assignee_id","operator":"=","value":null}}`},
		{"IsNotNull", Field("admin_assignee_id").IsNotNull(), `{"query":{"field":"admin_assignee_id","operator":"!=","value":null}}`},
		{"Equals(nil)", Field("team_assignee_id").Equals(nil), `{"query":{"field":"team_assignee_id","operator":"=","value":null}}`},
		{"NotEquals(nil pointer)", Field("email").NotEquals(nilStr), `{"query":{"field":"email","operator":"!=","value":null}}`},
		{"Equals(pointer to nil pointer)", Field("email").Equals(nilNil), `{"query":{"field":"email","operator":"=","value":null}}`},
		{"in a group", And(Field("state").Equals("open"), Field("admin_assignee_id").IsNull()),
			`{"query":{"operator":"AND","value":[{"field":"state","operator":"=","value":"open"},{"field":"admin_assignee_id","operator":"=","value":null}]}}`},
	} {
		req, err := tc.f.ForConversations()
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got := bodyJSON(t, req); got != tc.want {
			t.Errorf("%s:\n got  %s\n want %s", tc.name, got, tc.want)
		}
	}
	if got := Field("x").IsNotNull().String(); got != "x != null" {
		t.Errorf("String = %s", got)
	}
}

// TestOneSearchBuilderShape proves issue 23 item 2's "one search builder
// shape for every searchable resource": every service whose Search method
// takes a body of the query language (a SearchRequest, or a type built from
// one such as ContactSearchRequest: a struct with a Query field of the same
// union type) has a builder SearchQuery.For<Service> and Filter.For<Service>
// returning exactly that body and an error. The old Build / BuildContacts
// remain, deprecated, and build the same bodies.
func TestOneSearchBuilderShape(t *testing.T) {
	qf, ok := reflect.TypeFor[SearchRequest]().FieldByName("Query")
	if !ok {
		t.Fatal("SearchRequest has no Query field")
	}
	queryType := qf.Type
	svcs := reflect.TypeFor[Services]()
	errType := reflect.TypeFor[error]()
	found := 0
	for i := range svcs.NumField() {
		svc := svcs.Field(i)
		m, ok := svc.Type.MethodByName("Search")
		if !ok {
			continue
		}
		body := m.Type.In(2) // receiver, ctx, body
		if body.Kind() != reflect.Struct {
			continue // params (articles, content): no query language
		}
		if q, ok := body.FieldByName("Query"); !ok || q.Type != queryType {
			continue
		}
		found++
		for _, on := range []reflect.Type{reflect.TypeFor[SearchQuery](), reflect.TypeFor[Filter]()} {
			b, ok := on.MethodByName("For" + svc.Name)
			if !ok {
				t.Errorf("%s.Search takes %s but %s has no For%s", svc.Name, body, on.Name(), svc.Name)
				continue
			}
			if b.Type.NumIn() != 1 || b.Type.NumOut() != 2 || b.Type.Out(0) != body || b.Type.Out(1) != errType {
				t.Errorf("%s.For%s is %s, want func() (%s, error)", on.Name(), svc.Name, b.Type, body)
			}
		}
	}
	if found < 3 {
		t.Fatalf("only %d services search with the query language: the walk is broken", found)
	}

	q := SearchQuery{Filter: Field("state").Equals("open"), PerPage: 5}
	conv, err1 := q.ForConversations()
	old, err2 := q.Build()
	contacts, err3 := q.ForContacts()
	oldContacts, err4 := q.BuildContacts()
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		t.Fatal(err)
	}
	js := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if js(conv) != js(old) || js(contacts) != js(oldContacts) || js(conv) != js(contacts) {
		t.Errorf("the deprecated builders differ: %s / %s, %s / %s", js(conv), js(old), js(contacts), js(oldContacts))
	}
}
