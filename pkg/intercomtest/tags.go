package intercomtest

import (
	"net/http"
	"strings"

	"github.com/intercomkit/intercom-go/gen"
)

// tagRec is a stored tag.
type tagRec struct {
	id, name string
}

func (t *tagRec) basic() gen.Tag {
	return gen.Tag{Type: ptr("tag"), Id: ptr(t.id), Name: ptr(t.name)}
}

func (t *tagRec) tag() gen.Tag {
	return gen.Tag{Type: ptr("tag"), Id: ptr(t.id), Name: ptr(t.name)}
}

// appliedTag is a tag as applied to an object, with when and by whom.
func (st *store) appliedTag(l tagLink) gen.Tag {
	t := st.tags.m[l.id].tag()
	t.AppliedAt = ptr(l.at)
	if l.by != "" {
		t.AppliedBy = &gen.Reference{Type: ptr("admin"), Id: ptr(l.by)}
	}
	return t
}

// tagNamed returns the tag called name (case-insensitively).
func (st *store) tagNamed(name string) (*tagRec, bool) {
	for _, t := range st.tags.values() {
		if strings.EqualFold(t.name, name) {
			return t, true
		}
	}
	return nil, false
}

// ensureTag returns the tag called name, creating it if needed.
func (st *store) ensureTag(name string) *tagRec {
	if t, ok := st.tagNamed(name); ok {
		return t
	}
	t := &tagRec{id: st.numID(), name: name}
	st.tags.put(t.id, t)
	return t
}

func (c *call) listTags() result {
	data := make([]gen.Tag, 0, c.st.tags.len())
	for _, t := range c.st.tags.values() {
		data = append(data, t.tag())
	}
	return ok(gen.TagList{Type: ptr(gen.TagListType("list")), Data: data})
}

func (c *call) getTag() result {
	t, found := c.st.tags.get(c.params["tag_id"])
	if !found {
		return notFound("Tag")
	}
	return ok(t.basic())
}

func (c *call) deleteTag() result {
	t, found := c.st.tags.get(c.params["tag_id"])
	if !found {
		return notFound("Tag")
	}
	for _, rec := range c.st.contacts.values() {
		rec.tags = removeLink(rec.tags, t.id)
	}
	for _, conv := range c.st.conversations.values() {
		conv.tags = removeLink(conv.tags, t.id)
	}
	for _, co := range c.st.companies.values() {
		co.tags = removeString(co.tags, t.id)
	}
	c.st.tags.del(t.id)
	return result{status: http.StatusOK}
}

// createTag is POST /tags: create (or rename, with id) a tag, and optionally
// tag or untag companies, or tag contacts, with it.
func (c *call) createTag() result {
	var in struct {
		ID        *string `json:"id"`
		Name      *string `json:"name"`
		Companies *[]struct {
			ID        *string `json:"id"`
			CompanyID *string `json:"company_id"`
			Untag     *bool   `json:"untag"`
		} `json:"companies"`
		Users *[]struct {
			ID *string `json:"id"`
		} `json:"users"`
	}
	if good, res := c.decode(&in); !good {
		return res
	}
	name := strings.TrimSpace(val(in.Name))
	if name == "" {
		return missing("name")
	}
	// Check everything first: a failing request changes nothing.
	var renamed *tagRec
	if in.ID != nil {
		t, found := c.st.tags.get(*in.ID)
		if !found {
			return notFound("Tag")
		}
		if other, ok := c.st.tagNamed(name); ok && other != t {
			return invalid("a tag named %q already exists", name)
		}
		renamed = t
	}
	type companyOp struct {
		co    *companyRec
		untag bool
	}
	var companyOps []companyOp
	if in.Companies != nil {
		for _, ref := range *in.Companies {
			var co *companyRec
			switch {
			case val(ref.ID) != "":
				co, _ = c.st.companies.get(*ref.ID)
			case val(ref.CompanyID) != "":
				co, _ = c.st.companyByCompanyID(*ref.CompanyID)
			default:
				return missing("companies[].id or companies[].company_id")
			}
			if co == nil {
				return notFound("Company")
			}
			companyOps = append(companyOps, companyOp{co: co, untag: val(ref.Untag)})
		}
	}
	var users []*contactRec
	if in.Users != nil {
		for _, ref := range *in.Users {
			if val(ref.ID) == "" {
				return missing("users[].id")
			}
			rec, found := c.st.contact(*ref.ID)
			if !found {
				return notFound("User")
			}
			users = append(users, rec)
		}
	}
	var t *tagRec
	if renamed != nil {
		renamed.name = name
		t = renamed
	} else {
		t = c.st.ensureTag(name)
	}
	for _, op := range companyOps {
		if op.untag {
			op.co.tags = removeString(op.co.tags, t.id)
		} else if !containsString(op.co.tags, t.id) {
			op.co.tags = append(op.co.tags, t.id)
		}
	}
	for _, rec := range users {
		if !hasLink(rec.tags, t.id) {
			rec.tags = append(rec.tags, tagLink{id: t.id, at: c.unix(), by: c.st.meID})
		}
	}
	return ok(t.basic())
}

