package intercom

import (
	"context"
	"fmt"
	"iter"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// Create creates a ticket of type body.TicketTypeId for the given contacts
// (POST /tickets).
func (s *TicketsService) Create(ctx context.Context, body gen.CreateTicketJSONRequestBody, opts ...Option) (*gen.Ticket, error) {
	return doJSON[gen.Ticket](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CreateTicket(ctx, body)
	})
}

// EnqueueCreate asks Intercom to create a ticket asynchronously
// (POST /tickets/enqueue). The reply is a job; poll it with
// [JobsService.Get] until it is done, then its resource_id is the ticket's id.
func (s *TicketsService) EnqueueCreate(ctx context.Context, body gen.EnqueueCreateTicketJSONRequestBody, opts ...Option) (*gen.Jobs, error) {
	return doJSON[gen.Jobs](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.EnqueueCreateTicket(ctx, body)
	})
}

// Get fetches a ticket (GET /tickets/{ticket_id}).
func (s *TicketsService) Get(ctx context.Context, ticketID string, opts ...Option) (*gen.Ticket, error) {
	if err := requireID("ticket id", ticketID); err != nil {
		return nil, err
	}
	return doJSON[gen.Ticket](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.GetTicket(ctx, ticketID)
	})
}

// Update changes a ticket: its attributes, state, assignee, open or snoozed
// status (PUT /tickets/{ticket_id}).
func (s *TicketsService) Update(ctx context.Context, ticketID string, body gen.UpdateTicketJSONRequestBody, opts ...Option) (*gen.Ticket, error) {
	if err := requireID("ticket id", ticketID); err != nil {
		return nil, err
	}
	return doJSON[gen.Ticket](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.UpdateTicket(ctx, ticketID, body)
	})
}

// Delete deletes a ticket (DELETE /tickets/{ticket_id}).
func (s *TicketsService) Delete(ctx context.Context, ticketID string, opts ...Option) (*gen.TicketDeleted, error) {
	if err := requireID("ticket id", ticketID); err != nil {
		return nil, err
	}
	return doJSON[gen.TicketDeleted](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.DeleteTicket(ctx, ticketID)
	})
}

// Search returns one page of the tickets matching a query
// (POST /tickets/search). Build req with [SearchQuery]; use
// [TicketsService.SearchAll] to get every page.
func (s *TicketsService) Search(ctx context.Context, req gen.SearchRequest, opts ...Option) (*gen.TicketList, error) {
	return doJSON[gen.TicketList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.SearchTickets(ctx, req)
	})
}

// SearchAll iterates over every ticket matching a query
// (POST /tickets/search), sending the cursor of each next page in the body's
// pagination.starting_after. req's own pagination (per_page, and a starting
// cursor) applies to the first page; req is never modified.
func (s *TicketsService) SearchAll(ctx context.Context, req gen.SearchRequest, opts ...Option) iter.Seq2[*gen.Ticket, error] {
	return paginate(ctx, fetchPages(s.c, nil, opts,
		func(ctx context.Context, cursor string) (*http.Response, error) {
			return s.c.gen.SearchTickets(ctx, searchPage(req, cursor))
		},
		func(l *gen.TicketList) ([]*gen.Ticket, string) {
			return items(l.Tickets), cursorNext(l.Pages)
		}))
}

// Reply adds a reply or note to a ticket, from an admin or a contact
// (POST /tickets/{ticket_id}/reply). Build body with FromAdminReplyTicketRequest
// or FromContactReplyTicketRequest, or use the helpers
// [TicketsService.ReplyAsAdmin], [TicketsService.AddNote] and
// [TicketsService.ReplyAsContact].
func (s *TicketsService) Reply(ctx context.Context, ticketID string, body gen.ReplyTicketRequest, opts ...Option) (*gen.TicketReply, error) {
	if err := requireID("ticket id", ticketID); err != nil {
		return nil, err
	}
	if err := requireUnionBody(body); err != nil {
		return nil, err
	}
	return doJSON[gen.TicketReply](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ReplyTicket(ctx, ticketID, body)
	})
}

