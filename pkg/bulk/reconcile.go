package bulk

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"github.com/intercomkit/intercom-go/intercom"
)

// ContactRef names a contact the way an import knows it: by external id,
// by email, or both, with its role ("user" or "lead"; empty for either).
type ContactRef struct {
	Role       string
	ExternalID string
	Email      string
}

// FindContact looks up the contact ref names: a user by external id
// (GET /contacts/find_by_external_id), anything else by a search on
// external_id, else on email, narrowed to ref.Role when it is set. It
// returns nil and no error when there is none. It is the lookup a
// [Job.Reconcile] does before a create is sent again:
//
//	Reconcile: func(ctx context.Context, c *intercom.Client, r Row) (bool, error) {
//		found, err := bulk.FindContact(ctx, c, bulk.ContactRef{Role: "lead", Email: r.Email})
//		return found != nil, err
//	},
//
// Intercom's search is eventually consistent: a contact created a moment
// ago may not be found yet. Reconcile some time after the run that lost
// the responses (a minute is usually plenty), not at once.
func FindContact(ctx context.Context, c *intercom.Client, ref ContactRef) (*intercom.Contact, error) {
	switch {
	case ref.ExternalID == "" && ref.Email == "":
		return nil, errors.New("bulk: FindContact: the reference has neither an external id nor an email")
	case ref.Role != "" && ref.Role != "user" && ref.Role != "lead":
		return nil, fmt.Errorf("bulk: FindContact: role %q is not user or lead", ref.Role)
	}
	if ref.Role == "user" && ref.ExternalID != "" {
		ct, err := c.Contacts.GetByExternalID(ctx, ref.ExternalID)
		if intercom.IsNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("bulk: FindContact: %w", err)
		}
		return ct, nil
	}
	field, value := "email", ref.Email
	if ref.ExternalID != "" {
		field, value = "external_id", ref.ExternalID
	}
	filter := intercom.Field(field).Equals(value)
	if ref.Role != "" {
		filter = intercom.And(filter, intercom.Field("role").Equals(ref.Role))
	}
	req, err := intercom.SearchQuery{Filter: filter, PerPage: 1}.ForContacts()
	if err != nil {
		return nil, fmt.Errorf("bulk: FindContact: %w", err)
	}
	list, err := c.Contacts.Search(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("bulk: FindContact: %w", err)
	}
	if len(list.Data) == 0 {
		return nil, nil
	}
	return &list.Data[0], nil
}

// ContactExists reports whether err is Intercom's answer to creating (or
// updating) a user whose email or external id another user has: 409
// Conflict. After a create whose outcome was unknown, it means the first
// create was applied: treat the item as done.
//
//	Do: func(ctx context.Context, c *intercom.Client, r Row) error {
//		_, err := c.Contacts.Create(ctx, newUser(r))
//		if bulk.ContactExists(err) {
//			return nil // created by an earlier attempt whose response was lost
//		}
//		return err
//	},
//	Reconcile: bulk.Repeatable[Row],
//
// Leads have no such uniqueness: a second create makes a second lead; use
// [FindContact] in a Reconcile step for them.
func ContactExists(err error) bool { return intercom.IsConflict(err) }

// existingIDRE finds the id in Intercom's conflict message "A contact
// matching those details already exists with id=...".
var existingIDRE = regexp.MustCompile(`\bid=([0-9A-Za-z_-]+)`)

// ExistingContactID returns the id of the existing contact named by the
// 409 Conflict error of a create (see [ContactExists]), when Intercom's
// message gives it.
func ExistingContactID(err error) (id string, ok bool) {
	var e *intercom.Error
	if !ContactExists(err) || !errors.As(err, &e) {
		return "", false
	}
	m := existingIDRE.FindStringSubmatch(e.Message())
	if m == nil {
		return "", false
	}
	return m[1], true
}

// Repeatable is a [Job.Reconcile] step for a Do that is safe to run again
// after an unknown outcome, because running it twice has the effect of
// running it once: a create that answers 409 for a duplicate and treats
// that as done (see [ContactExists]), a tag, an update that sets fields. It
// looks nothing up and sends Do again.
func Repeatable[T any](context.Context, *intercom.Client, T) (done bool, err error) {
	return false, nil
}
