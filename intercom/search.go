package intercom

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom/types"
)

// This file is a typed builder for the query language of the search
// endpoints (POST /contacts/search, /conversations/search, /tickets/search):
//
//	req, err := intercom.SearchQuery{
//		Filter: intercom.And(
//			intercom.Field("role").Equals("user"),
//			intercom.Or(
//				intercom.Field("email").EndsWith("@example.com"),
//				intercom.Field("custom_attributes.plan").In("pro", "enterprise"),
//			),
//		),
//		PerPage: 50,
//	}.ForContacts()
//
// One shape for every searchable resource: For<Resource> (ForContacts,
// ForConversations, ForTickets) returns the body that resource's Search and
// SearchAll take, on a [SearchQuery] or, without pagination, a [Filter].
// They check, before anything is sent, the limits Intercom documents for
// these endpoints (API reference, "Search contacts" > "Nesting &
// Limitations", https://developers.intercom.com/docs/references/2.7/rest-api/api.intercom.io/Contacts/SearchContacts/,
// and the same text in the pinned 2.15 description for contacts,
// conversations and tickets search):
//   - "There's a limit of max 2 nested filters": at most MaxSearchNesting
//     levels of AND/OR groups, e.g. (1 OR 2) AND (3 OR 4);
//   - "There's a limit of max 15 filters for each AND or OR group":
//     at most MaxSearchGroupFilters members per group;
// plus that every field is named, every operator is known, and the value's
// kind suits the operator.

// Limits of the search query language, from Intercom's API reference (see
// [SearchQuery]).
const (
	// MaxSearchNesting is how many levels of AND/OR groups a query may have:
	// a group may contain groups, but those may contain only conditions.
	MaxSearchNesting = 2
	// MaxSearchGroupFilters is how many members (conditions or groups) one
	// AND or OR group may have.
	MaxSearchGroupFilters = 15
)

// ErrInvalidSearchQuery is wrapped by the error the search builders
// ([SearchQuery.ForContacts], ForConversations, ForTickets, and those of
// [Filter], and [Filter.Validate]) return for a query the API would reject;
// the message says which part of the query is wrong and why.
var ErrInvalidSearchQuery = errors.New("intercom: invalid search query")

// SearchField is the field a search condition tests, such as "email",
// "created_at" or "custom_attributes.plan". Make one with [Field] and turn it
// into a [Filter] with one of its operator methods.
type SearchField struct {
	name string
}

// Field starts a search condition on the named field. Which fields exist
// depends on the endpoint (contacts, conversations or tickets); see
// Intercom's API reference. Nested fields use dots: "source.author.email",
// "custom_attributes.plan".
func Field(name string) SearchField { return SearchField{name: name} }

// Filter is one node of a search query: a condition on a field (from
// [Field]), or an AND/OR group of filters (from [And], [Or]). Filters are
// values; combining them never changes them. The zero Filter is invalid.
//
// Values are checked when the query is built. Accepted kinds:
//   - strings, including named string types such as the generated enums;
//   - integers of any size, sent as JSON integers;
//   - floats (not NaN or infinite), for float custom attributes;
//   - booleans;
//   - time.Time, sent as Unix seconds. Intercom matches dates by calendar
//     day in the workspace's time zone and accepts only =, > and < on them;
//   - for In and NotIn, strings and integers, given as arguments or as one
//     slice.
//
// A non-nil pointer counts as the value it points to. nil (or a nil pointer)
// is JSON null, which Intercom accepts with = and != to find a field that is
// unset or set: Equals(nil) is [SearchField.IsNull], NotEquals(nil)
// [SearchField.IsNotNull]; other operators refuse it, and so do the lists of
// In and NotIn.
// Values are copied when the filter is made: changing the caller's variable
// or slice afterwards does not change the filter.
type Filter struct {
	field  string
	op     gen.SingleFilterSearchRequestOperator
	val    searchValue
	valErr error // why the value cannot be sent, reported by the builders

	group    gen.MultipleFilterSearchRequestOperator // "AND" or "OR" for a group
	children []Filter
}

