package intercomtest

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/intercom/types"
)

// ErrNotFound is returned by the seeding helpers for an id the server does
// not hold.
var ErrNotFound = errors.New("intercomtest: not found")

// AddContact stores a contact as if it had been created through the API, and
// returns it as the API shows it. Fields left nil get Intercom's defaults:
// a new 24-hex id, role user, created_at and updated_at now, the workspace
// id, and so on. Its Tags, Companies and Notes are ignored: link those with
// [Server.TagContact], [Server.AttachCompany] or through the API. A duplicate
// id, an invalid role, or a user whose email or external_id another user
// has is an error and stores nothing.
func (s *Server) AddContact(c intercom.Contact) (intercom.Contact, error) {
	c = deepCopy(c)
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st
	if c.Id != nil {
		if *c.Id == "" {
			return gen.Contact{}, errors.New("intercomtest: AddContact: empty id")
		}
		if _, dup := st.contact(*c.Id); dup {
			return gen.Contact{}, fmt.Errorf("intercomtest: AddContact: a contact with id %s exists", *c.Id)
		}
	}
	in := gen.UpdateContactRequest{Role: c.Role, Email: c.Email, ExternalId: c.ExternalId}
	setJSON(&in.OwnerId, c.OwnerId) // on 2.15 a NumericID in the contact, a string in the request
	if res, good := st.checkContactInput(&in, nil); !good {
		return gen.Contact{}, fmt.Errorf("intercomtest: AddContact: %s", res.msg)
	}
	now := st.now()
	rec := st.newContact(&gen.UpdateContactRequest{}, now)
	base := rec.c
	c.Tags, c.Companies, c.Notes = nil, nil, nil
	fillNil(&c.Id, base.Id)
	fillNil(&c.Type, base.Type)
	fillNil(&c.WorkspaceId, base.WorkspaceId)
	fillNil(&c.Role, base.Role)
	fillNil(&c.CreatedAt, base.CreatedAt)
	fillNil(&c.UpdatedAt, base.UpdatedAt)
	fillNil(&c.HasHardBounced, base.HasHardBounced)
	fillNil(&c.MarkedEmailAsSpam, base.MarkedEmailAsSpam)
	fillNil(&c.UnsubscribedFromEmails, base.UnsubscribedFromEmails)
	if c.CustomAttributes == nil {
		c.CustomAttributes = base.CustomAttributes
	}
	fillNil(&c.Location, base.Location)
	fillNil(&c.SocialProfiles, base.SocialProfiles)
	fillNil(&c.Avatar, base.Avatar)
	if c.Email != nil && c.EmailDomain == nil {
		if at := strings.LastIndexByte(*c.Email, '@'); at >= 0 {
			c.EmailDomain = ptr((*c.Email)[at+1:])
		}
	}
	rec.c = c
	st.putContact(rec)
	return deepCopy(st.renderContact(rec)), nil
}

func fillNil[T any](dst **T, def *T) {
	if *dst == nil {
		*dst = def
	}
}

// SeedContacts stores n users named "User <k>" with the email
// user-<k>@example.com and the external id user-<k>, numbered on from the
// previous call, and returns them. It is the quick way to fill the server
// for a list, search or benchmark.
func (s *Server) SeedContacts(n int) []intercom.Contact {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st
	out := make([]gen.Contact, 0, max(n, 0))
	now := st.now()
	for i := 0; i < n; i++ {
		st.seedSeq++
		k := strconv.Itoa(st.seedSeq)
		rec := st.newContact(&gen.UpdateContactRequest{
			Role: ptr("user"), Name: ptr("User " + k), Email: ptr("user-" + k + "@example.com"), ExternalId: ptr("user-" + k),
		}, now)
		st.putContact(rec)
		out = append(out, deepCopy(st.renderContact(rec)))
	}
	return out
}