// ReplyAsAdmin posts a comment visible to the customer, written by admin
// adminID, to a ticket (POST /tickets/{ticket_id}/reply with type "admin",
// message_type "comment").
func (s *TicketsService) ReplyAsAdmin(ctx context.Context, ticketID, adminID, body string, opts ...Option) (*gen.TicketReply, error) {
	return s.adminReply(ctx, ticketID, adminID, body, gen.AdminReplyTicketRequestMessageTypeComment, opts)
}

// AddNote adds an internal note, visible to teammates only, written by admin
// adminID, to a ticket (POST /tickets/{ticket_id}/reply with type "admin",
// message_type "note").
func (s *TicketsService) AddNote(ctx context.Context, ticketID, adminID, body string, opts ...Option) (*gen.TicketReply, error) {
	return s.adminReply(ctx, ticketID, adminID, body, gen.AdminReplyTicketRequestMessageTypeNote, opts)
}

func (s *TicketsService) adminReply(ctx context.Context, ticketID, adminID, body string, kind gen.AdminReplyTicketRequestMessageType, opts []Option) (*gen.TicketReply, error) {
	if err := requireID("admin id", adminID); err != nil {
		return nil, err
	}
	var req gen.ReplyTicketRequest
	if err := req.FromAdminReplyTicketRequest(gen.AdminReplyTicketRequest{
		AdminId:     adminID,
		Body:        &body,
		MessageType: kind,
		Type:        gen.AdminReplyTicketRequestTypeAdmin,
	}); err != nil {
		return nil, fmt.Errorf("intercom: building reply: %w", err)
	}
	return s.Reply(ctx, ticketID, req, opts...)
}

// ReplyAsContact posts a comment written by the contact with Intercom id
// contactID to a ticket (POST /tickets/{ticket_id}/reply with type "user",
// message_type "comment" and intercom_user_id).
func (s *TicketsService) ReplyAsContact(ctx context.Context, ticketID, contactID, body string, opts ...Option) (*gen.TicketReply, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	var contact gen.ContactReplyTicketRequest
	if err := contact.FromContactReplyTicketIntercomUserIdRequest(gen.ContactReplyTicketIntercomUserIdRequest{
		IntercomUserId: contactID,
		Body:           body,
		MessageType:    gen.ContactReplyTicketIntercomUserIdRequestMessageTypeComment,
		Type:           gen.ContactReplyTicketIntercomUserIdRequestTypeUser,
	}); err != nil {
		return nil, fmt.Errorf("intercom: building reply: %w", err)
	}
	var req gen.ReplyTicketRequest
	if err := req.FromContactReplyTicketRequest(contact); err != nil {
		return nil, fmt.Errorf("intercom: building reply: %w", err)
	}
	return s.Reply(ctx, ticketID, req, opts...)
}

// Tag adds the tag tagID to a ticket, as admin adminID
// (POST /tickets/{ticket_id}/tags).
func (s *TicketsService) Tag(ctx context.Context, ticketID, tagID, adminID string, opts ...Option) (*gen.Tag, error) {
	if err := requireID("ticket id", ticketID); err != nil {
		return nil, err
	}
	if err := requireID("tag id", tagID); err != nil {
		return nil, err
	}
	if err := requireID("admin id", adminID); err != nil {
		return nil, err
	}
	return doJSON[gen.Tag](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.AttachTagToTicket(ctx, ticketID, gen.AttachTagToTicketJSONRequestBody{Id: tagID, AdminId: adminID})
	})
}

// Untag removes the tag tagID from a ticket, as admin adminID
// (DELETE /tickets/{ticket_id}/tags/{tag_id}).
func (s *TicketsService) Untag(ctx context.Context, ticketID, tagID, adminID string, opts ...Option) (*gen.Tag, error) {
	if err := requireID("ticket id", ticketID); err != nil {
		return nil, err
	}
	if err := requireID("tag id", tagID); err != nil {
		return nil, err
	}
	if err := requireID("admin id", adminID); err != nil {
		return nil, err
	}
	return doJSON[gen.Tag](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.DetachTagFromTicket(ctx, ticketID, tagID, gen.DetachTagFromTicketJSONRequestBody{AdminId: adminID})
	})
}