func (f SearchField) cond(op gen.SingleFilterSearchRequestOperator, v any) Filter {
	if isNilValue(v) {
		return Filter{field: f.name, op: op, val: searchValue{kind: kindNull}}
	}
	sv, err := normalizeValue(v)
	return Filter{field: f.name, op: op, val: sv, valErr: err}
}

func (f SearchField) listCond(op gen.SingleFilterSearchRequestOperator, values []any) Filter {
	flt := Filter{field: f.name, op: op, val: searchValue{kind: kindList}}
	for i, v := range flattenList(values) {
		item, err := normalizeValue(v)
		if err != nil {
			flt.valErr = fmt.Errorf("value %d: %w", i, err)
			return flt
		}
		flt.val.list = append(flt.val.list, item)
	}
	return flt
}

// Equals matches when the field equals v (operator "=").
func (f SearchField) Equals(v any) Filter {
	return f.cond(gen.SingleFilterSearchRequestOperatorEquals, v)
}

// IsNull matches when the field is unset (operator "=" with the value null),
// e.g. Field("admin_assignee_id").IsNull() for unassigned conversations. It is
// Equals(nil).
func (f SearchField) IsNull() Filter {
	return f.cond(gen.SingleFilterSearchRequestOperatorEquals, nil)
}

// IsNotNull matches when the field is set (operator "!=" with the value null).
// It is NotEquals(nil).
func (f SearchField) IsNotNull() Filter {
	return f.cond(gen.SingleFilterSearchRequestOperatorNotEquals, nil)
}

// NotEquals matches when the field does not equal v (operator "!="). It is not
// accepted on date fields.
func (f SearchField) NotEquals(v any) Filter {
	return f.cond(gen.SingleFilterSearchRequestOperatorNotEquals, v)
}

// GreaterThan matches when the field is greater than v (operator ">"), a
// number or a time.Time.
func (f SearchField) GreaterThan(v any) Filter {
	return f.cond(gen.SingleFilterSearchRequestOperatorGreaterThan, v)
}

// GreaterThanOrEqual matches when the field is at least v (operator ">="), a
// number. It is not accepted on date fields.
func (f SearchField) GreaterThanOrEqual(v any) Filter {
	return f.cond(gen.SingleFilterSearchRequestOperatorGreaterThanOrEqual, v)
}

// LessThan matches when the field is less than v (operator "<"), a number or
// a time.Time.
func (f SearchField) LessThan(v any) Filter {
	return f.cond(gen.SingleFilterSearchRequestOperatorLessThan, v)
}

// LessThanOrEqual matches when the field is at most v (operator "<="), a
// number. It is not accepted on date fields.
func (f SearchField) LessThanOrEqual(v any) Filter {
	return f.cond(gen.SingleFilterSearchRequestOperatorLessThanOrEqual, v)
}

// In matches when the field equals one of values (operator "IN"): strings or
// integers, given as arguments, In("a", "b"), or as a single slice, In(ids).
// At least one value is needed.
func (f SearchField) In(values ...any) Filter {
	return f.listCond(gen.SingleFilterSearchRequestOperatorIn, values)
}

// NotIn matches when the field equals none of values (operator "NIN"); values
// are given as for [SearchField.In].
func (f SearchField) NotIn(values ...any) Filter {
	return f.listCond(gen.SingleFilterSearchRequestOperatorNotIn, values)
}

// Contains matches when the string field contains s (operator "~").
func (f SearchField) Contains(s string) Filter {
	return f.cond(gen.SingleFilterSearchRequestOperatorContains, s)
}

// NotContains matches when the string field does not contain s (operator "!~").
func (f SearchField) NotContains(s string) Filter {
	return f.cond(gen.SingleFilterSearchRequestOperatorNotContains, s)
}

