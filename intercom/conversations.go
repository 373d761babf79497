package intercom

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"time"

	"github.com/intercomkit/intercom-go/gen"
)

// Each method below decodes into the type of its generated JSON200 field.
var (
	_ = func(r *gen.CreateConversationResponse) *gen.CreatedConversation { return r.JSON200 }
)

// List lists conversations, newest first, one page at a time
// (GET /conversations). Pass pages.next.starting_after of a page as
// params.StartingAfter to get the next one, or use [ConversationsService.ListAll].
func (s *ConversationsService) List(ctx context.Context, params *gen.ListConversationsParams, opts ...Option) (*gen.ConversationList, error) {
	return doJSON[gen.ConversationList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListConversations(ctx, params)
	})
}

// ListAll iterates over every conversation (GET /conversations), following
// the starting_after cursor page by page. params (may be nil) sets per_page and
// where to start; it is copied and never modified. The iteration ends with
// (zero, err) at the first failure.
func (s *ConversationsService) ListAll(ctx context.Context, params *gen.ListConversationsParams, opts ...Option) iter.Seq2[gen.ConversationListItem, error] {
	p := cloneParams(params)
	return paginate(ctx, fetchPages(s.c, nil, opts,
		func(ctx context.Context, cursor string) (*http.Response, error) {
			q := *p
			if cursor != "" {
				q.StartingAfter = &cursor
			}
			return s.c.gen.ListConversations(ctx, &q)
		},
		func(l *gen.ConversationList) ([]gen.ConversationListItem, string) {
			return items(l.Conversations), cursorNext(l.Pages)
		}))
}

// Create starts a conversation on behalf of a contact (POST /conversations).
// body.From identifies the contact (type "user", "lead" or "contact" and its
// Intercom id). The reply is the message that was created.
func (s *ConversationsService) Create(ctx context.Context, body gen.CreateConversationRequest, opts ...Option) (*gen.CreatedConversation, error) {
	return doJSON[gen.CreatedConversation](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CreateConversation(ctx, body)
	})
}

// Get fetches a conversation with its parts (GET /conversations/{conversation_id}).
// params (may be nil) sets display_as=plaintext and include_translations.
func (s *ConversationsService) Get(ctx context.Context, conversationID string, params *gen.RetrieveConversationParams, opts ...Option) (*gen.Conversation, error) {
	if err := requireID("conversation id", conversationID); err != nil {
		return nil, err
	}
	return doJSON[gen.Conversation](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.RetrieveConversation(ctx, conversationID, params)
	})
}

// Update changes a conversation's title, read state, company or custom
// attributes (PUT /conversations/{conversation_id}). params may be nil.
func (s *ConversationsService) Update(ctx context.Context, conversationID string, params *gen.UpdateConversationParams, body gen.UpdateConversationRequest, opts ...Option) (*gen.Conversation, error) {
	if err := requireID("conversation id", conversationID); err != nil {
		return nil, err
	}
	return doJSON[gen.Conversation](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.UpdateConversation(ctx, conversationID, params, body)
	})
}

// Delete deletes a conversation (DELETE /conversations/{conversation_id}).
func (s *ConversationsService) Delete(ctx context.Context, conversationID string, opts ...Option) (*gen.ConversationDeleted, error) {
	if err := requireID("conversation id", conversationID); err != nil {
		return nil, err
	}
	return doJSON[gen.ConversationDeleted](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.DeleteConversation(ctx, conversationID)
	})
}

// Search returns one page of the conversations matching a query
// (POST /conversations/search). Build req with [SearchQuery]; use
// [ConversationsService.SearchAll] to get every page.
func (s *ConversationsService) Search(ctx context.Context, req gen.SearchRequest, opts ...Option) (*gen.ConversationList, error) {
	return doJSON[gen.ConversationList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.SearchConversations(ctx, req)
	})
}

