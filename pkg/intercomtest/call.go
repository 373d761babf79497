package intercomtest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom/types"
)

// call is one request being handled; handlers run with s.mu held.
type call struct {
	s      *Server
	st     *store
	r      *http.Request
	params map[string]string
	body   []byte
	query  url.Values
	now    time.Time
	reqID  string
}

// result is a handler's outcome: a 2xx status and a value to encode (nil for
// no body), or an error status with Intercom's code and message.
type result struct {
	status    int
	v         any
	code, msg string
	// raw, when not nil, is the body as is (a file), of type ctype;
	// header holds extra response headers (Location).
	raw    []byte
	ctype  string
	header map[string]string
}

func ok(v any) result { return result{status: http.StatusOK, v: v} }

func fail(status int, code, format string, args ...any) result {
	return result{status: status, code: code, msg: fmt.Sprintf(format, args...)}
}

func notFound(what string) result {
	return fail(http.StatusNotFound, "not_found", "%s Not Found", what)
}

func missing(param string) result {
	return fail(http.StatusBadRequest, "parameter_not_found", "%s is required", param)
}

func invalid(format string, args ...any) result {
	return fail(http.StatusBadRequest, "parameter_invalid", format, args...)
}

// unix is the call's time in Unix seconds.
func (c *call) unix() int { return int(c.now.Unix()) }

// decode reads the JSON body into v; an empty body leaves v as it is.
func (c *call) decode(v any) (bool, result) {
	if len(bytes.TrimSpace(c.body)) == 0 {
		return true, result{}
	}
	if err := json.Unmarshal(c.body, v); err != nil {
		return false, invalid("The request body is not valid JSON for this operation: %v", jsonErr(err))
	}
	return true, result{}
}

// jsonErr shortens a decoding error to what a caller can act on.
func jsonErr(err error) string {
	switch e := err.(type) {
	case *json.UnmarshalTypeError:
		if e.Field != "" {
			return fmt.Sprintf("field %s must be %s, not %s", e.Field, goTypeName(e.Type.String()), e.Value)
		}
		return fmt.Sprintf("expected %s, not %s", goTypeName(e.Type.String()), e.Value)
	case *json.SyntaxError:
		return fmt.Sprintf("syntax error at byte %d", e.Offset)
	}
	return err.Error()
}

func goTypeName(t string) string {
	switch t {
	case "string", "*string":
		return "a string"
	case "int", "*int", "int64", "float64", "*float64":
		return "a number"
	case "bool", "*bool":
		return "a boolean"
	}
	if strings.HasPrefix(t, "[") || strings.HasPrefix(t, "*[") {
		return "an array"
	}
	return "an object"
}

// intParam reads an optional integer query parameter in [lo, hi].
func (c *call) intParam(name string, def, lo, hi int) (int, bool, result) {
	v := c.query.Get(name)
	if v == "" {
		return def, true, result{}
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, false, invalid("%s must be an integer between %d and %d", name, lo, hi)
	}
	return n, true, result{}
}

// cursor is the opaque starting_after token: the sequence number of the
// last item returned (see table) and the number of the next page. A walk
// resumes after that position, so deleting or archiving the items already
// seen shifts nothing.
type cursor struct {
	Seq  uint64 `json:"s"`
	Page int    `json:"p"`
}

func encodeCursor(c cursor) string {
	b, _ := json.Marshal(c)
	return base64.StdEncoding.EncodeToString(b)
}

// cursorPage pages ids (in increasing seq order) by cursor: it returns the
// window [start, end) and the pages object (with next only when more remain).
func cursorPage(ids []string, seq func(string) uint64, perPage int, startingAfter string) (start, end int, pages gen.CursorPages, res result, okk bool) {
	page := 1
	if startingAfter != "" {
		raw, err := base64.StdEncoding.DecodeString(startingAfter)
		var cur cursor
		if err != nil || json.Unmarshal(raw, &cur) != nil || cur.Seq == 0 || cur.Page < 2 {
			return 0, 0, pages, invalid("starting_after is not a valid cursor"), false
		}
		page = cur.Page
		start = sort.Search(len(ids), func(i int) bool { return seq(ids[i]) > cur.Seq })
	}
	end = min(start+perPage, len(ids))
	pages = gen.CursorPages{
		Type:       ptr(gen.CursorPagesType("pages")),
		Page:       ptr(page),
		PerPage:    ptr(perPage),
		TotalPages: ptr((len(ids) + perPage - 1) / perPage),
	}
	if end < len(ids) {
		pages.Next = &types.NextPage{PerPage: perPage, StartingAfter: encodeCursor(cursor{Seq: seq(ids[end-1]), Page: page + 1})}
	}
	return start, end, pages, result{}, true
}

// numberPage pages n items by page number for the operation at path: it reads
// page and per_page from the query and returns the window [start, end) and
// the pages object whose next is the absolute URL of the next page.
func (c *call) numberPage(n, defPer, maxPer int, path string, keep url.Values) (start, end int, pages gen.PagesLink, res result, okk bool) {
	page, good, res := c.intParam("page", 1, 1, 1<<30)
	if !good {
		return 0, 0, pages, res, false
	}
	per, good, res := c.intParam("per_page", defPer, 1, maxPer)
	if !good {
		return 0, 0, pages, res, false
	}
	start = min((page-1)*per, n)
	end = min(start+per, n)
	pages = gen.PagesLink{
		Type:       ptr(gen.PagesLinkType("pages")),
		Page:       ptr(page),
		PerPage:    ptr(per),
		TotalPages: ptr((n + per - 1) / per),
	}
	if end < n {
		q := cloneValues(keep)
		q.Set("page", strconv.Itoa(page+1))
		q.Set("per_page", strconv.Itoa(per))
		pages.Next = &types.NextPage{URL: c.s.URL + path + "?" + q.Encode()}
	}
	return start, end, pages, result{}, true
}

func ptr[T any](v T) *T { return &v }

// valuesOf returns the values behind ps (gen's lists hold values), skipping nil.
func valuesOf[T any](ps []*T) []T {
	out := make([]T, 0, len(ps))
	for _, p := range ps {
		if p != nil {
			out = append(out, *p)
		}
	}
	return out
}

// val returns *p, or the zero value for nil.
func val[T any](p *T) T {
	if p == nil {
		var z T
		return z
	}
	return *p
}

// roundTrip converts between two JSON-compatible values (e.g. a generated
// union type from plain maps); it is used on values the server built itself.
func roundTrip[T any](v any) (T, error) {
	var out T
	b, err := json.Marshal(v)
	if err != nil {
		return out, err
	}
	err = json.Unmarshal(b, &out)
	return out, err
}

// deepCopy copies a generated value so that the caller cannot reach the
// server's state through its pointers.
func deepCopy[T any](v T) T {
	out, err := roundTrip[T](v)
	if err != nil {
		panic(fmt.Sprintf("intercomtest: copy %T: %v", v, err)) // values the server built always encode
	}
	return out
}