// StartsWith matches when the string field starts with s (operator "^").
func (f SearchField) StartsWith(s string) Filter {
	return f.cond(gen.SingleFilterSearchRequestOperatorStartsWith, s)
}

// EndsWith matches when the string field ends with s (operator "$").
func (f SearchField) EndsWith(s string) Filter {
	return f.cond(gen.SingleFilterSearchRequestOperatorEndsWith, s)
}

// Compare is the condition "field op v" for any operator constant of the
// generated package (gen.SingleFilterSearchRequestOperator...). For IN and
// NIN, v is a slice. The operator and value are checked like those of the
// named methods.
func (f SearchField) Compare(op SingleFilterSearchRequestOperator, v any) Filter {
	if sv, err := normalizeValue(v); err == nil && sv.kind == kindList {
		return f.listCond(op, []any{v})
	}
	return f.cond(op, v)
}

// And matches when every one of filters matches. A group has 1 to
// [MaxSearchGroupFilters] members and groups nest at most [MaxSearchNesting]
// levels deep.
func And(filters ...Filter) Filter {
	return Filter{group: gen.MultipleFilterSearchRequestOperatorAND, children: append([]Filter(nil), filters...)}
}

// Or matches when at least one of filters matches; see [And] for the limits.
func Or(filters ...Filter) Filter {
	return Filter{group: gen.MultipleFilterSearchRequestOperatorOR, children: append([]Filter(nil), filters...)}
}

// Validate reports whether the filter is a query the API accepts, as far as
// can be told without knowing the fields' types; see [SearchQuery.ForContacts].
func (f Filter) Validate() error {
	_, err := f.node("query", 0)
	return err
}

// Build returns the search request body for the filter, without pagination.
//
// Deprecated: use the builder named after the resource searched:
// [Filter.ForConversations] or [Filter.ForTickets] (the same body), or
// [Filter.ForContacts].
func (f Filter) Build() (SearchRequest, error) {
	return SearchQuery{Filter: f}.build()
}

// String returns the filter in a readable form, for logs and tests, e.g.
// (role = "user" AND (email $ "@example.com" OR plan IN ["pro", 3])).
// It is not sent anywhere.
func (f Filter) String() string {
	var b strings.Builder
	f.format(&b)
	return b.String()
}

func (f Filter) format(b *strings.Builder) {
	switch {
	case f.group != "":
		b.WriteByte('(')
		for i, c := range f.children {
			if i > 0 {
				b.WriteString(" " + string(f.group) + " ")
			}
			c.format(b)
		}
		b.WriteByte(')')
	case f.op == "" && f.field == "":
		b.WriteString("<empty filter>")
	default:
		b.WriteString(f.field)
		b.WriteString(" " + string(f.op) + " ")
		if f.valErr != nil {
			b.WriteString("<invalid value>")
			return
		}
		f.val.format(b)
	}
}

func (v searchValue) format(b *strings.Builder) {
	switch v.kind {
	case kindNull:
		b.WriteString("null")
	case kindString:
		b.WriteString(strconv.Quote(v.s))
	case kindFloat:
		b.WriteString(strconv.FormatFloat(v.f, 'g', -1, 64))
	case kindBool:
		b.WriteString(strconv.FormatBool(v.b))
	case kindList:
		b.WriteByte('[')
		for i, item := range v.list {
			if i > 0 {
				b.WriteString(", ")
			}
			item.format(b)
		}
		b.WriteByte(']')
	default:
		b.WriteString(strconv.Itoa(v.i))
	}
}

// SearchQuery is a search request: a [Filter] and optional pagination.
// ForContacts, ForConversations and ForTickets turn it into the body the
// Search and SearchAll methods of that service take.
type SearchQuery struct {
	// Filter is the query: a condition or an AND/OR group.
	Filter Filter
	// PerPage is the page size; 0 leaves the API's default.
	PerPage int
	// StartingAfter is the cursor of the page to continue after
	// (pages.next.starting_after of a previous response); "" starts at the
	// first page. Iterators set it themselves.
	StartingAfter string
}