// SearchAll iterates over every conversation matching a query
// (POST /conversations/search), sending the cursor of each next page in the
// body's pagination.starting_after. req's own pagination (per_page, and a
// starting cursor) applies to the first page; req is never modified.
func (s *ConversationsService) SearchAll(ctx context.Context, req gen.SearchRequest, opts ...Option) iter.Seq2[gen.ConversationListItem, error] {
	return paginate(ctx, fetchPages(s.c, nil, opts,
		func(ctx context.Context, cursor string) (*http.Response, error) {
			return s.c.gen.SearchConversations(ctx, searchPage(req, cursor))
		},
		func(l *gen.ConversationList) ([]gen.ConversationListItem, string) {
			return items(l.Conversations), cursorNext(l.Pages)
		}))
}

// Reply adds a reply or note to a conversation, from an admin or a contact
// (POST /conversations/{conversation_id}/reply). Build body with
// FromAdminReplyConversationRequest or FromContactReplyConversationRequest, or
// use the helpers [ConversationsService.ReplyAsAdmin],
// [ConversationsService.AddNote] and [ConversationsService.ReplyAsContact].
func (s *ConversationsService) Reply(ctx context.Context, conversationID string, body gen.ReplyConversationRequest, opts ...Option) (*gen.Conversation, error) {
	if err := requireID("conversation id", conversationID); err != nil {
		return nil, err
	}
	if err := requireUnionBody(body); err != nil {
		return nil, err
	}
	return doJSON[gen.Conversation](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ReplyConversation(ctx, conversationID, body)
	})
}

// ReplyAsAdmin posts a comment visible to the customer, written by admin
// adminID, to a conversation (POST /conversations/{conversation_id}/reply with
// type "admin", message_type "comment").
func (s *ConversationsService) ReplyAsAdmin(ctx context.Context, conversationID, adminID, body string, opts ...Option) (*gen.Conversation, error) {
	return s.adminReply(ctx, conversationID, adminID, body, gen.AdminReplyConversationRequestMessageTypeComment, opts)
}

// AddNote adds an internal note, visible to teammates only, written by admin
// adminID, to a conversation (POST /conversations/{conversation_id}/reply with
// type "admin", message_type "note").
func (s *ConversationsService) AddNote(ctx context.Context, conversationID, adminID, body string, opts ...Option) (*gen.Conversation, error) {
	return s.adminReply(ctx, conversationID, adminID, body, gen.AdminReplyConversationRequestMessageTypeNote, opts)
}

func (s *ConversationsService) adminReply(ctx context.Context, conversationID, adminID, body string, kind gen.AdminReplyConversationRequestMessageType, opts []Option) (*gen.Conversation, error) {
	if err := requireID("admin id", adminID); err != nil {
		return nil, err
	}
	var req gen.ReplyConversationRequest
	if err := req.FromAdminReplyConversationRequest(gen.AdminReplyConversationRequest{
		AdminId:     adminID,
		Body:        &body,
		MessageType: kind,
		Type:        gen.AdminReplyConversationRequestTypeAdmin,
	}); err != nil {
		return nil, fmt.Errorf("intercom: building reply: %w", err)
	}
	return s.Reply(ctx, conversationID, req, opts...)
}

// ReplyAsContact posts a comment written by the contact with Intercom id
// contactID to a conversation (POST /conversations/{conversation_id}/reply
// with type "user", message_type "comment" and intercom_user_id). To name the
// contact by email or by your user_id instead, build the body yourself and
// call [ConversationsService.Reply].
func (s *ConversationsService) ReplyAsContact(ctx context.Context, conversationID, contactID, body string, opts ...Option) (*gen.Conversation, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	var contact gen.ContactReplyConversationRequest
	if err := contact.FromContactReplyIntercomUserIdRequest(gen.ContactReplyIntercomUserIdRequest{
		IntercomUserId: contactID,
		Body:           body,
		MessageType:    gen.ContactReplyIntercomUserIdRequestMessageTypeComment,
		Type:           gen.ContactReplyIntercomUserIdRequestTypeUser,
	}); err != nil {
		return nil, fmt.Errorf("intercom: building reply: %w", err)
	}
	var req gen.ReplyConversationRequest
	if err := req.FromContactReplyConversationRequest(contact); err != nil {
		return nil, fmt.Errorf("intercom: building reply: %w", err)
	}
	return s.Reply(ctx, conversationID, req, opts...)
}

