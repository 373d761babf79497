package intercomtest

import (
	"net/http"
	"strings"

	"github.com/intercomkit/intercom-go/gen"
)

// Ticket replies and notes, tags, linked conversations, the states of the
// ticket types, and admins' away mode.

// replyTicket is POST /tickets/{ticket_id}/reply: an admin's comment, note or
// quick reply, or a contact's comment, added to the ticket's parts.
func (c *call) replyTicket() result {
	tk, res, good := c.ticketParam()
	if !good {
		return res
	}
	var in struct {
		MessageType    string   `json:"message_type"`
		Type           string   `json:"type"`
		Body           string   `json:"body"`
		AdminID        string   `json:"admin_id"`
		IntercomUserID string   `json:"intercom_user_id"`
		UserID         string   `json:"user_id"`
		Email          string   `json:"email"`
		AttachmentURLs []string `json:"attachment_urls"`
	}
	if good, res := c.decode(&in); !good {
		return res
	}
	switch in.MessageType {
	case "comment", "note", "quick_reply":
	case "":
		return missing("message_type")
	default:
		return invalid("message_type must be comment, note or quick_reply")
	}
	author := &gen.TicketPartAuthor{}
	switch in.Type {
	case "admin":
		admin, res, good := c.adminParam(in.AdminID)
		if !good {
			return res
		}
		author.Type, author.Id, author.Name, author.Email = ptr(gen.TicketPartAuthorTypeAdmin), admin.Id, admin.Name, admin.Email
	case "user":
		if in.MessageType != "comment" {
			return invalid("a contact can only reply with a comment")
		}
		rec, found := c.st.contacts.get(in.IntercomUserID)
		if !found && in.UserID != "" {
			if ids := c.st.byExtID[in.UserID]; len(ids) > 0 {
				rec, found = c.st.contacts.get(ids[0])
			}
		}
		if !found && in.Email != "" {
			rec, found = c.st.contactByEmail(in.Email)
		}
		if !found {
			return notFound("User")
		}
		author.Type, author.Id, author.Name, author.Email = ptr(gen.TicketPartAuthorTypeUser), rec.c.Id, rec.c.Name, rec.c.Email
	case "":
		return missing("type")
	default:
		return invalid("type must be admin or user")
	}
	if in.Body == "" && in.MessageType != "quick_reply" {
		return missing("body")
	}
	now := c.unix()
	part := gen.TicketPart{
		Type: ptr("ticket_part"), Id: ptr(c.st.numID()), PartType: ptr(in.MessageType), Body: ptr(in.Body),
		CreatedAt: ptr(now), UpdatedAt: ptr(now), Author: author, Redacted: ptr(false), Attachments: []gen.PartAttachment{},
	}
	for _, u := range in.AttachmentURLs {
		part.Attachments = append(part.Attachments, gen.PartAttachment{Type: ptr("upload"), Url: ptr(u), Name: ptr(u)})
	}
	tk.parts = append(tk.parts, part)
	tk.t.UpdatedAt = ptr(now)
	if in.Type == "admin" && in.MessageType == "comment" {
		if s := firstState(c.st.ticketTypes.m[tk.typeID], "waiting_on_customer"); s != nil {
			tk.stateID = val(s.Id) // as Intercom does when a teammate replies to the customer
		}
	}
	pt := gen.TicketReplyPartType(in.MessageType)
	return ok(gen.TicketReply{Type: ptr(gen.TicketReplyTypeTicketPart), Id: part.Id, PartType: &pt, Body: part.Body,
		CreatedAt: part.CreatedAt, UpdatedAt: part.UpdatedAt, Author: author, Attachments: part.Attachments, Redacted: part.Redacted})
}

// contactByEmail finds the user with email, else the first contact with it.
func (st *store) contactByEmail(email string) (*contactRec, bool) {
	if id, found := st.userByEmail[strings.ToLower(email)]; found {
		return st.contacts.get(id)
	}
	for _, rec := range st.contacts.values() {
		if strings.EqualFold(val(rec.c.Email), email) {
			return rec, true
		}
	}
	return nil, false
}

// tagTicket is POST /tickets/{ticket_id}/tags.
func (c *call) tagTicket() result {
	tk, res, good := c.ticketParam()
	if !good {
		return res
	}
	return c.applyTag(&tk.tags)
}

// untagTicket is DELETE /tickets/{ticket_id}/tags/{tag_id}.
func (c *call) untagTicket() result {
	tk, res, good := c.ticketParam()
	if !good {
		return res
	}
	return c.removeTag(&tk.tags, true)
}

