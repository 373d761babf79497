package intercomtest

import (
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/intercomkit/intercom-go/gen"
)

// companyRec is a stored company.
type companyRec struct {
	c    gen.Company // without tags, segments and user_count
	tags []string
}

// companyPlan, companySegments and companyTags are the types of the
// gen.Company fields of the same names.
type (
	companyPlan     = gen.CompanyPlan
	companySegments = gen.CompanySegments
	companyTags     = gen.CompanyTags
)

const (
	companiesDefaultPerPage = 15
	companiesMaxPerPage     = 60
)

// renderCompany returns the company as the API shows it.
func (st *store) renderCompany(co *companyRec) gen.Company {
	c := co.c
	tags := make([]gen.Tag, 0, len(co.tags))
	for _, id := range co.tags {
		tags = append(tags, st.tags.m[id].basic())
	}
	c.Tags = &companyTags{Type: ptr(gen.CompanyTagsType("tag.list")), Tags: tags}
	c.Segments = &companySegments{Type: ptr(gen.CompanySegmentsType("segment.list")), Segments: []gen.Segment{}}
	users := 0
	id := val(c.Id)
	for _, rec := range st.contacts.values() {
		if containsString(rec.companies, id) {
			users++
		}
	}
	c.UserCount = ptr(users)
	return c
}

func (st *store) companyByCompanyID(companyID string) (*companyRec, bool) {
	for _, co := range st.companies.values() {
		if val(co.c.CompanyId) == companyID {
			return co, true
		}
	}
	return nil, false
}

// planID returns the id of the plan called name, creating one.
func (st *store) planID(name string) string {
	if id, ok := st.plans[name]; ok {
		return id
	}
	id := st.numID()
	st.plans[name] = id
	return id
}

// applyCompany sets the fields of in on co.
func (st *store) applyCompany(co *companyRec, in *gen.CreateOrUpdateCompanyRequest, now int) {
	c := &co.c
	if in.Name != nil {
		c.Name = ptr(*in.Name)
	}
	if in.Plan != nil {
		if *in.Plan == "" {
			c.Plan = &companyPlan{}
		} else {
			c.Plan = &companyPlan{Type: ptr("plan"), Id: ptr(st.planID(*in.Plan)), Name: ptr(*in.Plan)}
		}
	}
	if in.Size != nil {
		c.Size = ptr(*in.Size)
	}
	if in.Website != nil {
		c.Website = ptr(*in.Website)
	}
	if in.Industry != nil {
		c.Industry = ptr(*in.Industry)
	}
	if in.MonthlySpend != nil {
		c.MonthlySpend = ptr(*in.MonthlySpend)
	}
	if in.RemoteCreatedAt != nil {
		c.RemoteCreatedAt = ptr(*in.RemoteCreatedAt)
	}
	if in.CustomAttributes != nil {
		c.CustomAttributes = mergeAttrs(c.CustomAttributes, in.CustomAttributes)
	}
	c.UpdatedAt = ptr(now)
}

// newCompany builds a stored company from a validated body.
func (st *store) newCompany(in *gen.CreateOrUpdateCompanyRequest, now int) *companyRec {
	companyID := val(in.CompanyId)
	if companyID == "" {
		companyID = st.hexID()
	}
	co := &companyRec{c: gen.Company{
		Type:             ptr(gen.CompanyType("company")),
		Id:               ptr(st.hexID()),
		AppId:            ptr(st.appID),
		CompanyId:        ptr(companyID),
		CreatedAt:        ptr(now),
		RemoteCreatedAt:  ptr(now),
		MonthlySpend:     ptr(0),
		SessionCount:     ptr(0),
		Plan:             &companyPlan{},
		CustomAttributes: map[string]any{},
	}}
	st.applyCompany(co, in, now)
	return co
}