// Manage closes, opens, snoozes or assigns a conversation
// (POST /conversations/{conversation_id}/parts). Build body with one of its
// From...ConversationRequest methods, or use the helpers
// [ConversationsService.Close], [ConversationsService.Open],
// [ConversationsService.Snooze], [ConversationsService.Assign] and
// [ConversationsService.AssignTeam].
func (s *ConversationsService) Manage(ctx context.Context, conversationID string, body gen.ManageConversationRequest, opts ...Option) (*gen.Conversation, error) {
	if err := requireID("conversation id", conversationID); err != nil {
		return nil, err
	}
	if err := requireUnionBody(body); err != nil {
		return nil, err
	}
	return doJSON[gen.Conversation](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ManageConversation(ctx, conversationID, body)
	})
}

// Close closes a conversation as admin adminID
// (POST /conversations/{conversation_id}/parts, message_type "close"). A
// non-empty body is posted in the conversation as the closing message.
func (s *ConversationsService) Close(ctx context.Context, conversationID, adminID, body string, opts ...Option) (*gen.Conversation, error) {
	if err := requireID("admin id", adminID); err != nil {
		return nil, err
	}
	r := gen.CloseConversationRequest{
		AdminId:     adminID,
		MessageType: gen.CloseConversationRequestMessageTypeClose,
		Type:        gen.CloseConversationRequestTypeAdmin,
	}
	if body != "" {
		r.Body = &body
	}
	var req gen.ManageConversationRequest
	if err := req.FromCloseConversationRequest(r); err != nil {
		return nil, fmt.Errorf("intercom: building close request: %w", err)
	}
	return s.Manage(ctx, conversationID, req, opts...)
}

// Open reopens a closed or snoozed conversation as admin adminID
// (POST /conversations/{conversation_id}/parts, message_type "open").
func (s *ConversationsService) Open(ctx context.Context, conversationID, adminID string, opts ...Option) (*gen.Conversation, error) {
	if err := requireID("admin id", adminID); err != nil {
		return nil, err
	}
	var req gen.ManageConversationRequest
	if err := req.FromOpenConversationRequest(gen.OpenConversationRequest{
		AdminId:     adminID,
		MessageType: gen.OpenConversationRequestMessageTypeOpen,
	}); err != nil {
		return nil, fmt.Errorf("intercom: building open request: %w", err)
	}
	return s.Manage(ctx, conversationID, req, opts...)
}

// Snooze snoozes a conversation as admin adminID until the given time, when it
// reopens (POST /conversations/{conversation_id}/parts, message_type
// "snoozed"). until is sent as Unix seconds (sub-second precision is
// dropped); it must be after 1970-01-01.
func (s *ConversationsService) Snooze(ctx context.Context, conversationID, adminID string, until time.Time, opts ...Option) (*gen.Conversation, error) {
	if err := requireID("admin id", adminID); err != nil {
		return nil, err
	}
	secs, err := unixSeconds("snooze time", until)
	if err != nil {
		return nil, err
	}
	var req gen.ManageConversationRequest
	if err := req.FromSnoozeConversationRequest(gen.SnoozeConversationRequest{
		AdminId:      adminID,
		MessageType:  gen.SnoozeConversationRequestMessageTypeSnoozed,
		SnoozedUntil: secs,
	}); err != nil {
		return nil, fmt.Errorf("intercom: building snooze request: %w", err)
	}
	return s.Manage(ctx, conversationID, req, opts...)
}

// Assign assigns a conversation to the admin assigneeID, as admin adminID
// (POST /conversations/{conversation_id}/parts, message_type "assignment",
// type "admin"). assigneeID "0" unassigns it.
func (s *ConversationsService) Assign(ctx context.Context, conversationID, adminID, assigneeID string, opts ...Option) (*gen.Conversation, error) {
	return s.assign(ctx, conversationID, adminID, assigneeID, gen.AssignConversationRequestTypeAdmin, opts)
}

// AssignTeam assigns a conversation to the team teamID, as admin adminID
// (POST /conversations/{conversation_id}/parts, message_type "assignment",
// type "team"). teamID "0" removes the team assignment.
func (s *ConversationsService) AssignTeam(ctx context.Context, conversationID, adminID, teamID string, opts ...Option) (*gen.Conversation, error) {
	return s.assign(ctx, conversationID, adminID, teamID, gen.AssignConversationRequestTypeTeam, opts)
}

