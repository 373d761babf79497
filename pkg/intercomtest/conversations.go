package intercomtest

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom/types"
)

// convRec is a stored conversation.
type convRec struct {
	c        gen.Conversation // without contacts, tags, parts, teammates, custom attributes
	parts    []gen.ConversationPart
	contacts []string
	tags     []tagLink
	admins   []string // teammates who took part
	attrs    map[string]any
}

const conversationsDefaultPerPage = 20

func (st *store) renderConversation(cv *convRec, withParts bool) gen.Conversation {
	c := cv.c
	refs := make([]gen.ContactReference, 0, len(cv.contacts))
	for _, id := range cv.contacts {
		ref := gen.ContactReference{Type: ptr(gen.ContactReferenceType("contact")), Id: ptr(id)}
		if rec, ok := st.contact(id); ok {
			ref.ExternalId = rec.c.ExternalId
		}
		refs = append(refs, ref)
	}
	c.Contacts = &gen.ConversationContacts{Type: ptr(gen.ConversationContactsType("contact.list")), Contacts: refs}
	tags := make([]gen.Tag, 0, len(cv.tags))
	for _, l := range cv.tags {
		tags = append(tags, st.appliedTag(l))
	}
	c.Tags = &gen.Tags{Type: ptr(gen.TagsType("tag.list")), Tags: tags}
	mates := make([]gen.Reference, 0, len(cv.admins))
	for _, id := range cv.admins {
		mates = append(mates, gen.Reference{Type: ptr("admin"), Id: ptr(id)})
	}
	c.Teammates = &gen.ConversationTeammates{Type: ptr("admin.list"), Teammates: mates}
	if attrs, err := roundTrip[gen.CustomAttributes](cv.attrs); err == nil {
		c.CustomAttributes = attrs
	}
	if c.Statistics != nil {
		stats := *c.Statistics
		stats.CountConversationParts = ptr(len(cv.parts) + 1)
		c.Statistics = &stats
	}
	if withParts {
		parts := append([]gen.ConversationPart{}, cv.parts...)
		c.ConversationParts = &gen.ConversationParts{Type: ptr(gen.ConversationPartsType("conversation_part.list")), ConversationParts: parts, TotalCount: ptr(len(parts))}
	}
	return c
}

// listItem is the conversation as lists and searches show it (no parts).
func (st *store) listItem(cv *convRec) gen.Conversation {
	item, err := roundTrip[gen.Conversation](st.renderConversation(cv, false))
	if err != nil {
		panic("intercomtest: conversation list item: " + err.Error()) // same fields; cannot fail
	}
	return item
}

// conversationFields reads the conversation's fields for search: its
// fields as lists show them, plus contact_ids, tag_ids and teammate_ids.
func (st *store) conversationFields(cv *convRec) getter {
	return func(path string) (any, bool) {
		switch path {
		case "contact_ids":
			return anyStrings(cv.contacts), true
		case "tag_ids":
			ids := make([]string, len(cv.tags))
			for i, l := range cv.tags {
				ids[i] = l.id
			}
			return anyStrings(ids), true
		case "teammate_ids":
			return anyStrings(cv.admins), true
		}
		switch firstSegment(path) {
		case "custom_attributes":
			return lookup(map[string]any{"custom_attributes": cv.attrs}, path)
		case "contacts", "tags", "teammates", "statistics", "conversation_parts":
			return fieldOf(st.renderConversation(cv, false), path)
		}
		return fieldOf(&cv.c, path)
	}
}

// author returns the part author for an admin or a contact.
func adminAuthor(a *gen.Admin) *gen.ConversationPartAuthor {
	return &gen.ConversationPartAuthor{Type: ptr("admin"), Id: a.Id, Name: a.Name, Email: a.Email, FromAiAgent: ptr(false), IsAiAnswer: ptr(false)}
}

func contactAuthor(rec *contactRec) *gen.ConversationPartAuthor {
	a := &gen.ConversationPartAuthor{Type: ptr(val(rec.c.Role)), Id: rec.c.Id, Name: rec.c.Name, FromAiAgent: ptr(false), IsAiAnswer: ptr(false)}
	if val(rec.c.Email) != "" {
		a.Email = rec.c.Email
	}
	return a
}

