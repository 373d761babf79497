package intercomtest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// specRoute is one operation of the description as the generator wrote it into
// routes.gen.go (scripts/internal/spec/fakeroutes.go): its success status and a
// sample of its JSON response that conforms to the description. The fake
// serves every operation without a hand-written handler from these: the
// generic handler keeps state where the description shows a collection (a
// path P with GET, PUT or DELETE on P/{id}): POST P creates, GET P lists,
// GET, PUT and DELETE P/{id} read, update and delete; any other operation
// answers its sample, after checking that the resources its path names exist.
type specRoute struct {
	id, method, path string
	status           int
	ctype            string // content type of a body that is not JSON (a file)
	body             string // JSON sample of the response; "" for none
	free             string // fields of body the fake may fill: "name:k,..." (k: s, i, n, b)
	listKey          string // the array of a list response
	item             string // JSON sample of one element of listKey
	itemFree         string
}

// specCollections are the collections of specRoutes; specCreatable those
// with a create operation (POST on the collection). The fake keeps state for
// the creatable ones; a collection the API offers no way to create in (help
// centers, brands, macros, ...) holds one resource, its sample, under every id.
var (
	specCollections = collections(specRoutes)
	specCreatable   = creatable(specRoutes, specCollections)
)

func creatable(table []specRoute, colls map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, r := range table {
		if r.method == http.MethodPost && colls[r.path] {
			out[r.path] = true
		}
	}
	return out
}

// genericKind is what the generic handler does for a route.
type genericKind int

const (
	genAction genericKind = iota
	genCreate
	genList
	genGet
	genUpdate
	genDelete
)

// genericRoute is a specRoute prepared for serving.
type genericRoute struct {
	sr         specRoute
	kind       genericKind
	collection string // for create, list, get, update, delete
	sample     map[string]any
	raw        any // a sample that is no object (an array)
	item       map[string]any
	free       []freeField
	itemFree   []freeField
}

type freeField struct {
	name string
	kind byte
}

func parseFree(s string) []freeField {
	if s == "" {
		return nil
	}
	var out []freeField
	for _, f := range strings.Split(s, ",") {
		name, k, _ := strings.Cut(f, ":")
		if k != "" && name != "type" { // a resource's type is the sample's
			out = append(out, freeField{name, k[0]})
		}
	}
	return out
}

// collections returns the paths of the description that hold resources by id:
// those with a GET, PUT or DELETE on path/{param}.
func collections(table []specRoute) map[string]bool {
	out := map[string]bool{}
	for _, r := range table {
		if r.method != http.MethodGet && r.method != http.MethodPut && r.method != http.MethodDelete {
			continue
		}
		i := strings.LastIndex(r.path, "/")
		if i > 0 && isParam(r.path[i+1:]) {
			out[r.path[:i]] = true
		}
	}
	return out
}

// prepareGeneric classifies sr and decodes its samples.
func prepareGeneric(sr specRoute, colls map[string]bool) *genericRoute {
	g := &genericRoute{sr: sr, free: parseFree(sr.free), itemFree: parseFree(sr.itemFree)}
	if sr.body != "" {
		var v any
		if json.Unmarshal([]byte(sr.body), &v) == nil {
			g.sample, _ = v.(map[string]any)
			g.raw = v
		}
	}
	if sr.item != "" {
		var v any
		if json.Unmarshal([]byte(sr.item), &v) == nil {
			g.item, _ = v.(map[string]any)
		}
	}
	i := strings.LastIndex(sr.path, "/")
	parent, last := sr.path[:max(i, 0)], sr.path[i+1:]
	switch {
	case isParam(last) && colls[parent] && sr.method == http.MethodGet:
		g.kind, g.collection = genGet, parent
	case isParam(last) && colls[parent] && sr.method == http.MethodPut:
		g.kind, g.collection = genUpdate, parent
	case isParam(last) && colls[parent] && sr.method == http.MethodDelete:
		g.kind, g.collection = genDelete, parent
	case colls[sr.path] && sr.method == http.MethodPost:
		g.kind, g.collection = genCreate, sr.path
	case colls[sr.path] && sr.method == http.MethodGet && sr.listKey != "" && g.item != nil:
		g.kind, g.collection = genList, sr.path
	}
	return g
}

// genericRec is a resource kept by the generic handler: the fields sent and
// those the fake set (id, created_at, updated_at).
type genericRec map[string]any

