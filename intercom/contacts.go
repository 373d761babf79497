package intercom

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// Each method below decodes into the type of its generated JSON200 field.
var (
	_ = func(r *gen.ShowContactResponse) *gen.ContactWithPush { return r.JSON200 }
	_ = func(r *gen.ShowContactByExternalIdResponse) *gen.ContactWithPush { return r.JSON200 }
	_ = func(r *gen.CreateContactResponse) *gen.ContactWithPush { return r.JSON200 }
	_ = func(r *gen.UpdateContactResponse) *gen.ContactWithPush { return r.JSON200 }
	_ = func(r *gen.MergeContactResponse) *gen.ContactWithPush { return r.JSON200 }
)

// Get fetches a contact by its Intercom id (GET /contacts/{contact_id}).
func (s *ContactsService) Get(ctx context.Context, contactID string, opts ...Option) (*gen.ContactWithPush, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	return doJSON[gen.ContactWithPush](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ShowContact(ctx, contactID)
	})
}

// GetByExternalID fetches a contact by the external_id you gave it
// (GET /contacts/find_by_external_id/{external_id}).
func (s *ContactsService) GetByExternalID(ctx context.Context, externalID string, opts ...Option) (*gen.ContactWithPush, error) {
	if err := requireID("contact external_id", externalID); err != nil {
		return nil, err
	}
	return doJSON[gen.ContactWithPush](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ShowContactByExternalId(ctx, externalID)
	})
}

// List fetches one page of contacts (GET /contacts). params may be nil;
// pass pages.next.starting_after of a page as params.StartingAfter to get
// the next one, or use [ContactsService.ListAll].
func (s *ContactsService) List(ctx context.Context, params *gen.ListContactsParams, opts ...Option) (*gen.ContactList, error) {
	return doJSON[gen.ContactList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListContacts(ctx, params)
	})
}

// ListAll iterates over every contact (GET /contacts), following the
// starting_after cursor page by page. params may be nil (PerPage sets the
// page size, StartingAfter where to start); it is copied and not modified.
// An error is yielded once and ends the iteration.
func (s *ContactsService) ListAll(ctx context.Context, params *gen.ListContactsParams, opts ...Option) iter.Seq2[gen.Contact, error] {
	p := cloneParams(params)
	return paginate(ctx, fetchPages(s.c, nil, opts,
		func(ctx context.Context, cursor string) (*http.Response, error) {
			q := *p
			if cursor != "" {
				q.StartingAfter = &cursor
			}
			return s.c.gen.ListContacts(ctx, &q)
		},
		func(l *gen.ContactList) ([]gen.Contact, string) { return items(l.Data), cursorNext(l.Pages) }))
}

// Create creates a contact (POST /contacts). At least one of body.Email,
// body.ExternalId or body.Role ("user" or "lead") is required.
func (s *ContactsService) Create(ctx context.Context, body gen.CreateContactRequest, opts ...Option) (*gen.ContactWithPush, error) {
	return doJSON[gen.ContactWithPush](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CreateContact(ctx, body)
	})
}

// Update updates a contact (PUT /contacts/{contact_id}); only the fields set
// in body change.
func (s *ContactsService) Update(ctx context.Context, contactID string, body gen.UpdateContactRequest, opts ...Option) (*gen.ContactWithPush, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	return doJSON[gen.ContactWithPush](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.UpdateContact(ctx, contactID, body)
	})
}

// Delete deletes a contact (DELETE /contacts/{contact_id}).
func (s *ContactsService) Delete(ctx context.Context, contactID string, opts ...Option) (*gen.ContactDeleted, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	return doJSON[gen.ContactDeleted](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.DeleteContact(ctx, contactID)
	})
}

// Merge merges the lead fromID into the user intoID and returns the
// resulting user (POST /contacts/merge). Both are Intercom contact ids.
func (s *ContactsService) Merge(ctx context.Context, fromID, intoID string, opts ...Option) (*gen.ContactWithPush, error) {
	if err := requireID("contact id to merge from", fromID); err != nil {
		return nil, err
	}
	if err := requireID("contact id to merge into", intoID); err != nil {
		return nil, err
	}
	if fromID == intoID {
		return nil, fmt.Errorf("intercom: cannot merge contact %q into itself", truncate(fromID, 64))
	}
	body := gen.MergeContactsRequest{From: fromID, Into: intoID}
	return doJSON[gen.ContactWithPush](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.MergeContact(ctx, body)
	})
}

// Search returns one page of the contacts matching a query
// (POST /contacts/search). Build req with [SearchQuery]; use
// [ContactsService.SearchAll] to get every page.
func (s *ContactsService) Search(ctx context.Context, req gen.SearchRequest, opts ...Option) (*gen.ContactList, error) {
	return doJSON[gen.ContactList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.SearchContacts(ctx, req)
	})
}