// Build returns the request body of a conversation or ticket search.
//
// Deprecated: use the builder named after the resource searched:
// [SearchQuery.ForConversations] or [SearchQuery.ForTickets] (the same
// body), or [SearchQuery.ForContacts].
func (q SearchQuery) Build() (SearchRequest, error) { return q.build() }

// ForConversations checks the query and returns the body of
// [ConversationsService.Search] and SearchAll (POST /conversations/search).
// See [SearchQuery.ForContacts] for the checks.
func (q SearchQuery) ForConversations() (SearchRequest, error) { return q.build() }

// ForTickets checks the query and returns the body of [TicketsService.Search]
// and SearchAll (POST /tickets/search). See [SearchQuery.ForContacts] for the
// checks.
func (q SearchQuery) ForTickets() (SearchRequest, error) { return q.build() }

// build checks the query against the API's documented rules and returns the
// request body. The checks (errors wrap [ErrInvalidSearchQuery] and name the
// offending part):
//   - every condition names a field (not empty, no surrounding spaces or
//     control characters) and uses a known operator;
//   - the value suits the operator: ~ !~ ^ $ need a string; > < >= <= a number
//     (> and < also a time.Time); IN and NIN a non-empty list of strings and
//     integers; time.Time only with =, > and <, the operators Intercom
//     accepts on dates;
//   - every AND/OR group has 1 to [MaxSearchGroupFilters] members, and groups
//     nest at most [MaxSearchNesting] levels deep;
//   - PerPage is not negative.
//
// Which fields exist and which operators a field accepts depend on the
// endpoint (tag_id, for instance, accepts only = and !=); the API reports
// those errors itself.
func (q SearchQuery) build() (SearchRequest, error) {
	var req gen.SearchRequest
	if q.PerPage < 0 {
		return req, fmt.Errorf("%w: PerPage %d is negative", ErrInvalidSearchQuery, q.PerPage)
	}
	node, err := q.Filter.node("query", 0)
	if err != nil {
		return req, err
	}
	if err := setUnion(&req.Query, node); err != nil {
		return req, fmt.Errorf("%w: %w", ErrInvalidSearchQuery, err)
	}
	if q.PerPage > 0 || q.StartingAfter != "" {
		req.Pagination = &gen.StartingAfterPaging{}
		if q.PerPage > 0 {
			req.Pagination.PerPage = Ptr(q.PerPage)
		}
		if q.StartingAfter != "" {
			req.Pagination.StartingAfter = Ptr(q.StartingAfter)
		}
	}
	return req, nil
}

// node checks f, found at path inside depth enclosing groups, and returns the
// generated value for it: a gen.SingleFilterSearchRequest or a
// gen.MultipleFilterSearchRequest.
func (f Filter) node(path string, depth int) (any, error) {
	if f.group != "" {
		return f.groupNode(path, depth)
	}
	if f.op == "" && f.field == "" {
		return nil, fmt.Errorf("%w: %s: empty filter; make one with Field(...), And or Or", ErrInvalidSearchQuery, path)
	}
	if err := checkFieldName(f.field); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrInvalidSearchQuery, path, err)
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s: field %q: %s", ErrInvalidSearchQuery, path, f.field, fmt.Sprintf(format, args...))
	}
	if !f.op.Valid() {
		return nil, fail("unknown operator %q", truncate(string(f.op), 16))
	}
	if f.valErr != nil {
		return nil, fail("%v", f.valErr)
	}
	sv := f.val
	if err := checkOperator(f.op, sv.kind); err != nil {
		return nil, fail("%v", err)
	}
	if sv.kind == kindList {
		if len(sv.list) == 0 {
			return nil, fail("operator %s needs at least one value", f.op)
		}
		for i, item := range sv.list {
			if item.kind != kindString && item.kind != kindInt {
				return nil, fail("operator %s takes strings and integers; value %d is a %s", f.op, i, item.kind)
			}
		}
	}
	var val types.AttributeValue
	if err := setUnion(&val, sv.json()); err != nil {
		return nil, fail("%v", err)
	}
	field, op := f.field, f.op
	return gen.SingleFilterSearchRequest{Field: &field, Operator: &op, Value: &val}, nil
}