func (c *call) createOrUpdateCompany() result {
	var in gen.CreateOrUpdateCompanyRequest
	if good, res := c.decode(&in); !good {
		return res
	}
	if val(in.CompanyId) == "" && val(in.Name) == "" {
		return missing("company_id or name")
	}
	if in.CompanyId != nil {
		if co, found := c.st.companyByCompanyID(*in.CompanyId); found {
			c.st.applyCompany(co, &in, c.unix())
			return ok(c.st.renderCompany(co))
		}
	}
	co := c.st.newCompany(&in, c.unix())
	c.st.companies.put(val(co.c.Id), co)
	return ok(c.st.renderCompany(co))
}

func (c *call) companyParam() (*companyRec, result, bool) {
	co, found := c.st.companies.get(c.params["company_id"])
	if !found {
		return nil, notFound("Company"), false
	}
	return co, result{}, true
}

func (c *call) getCompany() result {
	co, res, good := c.companyParam()
	if !good {
		return res
	}
	return ok(c.st.renderCompany(co))
}

func (c *call) updateCompany() result {
	co, res, good := c.companyParam()
	if !good {
		return res
	}
	var in gen.UpdateCompanyRequest
	if good, res := c.decode(&in); !good {
		return res
	}
	c.st.applyCompany(co, &gen.CreateOrUpdateCompanyRequest{
		CustomAttributes: in.CustomAttributes, Industry: in.Industry, MonthlySpend: in.MonthlySpend,
		Name: in.Name, Plan: in.Plan, Size: in.Size, Website: in.Website,
	}, c.unix())
	return ok(c.st.renderCompany(co))
}

func (c *call) deleteCompany() result {
	co, res, good := c.companyParam()
	if !good {
		return res
	}
	id := val(co.c.Id)
	for _, rec := range c.st.contacts.values() {
		rec.companies = removeString(rec.companies, id)
	}
	c.st.companies.del(id)
	return ok(gen.DeletedCompanyObject{Id: ptr(id), Object: ptr(gen.DeletedCompanyObjectObject("company")), Deleted: ptr(true)})
}

func (c *call) listCompanyContacts() result {
	co, res, good := c.companyParam()
	if !good {
		return res
	}
	id := val(co.c.Id)
	var ids []string
	for _, cid := range c.st.contacts.order {
		if containsString(c.st.contacts.m[cid].companies, id) {
			ids = append(ids, cid)
		}
	}
	start, end, pages, res, good := c.numberPage(len(ids), contactsDefaultPerPage, maxPerPage, "/companies/"+url.PathEscape(id)+"/contacts", nil)
	if !good {
		return res
	}
	data := make([]gen.Contact, 0, end-start)
	for _, cid := range ids[start:end] {
		data = append(data, c.st.renderContact(c.st.contacts.m[cid]))
	}
	return ok(gen.CompanyAttachedContacts{Type: ptr(gen.CompanyAttachedContactsType("list")), Data: data, TotalCount: ptr(len(ids)), Pages: &pages})
}

