package intercom

import (
	"context"
	"fmt"
	"time"

	"github.com/intercomkit/intercom-go/gen"
)

// ReplyAsAdmin posts a comment visible to the customer, written by admin
// adminID, to a conversation (POST /conversations/{conversation_id}/reply with
// type "admin", message_type "comment").
func (s *ConversationsService) ReplyAsAdmin(ctx context.Context, conversationID, adminID, body string, opts ...Option) (*Conversation, error) {
	return s.adminReply(ctx, conversationID, adminID, body, gen.AdminReplyConversationRequestMessageTypeComment, opts)
}

// AddNote adds an internal note, visible to teammates only, written by admin
// adminID, to a conversation (POST /conversations/{conversation_id}/reply with
// type "admin", message_type "note").
func (s *ConversationsService) AddNote(ctx context.Context, conversationID, adminID, body string, opts ...Option) (*Conversation, error) {
	return s.adminReply(ctx, conversationID, adminID, body, gen.AdminReplyConversationRequestMessageTypeNote, opts)
}

func (s *ConversationsService) adminReply(ctx context.Context, conversationID, adminID, body string, kind gen.AdminReplyConversationRequestMessageType, opts []Option) (*gen.Conversation, error) {
	if err := requireAdminID(adminID); err != nil {
		return nil, err
	}
	req, err := gen.ReplyConversationRequestOf(gen.AdminReplyConversationRequest{
		AdminId:     adminID,
		Body:        &body,
		MessageType: kind,
		Type:        gen.AdminReplyConversationRequestTypeAdmin,
	})
	if err != nil {
		return nil, fmt.Errorf("intercom: building reply: %w", err)
	}
	return s.Reply(ctx, conversationID, req, opts...)
}

// ReplyAsContact posts a comment written by the contact with Intercom id
// contactID to a conversation (POST /conversations/{conversation_id}/reply
// with type "user", message_type "comment" and intercom_user_id). To name the
// contact by email or by your user_id instead, build the body yourself and
// call [ConversationsService.Reply].
func (s *ConversationsService) ReplyAsContact(ctx context.Context, conversationID, contactID, body string, opts ...Option) (*Conversation, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	contact, err := gen.ContactReplyConversationRequestOf(gen.ContactReplyIntercomUserIdRequest{
		IntercomUserId: contactID,
		Body:           body,
		MessageType:    gen.ContactReplyIntercomUserIdRequestMessageTypeComment,
		Type:           gen.ContactReplyIntercomUserIdRequestTypeUser,
	})
	if err != nil {
		return nil, fmt.Errorf("intercom: building reply: %w", err)
	}
	req, err := gen.ReplyConversationRequestOf(contact)
	if err != nil {
		return nil, fmt.Errorf("intercom: building reply: %w", err)
	}
	return s.Reply(ctx, conversationID, req, opts...)
}