// addPart appends a part to the conversation and updates its times.
func (st *store) addPart(cv *convRec, partType string, body *string, author *gen.ConversationPartAuthor, now int) *gen.ConversationPart {
	p := gen.ConversationPart{
		Type:        ptr("conversation_part"),
		Id:          ptr(types.ID(st.numID())),
		PartType:    ptr(partType),
		Body:        body,
		CreatedAt:   ptr(now),
		UpdatedAt:   ptr(now),
		NotifiedAt:  ptr(now),
		Author:      author,
		Attachments: []gen.PartAttachment{},
		Redacted:    ptr(false),
		State:       ptr(gen.ConversationPartState(val(cv.c.State))),
	}
	cv.parts = append(cv.parts, p)
	cv.c.UpdatedAt = ptr(now)
	if val(author.Type) == "admin" && !containsString(cv.admins, val(author.Id)) {
		cv.admins = append(cv.admins, val(author.Id))
	}
	return &cv.parts[len(cv.parts)-1]
}

func (st *store) setState(cv *convRec, state string) {
	cv.c.State = ptr(gen.ConversationState(state))
	cv.c.Open = ptr(state != "closed")
	if state != "snoozed" {
		cv.c.SnoozedUntil = nil
	}
}

func (st *store) stats(cv *convRec) *gen.ConversationStatistics {
	if cv.c.Statistics == nil {
		cv.c.Statistics = &gen.ConversationStatistics{Type: ptr("conversation_statistics"), CountReopens: ptr(0), CountAssignments: ptr(0)}
	}
	return cv.c.Statistics
}

// newConversation starts a conversation from a contact's message.
func (st *store) newConversation(from *contactRec, body, subject string, createdAt int) (*convRec, string) {
	msgID := st.numID()
	id := st.numID()
	author := contactAuthor(from)
	cv := &convRec{
		contacts: []string{val(from.c.Id)},
		attrs:    map[string]any{},
		c: gen.Conversation{
			Type:                ptr("conversation"),
			Id:                  ptr(id),
			CreatedAt:           ptr(createdAt),
			UpdatedAt:           ptr(createdAt),
			WaitingSince:        ptr(createdAt),
			Read:                ptr(false),
			Priority:            ptr(gen.ConversationPriority(defaultPriority())),
			AiAgentParticipated: ptr(false),
			FirstContactReply:   &gen.ConversationFirstContactReply{Type: ptr("conversation"), CreatedAt: ptr(createdAt)},
			LinkedObjects:       &gen.LinkedObjectList{Type: ptr(gen.LinkedObjectListType("list")), Data: []gen.LinkedObject{}, TotalCount: ptr(0), HasMore: ptr(false)},
			Source: &gen.ConversationSource{
				Id:          ptr(msgID),
				DeliveredAs: ptr("customer_initiated"),
				Subject:     ptr(subject),
				Body:        ptr(body),
				Attachments: []gen.PartAttachment{},
				Redacted:    ptr(false),
			},
		},
	}
	setJSON(&cv.c.Source.Author, author)
	setJSON(&cv.c.Source.Type, "conversation")
	st.setState(cv, "open")
	s := st.stats(cv)
	s.FirstContactReplyAt = ptr(createdAt)
	s.LastContactReplyAt = ptr(createdAt)
	st.conversations.put(id, cv)
	return cv, msgID
}

func (c *call) conversationParam() (*convRec, result, bool) {
	cv, found := c.st.conversations.get(c.params["conversation_id"])
	if !found {
		return nil, notFound("Conversation"), false
	}
	return cv, result{}, true
}

// adminParam finds the admin named by a body's admin_id.
func (c *call) adminParam(id string) (*gen.Admin, result, bool) {
	if id == "" {
		return nil, missing("admin_id"), false
	}
	a, found := c.st.admin(id)
	if !found {
		return nil, notFound("Admin"), false
	}
	return a, result{}, true
}

func (c *call) listConversations() result {
	per, good, res := c.intParam("per_page", conversationsDefaultPerPage, 1, maxPerPage)
	if !good {
		return res
	}
	ids := c.st.conversations.order
	return c.conversationPage(ids, per, c.query.Get("starting_after"))
}