// handKinds are the collections kept by hand-written handlers, with how to
// find and remove one of their resources: the generic handler checks the
// resources an operation's path names in them.
func (st *store) handCollection(path string) (exists func(string) bool, remove func(string), ok bool) {
	has := func(f func(string) bool) (func(string) bool, func(string), bool) { return f, nil, true }
	switch path {
	case "/contacts":
		return func(id string) bool { _, ok := st.contacts.get(id); return ok },
			func(id string) {
				if rec, ok := st.contacts.get(id); ok {
					st.removeContact(rec)
				}
			}, true
	case "/companies":
		return has(func(id string) bool { _, ok := st.companies.get(id); return ok })
	case "/conversations":
		return has(func(id string) bool { _, ok := st.conversations.get(id); return ok })
	case "/tickets":
		return func(id string) bool { _, ok := st.tickets.get(id); return ok },
			func(id string) { st.tickets.del(id) }, true
	case "/tags":
		return has(func(id string) bool { _, ok := st.tags.get(id); return ok })
	case "/admins":
		return has(func(id string) bool { _, ok := st.admins.get(id); return ok })
	case "/teams":
		return has(func(id string) bool { _, ok := st.teams.get(id); return ok })
	case "/segments":
		return has(func(id string) bool { _, ok := st.segments.get(id); return ok })
	case "/articles":
		return has(func(id string) bool { _, ok := st.articles.get(id); return ok })
	case "/notes":
		return has(func(id string) bool { _, ok := st.notes.get(id); return ok })
	case "/ticket_types":
		return has(func(id string) bool { _, ok := st.ticketTypes.get(id); return ok })
	}
	return nil, nil, false
}

// genericTable returns the generic collection at path.
func (st *store) genericTable(path string) *table[genericRec] {
	t := st.generic[path]
	if t == nil {
		t = newTable[genericRec]()
		st.generic[path] = t
	}
	return t
}

// exists reports whether the resource id of the collection at path exists;
// a collection the fake keeps no state for holds every id.
func (st *store) exists(path, id string) bool {
	if f, _, ok := st.handCollection(path); ok {
		return f(id)
	}
	if !specCreatable[path] {
		return true
	}
	_, ok := st.genericTable(path).get(id)
	return ok
}

// checkPath answers 404 when a resource the path names (a parameter that
// follows a collection) does not exist.
func (c *call) checkPath(template string) (result, bool) {
	segs := strings.Split(strings.TrimPrefix(template, "/"), "/")
	for i, s := range segs {
		if !isParam(s) || i == 0 {
			continue
		}
		parent := "/" + strings.Join(segs[:i], "/")
		if strings.Contains(parent, "{") {
			continue // a nested collection: checked by its own parent
		}
		if !c.st.exists(parent, c.params[s[1:len(s)-1]]) {
			return notFound(strings.TrimPrefix(parent, "/")), false
		}
	}
	return result{}, true
}

// handleGeneric answers g's operation.
func (c *call) handleGeneric(g *genericRoute) result {
	if res, good := c.checkPath(g.sr.path); !good {
		return res
	}
	var in map[string]any
	if g.sr.method == http.MethodPost || g.sr.method == http.MethodPut {
		var body any
		if good, res := c.decode(&body); !good {
			return res
		}
		in, _ = body.(map[string]any)
	}
	lastParam := ""
	if i := strings.LastIndex(g.sr.path, "/"); i >= 0 && isParam(g.sr.path[i+1:]) {
		s := g.sr.path[i+1:]
		lastParam = c.params[s[1:len(s)-1]]
	}
	var rec genericRec
	switch g.kind {
	case genCreate:
		rec = genericRec{}
		for k, v := range in {
			rec[k] = v
		}
		rec["id"] = c.st.numID()
		rec["created_at"] = float64(c.unix())
		rec["updated_at"] = float64(c.unix())
		c.st.genericTable(g.collection).put(rec["id"].(string), rec)
	case genGet, genUpdate, genDelete:
		if _, _, hand := c.st.handCollection(g.collection); hand {
			rec = genericRec{"id": lastParam}
			if g.kind == genDelete {
				if _, remove, _ := c.st.handCollection(g.collection); remove != nil {
					remove(lastParam)
				}
				rec["deleted"] = true
			}
			break
		}
		if !specCreatable[g.collection] {
			rec = genericRec{"id": lastParam}
			break
		}
		t := c.st.genericTable(g.collection)
		got, found := t.get(lastParam)
		if !found {
			return notFound(strings.TrimPrefix(g.collection, "/"))
		}
		rec = got
		switch g.kind {
		case genUpdate:
			for k, v := range in {
				if k != "id" {
					rec[k] = v
				}
			}
			rec["updated_at"] = float64(c.unix())
		case genDelete:
			t.del(lastParam)
			rec = genericRec{"id": lastParam, "deleted": true}
		}
	}
	if g.sample == nil {
		return c.genericRaw(g, lastParam)
	}
	out := fill(g.sample, rec, g.free, c.unix())
	if g.kind == genList {
		items := c.st.genericTable(g.collection).values()
		if !specCreatable[g.collection] {
			items = []genericRec{nil} // the sample item
		}
		per, good, res := c.intParam("per_page", 50, 1, 250)
		if !good {
			return res
		}
		page, good, res := c.intParam("page", 1, 1, 1<<30)
		if !good {
			return res
		}
		start := min((page-1)*per, len(items))
		end := min(start+per, len(items))
		list := make([]any, 0, end-start)
		for _, it := range items[start:end] {
			list = append(list, fill(g.item, it, g.itemFree, c.unix()))
		}
		out[g.sr.listKey] = list
		for _, f := range g.free {
			if f.name == "total_count" && f.kind == 'i' {
				out["total_count"] = len(items)
			}
		}
		if pages, ok := out["pages"].(map[string]any); ok {
			setNum(pages, "page", page)
			setNum(pages, "per_page", per)
			setNum(pages, "total_pages", max((len(items)+per-1)/per, 1))
			if end < len(items) {
				if _, isString := pages["next"].(string); isString {
					pages["next"] = c.s.URL + g.sr.path + "?page=" + strconv.Itoa(page+1) + "&per_page=" + strconv.Itoa(per)
				}
			}
		}
	}
	return result{status: g.sr.status, v: out}
}