// linkConversation is POST /tickets/{ticket_id}/linked_conversations: it
// links a conversation to the ticket and answers the conversation.
func (c *call) linkConversation() result {
	tk, res, good := c.ticketParam()
	if !good {
		return res
	}
	var in struct {
		ConversationID string `json:"conversation_id"`
	}
	if good, res := c.decode(&in); !good {
		return res
	}
	if in.ConversationID == "" {
		return missing("conversation_id")
	}
	cv, found := c.st.conversations.get(in.ConversationID)
	if !found {
		return notFound("Conversation")
	}
	lo := tk.t.LinkedObjects
	for _, o := range lo.Data {
		if val(o.Id) == in.ConversationID {
			return fail(http.StatusUnprocessableEntity, "parameter_invalid", "The conversation is already linked to this ticket")
		}
	}
	lo.Data = append(lo.Data, gen.LinkedObject{Type: ptr(gen.LinkedObjectTypeConversation), Id: ptr(in.ConversationID)})
	lo.TotalCount = ptr(len(lo.Data))
	return ok(c.st.renderConversation(cv, false))
}

// unlinkConversation is DELETE /tickets/{ticket_id}/linked_conversations/{id}.
func (c *call) unlinkConversation() result {
	tk, res, good := c.ticketParam()
	if !good {
		return res
	}
	id := c.params["id"]
	lo := tk.t.LinkedObjects
	for i, o := range lo.Data {
		if val(o.Id) == id {
			lo.Data = append(lo.Data[:i:i], lo.Data[i+1:]...)
			lo.TotalCount = ptr(len(lo.Data))
			if cv, found := c.st.conversations.get(id); found {
				return ok(c.st.renderConversation(cv, false))
			}
			return notFound("Conversation")
		}
	}
	return notFound("Linked conversation")
}

// listTicketStates is GET /ticket_states: the states of every ticket type.
func (c *call) listTicketStates() result {
	var data []map[string]any
	for _, tt := range c.st.ticketTypes.values() {
		for _, s := range tt.TicketStates.Data {
			data = append(data, map[string]any{
				"type": "ticket_state", "id": val(s.Id), "category": val(s.Category),
				"internal_label": val(s.InternalLabel), "external_label": val(s.ExternalLabel), "archived": false,
				"ticket_types": map[string]any{"type": "list", "data": []any{map[string]any{
					"type": "ticket_type", "id": val(tt.Id), "name": val(tt.Name), "category": val(tt.Category),
				}}},
			})
		}
	}
	return ok(map[string]any{"type": "list", "data": data})
}

// setAdminAway is PUT /admins/{admin_id}/away.
func (c *call) setAdminAway() result {
	admin, found := c.st.admin(c.params["admin_id"])
	if !found {
		return notFound("Admin")
	}
	var in struct {
		AwayModeEnabled    *bool `json:"away_mode_enabled"`
		AwayModeReassign   *bool `json:"away_mode_reassign"`
		AwayStatusReasonID *int  `json:"away_status_reason_id"`
	}
	if good, res := c.decode(&in); !good {
		return res
	}
	if in.AwayModeEnabled == nil {
		return missing("away_mode_enabled")
	}
	if in.AwayModeReassign == nil {
		return missing("away_mode_reassign")
	}
	admin.AwayModeEnabled = ptr(*in.AwayModeEnabled)
	admin.AwayModeReassign = ptr(*in.AwayModeReassign)
	return ok(deepCopy(*admin))
}

// convertConversation is POST /conversations/{conversation_id}/convert: a
// ticket of the given type for the conversation's contacts, linked to it.
func (c *call) convertConversation() result {
	cv, res, good := c.conversationParam()
	if !good {
		return res
	}
	var in struct {
		TicketTypeID  string         `json:"ticket_type_id"`
		Attributes    map[string]any `json:"attributes"`
		TicketStateID string         `json:"ticket_state_id"`
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
	linked := []gen.LinkedObject{{Type: ptr(gen.LinkedObjectTypeConversation), Id: cv.c.Id}}
	tk, res, good := c.st.newTicket(tt, append([]string(nil), cv.contacts...), in.Attributes, c.unix(), linked)
	if !good {
		return res
	}
	if in.TicketStateID != "" {
		if ticketState(tt, in.TicketStateID) == nil {
			return invalid("ticket_state_id %s is not a state of ticket type %s", in.TicketStateID, in.TicketTypeID)
		}
		tk.stateID = in.TicketStateID
	}
	c.st.tickets.put(val(tk.t.Id), tk)
	return ok(c.st.renderTicket(tk))
}