// Close closes a conversation as admin adminID
// (POST /conversations/{conversation_id}/parts, message_type "close"). A
// non-empty body is posted in the conversation as the closing message.
func (s *ConversationsService) Close(ctx context.Context, conversationID, adminID, body string, opts ...Option) (*Conversation, error) {
	if err := requireAdminID(adminID); err != nil {
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
	req, err := gen.ManageConversationRequestOf(r)
	if err != nil {
		return nil, fmt.Errorf("intercom: building close request: %w", err)
	}
	return s.Manage(ctx, conversationID, req, opts...)
}

// Open reopens a closed or snoozed conversation as admin adminID
// (POST /conversations/{conversation_id}/parts, message_type "open").
func (s *ConversationsService) Open(ctx context.Context, conversationID, adminID string, opts ...Option) (*Conversation, error) {
	if err := requireAdminID(adminID); err != nil {
		return nil, err
	}
	req, err := gen.ManageConversationRequestOf(gen.OpenConversationRequest{
		AdminId:     adminID,
		MessageType: gen.OpenConversationRequestMessageTypeOpen,
	})
	if err != nil {
		return nil, fmt.Errorf("intercom: building open request: %w", err)
	}
	return s.Manage(ctx, conversationID, req, opts...)
}

// Snooze snoozes a conversation as admin adminID until the given time, when it
// reopens (POST /conversations/{conversation_id}/parts, message_type
// "snoozed"). until is sent as Unix seconds (sub-second precision is
// dropped); it must be after 1970-01-01.
func (s *ConversationsService) Snooze(ctx context.Context, conversationID, adminID string, until time.Time, opts ...Option) (*Conversation, error) {
	if err := requireAdminID(adminID); err != nil {
		return nil, err
	}
	secs, err := unixSeconds("snooze time", until)
	if err != nil {
		return nil, err
	}
	req, err := gen.ManageConversationRequestOf(gen.SnoozeConversationRequest{
		AdminId:      adminID,
		MessageType:  gen.SnoozeConversationRequestMessageTypeSnoozed,
		SnoozedUntil: secs,
	})
	if err != nil {
		return nil, fmt.Errorf("intercom: building snooze request: %w", err)
	}
	return s.Manage(ctx, conversationID, req, opts...)
}

// Assign assigns a conversation to the admin assigneeID, as admin adminID
// (POST /conversations/{conversation_id}/parts, message_type "assignment",
// type "admin"). assigneeID "0" unassigns it.
func (s *ConversationsService) Assign(ctx context.Context, conversationID, adminID, assigneeID string, opts ...Option) (*Conversation, error) {
	return s.assign(ctx, conversationID, adminID, assigneeID, gen.AssignConversationRequestTypeAdmin, opts)
}

// AssignTeam assigns a conversation to the team teamID, as admin adminID
// (POST /conversations/{conversation_id}/parts, message_type "assignment",
// type "team"). teamID "0" removes the team assignment.
func (s *ConversationsService) AssignTeam(ctx context.Context, conversationID, adminID, teamID string, opts ...Option) (*Conversation, error) {
	return s.assign(ctx, conversationID, adminID, teamID, gen.AssignConversationRequestTypeTeam, opts)
}

func (s *ConversationsService) assign(ctx context.Context, conversationID, adminID, assigneeID string, kind gen.AssignConversationRequestType, opts []Option) (*gen.Conversation, error) {
	if err := requireAdminID(adminID); err != nil {
		return nil, err
	}
	if err := requireID("assignee id", assigneeID); err != nil {
		return nil, err
	}
	req, err := gen.ManageConversationRequestOf(gen.AssignConversationRequest{
		AdminId:     adminID,
		AssigneeId:  assigneeID,
		MessageType: gen.AssignConversationRequestMessageTypeAssignment,
		Type:        kind,
	})
	if err != nil {
		return nil, fmt.Errorf("intercom: building assign request: %w", err)
	}
	return s.Manage(ctx, conversationID, req, opts...)
}

// AttachContact adds the contact with Intercom id contactID to a conversation
// as a participant, as admin adminID
// (POST /conversations/{conversation_id}/customers).
func (s *ConversationsService) AttachContact(ctx context.Context, conversationID, contactID, adminID string, opts ...Option) (*Conversation, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	if err := requireAdminID(adminID); err != nil {
		return nil, err
	}
	customer, err := gen.CustomerRequestOf(gen.CustomerByIntercomUserId{IntercomUserId: contactID})
	if err != nil {
		return nil, fmt.Errorf("intercom: building attach request: %w", err)
	}
	return s.AttachCustomer(ctx, conversationID, gen.AttachContactToConversationRequest{AdminId: &adminID, Customer: &customer}, opts...)
}

// RedactPart redacts the conversation part partID of a conversation
// (POST /conversations/redact, type "conversation_part").
func (s *ConversationsService) RedactPart(ctx context.Context, conversationID, partID string, opts ...Option) (*Conversation, error) {
	if err := requireID("conversation id", conversationID); err != nil {
		return nil, err
	}
	if err := requireID("conversation part id", partID); err != nil {
		return nil, err
	}
	req, err := gen.RedactConversationRequestOf(gen.RedactConversationPartRequest{
		ConversationId:     conversationID,
		ConversationPartId: partID,
		Type:               gen.RedactConversationPartRequestTypeConversationPart,
	})
	if err != nil {
		return nil, fmt.Errorf("intercom: building redact request: %w", err)
	}
	return s.Redact(ctx, req, opts...)
}

// RedactSource redacts the source message sourceID of a conversation
// (POST /conversations/redact, type "source").
func (s *ConversationsService) RedactSource(ctx context.Context, conversationID, sourceID string, opts ...Option) (*Conversation, error) {
	if err := requireID("conversation id", conversationID); err != nil {
		return nil, err
	}
	if err := requireID("source id", sourceID); err != nil {
		return nil, err
	}
	req, err := gen.RedactConversationRequestOf(gen.RedactConversationSourceRequest{
		ConversationId: conversationID,
		SourceId:       sourceID,
		Type:           gen.RedactConversationSourceRequestTypeSource,
	})
	if err != nil {
		return nil, fmt.Errorf("intercom: building redact request: %w", err)
	}
	return s.Redact(ctx, req, opts...)
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