func (f Filter) groupNode(path string, depth int) (any, error) {
	depth++
	switch {
	case depth > MaxSearchNesting:
		return nil, fmt.Errorf("%w: %s: %s group nested %d levels deep; Intercom allows at most %d levels of AND/OR groups",
			ErrInvalidSearchQuery, path, f.group, depth, MaxSearchNesting)
	case len(f.children) == 0:
		return nil, fmt.Errorf("%w: %s: empty %s group", ErrInvalidSearchQuery, path, f.group)
	case len(f.children) > MaxSearchGroupFilters:
		return nil, fmt.Errorf("%w: %s: %s group has %d filters; Intercom allows at most %d per AND or OR group",
			ErrInvalidSearchQuery, path, f.group, len(f.children), MaxSearchGroupFilters)
	}
	members := make([]gen.SearchQuery, len(f.children))
	for i, c := range f.children {
		m, err := c.node(fmt.Sprintf("%s.value[%d]", path, i), depth)
		if err != nil {
			return nil, err
		}
		if err := setUnion(&members[i], m); err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrInvalidSearchQuery, path, err)
		}
	}
	op := f.group
	return gen.MultipleFilterSearchRequest{Operator: &op, Value: members}, nil
}

func checkFieldName(name string) error {
	switch {
	case name == "":
		return errors.New("empty field name")
	case strings.TrimSpace(name) != name:
		return fmt.Errorf("field name %q has surrounding spaces", truncate(name, 64))
	case !utf8.ValidString(name):
		return fmt.Errorf("field name %q is not valid UTF-8", truncate(name, 64))
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return fmt.Errorf("field name %q contains control characters", truncate(name, 64))
	}
	return nil
}

// checkOperator reports whether op accepts a value of kind k.
func checkOperator(op gen.SingleFilterSearchRequestOperator, k valueKind) error {
	var ok bool
	switch op {
	case gen.SingleFilterSearchRequestOperatorEquals:
		ok = k != kindList
	case gen.SingleFilterSearchRequestOperatorNotEquals:
		ok = k == kindString || k == kindInt || k == kindFloat || k == kindBool || k == kindNull
	case gen.SingleFilterSearchRequestOperatorGreaterThan, gen.SingleFilterSearchRequestOperatorLessThan:
		ok = k == kindInt || k == kindFloat || k == kindTime
	case gen.SingleFilterSearchRequestOperatorGreaterThanOrEqual, gen.SingleFilterSearchRequestOperatorLessThanOrEqual:
		ok = k == kindInt || k == kindFloat
	case gen.SingleFilterSearchRequestOperatorContains, gen.SingleFilterSearchRequestOperatorNotContains,
		gen.SingleFilterSearchRequestOperatorStartsWith, gen.SingleFilterSearchRequestOperatorEndsWith:
		ok = k == kindString
	case gen.SingleFilterSearchRequestOperatorIn, gen.SingleFilterSearchRequestOperatorNotIn:
		ok = k == kindList
	}
	if ok {
		return nil
	}
	switch {
	case k == kindNull:
		return fmt.Errorf("operator %s does not accept null; null is accepted with = and != (IsNull, IsNotNull)", op)
	case k == kindTime:
		return fmt.Errorf("operator %s is not accepted on dates (time.Time); Intercom accepts only =, > and < on date fields", op)
	case k == kindList:
		return fmt.Errorf("operator %s takes a single value, not a list; use In or NotIn for a list", op)
	case op == gen.SingleFilterSearchRequestOperatorIn || op == gen.SingleFilterSearchRequestOperatorNotIn:
		return fmt.Errorf("operator %s needs a list of values", op)
	}
	return fmt.Errorf("operator %s does not accept a value of type %s", op, k)
}