func (c *call) createConversation() result {
	var in struct {
		From *struct {
			Type *string `json:"type"`
			ID   *string `json:"id"`
		} `json:"from"`
		Body      *string `json:"body"`
		Subject   *string `json:"subject"`
		CreatedAt *int    `json:"created_at"`
	}
	if good, res := c.decode(&in); !good {
		return res
	}
	if in.From == nil || val(in.From.ID) == "" {
		return missing("from.id")
	}
	switch t := val(in.From.Type); t {
	case "user", "lead", "contact":
	case "":
		return missing("from.type")
	default:
		return invalid("from.type must be user, lead or contact, not %q", t)
	}
	if strings.TrimSpace(val(in.Body)) == "" {
		return missing("body")
	}
	from, found := c.st.contact(*in.From.ID)
	if !found {
		return notFound("User")
	}
	created := c.unix()
	if in.CreatedAt != nil {
		created = *in.CreatedAt
	}
	cv, msgID := c.st.newConversation(from, *in.Body, val(in.Subject), created)
	return ok(gen.Message{
		Type:           "user_message",
		Id:             msgID,
		CreatedAt:      created,
		Body:           *in.Body,
		MessageType:    gen.MessageMessageTypeInapp,
		ConversationId: cv.c.Id,
	})
}

func (c *call) getConversation() result {
	cv, res, good := c.conversationParam()
	if !good {
		return res
	}
	return ok(c.st.renderConversation(cv, true))
}

func (c *call) updateConversation() result {
	cv, res, good := c.conversationParam()
	if !good {
		return res
	}
	var in struct {
		Read             *bool          `json:"read"`
		Title            *string        `json:"title"`
		CustomAttributes map[string]any `json:"custom_attributes"`
	}
	if good, res := c.decode(&in); !good {
		return res
	}
	if in.Read != nil {
		cv.c.Read = ptr(*in.Read)
	}
	if in.Title != nil {
		cv.c.Title = nilIfEmpty(*in.Title)
	}
	if in.CustomAttributes != nil {
		cv.attrs = mergeAttrs(cv.attrs, in.CustomAttributes)
	}
	cv.c.UpdatedAt = ptr(c.unix())
	return ok(c.st.renderConversation(cv, true))
}

// manageConversation is POST /conversations/{id}/parts: close, snooze, open
// or assign.
func (c *call) manageConversation() result {
	cv, res, good := c.conversationParam()
	if !good {
		return res
	}
	var in struct {
		MessageType  string  `json:"message_type"`
		Type         string  `json:"type"`
		AdminID      string  `json:"admin_id"`
		AssigneeID   string  `json:"assignee_id"`
		Body         *string `json:"body"`
		SnoozedUntil *int    `json:"snoozed_until"`
	}
	if good, res := c.decode(&in); !good {
		return res
	}
	if in.MessageType == "" {
		return missing("message_type")
	}
	admin, res, good := c.adminParam(in.AdminID)
	if !good {
		return res
	}
	now := c.unix()
	author := adminAuthor(admin)
	stats := c.st.stats(cv)
	switch in.MessageType {
	case "close":
		if in.Type != "admin" {
			return invalid("type must be admin")
		}
		c.st.setState(cv, "closed")
		c.st.addPart(cv, "close", in.Body, author, now)
		if stats.FirstCloseAt == nil {
			stats.FirstCloseAt = ptr(now)
		}
		stats.LastCloseAt = ptr(now)
		stats.LastClosedById = admin.Id
	case "snoozed":
		if in.SnoozedUntil == nil {
			return missing("snoozed_until")
		}
		if *in.SnoozedUntil <= now {
			return invalid("snoozed_until must be in the future")
		}
		c.st.setState(cv, "snoozed")
		cv.c.SnoozedUntil = ptr(*in.SnoozedUntil)
		c.st.addPart(cv, "snoozed", nil, author, now)
	case "open":
		if val(cv.c.State) == "closed" {
			stats.CountReopens = ptr(val(stats.CountReopens) + 1)
		}
		c.st.setState(cv, "open")
		c.st.addPart(cv, "open", nil, author, now)
	case "assignment":
		ref, res, good := c.assignee(in.Type, in.AssigneeID)
		if !good {
			return res
		}
		switch {
		case in.Type == "team":
			cv.c.TeamAssigneeId = ref
		default:
			cv.c.AdminAssigneeId = ref
		}
		p := c.st.addPart(cv, "assignment", in.Body, author, now)
		p.AssignedTo = &gen.Reference{Type: ptr(in.Type), Id: ptr(in.AssigneeID)}
		if ref == nil {
			p.AssignedTo = &gen.Reference{Type: ptr("nobody_admin")}
		}
		stats.CountAssignments = ptr(val(stats.CountAssignments) + 1)
		if stats.FirstAssignmentAt == nil {
			stats.FirstAssignmentAt = ptr(now)
		}
		stats.LastAssignmentAt = ptr(now)
	default:
		return invalid("message_type must be close, snoozed, open or assignment, not %q", in.MessageType)
	}
	return ok(c.st.renderConversation(cv, true))
}

