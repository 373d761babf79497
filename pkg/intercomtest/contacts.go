package intercomtest

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom/types"
)

// contactRec is a stored contact: its own fields plus its links.
type contactRec struct {
	c         gen.Contact // without tags, companies, notes
	tags      []tagLink
	companies []string // Intercom company ids
	archived  bool
}

const (
	contactsDefaultPerPage = 50
	maxPerPage             = 150
	summaryLimit           = 10 // links shown inside a contact
)

func (st *store) contact(id string) (*contactRec, bool) { return st.contacts.get(id) }

// renderContact returns the contact as the API shows it.
func (st *store) renderContact(rec *contactRec) gen.Contact {
	c := rec.c
	id := val(c.Id)
	tags := []gen.AddressableList{}
	for _, l := range rec.tags[:min(len(rec.tags), summaryLimit)] {
		tags = append(tags, gen.AddressableList{Type: ptr("tag"), Id: ptr(l.id), Url: ptr("/tags/" + l.id)})
	}
	c.Tags = &gen.ContactTags{Data: tags, HasMore: ptr(len(rec.tags) > summaryLimit), TotalCount: ptr(len(rec.tags)), Url: ptr("/contacts/" + id + "/tags")}
	companies := []gen.CompanyData{}
	for _, cid := range rec.companies[:min(len(rec.companies), summaryLimit)] {
		companies = append(companies, gen.CompanyData{Type: ptr(gen.CompanyDataType("company")), Id: ptr(cid), Url: ptr("/companies/" + cid)})
	}
	c.Companies = &gen.ContactCompanies{Data: companies, HasMore: ptr(len(rec.companies) > summaryLimit), TotalCount: ptr(len(rec.companies)), Url: ptr("/contacts/" + id + "/companies")}
	noteIDs := st.notesOf(id)
	notes := []gen.AddressableList{}
	for _, nid := range noteIDs[:min(len(noteIDs), summaryLimit)] {
		notes = append(notes, gen.AddressableList{Type: ptr("note"), Id: ptr(nid), Url: ptr("/notes/" + nid)})
	}
	c.Notes = &gen.ContactNotes{Data: notes, HasMore: ptr(len(noteIDs) > summaryLimit), TotalCount: ptr(len(noteIDs)), Url: ptr("/contacts/" + id + "/notes")}
	return c
}

// contactFields reads the contact's fields for search: its fields as the
// API shows them, plus tag_id, company_id and segment_id lists.
func (st *store) contactFields(rec *contactRec) getter {
	return func(path string) (any, bool) {
		switch path {
		case "tag_id":
			ids := make([]string, len(rec.tags))
			for i, l := range rec.tags {
				ids[i] = l.id
			}
			return anyStrings(ids), true
		case "company_id":
			return anyStrings(rec.companies), true
		case "segment_id":
			return []any{}, true
		}
		switch firstSegment(path) {
		case "tags", "companies", "notes":
			return fieldOf(st.renderContact(rec), path)
		}
		return fieldOf(&rec.c, path)
	}
}

// liveContactIDs are the ids of the contacts that are not archived.
func (st *store) liveContactIDs() []string {
	var ids []string
	for _, id := range st.contacts.order {
		if rec := st.contacts.m[id]; !rec.archived {
			ids = append(ids, id)
		}
	}
	return ids
}

// checkContactInput validates a create or update body against the contact
// being updated (nil when creating).
func (st *store) checkContactInput(in *gen.UpdateContactRequest, self *contactRec) (result, bool) {
	if in.Role != nil && *in.Role != "user" && *in.Role != "lead" {
		return invalid("role must be user or lead"), false
	}
	if in.Email != nil && *in.Email != "" && !validEmail(*in.Email) {
		return invalid("email %q is not a valid email address", *in.Email), false
	}
	if in.OwnerId != nil {
		if _, ok := st.admin(fmt.Sprint(*in.OwnerId)); !ok {
			return invalid("owner_id %v is not a teammate of this workspace", *in.OwnerId), false
		}
	}
	role := "user"
	if self != nil {
		role = val(self.c.Role)
	}
	if in.Role != nil {
		role = *in.Role
	}
	if role != "user" {
		return result{}, true
	}
	email, ext := "", ""
	if self != nil {
		email, ext = val(self.c.Email), val(self.c.ExternalId)
	}
	if in.Email != nil {
		email = *in.Email
	}
	if in.ExternalId != nil {
		ext = *in.ExternalId
	}
	selfID := ""
	if self != nil {
		selfID = val(self.c.Id)
	}
	other := ""
	if email != "" {
		other = st.userByEmail[strings.ToLower(email)]
	}
	if (other == "" || other == selfID) && ext != "" {
		other = st.userByExtID[ext]
	}
	if other != "" && other != selfID {
		return fail(http.StatusConflict, "conflict", "A contact matching those details already exists with id=%s", other), false
	}
	return result{}, true
}