// valueKind classifies a search value.
type valueKind uint8

const (
	kindInvalid valueKind = iota
	kindString
	kindInt
	kindFloat
	kindBool
	kindTime
	kindList
	kindNull
)

func (k valueKind) String() string {
	return [...]string{"invalid", "string", "integer", "float", "boolean", "time.Time", "list", "null"}[k]
}

// searchValue is a value normalized to what is sent.
type searchValue struct {
	kind valueKind
	s    string
	i    int // integers, and time.Time as Unix seconds
	f    float64
	b    bool
	list []searchValue
}

// json returns the value as it is marshalled into the request.
func (v searchValue) json() any {
	switch v.kind {
	case kindString:
		return v.s
	case kindFloat:
		return v.f
	case kindBool:
		return v.b
	case kindList:
		out := make([]any, len(v.list))
		for i, item := range v.list {
			out[i] = item.json()
		}
		return out
	case kindNull:
		return nil
	}
	return v.i
}

// isNilValue reports whether v is nil or a nil pointer (to a pointer ...).
func isNilValue(v any) bool {
	rv := reflect.ValueOf(v)
	for {
		if !rv.IsValid() {
			return true
		}
		if rv.Kind() != reflect.Pointer && rv.Kind() != reflect.Interface {
			return false
		}
		if rv.IsNil() {
			return true
		}
		rv = rv.Elem()
	}
}

var timeType = reflect.TypeFor[time.Time]()

// normalizeValue converts a caller's value to a searchValue.
func normalizeValue(v any) (searchValue, error) {
	if n, ok := v.(json.Number); ok {
		if i, err := strconv.ParseInt(string(n), 10, 0); err == nil {
			return searchValue{kind: kindInt, i: int(i)}, nil
		}
		f, err := n.Float64()
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return searchValue{}, fmt.Errorf("json.Number %q is not a number", truncate(string(n), 32))
		}
		return searchValue{kind: kindFloat, f: f}, nil
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			return searchValue{}, errors.New("the value is nil")
		}
		rv = rv.Elem()
	}
	if !rv.IsValid() {
		return searchValue{}, errors.New("the value is nil")
	}
	if rv.Type() == timeType {
		t := rv.Interface().(time.Time)
		if t.IsZero() {
			return searchValue{}, errors.New("the time.Time is zero")
		}
		u := t.Unix()
		if int64(int(u)) != u {
			return searchValue{}, fmt.Errorf("time %v is out of range", t)
		}
		return searchValue{kind: kindTime, i: int(u)}, nil
	}
	switch rv.Kind() {
	case reflect.String:
		if !utf8.ValidString(rv.String()) {
			// JSON would silently turn the bad bytes into U+FFFD.
			return searchValue{}, fmt.Errorf("string %q is not valid UTF-8", truncate(rv.String(), 64))
		}
		return searchValue{kind: kindString, s: rv.String()}, nil
	case reflect.Bool:
		return searchValue{kind: kindBool, b: rv.Bool()}, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n := rv.Int()
		if int64(int(n)) != n {
			return searchValue{}, fmt.Errorf("integer %d is out of range", n)
		}
		return searchValue{kind: kindInt, i: int(n)}, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		n := rv.Uint()
		if n > math.MaxInt {
			return searchValue{}, fmt.Errorf("integer %d is out of range", n)
		}
		return searchValue{kind: kindInt, i: int(n)}, nil
	case reflect.Float32, reflect.Float64:
		f := rv.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return searchValue{}, fmt.Errorf("%v is not a number the API accepts", f)
		}
		return searchValue{kind: kindFloat, f: f}, nil
	case reflect.Slice, reflect.Array:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			return searchValue{}, fmt.Errorf("%s is not a search value; convert it to a string", rv.Type())
		}
		sv := searchValue{kind: kindList, list: make([]searchValue, 0, rv.Len())}
		for i := range rv.Len() {
			item, err := normalizeValue(rv.Index(i).Interface())
			if err != nil {
				return searchValue{}, fmt.Errorf("value %d: %w", i, err)
			}
			sv.list = append(sv.list, item)
		}
		return sv, nil
	}
	return searchValue{}, fmt.Errorf("unsupported value type %s", rv.Type())
}