func (s *ConversationsService) assign(ctx context.Context, conversationID, adminID, assigneeID string, kind gen.AssignConversationRequestType, opts []Option) (*gen.Conversation, error) {
	if err := requireID("admin id", adminID); err != nil {
		return nil, err
	}
	if err := requireID("assignee id", assigneeID); err != nil {
		return nil, err
	}
	var req gen.ManageConversationRequest
	if err := req.FromAssignConversationRequest(gen.AssignConversationRequest{
		AdminId:     adminID,
		AssigneeId:  assigneeID,
		MessageType: gen.AssignConversationRequestMessageTypeAssignment,
		Type:        kind,
	}); err != nil {
		return nil, fmt.Errorf("intercom: building assign request: %w", err)
	}
	return s.Manage(ctx, conversationID, req, opts...)
}

// AttachCustomer adds a participant to a conversation
// (POST /conversations/{conversation_id}/customers). body.Customer names the
// contact by intercom_user_id, user_id or email (build it with its From...
// methods); [ConversationsService.AttachContact] covers the common case.
func (s *ConversationsService) AttachCustomer(ctx context.Context, conversationID string, body gen.AttachContactToConversationRequest, opts ...Option) (*gen.Conversation, error) {
	if err := requireID("conversation id", conversationID); err != nil {
		return nil, err
	}
	return doJSON[gen.Conversation](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.AttachContactToConversation(ctx, conversationID, body)
	})
}

// AttachContact adds the contact with Intercom id contactID to a conversation
// as a participant, as admin adminID
// (POST /conversations/{conversation_id}/customers).
func (s *ConversationsService) AttachContact(ctx context.Context, conversationID, contactID, adminID string, opts ...Option) (*gen.Conversation, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	if err := requireID("admin id", adminID); err != nil {
		return nil, err
	}
	var customer gen.AttachContactToConversationRequest_Customer
	if err := customer.FromAttachContactToConversationRequestCustomer0(gen.AttachContactToConversationRequestCustomer0{IntercomUserId: contactID}); err != nil {
		return nil, fmt.Errorf("intercom: building attach request: %w", err)
	}
	return s.AttachCustomer(ctx, conversationID, gen.AttachContactToConversationRequest{AdminId: &adminID, Customer: &customer}, opts...)
}

// DetachContact removes the contact contactID from a conversation's
// participants, as admin adminID
// (DELETE /conversations/{conversation_id}/customers/{contact_id}).
func (s *ConversationsService) DetachContact(ctx context.Context, conversationID, contactID, adminID string, opts ...Option) (*gen.Conversation, error) {
	if err := requireID("conversation id", conversationID); err != nil {
		return nil, err
	}
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	if err := requireID("admin id", adminID); err != nil {
		return nil, err
	}
	return doJSON[gen.Conversation](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.DetachContactFromConversation(ctx, conversationID, contactID, gen.DetachContactFromConversationRequest{AdminId: adminID})
	})
}

// Tag adds the tag tagID to a conversation, as admin adminID
// (POST /conversations/{conversation_id}/tags).
func (s *ConversationsService) Tag(ctx context.Context, conversationID, tagID, adminID string, opts ...Option) (*gen.Tag, error) {
	if err := requireID("conversation id", conversationID); err != nil {
		return nil, err
	}
	if err := requireID("tag id", tagID); err != nil {
		return nil, err
	}
	if err := requireID("admin id", adminID); err != nil {
		return nil, err
	}
	return doJSON[gen.Tag](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.AttachTagToConversation(ctx, conversationID, gen.AttachTagToConversationJSONRequestBody{Id: tagID, AdminId: adminID})
	})
}