// AddCompany stores a company as if created through the API, and returns
// it. Fields left nil get defaults (a new id; company_id defaults to a new
// id too). Its Tags, Segments and UserCount are ignored. A duplicate id or
// company_id is an error.
func (s *Server) AddCompany(c intercom.Company) (intercom.Company, error) {
	c = deepCopy(c)
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st
	if c.Id != nil {
		if _, dup := st.companies.get(*c.Id); dup || *c.Id == "" {
			return gen.Company{}, fmt.Errorf("intercomtest: AddCompany: id %q is empty or taken", *c.Id)
		}
	}
	if c.CompanyId != nil {
		if _, dup := st.companyByCompanyID(*c.CompanyId); dup || *c.CompanyId == "" {
			return gen.Company{}, fmt.Errorf("intercomtest: AddCompany: company_id %q is empty or taken", *c.CompanyId)
		}
	}
	base := st.newCompany(&gen.CreateOrUpdateCompanyRequest{}, st.now()).c
	c.Tags, c.Segments, c.UserCount = nil, nil, nil
	fillNil(&c.Id, base.Id)
	fillNil(&c.Type, base.Type)
	fillNil(&c.AppId, base.AppId)
	fillNil(&c.CompanyId, base.CompanyId)
	fillNil(&c.CreatedAt, base.CreatedAt)
	fillNil(&c.UpdatedAt, base.CreatedAt)
	fillNil(&c.RemoteCreatedAt, base.RemoteCreatedAt)
	fillNil(&c.MonthlySpend, base.MonthlySpend)
	fillNil(&c.SessionCount, base.SessionCount)
	fillNil(&c.Plan, base.Plan)
	if c.CustomAttributes == nil {
		c.CustomAttributes = base.CustomAttributes
	}
	co := &companyRec{c: c}
	st.companies.put(*c.Id, co)
	return deepCopy(st.renderCompany(co)), nil
}

// SeedCompanies stores n companies named "Company <k>" with the company_id
// company-<k>, and returns them.
func (s *Server) SeedCompanies(n int) []intercom.Company {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st
	out := make([]gen.Company, 0, max(n, 0))
	for i := 0; i < n; i++ {
		st.seedSeq++
		k := strconv.Itoa(st.seedSeq)
		co := st.newCompany(&gen.CreateOrUpdateCompanyRequest{Name: ptr("Company " + k), CompanyId: ptr("company-" + k)}, st.now())
		st.companies.put(*co.c.Id, co)
		out = append(out, deepCopy(st.renderCompany(co)))
	}
	return out
}

// AttachCompany attaches the company (Intercom id) to the contact.
func (s *Server) AttachCompany(contactID, companyID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.st.contact(contactID)
	if !ok {
		return fmt.Errorf("contact %q: %w", contactID, ErrNotFound)
	}
	if _, ok := s.st.companies.get(companyID); !ok {
		return fmt.Errorf("company %q: %w", companyID, ErrNotFound)
	}
	if !containsString(rec.companies, companyID) {
		rec.companies = append(rec.companies, companyID)
	}
	return nil
}

