package intercomtest

import (
	"encoding/json"
	"strconv"

	"github.com/intercomkit/intercom-go/gen"
)

// ticketRec is a stored ticket.
type ticketRec struct {
	t        gen.Ticket // without type, state, contacts, attributes, parts
	typeID   string
	stateID  string
	contacts []string
	attrs    map[string]any
	parts    []gen.TicketPart
	tags     []tagLink
}

// ticketStates is the type of gen.TicketType.TicketStates.
type ticketStates = gen.TicketTypeTicketStates

const ticketsDefaultPerPage = 20

// addTicketType creates a ticket type with the four standard states.
func (st *store) addTicketType(name, category, description string) *gen.TicketType {
	now := st.now()
	states := []gen.TicketState{}
	for _, s := range []struct{ cat, label string }{
		{"submitted", "Submitted"}, {"in_progress", "In progress"},
		{"waiting_on_customer", "Waiting on customer"}, {"resolved", "Resolved"},
	} {
		states = append(states, gen.TicketState{
			Type: ptr("ticket_state"), Id: ptr(st.numID()), Category: ptr(gen.TicketStateCategory(s.cat)),
			InternalLabel: ptr(s.label), ExternalLabel: ptr(s.label),
		})
	}
	tt := &gen.TicketType{
		Type:         ptr("ticket_type"),
		Id:           ptr(st.numID()),
		Name:         ptr(name),
		Description:  ptr(description),
		Icon:         ptr("🎟️"),
		Category:     ptr(gen.TicketTypeCategory(category)),
		WorkspaceId:  ptr(st.appID),
		Archived:     ptr(false),
		CreatedAt:    ptr(now),
		UpdatedAt:    ptr(now),
		TicketStates: &ticketStates{Type: ptr("list"), Data: states},
	}
	st.ticketTypes.put(*tt.Id, tt)
	return tt
}

// ticketState returns the state id of the ticket type, or nil.
func ticketState(tt *gen.TicketType, id string) *gen.TicketState {
	if tt.TicketStates == nil {
		return nil
	}
	for i := range tt.TicketStates.Data {
		if s := &tt.TicketStates.Data[i]; val(s.Id) == id {
			return s
		}
	}
	return nil
}

// firstState returns the type's state of category cat.
func firstState(tt *gen.TicketType, cat string) *gen.TicketState {
	if tt.TicketStates == nil {
		return nil
	}
	for i := range tt.TicketStates.Data {
		if s := &tt.TicketStates.Data[i]; string(val(s.Category)) == cat {
			return s
		}
	}
	return nil
}

func (st *store) renderTicket(tk *ticketRec) gen.Ticket {
	t := tk.t
	tt := st.ticketTypes.m[tk.typeID]
	ttCopy := *tt
	t.TicketType = &ttCopy
	if s := ticketState(tt, tk.stateID); s != nil {
		sc := *s
		t.TicketState = &sc
	}
	refs := make([]gen.ContactReference, 0, len(tk.contacts))
	for _, id := range tk.contacts {
		ref := gen.ContactReference{Type: ptr(gen.ContactReferenceType("contact")), Id: ptr(id)}
		if rec, ok := st.contact(id); ok {
			ref.ExternalId = rec.c.ExternalId
		}
		refs = append(refs, ref)
	}
	t.Contacts = &gen.TicketContacts{Type: ptr(gen.TicketContactsType("contact.list")), Contacts: refs}
	if attrs, err := roundTrip[gen.TicketCustomAttributes](tk.attrs); err == nil {
		t.TicketAttributes = attrs
	}
	parts := append([]gen.TicketPart{}, tk.parts...)
	t.TicketParts = &gen.TicketParts{Type: ptr(gen.TicketPartsType("ticket_part.list")), TicketParts: parts, TotalCount: ptr(len(parts))}
	return t
}

// ticketFields reads the ticket's fields for search: its fields as the API
// shows them, plus state, ticket_state_id, ticket_type_id, contact_ids,
// title and description.
func (st *store) ticketFields(tk *ticketRec) getter {
	return func(path string) (any, bool) {
		switch path {
		case "state":
			if s := ticketState(st.ticketTypes.m[tk.typeID], tk.stateID); s != nil {
				return string(val(s.Category)), true
			}
			return nil, false
		case "ticket_state_id":
			return tk.stateID, true
		case "ticket_type_id":
			return tk.typeID, true
		case "contact_ids":
			return anyStrings(tk.contacts), true
		case "tag_ids":
			ids := make([]string, len(tk.tags))
			for i, l := range tk.tags {
				ids[i] = l.id
			}
			return anyStrings(ids), true
		case "title":
			v, ok := tk.attrs["_default_title_"]
			return v, ok
		case "description":
			v, ok := tk.attrs["_default_description_"]
			return v, ok
		}
		switch firstSegment(path) {
		case "ticket_attributes":
			return lookup(map[string]any{"ticket_attributes": tk.attrs}, path)
		case "ticket_type", "ticket_state", "contacts", "ticket_parts":
			return fieldOf(st.renderTicket(tk), path)
		}
		return fieldOf(&tk.t, path)
	}
}