// Untag removes the tag tagID from a conversation, as admin adminID
// (DELETE /conversations/{conversation_id}/tags/{tag_id}).
func (s *ConversationsService) Untag(ctx context.Context, conversationID, tagID, adminID string, opts ...Option) (*gen.Tag, error) {
	if err := requireID("conversation id", conversationID); err != nil {
		return nil, err
	}
	if err := requireID("tag id", tagID); err != nil {
		return nil, err
	}
	if err := requireID("admin id", adminID); err != nil {
		return nil, err
	}
	return doJSON[gen.Tag](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.DetachTagFromConversation(ctx, conversationID, tagID, gen.DetachTagFromConversationJSONRequestBody{AdminId: adminID})
	})
}

// ListHandlingEvents lists the handling events of a conversation: when
// teammates started and stopped working on it
// (GET /conversations/{id}/handling_events).
func (s *ConversationsService) ListHandlingEvents(ctx context.Context, conversationID string, opts ...Option) (*gen.HandlingEventList, error) {
	if err := requireID("conversation id", conversationID); err != nil {
		return nil, err
	}
	return doJSON[gen.HandlingEventList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListHandlingEvents(ctx, conversationID)
	})
}

// Redact redacts a conversation part or the source message of a conversation
// (POST /conversations/redact). Build body with
// FromRedactConversationRequest0 (a part) or FromRedactConversationRequest1
// (the source), or use [ConversationsService.RedactPart] and
// [ConversationsService.RedactSource].
func (s *ConversationsService) Redact(ctx context.Context, body gen.RedactConversationRequest, opts ...Option) (*gen.Conversation, error) {
	if err := requireUnionBody(body); err != nil {
		return nil, err
	}
	return doJSON[gen.Conversation](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.RedactConversation(ctx, body)
	})
}

// RedactPart redacts the conversation part partID of a conversation
// (POST /conversations/redact, type "conversation_part").
func (s *ConversationsService) RedactPart(ctx context.Context, conversationID, partID string, opts ...Option) (*gen.Conversation, error) {
	if err := requireID("conversation id", conversationID); err != nil {
		return nil, err
	}
	if err := requireID("conversation part id", partID); err != nil {
		return nil, err
	}
	var req gen.RedactConversationRequest
	if err := req.FromRedactConversationRequest0(gen.RedactConversationRequest0{
		ConversationId:     conversationID,
		ConversationPartId: partID,
		Type:               gen.RedactConversationRequest0TypeConversationPart,
	}); err != nil {
		return nil, fmt.Errorf("intercom: building redact request: %w", err)
	}
	return s.Redact(ctx, req, opts...)
}

// RedactSource redacts the source message sourceID of a conversation
// (POST /conversations/redact, type "source").
func (s *ConversationsService) RedactSource(ctx context.Context, conversationID, sourceID string, opts ...Option) (*gen.Conversation, error) {
	if err := requireID("conversation id", conversationID); err != nil {
		return nil, err
	}
	if err := requireID("source id", sourceID); err != nil {
		return nil, err
	}
	var req gen.RedactConversationRequest
	if err := req.FromRedactConversationRequest1(gen.RedactConversationRequest1{
		ConversationId: conversationID,
		SourceId:       sourceID,
		Type:           gen.RedactConversationRequest1TypeSource,
	}); err != nil {
		return nil, fmt.Errorf("intercom: building redact request: %w", err)
	}
	return s.Redact(ctx, req, opts...)
}

// Convert converts a conversation into a ticket of type body.TicketTypeId
// (POST /conversations/{conversation_id}/convert).
func (s *ConversationsService) Convert(ctx context.Context, conversationID string, body gen.ConvertConversationToTicketRequest, opts ...Option) (*gen.Ticket, error) {
	if err := requireID("conversation id", conversationID); err != nil {
		return nil, err
	}
	return doJSON[gen.Ticket](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ConvertConversationToTicket(ctx, conversationID, body)
	})
}

// unixSeconds converts t to Unix seconds for an integer field of a request,
// refusing the zero time, times before 1970 and times an int cannot hold.
func unixSeconds(what string, t time.Time) (int, error) {
	if t.IsZero() {
		return 0, fmt.Errorf("intercom: %s is the zero time", what)
	}
	u := t.Unix()
	if u <= 0 || int64(int(u)) != u {
		return 0, fmt.Errorf("intercom: %s %s is out of range", what, t.UTC().Format(time.RFC3339))
	}
	return int(u), nil
}