// SearchAll iterates over every contact matching a query
// (POST /contacts/search), sending the cursor of each next page in the
// body's pagination.starting_after. req's own pagination (per_page, and a
// starting cursor) applies to the first page; req is never modified. An error
// is yielded once and ends the iteration.
func (s *ContactsService) SearchAll(ctx context.Context, req gen.SearchRequest, opts ...Option) iter.Seq2[gen.Contact, error] {
	return paginate(ctx, fetchPages(s.c, nil, opts,
		func(ctx context.Context, cursor string) (*http.Response, error) {
			return s.c.gen.SearchContacts(ctx, searchPage(req, cursor))
		},
		func(l *gen.ContactList) ([]gen.Contact, string) { return items(l.Data), cursorNext(l.Pages) }))
}

// Archive archives a contact (POST /contacts/{contact_id}/archive).
func (s *ContactsService) Archive(ctx context.Context, contactID string, opts ...Option) (*gen.ContactArchived, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	return doJSON[gen.ContactArchived](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ArchiveContact(ctx, contactID)
	})
}

// Unarchive unarchives a contact (POST /contacts/{contact_id}/unarchive).
func (s *ContactsService) Unarchive(ctx context.Context, contactID string, opts ...Option) (*gen.ContactUnarchived, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	return doJSON[gen.ContactUnarchived](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.UnarchiveContact(ctx, contactID)
	})
}

// Block blocks a contact: their conversations are closed and they can no
// longer reach the workspace (POST /contacts/{contact_id}/block).
func (s *ContactsService) Block(ctx context.Context, contactID string, opts ...Option) (*gen.ContactBlocked, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	return doJSON[gen.ContactBlocked](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.BlockContact(ctx, contactID)
	})
}

// ListCompanies fetches the first page of the companies a contact is
// attached to (GET /contacts/{contact_id}/companies). params may be nil. The
// next page is at the URL in pages.next: [ContactsService.ListCompaniesAll]
// follows it.
func (s *ContactsService) ListCompanies(ctx context.Context, contactID string, params *gen.ListCompaniesForAContactParams, opts ...Option) (*gen.ContactAttachedCompanies, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	return doJSON[gen.ContactAttachedCompanies](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListCompaniesForAContact(ctx, contactID, params)
	})
}

// ListCompaniesAll iterates over every company a contact is attached to
// (GET /contacts/{contact_id}/companies, then the pages.next URL of each
// page, which must be on the client's API host). params may be nil; it is
// copied and not modified. An error is yielded once and ends the iteration.
func (s *ContactsService) ListCompaniesAll(ctx context.Context, contactID string, params *gen.ListCompaniesForAContactParams, opts ...Option) iter.Seq2[gen.Company, error] {
	if err := requireID("contact id", contactID); err != nil {
		return errSeq[gen.Company](err)
	}
	p := cloneParams(params)
	return paginate(ctx, fetchPages(s.c, nil, opts,
		nextURLCall(s.c, func(ctx context.Context) (*http.Response, error) {
			return s.c.gen.ListCompaniesForAContact(ctx, contactID, p)
		}),
		func(l *gen.ContactAttachedCompanies) ([]gen.Company, string) {
			return items(l.Companies), linkNext(l.Pages)
		}))
}

// AttachCompany attaches a contact to a company
// (POST /contacts/{contact_id}/companies). companyID is the company's
// Intercom id. It returns the company.
func (s *ContactsService) AttachCompany(ctx context.Context, contactID, companyID string, opts ...Option) (*gen.Company, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	if err := requireID("company id", companyID); err != nil {
		return nil, err
	}
	return doJSON[gen.Company](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.AttachContactToACompany(ctx, contactID, gen.AttachContactToACompanyJSONRequestBody{Id: companyID})
	})
}

// DetachCompany detaches a contact from a company
// (DELETE /contacts/{contact_id}/companies/{company_id}). It returns the
// company.
func (s *ContactsService) DetachCompany(ctx context.Context, contactID, companyID string, opts ...Option) (*gen.Company, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	if err := requireID("company id", companyID); err != nil {
		return nil, err
	}
	return doJSON[gen.Company](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.DetachContactFromACompany(ctx, contactID, companyID)
	})
}

// ListSegments lists the segments a contact belongs to
// (GET /contacts/{contact_id}/segments).
func (s *ContactsService) ListSegments(ctx context.Context, contactID string, opts ...Option) (*gen.ContactSegments, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	return doJSON[gen.ContactSegments](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListSegmentsForAContact(ctx, contactID)
	})
}

// ListSubscriptions lists the subscription types a contact has opted in to
// or out of (GET /contacts/{contact_id}/subscriptions).
func (s *ContactsService) ListSubscriptions(ctx context.Context, contactID string, opts ...Option) (*gen.SubscriptionTypeList, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	return doJSON[gen.SubscriptionTypeList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListSubscriptionsForAContact(ctx, contactID)
	})
}