func (c *call) listTicketTypes() result {
	return ok(gen.TicketTypeList{Type: ptr("list"), Data: valuesOf(c.st.ticketTypes.values())})
}

// ticketAssignee resolves an assignee id to an admin or a team id ("0": none).
func (c *call) ticketAssignee(id string) (admin, team *string, res result, good bool) {
	if id == "0" {
		return ptr("0"), ptr("0"), result{}, true
	}
	if _, found := c.st.admin(id); found {
		return ptr(id), nil, result{}, true
	}
	if _, found := c.st.teams.get(id); found {
		return nil, ptr(id), result{}, true
	}
	return nil, nil, invalid("assignee %q is neither a teammate nor a team", id), false
}

func (c *call) createTicket() result {
	var in struct {
		TicketTypeID string `json:"ticket_type_id"`
		Contacts     []struct {
			ID         string `json:"id"`
			ExternalID string `json:"external_id"`
			Email      string `json:"email"`
		} `json:"contacts"`
		TicketAttributes     map[string]any `json:"ticket_attributes"`
		CompanyID            string         `json:"company_id"`
		CreatedAt            *int           `json:"created_at"`
		ConversationToLinkID string         `json:"conversation_to_link_id"`
		Assignment           *struct {
			AdminAssigneeID string `json:"admin_assignee_id"`
			TeamAssigneeID  string `json:"team_assignee_id"`
		} `json:"assignment"`
	}
	if good, res := c.decode(&in); !good {
		return res
	}
	if in.TicketTypeID == "" {
		return missing("ticket_type_id")
	}
	tt, found := c.st.ticketTypes.get(in.TicketTypeID)
	if !found {
		return notFound("Ticket Type")
	}
	if len(in.Contacts) == 0 {
		return missing("contacts")
	}
	var contacts []string
	for _, ref := range in.Contacts {
		if ref.ID == "" && ref.ExternalID == "" && ref.Email == "" {
			return missing("contacts[].id, contacts[].external_id or contacts[].email")
		}
		rec, found := c.st.findContact(ref.ID, ref.ExternalID, ref.Email)
		if !found {
			return notFound("User")
		}
		if !containsString(contacts, val(rec.c.Id)) {
			contacts = append(contacts, val(rec.c.Id))
		}
	}
	if in.CompanyID != "" {
		if _, found := c.st.companies.get(in.CompanyID); !found {
			return notFound("Company")
		}
	}
	adminAssignee, teamAssignee := "0", "0"
	if a := in.Assignment; a != nil {
		if a.AdminAssigneeID != "" {
			if _, found := c.st.admin(a.AdminAssigneeID); !found {
				return notFound("Admin")
			}
			adminAssignee = a.AdminAssigneeID
		}
		if a.TeamAssigneeID != "" {
			if _, found := c.st.teams.get(a.TeamAssigneeID); !found {
				return notFound("Team")
			}
			teamAssignee = a.TeamAssigneeID
		}
	}
	linked := []gen.LinkedObject{}
	if in.ConversationToLinkID != "" {
		if _, found := c.st.conversations.get(in.ConversationToLinkID); !found {
			return notFound("Conversation")
		}
		linked = append(linked, gen.LinkedObject{Type: ptr(gen.LinkedObjectType("conversation")), Id: ptr(in.ConversationToLinkID)})
	}
	created := c.unix()
	if in.CreatedAt != nil {
		created = *in.CreatedAt
	}
	tk, res, good := c.st.newTicket(tt, contacts, in.TicketAttributes, created, linked)
	if !good {
		return res
	}
	setID(&tk.t.AdminAssigneeId, adminAssignee)
	setID(&tk.t.TeamAssigneeId, teamAssignee)
	c.st.tickets.put(val(tk.t.Id), tk)
	return ok(c.st.renderTicket(tk))
}

func (c *call) ticketParam() (*ticketRec, result, bool) {
	tk, found := c.st.tickets.get(c.params["ticket_id"])
	if !found {
		return nil, notFound("Ticket"), false
	}
	return tk, result{}, true
}

func (c *call) getTicket() result {
	tk, res, good := c.ticketParam()
	if !good {
		return res
	}
	return ok(c.st.renderTicket(tk))
}