// Contacts are indexed by email and external_id, so that a create checks
// for a duplicate user in constant time however many contacts are stored.

// putContact stores rec and indexes it.
func (st *store) putContact(rec *contactRec) {
	st.contacts.put(val(rec.c.Id), rec)
	st.indexContact(rec)
}

// indexContact adds rec to the indexes (after a change).
func (st *store) indexContact(rec *contactRec) {
	id := val(rec.c.Id)
	if ext := val(rec.c.ExternalId); ext != "" {
		st.byExtID[ext] = append(st.byExtID[ext], id)
	}
	if val(rec.c.Role) != "user" {
		return
	}
	if e := val(rec.c.Email); e != "" {
		st.userByEmail[strings.ToLower(e)] = id
	}
	if ext := val(rec.c.ExternalId); ext != "" {
		st.userByExtID[ext] = id
	}
}

// unindexContact removes rec from the indexes (before a change or a
// deletion).
func (st *store) unindexContact(rec *contactRec) {
	id := val(rec.c.Id)
	drop := func(m map[string]string, k string) {
		if k != "" && m[k] == id {
			delete(m, k)
		}
	}
	drop(st.userByEmail, strings.ToLower(val(rec.c.Email)))
	drop(st.userByExtID, val(rec.c.ExternalId))
	if ext := val(rec.c.ExternalId); ext != "" {
		if rest := removeString(st.byExtID[ext], id); len(rest) > 0 {
			st.byExtID[ext] = rest
		} else {
			delete(st.byExtID, ext)
		}
	}
}

func validEmail(e string) bool {
	at := strings.IndexByte(e, '@')
	return at > 0 && at < len(e)-1 && !strings.ContainsAny(e, " \t\r\n<>\",")
}

// newContact builds a stored contact from a validated body.
func (st *store) newContact(in *gen.UpdateContactRequest, now int) *contactRec {
	c := gen.Contact{
		Type:                   ptr("contact"),
		Id:                     ptr(st.hexID()),
		WorkspaceId:            ptr(st.appID),
		Role:                   ptr("user"),
		CreatedAt:              ptr(now),
		UpdatedAt:              ptr(now),
		HasHardBounced:         ptr(false),
		MarkedEmailAsSpam:      ptr(false),
		UnsubscribedFromEmails: ptr(false),
		CustomAttributes:       map[string]any{},
		Location:               &gen.ContactLocation{Type: ptr("location")},
		SocialProfiles:         &gen.ContactSocialProfiles{Data: []gen.SocialProfile{}},
		Avatar:                 &types.Avatar{Type: "avatar"},
	}
	rec := &contactRec{c: c}
	applyContact(rec, in, now)
	return rec
}

// applyContact sets the fields of in on rec.
func applyContact(rec *contactRec, in *gen.UpdateContactRequest, now int) {
	c := &rec.c
	if in.Role != nil {
		c.Role = ptr(*in.Role)
	}
	if in.ExternalId != nil {
		c.ExternalId = nilIfEmpty(*in.ExternalId)
	}
	if in.Email != nil {
		c.Email = ptr(*in.Email)
		domain := ""
		if at := strings.LastIndexByte(*in.Email, '@'); at >= 0 {
			domain = (*in.Email)[at+1:]
		}
		c.EmailDomain = ptr(domain)
	}
	if in.Phone != nil {
		c.Phone = ptr(*in.Phone)
	}
	if in.Name != nil {
		c.Name = ptr(*in.Name)
	}
	if in.Avatar != nil {
		c.Avatar = &types.Avatar{Type: "avatar", ImageURL: *in.Avatar}
	}
	if in.SignedUpAt != nil {
		c.SignedUpAt = ptr(*in.SignedUpAt)
	}
	if in.LastSeenAt != nil {
		c.LastSeenAt = ptr(*in.LastSeenAt)
	}
	if in.OwnerId != nil {
		setJSON(&c.OwnerId, in.OwnerId) // a string in the request, on 2.15 a NumericID in the contact
	}
	if in.UnsubscribedFromEmails != nil {
		c.UnsubscribedFromEmails = ptr(*in.UnsubscribedFromEmails)
	}
	if in.CustomAttributes != nil {
		c.CustomAttributes = mergeAttrs(c.CustomAttributes, in.CustomAttributes)
	}
	c.UpdatedAt = ptr(now)
}

func nilIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (c *call) contactParam() (*contactRec, result, bool) {
	rec, ok := c.st.contact(c.params["contact_id"])
	if !ok {
		return nil, notFound("User"), false
	}
	return rec, result{}, true
}

