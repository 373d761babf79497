package intercom

import (
	"context"
	"fmt"

	"github.com/intercomkit/intercom-go/gen"
)

// ReplyAsAdmin posts a comment visible to the customer, written by admin
// adminID, to a ticket (POST /tickets/{ticket_id}/reply with type "admin",
// message_type "comment").
func (s *TicketsService) ReplyAsAdmin(ctx context.Context, ticketID, adminID, body string, opts ...Option) (*TicketReply, error) {
	return s.adminReply(ctx, ticketID, adminID, body, gen.AdminReplyTicketRequestMessageTypeComment, opts)
}

// AddNote adds an internal note, visible to teammates only, written by admin
// adminID, to a ticket (POST /tickets/{ticket_id}/reply with type "admin",
// message_type "note").
func (s *TicketsService) AddNote(ctx context.Context, ticketID, adminID, body string, opts ...Option) (*TicketReply, error) {
	return s.adminReply(ctx, ticketID, adminID, body, gen.AdminReplyTicketRequestMessageTypeNote, opts)
}

func (s *TicketsService) adminReply(ctx context.Context, ticketID, adminID, body string, kind gen.AdminReplyTicketRequestMessageType, opts []Option) (*gen.TicketReply, error) {
	if err := requireAdminID(adminID); err != nil {
		return nil, err
	}
	req, err := gen.ReplyTicketRequestOf(gen.AdminReplyTicketRequest{
		AdminId:     adminID,
		Body:        &body,
		MessageType: kind,
		Type:        gen.AdminReplyTicketRequestTypeAdmin,
	})
	if err != nil {
		return nil, fmt.Errorf("intercom: building reply: %w", err)
	}
	return s.Reply(ctx, ticketID, req, opts...)
}

// ReplyAsContact posts a comment written by the contact with Intercom id
// contactID to a ticket (POST /tickets/{ticket_id}/reply with type "user",
// message_type "comment" and intercom_user_id).
func (s *TicketsService) ReplyAsContact(ctx context.Context, ticketID, contactID, body string, opts ...Option) (*TicketReply, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	contact, err := gen.ContactReplyTicketRequestOf(gen.ContactReplyTicketIntercomUserIdRequest{
		IntercomUserId: contactID,
		Body:           body,
		MessageType:    gen.ContactReplyTicketIntercomUserIdRequestMessageTypeComment,
		Type:           gen.ContactReplyTicketIntercomUserIdRequestTypeUser,
	})
	if err != nil {
		return nil, fmt.Errorf("intercom: building reply: %w", err)
	}
	req, err := gen.ReplyTicketRequestOf(contact)
	if err != nil {
		return nil, fmt.Errorf("intercom: building reply: %w", err)
	}
	return s.Reply(ctx, ticketID, req, opts...)
}

// TicketRequestCustomAttributes is the ticket attributes of a create-ticket
// or convert-to-ticket body, now the one TicketCustomAttributes type that
// every ticket body and Ticket itself use.
//
// Deprecated: use TicketCustomAttributes (the same type).
type TicketRequestCustomAttributes = TicketCustomAttributes
