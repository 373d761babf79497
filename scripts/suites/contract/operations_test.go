package contract

import (
	"net/url"
	"strings"

	"github.com/intercomkit/intercom-go/gen"
)

// operation is one operation of the description, as the generator lists it in
// gen.Operations (OpenAPI path templates such as /contacts/{contact_id}).
type operation struct {
	ID, Method, Path string
}

// allOperations returns the operations of the pinned description.
func allOperations() []operation {
	ops := make([]operation, 0, len(gen.Operations))
	for _, o := range gen.Operations {
		ops = append(ops, operation{ID: o.ID, Method: strings.ToUpper(o.Method), Path: o.Path})
	}
	return ops
}

// matchOperation returns the operation a request with this method and escaped path was
// sent to. Literal segments win over template segments, left to right, as in OpenAPI
// routing: GET /articles/search is searchArticles, not retrieveArticle.
func matchOperation(ops []operation, method, escapedPath string) (operation, bool) {
	segs := splitPath(escapedPath)
	var best operation
	var bestScore []bool
	found := false
	for _, op := range ops {
		if op.Method != strings.ToUpper(method) {
			continue
		}
		score, ok := matchTemplate(splitPath(op.Path), segs)
		if !ok {
			continue
		}
		if !found || moreSpecific(score, bestScore) {
			best, bestScore, found = op, score, true
		}
	}
	return best, found
}

func splitPath(p string) []string {
	return strings.Split(strings.Trim(p, "/"), "/")
}

// matchTemplate reports whether the request segments fit the template, and per segment
// whether it matched literally.
func matchTemplate(tmpl, segs []string) ([]bool, bool) {
	if len(tmpl) != len(segs) {
		return nil, false
	}
	literal := make([]bool, len(tmpl))
	for i, t := range tmpl {
		if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") {
			if segs[i] == "" {
				return nil, false
			}
			continue
		}
		s, err := url.PathUnescape(segs[i])
		if err != nil || s != t {
			return nil, false
		}
		literal[i] = true
	}
	return literal, true
}

// moreSpecific reports whether a has a literal segment where b has a template, at the
// first position where they differ.
func moreSpecific(a, b []bool) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i]
		}
	}
	return false
}