// AddTag returns the tag called name, creating it if needed.
func (s *Server) AddTag(name string) (intercom.Tag, error) {
	if strings.TrimSpace(name) == "" {
		return gen.Tag{}, errors.New("intercomtest: AddTag: empty name")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.ensureTag(strings.TrimSpace(name)).basic(), nil
}

// TagContact applies the tag to the contact, as the server's admin.
func (s *Server) TagContact(contactID, tagID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.st.contact(contactID)
	if !ok {
		return fmt.Errorf("contact %q: %w", contactID, ErrNotFound)
	}
	if _, ok := s.st.tags.get(tagID); !ok {
		return fmt.Errorf("tag %q: %w", tagID, ErrNotFound)
	}
	if !hasLink(rec.tags, tagID) {
		rec.tags = append(rec.tags, tagLink{id: tagID, at: s.st.now(), by: s.st.meID})
	}
	return nil
}

// AddConversation starts a conversation with a message body from the
// contact, as POST /conversations does, and returns it.
func (s *Server) AddConversation(contactID, body string) (intercom.Conversation, error) {
	if strings.TrimSpace(body) == "" {
		return gen.Conversation{}, errors.New("intercomtest: AddConversation: empty body")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.st.contact(contactID)
	if !ok {
		return gen.Conversation{}, fmt.Errorf("contact %q: %w", contactID, ErrNotFound)
	}
	cv, _ := s.st.newConversation(rec, body, "", s.st.now())
	return deepCopy(s.st.renderConversation(cv, true)), nil
}

// AddAdmin stores a teammate and returns it. A nil Id gets a new numeric id;
// a given one must be numeric (Intercom uses admin ids as numbers in
// assignments) and unused.
func (s *Server) AddAdmin(a intercom.Admin) (intercom.Admin, error) {
	a = deepCopy(a)
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st
	if a.Id != nil {
		if _, err := strconv.Atoi(*a.Id); err != nil {
			return gen.Admin{}, fmt.Errorf("intercomtest: AddAdmin: id %q is not numeric", *a.Id)
		}
		if _, dup := st.admin(*a.Id); dup {
			return gen.Admin{}, fmt.Errorf("intercomtest: AddAdmin: an admin with id %s exists", *a.Id)
		}
	} else {
		a.Id = ptr(st.numID())
	}
	fillNil(&a.Type, ptr("admin"))
	fillNil(&a.Name, ptr("Admin "+*a.Id))
	fillNil(&a.Email, ptr("admin-"+*a.Id+"@example.com"))
	fillNil(&a.AwayModeEnabled, ptr(false))
	fillNil(&a.AwayModeReassign, ptr(false))
	fillNil(&a.HasInboxSeat, ptr(true))
	if a.TeamIds == nil {
		a.TeamIds = []types.NumericID{}
	}
	st.admins.put(*a.Id, &a)
	return deepCopy(a), nil
}

// Me returns a copy of the admin the server's token belongs to (GET /me).
// It is a pointer so that its nil-safe getters chain: srv.Me().GetId().
func (s *Server) Me() *intercom.Admin {
	s.mu.Lock()
	defer s.mu.Unlock()
	me := deepCopy(*s.st.me())
	return &me
}

// AddTeam stores a team and returns it; its AdminIds must be admins the
// server holds.
func (s *Server) AddTeam(t intercom.Team) (intercom.Team, error) {
	t = deepCopy(t)
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st
	if t.Id != nil {
		if _, err := strconv.Atoi(*t.Id); err != nil {
			return gen.Team{}, fmt.Errorf("intercomtest: AddTeam: id %q is not numeric", *t.Id)
		}
		if _, dup := st.teams.get(*t.Id); dup {
			return gen.Team{}, fmt.Errorf("intercomtest: AddTeam: a team with id %s exists", *t.Id)
		}
	} else {
		t.Id = ptr(st.numID())
	}
	for _, id := range t.AdminIds {
		if _, ok := st.admin(string(id)); !ok {
			return gen.Team{}, fmt.Errorf("intercomtest: AddTeam: admin %s: %w", id, ErrNotFound)
		}
	}
	fillNil(&t.Type, ptr("team"))
	fillNil(&t.Name, ptr("Team "+*t.Id))
	if t.AdminIds == nil {
		t.AdminIds = []types.NumericID{}
	}
	st.teams.put(*t.Id, &t)
	return deepCopy(t), nil
}

// AddSegment stores a segment and returns it (a nil Id gets a new 24-hex id).
func (s *Server) AddSegment(sg intercom.Segment) (intercom.Segment, error) {
	sg = deepCopy(sg)
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st
	if sg.Id != nil {
		if _, dup := st.segments.get(*sg.Id); dup || *sg.Id == "" {
			return gen.Segment{}, fmt.Errorf("intercomtest: AddSegment: id %q is empty or taken", *sg.Id)
		}
	} else {
		sg.Id = ptr(st.hexID())
	}
	now := st.now()
	fillNil(&sg.Type, ptr(gen.SegmentType("segment")))
	fillNil(&sg.Name, ptr("Segment "+*sg.Id))
	fillNil(&sg.PersonType, ptr(gen.SegmentPersonTypeUser))
	fillNil(&sg.CreatedAt, &now)
	fillNil(&sg.UpdatedAt, &now)
	sg.Count = nil
	st.segments.put(*sg.Id, &sg)
	return deepCopy(sg), nil
}

// AddArticle stores an article as POST /articles would: Title is required;
// AuthorId defaults to [Server.Me]; State defaults to draft.
func (s *Server) AddArticle(a intercom.Article) (intercom.Article, error) {
	if strings.TrimSpace(val(a.Title)) == "" {
		return gen.Article{}, errors.New("intercomtest: AddArticle: empty title")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st
	author := a.AuthorId
	if author == nil {
		author = ptr(types.NumericID(st.meID))
	}
	in := &articleInput{Title: a.Title, Description: a.Description, Body: a.Body, AuthorID: author, TranslatedContent: a.TranslatedContent}
	if a.State != nil {
		in.State = ptr(string(*a.State))
	}
	c := &call{s: s, st: st}
	parentID, res, good := c.checkArticle(in, true)
	if !good {
		return gen.Article{}, fmt.Errorf("intercomtest: AddArticle: %s", res.msg)
	}
	if len(a.ParentIds) > 0 {
		n, err := strconv.Atoi(string(a.ParentIds[0]))
		if err != nil {
			return gen.Article{}, fmt.Errorf("intercomtest: AddArticle: parent id %q is not numeric", a.ParentIds[0])
		}
		parentID = &n
	}
	art := st.newArticle(st.now())
	st.applyArticle(art, deepCopy(in), parentID, st.now())
	st.articles.put(*art.Id, art)
	return deepCopy(*art), nil
}

// AddTicketType stores a ticket type in the Customer category with the
// states submitted, in_progress, waiting_on_customer and resolved.
func (s *Server) AddTicketType(name string) (intercom.TicketType, error) {
	if strings.TrimSpace(name) == "" {
		return gen.TicketType{}, errors.New("intercomtest: AddTicketType: empty name")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return deepCopy(*s.st.addTicketType(name, "Customer", "")), nil
}

// DefaultTicketType returns the ticket type every server starts with
// ("Bug Report"), whose id POST /tickets needs: a copy, as a pointer so that
// its getters chain (srv.DefaultTicketType().GetId()).
func (s *Server) DefaultTicketType() *intercom.TicketType {
	s.mu.Lock()
	defer s.mu.Unlock()
	tt := deepCopy(*s.st.ticketTypes.m[s.st.ticketTypes.order[0]])
	return &tt
}

// Contact returns the contact with the Intercom id, as the API shows it.
func (s *Server) Contact(id string) (intercom.Contact, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.st.contact(id)
	if !ok {
		return gen.Contact{}, false
	}
	return deepCopy(s.st.renderContact(rec)), true
}

// ContactCount returns how many contacts the server holds (archived ones
// included).
func (s *Server) ContactCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.contacts.len()
}

// Company returns the company with the Intercom id.
func (s *Server) Company(id string) (intercom.Company, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	co, ok := s.st.companies.get(id)
	if !ok {
		return gen.Company{}, false
	}
	return deepCopy(s.st.renderCompany(co)), true
}

// Conversation returns the conversation with its parts.
func (s *Server) Conversation(id string) (intercom.Conversation, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cv, ok := s.st.conversations.get(id)
	if !ok {
		return gen.Conversation{}, false
	}
	return deepCopy(s.st.renderConversation(cv, true)), true
}

// Ticket returns the ticket with the id (not the ticket_id).
func (s *Server) Ticket(id string) (intercom.Ticket, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tk, ok := s.st.tickets.get(id)
	if !ok {
		return gen.Ticket{}, false
	}
	return deepCopy(s.st.renderTicket(tk)), true
}

// Article returns the article with the id.
func (s *Server) Article(id string) (intercom.Article, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.st.articles.get(id)
	if !ok {
		return gen.Article{}, false
	}
	return deepCopy(*a), true
}

// EventCount returns how many data events the contact has.
func (s *Server) EventCount(contactID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, e := range s.st.events {
		if e.contactID == contactID {
			n++
		}
	}
	return n
}