// listCompanies is GET /companies: every company, or those matching the
// name, company_id, tag_id or segment_id filters (404 when a name or
// company_id matches none).
func (c *call) listCompanies() result {
	name, companyID := c.query.Get("name"), c.query.Get("company_id")
	tagID, segmentID := c.query.Get("tag_id"), c.query.Get("segment_id")
	var ids []string
	for _, id := range c.st.companies.order {
		co := c.st.companies.m[id]
		switch {
		case name != "" && val(co.c.Name) != name,
			companyID != "" && val(co.c.CompanyId) != companyID,
			tagID != "" && !containsString(co.tags, tagID),
			segmentID != "":
			continue
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 && (name != "" || companyID != "") {
		return notFound("Company")
	}
	keep := url.Values{}
	for _, k := range []string{"name", "company_id", "tag_id", "segment_id"} {
		if v := c.query.Get(k); v != "" {
			keep.Set(k, v)
		}
	}
	return c.companyPage(ids, "/companies", keep)
}

// listAllCompanies is POST /companies/list: every company, by creation time
// (order=desc for newest first).
func (c *call) listAllCompanies() result {
	ids := append([]string(nil), c.st.companies.order...)
	keep := url.Values{}
	switch o := c.query.Get("order"); o {
	case "", "asc":
	case "desc":
		for i, j := 0, len(ids)-1; i < j; i, j = i+1, j-1 {
			ids[i], ids[j] = ids[j], ids[i]
		}
		keep.Set("order", o)
	default:
		return invalid("order must be asc or desc")
	}
	return c.companyPage(ids, "/companies/list", keep)
}

func (c *call) companyPage(ids []string, path string, keep url.Values) result {
	start, end, pages, res, good := c.numberPage(len(ids), companiesDefaultPerPage, companiesMaxPerPage, path, keep)
	if !good {
		return res
	}
	data := make([]gen.Company, 0, end-start)
	for _, id := range ids[start:end] {
		data = append(data, c.st.renderCompany(c.st.companies.m[id]))
	}
	return ok(gen.CompanyList{Type: ptr("list"), Data: data, TotalCount: ptr(len(ids)), Pages: &pages})
}

// scrollState is the app's one open scroll over companies.
type scrollState struct {
	param    string
	ids      []string // companies when the scroll started
	next     int
	lastUsed time.Time
}

// scrollCompanies is GET /companies/scroll. Like Intercom: one scroll per
// app; a scroll unused for a minute expires; starting a scroll while one is
// open is a 400; the page after the last has no companies and closes the
// scroll. An unknown or expired scroll_param gets the 500 with which
// Intercom tells a client to restart a failed scroll.
func (c *call) scrollCompanies() result {
	st := c.st
	if sc := st.scroll; sc != nil && c.now.Sub(sc.lastUsed) >= c.s.cfg.scrollTTL {
		st.scroll = nil
	}
	param := c.query.Get("scroll_param")
	var sc *scrollState
	switch {
	case param == "":
		if st.scroll != nil {
			return fail(http.StatusBadRequest, "scroll_exists", "scroll already exists for this app")
		}
		st.scrollSeq++
		sc = &scrollState{
			param: fmt.Sprintf("%08x-%04x-4%03x-a%03x-%012x", st.appHash, st.scrollSeq>>24&0xffff, st.scrollSeq>>12&0xfff, st.scrollSeq&0xfff, c.now.UnixNano()&0xffffffffffff),
			ids:   append([]string(nil), st.companies.order...),
		}
		st.scroll = sc
	case st.scroll != nil && st.scroll.param == param:
		sc = st.scroll
	default:
		return fail(http.StatusInternalServerError, "server_error", "Request failed: the scroll_param is unknown or expired. Please restart the scroll operation.")
	}
	sc.lastUsed = c.now
	data := []gen.Company{}
	for sc.next < len(sc.ids) && len(data) < c.s.cfg.scrollPageSize {
		if co, found := st.companies.get(sc.ids[sc.next]); found {
			data = append(data, st.renderCompany(co))
		}
		sc.next++
	}
	if len(data) == 0 {
		st.scroll = nil // the end: the scroll param expires
	}
	return ok(gen.CompanyScroll{Type: ptr(gen.CompanyScrollType("list")), Data: data, TotalCount: ptr(len(sc.ids)), ScrollParam: ptr(sc.param)})
}

// afterFault applies what an injected fault on routeName means for the
// state: a server error or a dropped connection on a scroll page ends the
// scroll, since Intercom's rule for a failed scroll request is to restart
// the scroll from the beginning (and the SDK's ErrScrollExpired says so).
// s.mu is held.
func (st *store) afterFault(routeName string, f Fault) {
	if routeName == "GET /companies/scroll" && (f.Status >= 500 || f.Drop) {
		st.scroll = nil
	}
}
