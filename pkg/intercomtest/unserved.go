package intercomtest

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/intercomkit/intercom-go/gen"
)

// UnservedCode is the error code of the 501 Not Implemented answer the server
// gives to a request for a route it does not serve (an operation of the API
// it does not implement, or a path that is no operation at all). The message
// names the route and says that intercomtest does not serve it; [Routes]
// lists those it serves.
const UnservedCode = "intercomtest_not_implemented"

// unservedMessage explains a 501 for method and escapedPath.
func unservedMessage(method, escapedPath string) string {
	path := escapedPath
	if len(path) > 200 {
		path = path[:200] + "…"
	}
	if op, ok := intercomOperation(method, escapedPath); ok {
		return fmt.Sprintf("intercomtest does not serve %s %s (operation %s of Intercom API %s); intercomtest.Routes() lists the routes it serves",
			op.Method, op.Path, op.ID, gen.APIVersion)
	}
	return fmt.Sprintf("intercomtest does not serve %s %s, which is not an operation of Intercom API %s either; intercomtest.Routes() lists the routes it serves",
		method, path, gen.APIVersion)
}

// intercomOperation finds the operation of the description that method and
// escapedPath would call.
func intercomOperation(method, escapedPath string) (gen.Operation, bool) {
	segs := strings.Split(strings.TrimPrefix(escapedPath, "/"), "/")
	for i, s := range segs {
		if u, err := url.PathUnescape(s); err == nil {
			segs[i] = u
		}
	}
	best, bestLiterals, found := gen.Operation{}, -1, false
	for _, op := range gen.Operations {
		if !strings.EqualFold(op.Method, method) {
			continue
		}
		tmpl := strings.Split(strings.TrimPrefix(op.Path, "/"), "/")
		if len(tmpl) != len(segs) {
			continue
		}
		literals, ok := 0, true
		for i, t := range tmpl {
			switch {
			case strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}"):
				ok = segs[i] != ""
			case t == segs[i]:
				literals++
			default:
				ok = false
			}
			if !ok {
				break
			}
		}
		if ok && literals > bestLiterals {
			best, bestLiterals, found = op, literals, true
		}
	}
	return best, found
}