// assignee checks an assignment target: an admin or a team, "0" for nobody.
func (c *call) assignee(typ, id string) (*types.NumericID, result, bool) {
	if typ != "admin" && typ != "team" {
		return nil, invalid("type must be admin or team"), false
	}
	if id == "" {
		return nil, missing("assignee_id"), false
	}
	if id == "0" {
		return nil, result{}, true
	}
	if _, err := strconv.Atoi(id); err != nil {
		return nil, invalid("assignee_id %q is not an id", id), false
	}
	if typ == "team" {
		if _, found := c.st.teams.get(id); !found {
			return nil, notFound("Team"), false
		}
	} else if _, found := c.st.admin(id); !found {
		return nil, notFound("Admin"), false
	}
	return ptr(types.NumericID(id)), result{}, true
}

// replyConversation is POST /conversations/{id}/reply, as an admin (comment,
// note, quick_reply) or as a contact (comment).
func (c *call) replyConversation() result {
	cv, res, good := c.conversationParam()
	if !good {
		return res
	}
	var in struct {
		MessageType    string  `json:"message_type"`
		Type           string  `json:"type"`
		Body           *string `json:"body"`
		AdminID        string  `json:"admin_id"`
		IntercomUserID string  `json:"intercom_user_id"`
		UserID         string  `json:"user_id"`
		Email          string  `json:"email"`
		CreatedAt      *int    `json:"created_at"`
	}
	if good, res := c.decode(&in); !good {
		return res
	}
	now := c.unix()
	if in.CreatedAt != nil {
		now = *in.CreatedAt
	}
	stats := c.st.stats(cv)
	switch in.Type {
	case "admin":
		switch in.MessageType {
		case "comment", "note":
			if strings.TrimSpace(val(in.Body)) == "" {
				return missing("body")
			}
		case "quick_reply":
		case "":
			return missing("message_type")
		default:
			return invalid("message_type must be comment, note or quick_reply, not %q", in.MessageType)
		}
		admin, res, good := c.adminParam(in.AdminID)
		if !good {
			return res
		}
		c.st.addPart(cv, in.MessageType, in.Body, adminAuthor(admin), now)
		if in.MessageType != "note" {
			cv.c.WaitingSince = nil
			if stats.FirstAdminReplyAt == nil {
				stats.FirstAdminReplyAt = ptr(now)
			}
			stats.LastAdminReplyAt = ptr(now)
		}
	case "user":
		if in.MessageType != "comment" {
			return invalid("message_type must be comment for a contact's reply")
		}
		if strings.TrimSpace(val(in.Body)) == "" {
			return missing("body")
		}
		var from *contactRec
		for _, rec := range c.st.contacts.values() {
			if (in.IntercomUserID != "" && val(rec.c.Id) == in.IntercomUserID) ||
				(in.UserID != "" && val(rec.c.ExternalId) == in.UserID) ||
				(in.Email != "" && strings.EqualFold(val(rec.c.Email), in.Email)) {
				from = rec
				break
			}
		}
		if in.IntercomUserID == "" && in.UserID == "" && in.Email == "" {
			return missing("intercom_user_id, user_id or email")
		}
		if from == nil {
			return notFound("User")
		}
		if !containsString(cv.contacts, val(from.c.Id)) {
			cv.contacts = append(cv.contacts, val(from.c.Id))
		}
		if val(cv.c.State) == "closed" {
			stats.CountReopens = ptr(val(stats.CountReopens) + 1)
		}
		c.st.setState(cv, "open")
		c.st.addPart(cv, "comment", in.Body, contactAuthor(from), now)
		if cv.c.WaitingSince == nil {
			cv.c.WaitingSince = ptr(now)
		}
		stats.LastContactReplyAt = ptr(now)
	case "":
		return missing("type")
	default:
		return invalid("type must be admin or user, not %q", in.Type)
	}
	return ok(c.st.renderConversation(cv, true))
}

func (c *call) searchConversations() result {
	q, per, after, res, good := c.searchBody(conversationsDefaultPerPage)
	if !good {
		return res
	}
	var ids []string
	for _, id := range c.st.conversations.order {
		if q.match(c.st.conversationFields(c.st.conversations.m[id])) {
			ids = append(ids, id)
		}
	}
	return c.conversationPage(ids, per, after)
}