// setNum sets a numeric field of a sample that has it.
func setNum(m map[string]any, key string, n int) {
	if _, ok := m[key].(float64); ok {
		m[key] = n
	}
}

// fill returns a copy of sample with the free fields set from rec (when rec
// holds a value of the field's JSON type), timestamps (free integer fields
// ending in _at) set to now, and no next page (a sample's pages.next would
// send an iterator round for ever).
func fill(sample map[string]any, rec genericRec, free []freeField, now int) map[string]any {
	out := deepCopy(sample)
	if pages, ok := out["pages"].(map[string]any); ok {
		delete(pages, "next")
	}
	// The id, in the sample's JSON type, whether or not the schema constrains it.
	if id, ok := rec["id"].(string); ok && id != "" {
		switch out["id"].(type) {
		case string:
			out["id"] = id
		case float64:
			if n, err := strconv.ParseInt(id, 10, 64); err == nil {
				out["id"] = n
			}
		}
	}
	for _, f := range free {
		v, has := rec[f.name]
		switch f.kind {
		case 's':
			switch x := v.(type) {
			case string:
				out[f.name] = x
			case float64:
				out[f.name] = strconv.FormatFloat(x, 'f', -1, 64)
			}
		case 'i':
			switch x := v.(type) {
			case float64:
				if x == float64(int64(x)) {
					out[f.name] = int64(x)
				}
			case string:
				if n, err := strconv.ParseInt(x, 10, 64); err == nil {
					out[f.name] = n
				}
			default:
				if !has && strings.HasSuffix(f.name, "_at") {
					out[f.name] = now
				}
			}
		case 'n':
			if x, ok := v.(float64); ok {
				out[f.name] = x
			}
		case 'b':
			if x, ok := v.(bool); ok {
				out[f.name] = x
			}
		}
	}
	return out
}

// filesPrefix is the path under which the fake serves the files its
// redirects point to (no operation of the API).
const filesPrefix = "/intercomtest/files/"

// genericRaw answers an operation whose response is not a JSON object: a
// JSON array, a file of another type, a redirect to a file, or no body.
func (c *call) genericRaw(g *genericRoute, id string) result {
	switch {
	case g.raw != nil:
		return result{status: g.sr.status, v: g.raw}
	case g.sr.status >= 300 && g.sr.status < 400:
		return result{status: g.sr.status, header: map[string]string{"Location": c.s.URL + filesPrefix + g.sr.id + "-" + id}}
	case g.sr.ctype != "":
		return result{status: g.sr.status, raw: []byte("intercomtest: " + g.sr.id + " " + id + "\n"), ctype: g.sr.ctype}
	}
	return result{status: g.sr.status}
}

// serveFile answers a request for a file a redirect pointed to.
func serveFile(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, filesPrefix)
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", "attachment; filename=\""+strings.ReplaceAll(name, "\"", "")+"\"")
	_, _ = w.Write([]byte("intercomtest file " + name + "\n"))
}

// routeSemantics says how the server answers the route named "METHOD
// /template": by a hand-written handler, or by the generic handler and how.
func routeSemantics(name string) string {
	for _, sr := range specRoutes {
		if sr.method+" "+sr.path != name {
			continue
		}
		if handWrittenRoutes[name] {
			return "hand-written"
		}
		g := prepareGeneric(sr, specCollections)
		coll := "`" + g.collection + "`"
		switch {
		case g.kind == genCreate:
			return "generic: creates in " + coll
		case g.kind == genList && specCreatable[g.collection]:
			return "generic: lists " + coll
		case g.kind == genGet && specCreatable[g.collection]:
			return "generic: reads from " + coll
		case g.kind == genUpdate && specCreatable[g.collection]:
			return "generic: updates in " + coll
		case g.kind == genDelete && specCreatable[g.collection]:
			return "generic: deletes from " + coll
		case g.kind != genAction:
			return "generic: sample resource (no create in the API)"
		}
		return "generic: sample answer"
	}
	return ""
}