// Notes.

// noteRec is a stored note on a contact.
type noteRec struct {
	n         gen.Note
	contactID string
}

// noteContact is the type of gen.Note.Contact.
type noteContact = gen.NoteContact

// notesOf returns the ids of the contact's notes, newest first.
func (st *store) notesOf(contactID string) []string {
	var ids []string
	for _, id := range st.notes.order {
		if st.notes.m[id].contactID == contactID {
			ids = append(ids, id)
		}
	}
	for i, j := 0, len(ids)-1; i < j; i, j = i+1, j-1 {
		ids[i], ids[j] = ids[j], ids[i]
	}
	return ids
}

func (st *store) renderNote(n *noteRec) gen.Note {
	note := n.n
	if a, ok := st.admin(val(note.Author.Id)); ok {
		note.Author = a
	}
	return note
}

func (c *call) listContactNotes() result {
	rec, res, good := c.contactParam()
	if !good {
		return res
	}
	ids := c.st.notesOf(val(rec.c.Id))
	start, end, pages, res, good := c.numberPage(len(ids), contactsDefaultPerPage, maxPerPage, "/contacts/"+val(rec.c.Id)+"/notes", nil)
	if !good {
		return res
	}
	data := make([]gen.Note, 0, end-start)
	for _, id := range ids[start:end] {
		data = append(data, c.st.renderNote(c.st.notes.m[id]))
	}
	return ok(gen.NoteList{Type: ptr("list"), Data: data, TotalCount: ptr(len(ids)), Pages: &pages})
}

func (c *call) createNote() result {
	rec, res, good := c.contactParam()
	if !good {
		return res
	}
	var in struct {
		Body    *string `json:"body"`
		AdminID *string `json:"admin_id"`
	}
	if good, res := c.decode(&in); !good {
		return res
	}
	if val(in.Body) == "" {
		return missing("body")
	}
	author := c.st.me()
	if val(in.AdminID) != "" {
		a, found := c.st.admin(*in.AdminID)
		if !found {
			return notFound("Admin")
		}
		author = a
	}
	n := &noteRec{contactID: val(rec.c.Id), n: gen.Note{
		Type:      ptr("note"),
		Id:        ptr(c.st.numID()),
		CreatedAt: ptr(c.unix()),
		Body:      ptr(*in.Body),
		Author:    &gen.Admin{Id: author.Id},
		Contact:   &noteContact{Type: ptr("contact"), Id: rec.c.Id},
	}}
	c.st.notes.put(val(n.n.Id), n)
	return ok(c.st.renderNote(n))
}

func (c *call) getNote() result {
	n, found := c.st.notes.get(c.params["note_id"])
	if !found {
		return notFound("Note")
	}
	return ok(c.st.renderNote(n))
}