// conversationPage answers one cursor page of the conversations ids, as both the
// list and the search endpoints do.
func (c *call) conversationPage(ids []string, per int, after string) result {
	start, end, pages, res, good := cursorPage(ids, per, after)
	if !good {
		return res
	}
	data := make([]gen.Conversation, 0, end-start)
	for _, id := range ids[start:end] {
		data = append(data, c.st.listItem(c.st.conversations.m[id]))
	}
	return ok(gen.ConversationList{Type: ptr(gen.ConversationListType("conversation.list")), Conversations: data, TotalCount: ptr(len(ids)), Pages: &pages})
}

func (c *call) attachConversationTag() result {
	cv, res, good := c.conversationParam()
	if !good {
		return res
	}
	var in struct {
		ID      string `json:"id"`
		AdminID string `json:"admin_id"`
	}
	if good, res := c.decode(&in); !good {
		return res
	}
	if in.ID == "" {
		return missing("id")
	}
	admin, res, good := c.adminParam(in.AdminID)
	if !good {
		return res
	}
	t, found := c.st.tags.get(in.ID)
	if !found {
		return notFound("Tag")
	}
	if !hasLink(cv.tags, t.id) {
		cv.tags = append(cv.tags, tagLink{id: t.id, at: c.unix(), by: val(admin.Id)})
	}
	return ok(t.tag())
}

func (c *call) detachConversationTag() result {
	cv, res, good := c.conversationParam()
	if !good {
		return res
	}
	var in struct {
		AdminID string `json:"admin_id"`
	}
	if good, res := c.decode(&in); !good {
		return res
	}
	if _, res, good := c.adminParam(in.AdminID); !good {
		return res
	}
	t, found := c.st.tags.get(c.params["tag_id"])
	if !found {
		return notFound("Tag")
	}
	cv.tags = removeLink(cv.tags, t.id)
	return ok(t.tag())
}

func (c *call) deleteConversation() result {
	cv, res, good := c.conversationParam()
	if !good {
		return res
	}
	c.st.conversations.del(val(cv.c.Id))
	return ok(gen.ConversationDeleted{Id: cv.c.Id, Object: ptr(gen.ConversationDeletedObject("conversation")), Deleted: ptr(true)})
}

// attachConversationContact is POST /conversations/{id}/customers: add a
// participant, named by intercom_user_id, user_id or email.
func (c *call) attachConversationContact() result {
	cv, res, good := c.conversationParam()
	if !good {
		return res
	}
	var in struct {
		AdminID  string `json:"admin_id"`
		Customer *struct {
			IntercomUserID string `json:"intercom_user_id"`
			UserID         string `json:"user_id"`
			Email          string `json:"email"`
		} `json:"customer"`
	}
	if good, res := c.decode(&in); !good {
		return res
	}
	admin, res, good := c.adminParam(in.AdminID)
	if !good {
		return res
	}
	if in.Customer == nil || (in.Customer.IntercomUserID == "" && in.Customer.UserID == "" && in.Customer.Email == "") {
		return missing("customer.intercom_user_id, customer.user_id or customer.email")
	}
	rec, found := c.st.findContact(in.Customer.IntercomUserID, in.Customer.UserID, in.Customer.Email)
	if !found {
		return notFound("User")
	}
	if !containsString(cv.contacts, val(rec.c.Id)) {
		cv.contacts = append(cv.contacts, val(rec.c.Id))
		c.st.addPart(cv, "participant_added", nil, adminAuthor(admin), c.unix())
	}
	return ok(c.st.renderConversation(cv, true))
}

// detachConversationContact is DELETE /conversations/{id}/customers/{contact_id};
// the last participant cannot be removed (422).
func (c *call) detachConversationContact() result {
	cv, res, good := c.conversationParam()
	if !good {
		return res
	}
	var in struct {
		AdminID string `json:"admin_id"`
	}
	if good, res := c.decode(&in); !good {
		return res
	}
	admin, res, good := c.adminParam(in.AdminID)
	if !good {
		return res
	}
	id := c.params["contact_id"]
	if !containsString(cv.contacts, id) {
		return notFound("User")
	}
	if len(cv.contacts) == 1 {
		return fail(http.StatusUnprocessableEntity, "parameter_invalid", "Removing the last participant of a conversation is not allowed")
	}
	cv.contacts = removeString(cv.contacts, id)
	c.st.addPart(cv, "participant_removed", nil, adminAuthor(admin), c.unix())
	return ok(c.st.renderConversation(cv, true))
}

// defaultPriority is the priority of a new conversation in the pinned API
// version: "not_priority" up to 2.15; 2.16 has levels, and "none".
func defaultPriority() string {
	if gen.ConversationPriority("none").Valid() {
		return "none"
	}
	return "not_priority"
}