func (c *call) updateTicket() result {
	tk, res, good := c.ticketParam()
	if !good {
		return res
	}
	var in struct {
		TicketAttributes map[string]any `json:"ticket_attributes"`
		TicketStateID    *string        `json:"ticket_state_id"`
		Open             *bool          `json:"open"`
		IsShared         *bool          `json:"is_shared"`
		SnoozedUntil     *int           `json:"snoozed_until"`
		AdminID          *int           `json:"admin_id"`
		AssigneeID       *string        `json:"assignee_id"`
		CompanyID        *string        `json:"company_id"`
	}
	if good, res := c.decode(&in); !good {
		return res
	}
	// Check everything before changing anything.
	author := c.st.me()
	if in.AdminID != nil {
		a, found := c.st.admin(strconv.Itoa(*in.AdminID))
		if !found {
			return notFound("Admin")
		}
		author = a
	}
	tt := c.st.ticketTypes.m[tk.typeID]
	var newState *gen.TicketState
	if in.TicketStateID != nil {
		if newState = ticketState(tt, *in.TicketStateID); newState == nil {
			return invalid("ticket_state_id %q is not a state of ticket type %s", *in.TicketStateID, tk.typeID)
		}
	}
	var adminAssignee, teamAssignee *string
	if in.AssigneeID != nil {
		var res result
		var good bool
		if adminAssignee, teamAssignee, res, good = c.ticketAssignee(*in.AssigneeID); !good {
			return res
		}
	}
	if in.CompanyID != nil && *in.CompanyID != "" {
		if _, found := c.st.companies.get(*in.CompanyID); !found {
			return notFound("Company")
		}
	}
	now := c.unix()
	if in.TicketAttributes != nil {
		tk.attrs = mergeAttrs(tk.attrs, in.TicketAttributes)
	}
	if newState != nil && val(newState.Id) != tk.stateID {
		prev := ticketState(tt, tk.stateID)
		part := gen.TicketPart{
			Type:        ptr("ticket_part"),
			Id:          ptr(c.st.numID()),
			PartType:    ptr("ticket_state_updated_by_admin"),
			TicketState: ptr(gen.TicketPartTicketState(val(newState.Category))),
			CreatedAt:   ptr(now),
			UpdatedAt:   ptr(now),
			Author:      &gen.TicketPartAuthor{Type: ptr(gen.TicketPartAuthorTypeAdmin), Id: author.Id, Name: author.Name, Email: author.Email},
			Redacted:    ptr(false),
		}
		if prev != nil {
			part.PreviousTicketState = ptr(gen.TicketPartPreviousTicketState(val(prev.Category)))
		}
		tk.parts = append(tk.parts, part)
		tk.stateID = val(newState.Id)
	}
	if in.Open != nil {
		tk.t.Open = ptr(*in.Open)
	}
	if in.IsShared != nil {
		tk.t.IsShared = ptr(*in.IsShared)
	}
	if in.SnoozedUntil != nil {
		tk.t.SnoozedUntil = ptr(*in.SnoozedUntil)
	}
	if adminAssignee != nil {
		setID(&tk.t.AdminAssigneeId, *adminAssignee)
	}
	if teamAssignee != nil {
		setID(&tk.t.TeamAssigneeId, *teamAssignee)
	}
	tk.t.UpdatedAt = ptr(now)
	return ok(c.st.renderTicket(tk))
}

func (c *call) searchTickets() result {
	q, per, after, res, good := c.searchBody(ticketsDefaultPerPage)
	if !good {
		return res
	}
	var ids []string
	for _, id := range c.st.tickets.order {
		if q.match(c.st.ticketFields(c.st.tickets.m[id])) {
			ids = append(ids, id)
		}
	}
	start, end, pages, res, good := cursorPage(ids, c.st.tickets.seqOf, per, after)
	if !good {
		return res
	}
	data := make([]gen.Ticket, 0, end-start)
	for _, id := range ids[start:end] {
		data = append(data, c.st.renderTicket(c.st.tickets.m[id]))
	}
	return ok(gen.TicketList{Type: ptr(gen.TicketListType("ticket.list")), Tickets: data, TotalCount: ptr(len(ids)), Pages: &pages})
}

// setID sets an id field whose Go type is a string in one API version and an
// integer in another (a ticket's assignee ids): dst points to the field, id
// is the id's digits.
func setID(dst any, id string) {
	if json.Unmarshal([]byte(strconv.Quote(id)), dst) != nil {
		_ = json.Unmarshal([]byte(id), dst)
	}
}

// setJSON sets a field from a value of another type with the same JSON form
// (a type that differs between API versions, such as a conversation
// source's author).
func setJSON(dst, v any) {
	if b, err := json.Marshal(v); err == nil {
		_ = json.Unmarshal(b, dst)
	}
}

// newTicket makes a ticket of type tt in its submitted state (not stored).
func (st *store) newTicket(tt *gen.TicketType, contacts []string, attrs map[string]any, created int, linked []gen.LinkedObject) (*ticketRec, result, bool) {
	state := firstState(tt, "submitted")
	if state == nil {
		return nil, invalid("ticket type %s has no submitted state", val(tt.Id)), false
	}
	st.ticketSeq++
	return &ticketRec{
		typeID:   val(tt.Id),
		stateID:  val(state.Id),
		contacts: contacts,
		attrs:    mergeAttrs(nil, attrs),
		t: gen.Ticket{
			Type:          ptr(gen.TicketObjectType("ticket")),
			Id:            ptr(st.numID()),
			TicketId:      ptr(strconv.Itoa(st.ticketSeq)),
			Category:      ptr(gen.TicketCategory(val(tt.Category))),
			CreatedAt:     ptr(created),
			UpdatedAt:     ptr(created),
			Open:          ptr(true),
			IsShared:      ptr(false),
			LinkedObjects: &gen.LinkedObjectList{Type: ptr(gen.LinkedObjectListType("list")), Data: linked, TotalCount: ptr(len(linked)), HasMore: ptr(false)},
		},
	}, result{}, true
}