func (c *call) listContacts() result {
	per, good, res := c.intParam("per_page", contactsDefaultPerPage, 1, maxPerPage)
	if !good {
		return res
	}
	ids := c.st.liveContactIDs()
	start, end, pages, res, good := cursorPage(ids, c.st.contacts.seqOf, per, c.query.Get("starting_after"))
	if !good {
		return res
	}
	data := make([]gen.Contact, 0, end-start)
	for _, id := range ids[start:end] {
		data = append(data, c.st.renderContact(c.st.contacts.m[id]))
	}
	return ok(gen.ContactList{Type: ptr(gen.ContactListType("list")), Data: data, TotalCount: ptr(len(ids)), Pages: &pages})
}

func (c *call) createContact() result {
	var in gen.UpdateContactRequest
	if good, res := c.decode(&in); !good {
		return res
	}
	if val(in.Email) == "" && val(in.ExternalId) == "" && val(in.Role) == "" {
		return missing("One of email, external_id or role")
	}
	if res, good := c.st.checkContactInput(&in, nil); !good {
		return res
	}
	rec := c.st.newContact(&in, c.unix())
	c.st.putContact(rec)
	return ok(c.st.renderContact(rec))
}

func (c *call) getContact() result {
	rec, res, good := c.contactParam()
	if !good {
		return res
	}
	return ok(c.st.renderContact(rec))
}

func (c *call) getContactByExternalID() result {
	if ids := c.st.byExtID[c.params["external_id"]]; len(ids) > 0 {
		return ok(c.st.renderContact(c.st.contacts.m[ids[0]]))
	}
	return notFound("User")
}

func (c *call) updateContact() result {
	rec, res, good := c.contactParam()
	if !good {
		return res
	}
	var in gen.UpdateContactRequest
	if good, res := c.decode(&in); !good {
		return res
	}
	if res, good := c.st.checkContactInput(&in, rec); !good {
		return res
	}
	c.st.unindexContact(rec)
	applyContact(rec, &in, c.unix())
	c.st.indexContact(rec)
	return ok(c.st.renderContact(rec))
}

func (c *call) deleteContact() result {
	rec, res, good := c.contactParam()
	if !good {
		return res
	}
	c.st.removeContact(rec)
	return ok(gen.ContactDeleted{Type: ptr(gen.ContactDeletedType("contact")), Id: rec.c.Id, ExternalId: rec.c.ExternalId, Deleted: ptr(true)})
}

// removeContact deletes a contact, its notes and its company links.
func (st *store) removeContact(rec *contactRec) {
	id := val(rec.c.Id)
	st.unindexContact(rec)
	st.contacts.del(id)
	for _, nid := range st.notesOf(id) {
		st.notes.del(nid)
	}
}

func (c *call) archiveContact() result {
	rec, res, good := c.contactParam()
	if !good {
		return res
	}
	rec.archived = true
	return ok(gen.ContactArchived{Type: ptr(gen.ContactArchivedType("contact")), Id: rec.c.Id, ExternalId: rec.c.ExternalId, Archived: ptr(true)})
}

func (c *call) unarchiveContact() result {
	rec, res, good := c.contactParam()
	if !good {
		return res
	}
	rec.archived = false
	return ok(gen.ContactUnarchived{Type: ptr(gen.ContactUnarchivedType("contact")), Id: rec.c.Id, ExternalId: rec.c.ExternalId, Archived: ptr(false)})
}

func (c *call) mergeContacts() result {
	var in struct {
		From *string `json:"from"`
		Into *string `json:"into"`
	}
	if good, res := c.decode(&in); !good {
		return res
	}
	if val(in.From) == "" {
		return missing("from")
	}
	if val(in.Into) == "" {
		return missing("into")
	}
	from, okFrom := c.st.contact(*in.From)
	into, okInto := c.st.contact(*in.Into)
	if !okFrom || !okInto {
		return notFound("User")
	}
	if from == into {
		return invalid("from and into must be different contacts")
	}
	if val(from.c.Role) != "lead" {
		return invalid("from must be a lead")
	}
	if val(into.c.Role) != "user" {
		return invalid("into must be a user")
	}
	now := c.unix()
	c.st.unindexContact(from)
	c.st.unindexContact(into)
	defer c.st.indexContact(into)
	if into.c.Email == nil && from.c.Email != nil {
		into.c.Email, into.c.EmailDomain = from.c.Email, from.c.EmailDomain
	}
	for _, l := range from.tags {
		if !hasLink(into.tags, l.id) {
			into.tags = append(into.tags, l)
		}
	}
	for _, cid := range from.companies {
		if !containsString(into.companies, cid) {
			into.companies = append(into.companies, cid)
		}
	}
	into.c.CustomAttributes = mergeAttrs(from.c.CustomAttributes, into.c.CustomAttributes)
	into.c.UpdatedAt = ptr(now)
	fromID, intoID := val(from.c.Id), val(into.c.Id)
	for _, n := range c.st.notes.values() {
		if n.contactID == fromID {
			n.contactID = intoID
			n.n.Contact = &noteContact{Type: ptr("contact"), Id: ptr(intoID)}
		}
	}
	for _, conv := range c.st.conversations.values() {
		if containsString(conv.contacts, fromID) {
			conv.contacts = removeString(conv.contacts, fromID)
			if !containsString(conv.contacts, intoID) {
				conv.contacts = append(conv.contacts, intoID)
			}
		}
	}
	c.st.contacts.del(fromID)
	return ok(c.st.renderContact(into))
}

