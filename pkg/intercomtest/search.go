package intercomtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// filter is a parsed search query: a single condition (field, op, value) or
// an AND/OR group of filters.
type filter struct {
	field string
	op    string
	value any
	group []filter // for AND / OR
}

// Intercom's limits on a search query: "a limit of max 2 nested filters"
// (a group may hold groups, which hold only conditions) and "max 15 filters
// for each AND or OR group".
const (
	maxGroupNesting = 2
	maxGroupFilters = 15
)

var singleOps = map[string]bool{
	"=": true, "!=": true, "IN": true, "NIN": true, "<": true, "<=": true, ">": true, ">=": true,
	"~": true, "!~": true, "^": true, "$": true,
}

// parseQuery parses the query of a search body.
func parseQuery(raw json.RawMessage, depth int) (filter, error) {
	var q struct {
		Field    *string         `json:"field"`
		Operator *string         `json:"operator"`
		Value    json.RawMessage `json:"value"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&q); err != nil {
		return filter{}, errors.New("query must be an object with field, operator and value")
	}
	op := strings.ToUpper(strings.TrimSpace(val(q.Operator)))
	if op == "" {
		return filter{}, errors.New("query operator is required")
	}
	if op == "AND" || op == "OR" {
		if q.Field != nil {
			return filter{}, fmt.Errorf("an %s query has no field", op)
		}
		if depth >= maxGroupNesting {
			return filter{}, fmt.Errorf("AND and OR groups nest at most %d levels deep (a limit of max %d nested filters)", maxGroupNesting, maxGroupNesting)
		}
		var items []json.RawMessage
		if err := json.Unmarshal(q.Value, &items); err != nil || len(items) == 0 {
			return filter{}, fmt.Errorf("the value of an %s query must be a non-empty array of queries", op)
		}
		if len(items) > maxGroupFilters {
			return filter{}, fmt.Errorf("an %s group holds %d filters; the limit is %d filters for each AND or OR group", op, len(items), maxGroupFilters)
		}
		f := filter{op: op}
		for _, it := range items {
			sub, err := parseQuery(it, depth+1)
			if err != nil {
				return filter{}, err
			}
			f.group = append(f.group, sub)
		}
		return f, nil
	}
	if !singleOps[op] {
		return filter{}, fmt.Errorf("operator %q is not one of =, !=, IN, NIN, <, <=, >, >=, ~, !~, ^, $, AND, OR", val(q.Operator))
	}
	if strings.TrimSpace(val(q.Field)) == "" {
		return filter{}, fmt.Errorf("query field is required for operator %s", op)
	}
	var v any
	if len(q.Value) > 0 {
		if err := json.Unmarshal(q.Value, &v); err != nil {
			return filter{}, fmt.Errorf("query value: %v", err)
		}
	}
	switch op {
	case "IN", "NIN":
		if _, ok := v.([]any); !ok {
			return filter{}, fmt.Errorf("the value of %s must be an array", op)
		}
	case "<", "<=", ">", ">=":
		if _, ok := number(v); !ok {
			return filter{}, fmt.Errorf("the value of %s must be a number", op)
		}
	case "~", "!~", "^", "$":
		if _, ok := v.(string); !ok {
			return filter{}, fmt.Errorf("the value of %s must be a string", op)
		}
	}
	return filter{field: strings.TrimSpace(*q.Field), op: op, value: v}, nil
}

// searchBody parses a search request body: its query and its pagination.
func (c *call) searchBody(defPer int) (q filter, per int, after string, res result, good bool) {
	var in struct {
		Query      json.RawMessage `json:"query"`
		Pagination *struct {
			PerPage       *int    `json:"per_page"`
			StartingAfter *string `json:"starting_after"`
		} `json:"pagination"`
	}
	if good, res := c.decode(&in); !good {
		return q, 0, "", res, false
	}
	if len(in.Query) == 0 || string(in.Query) == "null" {
		return q, 0, "", missing("query"), false
	}
	q, err := parseQuery(in.Query, 0)
	if err != nil {
		return q, 0, "", invalid("%v", err), false
	}
	per = defPer
	if p := in.Pagination; p != nil {
		if p.PerPage != nil {
			per = *p.PerPage
			if per < 1 || per > maxPerPage {
				return q, 0, "", invalid("pagination.per_page must be between 1 and %d", maxPerPage), false
			}
		}
		after = val(p.StartingAfter)
	}
	return q, per, after, result{}, true
}

// match reports whether the object whose fields get reads satisfies the
// filter.
func (f filter) match(get getter) bool {
	switch f.op {
	case "AND":
		for _, g := range f.group {
			if !g.match(get) {
				return false
			}
		}
		return true
	case "OR":
		for _, g := range f.group {
			if g.match(get) {
				return true
			}
		}
		return false
	}
	fv, present := get(f.field)
	if list, isList := fv.([]any); isList {
		if f.value == nil && (f.op == "=" || f.op == "!=") {
			// null on a list field (tag_ids...): = null holds for an empty
			// list, != null for a non-empty one.
			return (len(list) == 0) == (f.op == "=")
		}
		// A list field (tag_id, contact_ids...): positive operators hold when
		// one element satisfies them, negative ones when none violates them.
		switch f.op {
		case "!=", "NIN", "!~":
			pos := map[string]string{"!=": "=", "NIN": "IN", "!~": "~"}[f.op]
			for _, e := range list {
				if compare(e, true, pos, f.value) {
					return false
				}
			}
			return true
		}
		for _, e := range list {
			if compare(e, true, f.op, f.value) {
				return true
			}
		}
		return false
	}
	return compare(fv, present, f.op, f.value)
}

// lookup finds a field by its dotted path (e.g. custom_attributes.plan,
// source.author.email). A key containing dots is tried whole first.
func lookup(doc map[string]any, path string) (any, bool) {
	if v, ok := doc[path]; ok {
		return v, true
	}
	cur := any(doc)
	for _, part := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[part]; !ok {
			return nil, false
		}
	}
	return cur, true
}

// compare applies a single operator to a field value fv (present says
// whether the field exists) and the query value qv. A null qv (with = or !=)
// tests whether the field is absent or null. Strings compare without
// regard to case; a number and a numeric string compare as numbers.
func compare(fv any, present bool, op string, qv any) bool {
	switch op {
	case "=":
		return equal(fv, qv)
	case "!=":
		return !equal(fv, qv)
	case "IN", "NIN":
		in := false
		for _, e := range qv.([]any) {
			if equal(fv, e) {
				in = true
				break
			}
		}
		return in == (op == "IN")
	case "<", "<=", ">", ">=":
		a, ok1 := number(fv)
		b, ok2 := number(qv)
		if !present || !ok1 || !ok2 {
			return false
		}
		switch op {
		case "<":
			return a < b
		case "<=":
			return a <= b
		case ">":
			return a > b
		}
		return a >= b
	}
	s, isStr := fv.(string)
	q := strings.ToLower(qv.(string))
	if !isStr {
		return op == "!~"
	}
	s = strings.ToLower(s)
	switch op {
	case "~":
		return strings.Contains(s, q)
	case "!~":
		return !strings.Contains(s, q)
	case "^":
		return strings.HasPrefix(s, q)
	}
	return strings.HasSuffix(s, q) // "$"
}

func equal(fv, qv any) bool {
	if qv == nil || fv == nil {
		return qv == nil && fv == nil
	}
	if fs, ok := fv.(string); ok {
		if qs, ok := qv.(string); ok {
			return strings.EqualFold(fs, qs)
		}
	}
	if a, ok := number(fv); ok {
		if b, ok := number(qv); ok {
			return a == b
		}
	}
	switch f := fv.(type) {
	case bool:
		switch q := qv.(type) {
		case bool:
			return f == q
		case string:
			b, err := strconv.ParseBool(q)
			return err == nil && b == f
		}
		return false
	case string:
		switch q := qv.(type) {
		case string:
			return strings.EqualFold(f, q)
		case bool:
			return strings.EqualFold(f, strconv.FormatBool(q))
		}
	}
	return false
}

// number reads a JSON number or a numeric string.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	}
	return 0, false
}