// Consent types of [ContactsService.Subscribe].
const (
	// ConsentOptIn subscribes a contact to an opt-in subscription type.
	ConsentOptIn = "opt_in"
	// ConsentOptOut records that a contact opted out of an opt-out
	// subscription type.
	ConsentOptOut = "opt_out"
)

// Subscribe attaches a subscription type to a contact
// (POST /contacts/{contact_id}/subscriptions). consentType is [ConsentOptIn]
// or [ConsentOptOut], and must match how the subscription type is set up.
func (s *ContactsService) Subscribe(ctx context.Context, contactID, subscriptionTypeID, consentType string, opts ...Option) (*gen.SubscriptionType, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	if err := requireID("subscription type id", subscriptionTypeID); err != nil {
		return nil, err
	}
	if consentType != ConsentOptIn && consentType != ConsentOptOut {
		return nil, fmt.Errorf("intercom: consent type %q is not %q or %q", truncate(consentType, 32), ConsentOptIn, ConsentOptOut)
	}
	body := gen.AttachSubscriptionTypeToContactJSONRequestBody{Id: subscriptionTypeID, ConsentType: consentType}
	return doJSON[gen.SubscriptionType](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.AttachSubscriptionTypeToContact(ctx, contactID, body)
	})
}

// Unsubscribe removes a subscription type from a contact
// (DELETE /contacts/{contact_id}/subscriptions/{subscription_id}).
func (s *ContactsService) Unsubscribe(ctx context.Context, contactID, subscriptionTypeID string, opts ...Option) (*gen.SubscriptionType, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	if err := requireID("subscription type id", subscriptionTypeID); err != nil {
		return nil, err
	}
	return doJSON[gen.SubscriptionType](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.DetachSubscriptionTypeToContact(ctx, contactID, subscriptionTypeID)
	})
}

// ListTags lists the tags on a contact (GET /contacts/{contact_id}/tags).
func (s *ContactsService) ListTags(ctx context.Context, contactID string, opts ...Option) (*gen.TagList, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	return doJSON[gen.TagList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListTagsForAContact(ctx, contactID)
	})
}

// Tag tags a contact with the tag tagID (POST /contacts/{contact_id}/tags).
// Create tags with [TagsService.Create].
func (s *ContactsService) Tag(ctx context.Context, contactID, tagID string, opts ...Option) (*gen.Tag, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	if err := requireID("tag id", tagID); err != nil {
		return nil, err
	}
	return doJSON[gen.Tag](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.AttachTagToContact(ctx, contactID, gen.AttachTagToContactJSONRequestBody{Id: tagID})
	})
}

// Untag removes the tag tagID from a contact
// (DELETE /contacts/{contact_id}/tags/{tag_id}).
func (s *ContactsService) Untag(ctx context.Context, contactID, tagID string, opts ...Option) (*gen.Tag, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	if err := requireID("tag id", tagID); err != nil {
		return nil, err
	}
	return doJSON[gen.Tag](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.DetachTagFromContact(ctx, contactID, tagID)
	})
}

// AddNote adds a note with the text body to a contact
// (POST /contacts/{contact_id}/notes). adminID, the author, may be empty.
func (s *ContactsService) AddNote(ctx context.Context, contactID, adminID, body string, opts ...Option) (*gen.Note, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	if body == "" {
		return nil, errors.New("intercom: the note body is empty")
	}
	req := gen.CreateNoteJSONRequestBody{Body: body}
	if adminID != "" {
		req.AdminId = &adminID
	}
	return doJSON[gen.Note](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CreateNote(ctx, contactID, req)
	})
}

// ListNotes fetches one page of the notes on a contact
// (GET /contacts/{contact_id}/notes). params may be nil.
func (s *ContactsService) ListNotes(ctx context.Context, contactID string, params *gen.ListNotesParams, opts ...Option) (*gen.NoteList, error) {
	if err := requireID("contact id", contactID); err != nil {
		return nil, err
	}
	return doJSON[gen.NoteList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListNotes(ctx, contactID, params)
	})
}

// ListNotesAll iterates over every note on a contact, page by page
// (GET /contacts/{contact_id}/notes with page numbers), starting at
// params.Page (default the first). params may be nil; it is copied and not
// modified. An error is yielded once and ends the iteration.
func (s *ContactsService) ListNotesAll(ctx context.Context, contactID string, params *gen.ListNotesParams, opts ...Option) iter.Seq2[gen.Note, error] {
	if err := requireID("contact id", contactID); err != nil {
		return errSeq[gen.Note](err)
	}
	return paginate(ctx, fetchPages(s.c, nil, opts,
		pageCall(params, func(q *gen.ListNotesParams, page *int) { q.Page = page },
			func(ctx context.Context, q *gen.ListNotesParams) (*http.Response, error) {
				return s.c.gen.ListNotes(ctx, contactID, q)
			}),
		func(l *gen.NoteList) ([]gen.Note, string) { return items(l.Data), pageNext(l.Pages) }))
}
