package intercom

import (
	"errors"
	"fmt"

	"github.com/intercomkit/intercom-go/gen"
)

// Consent types of [ContactsService.Subscribe].
const (
	// ConsentOptIn subscribes a contact to an opt-in subscription type.
	ConsentOptIn = "opt_in"
	// ConsentOptOut records that a contact opted out of an opt-out
	// subscription type.
	ConsentOptOut = "opt_out"
)

// The checks below run before the generated contact methods send anything
// (the `prepare` entries of api/operations/<version>.yaml).

// checkMerge refuses merging a contact into itself.
func checkMerge(b gen.MergeContactsRequest) (gen.MergeContactsRequest, error) {
	if b.From == b.Into {
		return b, fmt.Errorf("intercom: cannot merge contact %q into itself", truncate(b.From, 64))
	}
	return b, nil
}

// checkConsent refuses a consent type other than ConsentOptIn or
// ConsentOptOut.
func checkConsent(b gen.AttachSubscriptionTypeToContactJSONRequestBody) (gen.AttachSubscriptionTypeToContactJSONRequestBody, error) {
	if b.ConsentType != ConsentOptIn && b.ConsentType != ConsentOptOut {
		return b, fmt.Errorf("intercom: consent type %q is not %q or %q", truncate(b.ConsentType, 32), ConsentOptIn, ConsentOptOut)
	}
	return b, nil
}

// checkNote refuses a note without text.
func checkNote(b gen.CreateNoteJSONRequestBody) (gen.CreateNoteJSONRequestBody, error) {
	if b.Body == "" {
		return b, errors.New("intercom: the note body is empty")
	}
	if b.AdminId != nil { // optional: the note is then by the token's admin
		if err := requireAdminID(*b.AdminId); err != nil {
			return b, err
		}
	}
	return b, nil
}

// checkNewContact refuses a contact with none of the fields Intercom needs to
// create one: email, external_id or role.
func checkNewContact(b gen.CreateContactRequest) (gen.CreateContactRequest, error) {
	if b.GetEmail() == "" && b.GetExternalId() == "" && b.GetRole() == "" {
		return b, errors.New("intercom: a new contact needs an email, an external_id or a role")
	}
	return b, nil
}
