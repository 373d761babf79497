package intercom

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/intercomkit/intercom-go/gen"
)

// This file holds conveniences for what users otherwise write by hand: find
// a contact by email, close a ticket, find or create a tag.

// ErrNoContact is wrapped by the error of [ContactsService.FindByEmail] when
// no contact has the email address.
var ErrNoContact = errors.New("no contact has this email address")

// ErrSeveralContacts is wrapped by the [*SeveralContactsError] of
// [ContactsService.FindByEmail] when more than one contact has the email
// address.
var ErrSeveralContacts = errors.New("several contacts have this email address")

// SeveralContactsError is the error of [ContactsService.FindByEmail] when
// more than one contact has the email address: Intercom does not keep emails
// unique (a user and a lead, or several leads, may share one). It matches
// [ErrSeveralContacts] with errors.Is.
type SeveralContactsError struct {
	// Contacts are the matching contacts of the first page of the search
	// (up to 50), in the order Intercom returned them.
	Contacts []Contact
	// Total is the number of matching contacts Intercom reported.
	Total int
}

// Error says how many contacts matched; it does not repeat the address.
func (e *SeveralContactsError) Error() string {
	return fmt.Sprintf("intercom: %d contacts have this email address; choose one from Contacts (by role, say) or list them all with Contacts.SearchAll", e.Total)
}

// Is reports whether target is [ErrSeveralContacts].
func (e *SeveralContactsError) Is(target error) bool { return target == ErrSeveralContacts }

// findByEmailPage is the page size of FindByEmail's search.
const findByEmailPage = 50

// FindByEmail returns the contact whose email is email (POST /contacts/search
// with email = email; Intercom compares emails without regard to case).
//
//   - One match: that contact.
//   - None: an error wrapping [ErrNoContact].
//   - Several (Intercom does not keep emails unique: a user and a lead may
//     share one): a [*SeveralContactsError] holding them (up to 50), which
//     matches [ErrSeveralContacts]; to take every match use
//     [ContactsService.SearchAll] with Field("email").Equals(email).
//
// An empty email is an error and sends nothing. No error message repeats the
// address.
func (s *ContactsService) FindByEmail(ctx context.Context, email string, opts ...Option) (*Contact, error) {
	email = strings.TrimSpace(email)
	if email == "" {
		return nil, errors.New("intercom: FindByEmail: the email address is empty")
	}
	body, err := SearchQuery{Filter: Field("email").Equals(email), PerPage: findByEmailPage}.ForContacts()
	if err != nil {
		return nil, errorf("intercom: FindByEmail: %w", err)
	}
	list, err := s.Search(ctx, body, opts...)
	if err != nil {
		return nil, err
	}
	total := len(list.Data)
	if n := list.GetTotalCount(); n > total {
		total = n
	}
	switch total {
	case 0:
		return nil, fmt.Errorf("intercom: FindByEmail: %w", ErrNoContact)
	case 1:
		if len(list.Data) == 1 {
			c := list.Data[0]
			return &c, nil
		}
		return nil, fmt.Errorf("intercom: FindByEmail: Intercom counted 1 match but sent %d", len(list.Data))
	}
	return nil, &SeveralContactsError{Contacts: list.Data, Total: total}
}

// Close closes a ticket as admin adminID (PUT /tickets/{ticket_id} with
// "open": false and admin_id; Intercom also unsnoozes it). The ticket's
// state (its category: submitted, in progress, waiting on customer,
// resolved) is not changed: to resolve it, set TicketStateId in
// [TicketsService.Update] to a state of category "resolved"
// ([TicketStatesService.List]). Both ids are checked before anything is sent.
func (s *TicketsService) Close(ctx context.Context, ticketID, adminID string, opts ...Option) (*Ticket, error) {
	if err := requireID("ticket id", ticketID); err != nil {
		return nil, err
	}
	if err := requireAdminID(adminID); err != nil {
		return nil, err
	}
	return s.Update(ctx, ticketID, UpdateTicketRequest{Open: Ptr(false), AdminId: &adminID}, opts...)
}

// FindOrCreate returns the tag named name, creating it when the workspace
// has none (GET /tags, then POST /tags when needed). created reports that it
// was not in the list. Names are compared without regard to case, as
// Intercom does when POST /tags finds a tag by name (an exact match wins
// over one that differs in case only). When another caller creates the same tag between the two requests,
// POST /tags returns that tag rather than a second one, so the tag is never
// duplicated (created is then true).
//
// [TagsService.Create] alone also returns an existing tag of that name (POST
// /tags creates or finds by name); FindOrCreate makes no write when the tag
// exists, and says whether it did.
func (s *TagsService) FindOrCreate(ctx context.Context, name string, opts ...Option) (tag *Tag, created bool, err error) {
	if name == "" {
		return nil, false, errors.New("intercom: FindOrCreate: the tag name is empty")
	}
	list, err := s.List(ctx, opts...)
	if err != nil {
		return nil, false, err
	}
	var folded *Tag
	for i, t := range list.Data {
		switch {
		case t.GetName() == name:
			return &list.Data[i], false, nil
		case folded == nil && strings.EqualFold(t.GetName(), name):
			folded = &list.Data[i]
		}
	}
	if folded != nil {
		return folded, false, nil
	}
	res, err := s.Create(ctx, gen.CreateOrUpdateTagRequest{Name: name}, opts...)
	if err != nil {
		return nil, false, err
	}
	return &Tag{Id: res.Id, Name: res.Name, AppliedAt: res.AppliedAt, AppliedBy: res.AppliedBy}, true, nil
}

// IsUnassigned reports whether an assignee id read from a conversation or a
// ticket (GetAdminAssigneeId, GetTeamAssigneeId) means "nobody". Intercom's
// description says an unassigned conversation has 0 there, and its API also
// sends null or leaves the field out: the getters then return "0" or "", and
// both are unassigned.
func IsUnassigned(assigneeID string) bool { return assigneeID == "" || assigneeID == "0" }