func (c *call) searchContacts() result {
	q, per, after, res, good := c.searchBody(contactsDefaultPerPage)
	if !good {
		return res
	}
	var ids []string
	for _, id := range c.st.liveContactIDs() {
		if q.match(c.st.contactFields(c.st.contacts.m[id])) {
			ids = append(ids, id)
		}
	}
	start, end, pages, res, good := cursorPage(ids, c.st.contacts.seqOf, per, after)
	if !good {
		return res
	}
	data := make([]gen.Contact, 0, end-start)
	for _, id := range ids[start:end] {
		data = append(data, c.st.renderContact(c.st.contacts.m[id]))
	}
	return ok(gen.ContactList{Type: ptr(gen.ContactListType("list")), Data: data, TotalCount: ptr(len(ids)), Pages: &pages})
}

// Companies of a contact.

func (c *call) listContactCompanies() result {
	rec, res, good := c.contactParam()
	if !good {
		return res
	}
	path := "/contacts/" + url.PathEscape(val(rec.c.Id)) + "/companies"
	start, end, pages, res, good := c.numberPage(len(rec.companies), contactsDefaultPerPage, maxPerPage, path, nil)
	if !good {
		return res
	}
	data := make([]gen.Company, 0, end-start)
	for _, cid := range rec.companies[start:end] {
		data = append(data, c.st.renderCompany(c.st.companies.m[cid]))
	}
	return ok(gen.ContactAttachedCompanies{Type: ptr(gen.ContactAttachedCompaniesType("list")), Companies: data, TotalCount: ptr(len(rec.companies)), Pages: &pages})
}

func (c *call) attachContactCompany() result {
	rec, res, good := c.contactParam()
	if !good {
		return res
	}
	var in struct {
		ID *string `json:"id"`
	}
	if good, res := c.decode(&in); !good {
		return res
	}
	if val(in.ID) == "" {
		return missing("id")
	}
	co, found := c.st.companies.get(*in.ID)
	if !found {
		return notFound("Company")
	}
	if !containsString(rec.companies, *in.ID) {
		rec.companies = append(rec.companies, *in.ID)
		rec.c.UpdatedAt = ptr(c.unix())
	}
	return ok(c.st.renderCompany(co))
}

func (c *call) detachContactCompany() result {
	rec, res, good := c.contactParam()
	if !good {
		return res
	}
	cid := c.params["company_id"]
	co, found := c.st.companies.get(cid)
	if !found {
		return notFound("Company")
	}
	if containsString(rec.companies, cid) {
		rec.companies = removeString(rec.companies, cid)
		rec.c.UpdatedAt = ptr(c.unix())
	}
	return ok(c.st.renderCompany(co))
}

// Tags of a contact.

func (c *call) listContactTags() result {
	rec, res, good := c.contactParam()
	if !good {
		return res
	}
	data := make([]gen.Tag, 0, len(rec.tags))
	for _, l := range rec.tags {
		data = append(data, c.st.appliedTag(l))
	}
	return ok(gen.TagList{Type: ptr(gen.TagListType("list")), Data: data})
}

func (c *call) attachContactTag() result {
	rec, res, good := c.contactParam()
	if !good {
		return res
	}
	var in struct {
		ID *string `json:"id"`
	}
	if good, res := c.decode(&in); !good {
		return res
	}
	if val(in.ID) == "" {
		return missing("id")
	}
	t, found := c.st.tags.get(*in.ID)
	if !found {
		return notFound("Tag")
	}
	if !hasLink(rec.tags, t.id) {
		rec.tags = append(rec.tags, tagLink{id: t.id, at: c.unix(), by: c.st.meID})
	}
	return ok(t.tag())
}

func (c *call) detachContactTag() result {
	rec, res, good := c.contactParam()
	if !good {
		return res
	}
	t, found := c.st.tags.get(c.params["tag_id"])
	if !found {
		return notFound("Tag")
	}
	rec.tags = removeLink(rec.tags, t.id)
	return ok(t.tag())
}