// flattenList expands the arguments of In/NotIn: a single slice or array
// argument stands for its elements.
func flattenList(values []any) []any {
	if len(values) != 1 {
		return values
	}
	rv := reflect.ValueOf(values[0])
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if (rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array) || rv.Type().Elem().Kind() == reflect.Uint8 {
		return values
	}
	out := make([]any, rv.Len())
	for i := range out {
		out[i] = rv.Index(i).Interface()
	}
	return out
}

// setUnion stores v, marshalled to JSON, as the content of a generated union
// (the same bytes its From... methods would store, but also for the mixed
// lists of conditions and groups the generated variants cannot hold). HTML
// characters are not escaped, so "<" and ">" read as such in logs.
func setUnion(u json.Unmarshaler, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	return u.UnmarshalJSON(bytes.TrimRight(buf.Bytes(), "\n"))
}

// ForContacts checks the query and returns the body of
// [ContactsService.Search] and SearchAll (POST /contacts/search), whose type
// is its own since API 2.16 ([ContactSearchRequest]: the same query and
// pagination, and an optional Sort you may set on the result). The checks
// (errors wrap [ErrInvalidSearchQuery] and name the offending part):
//   - every condition names a field (not empty, no surrounding spaces or
//     control characters) and uses a known operator;
//   - the value suits the operator: ~ !~ ^ $ need a string; > < >= <= a number
//     (> and < also a time.Time); IN and NIN a non-empty list of strings and
//     integers; time.Time only with =, > and <, the operators Intercom
//     accepts on dates;
//   - every AND/OR group has 1 to [MaxSearchGroupFilters] members, and groups
//     nest at most [MaxSearchNesting] levels deep;
//   - PerPage is not negative.
//
// Which fields exist and which operators a field accepts depend on the
// endpoint (tag_id, for instance, accepts only = and !=); the API reports
// those errors itself.
func (q SearchQuery) ForContacts() (ContactSearchRequest, error) {
	req, err := q.build()
	if err != nil {
		return ContactSearchRequest{}, err
	}
	return ContactSearchRequest{Query: req.Query, Pagination: req.Pagination}, nil
}

// BuildContacts returns the body of a contact search.
//
// Deprecated: use [SearchQuery.ForContacts] (the same).
func (q SearchQuery) BuildContacts() (ContactSearchRequest, error) { return q.ForContacts() }

// ForContacts returns the body of a contact search for the filter, without
// pagination: SearchQuery{Filter: f}.ForContacts().
func (f Filter) ForContacts() (ContactSearchRequest, error) {
	return SearchQuery{Filter: f}.ForContacts()
}

// ForConversations returns the body of a conversation search for the
// filter, without pagination: SearchQuery{Filter: f}.ForConversations().
func (f Filter) ForConversations() (SearchRequest, error) {
	return SearchQuery{Filter: f}.build()
}

// ForTickets returns the body of a ticket search for the filter, without
// pagination: SearchQuery{Filter: f}.ForTickets().
func (f Filter) ForTickets() (SearchRequest, error) {
	return SearchQuery{Filter: f}.build()
}

// BuildContacts returns the body of a contact search for the filter.
//
// Deprecated: use [Filter.ForContacts] (the same).
func (f Filter) BuildContacts() (ContactSearchRequest, error) { return f.ForContacts() }
