package preview

import (
	"errors"
	"fmt"

	gen "github.com/intercomkit/intercom-go/gen/preview"
	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/intercom/internal/engine"
)

// The argument checks the `prepare` entries of api/operations/0.yaml name:
// package intercom's checks of the same operations, on the Preview's types.
// Each refuses the call before anything is sent.

func checkNewContact(b gen.CreateContactRequest) (gen.CreateContactRequest, error) {
	if b.GetEmail() == "" && b.GetExternalId() == "" && b.GetRole() == "" {
		return b, errors.New("intercom: a new contact needs an email, an external_id or a role")
	}
	return b, nil
}

func checkActivityLogsParams(p *gen.ListActivityLogsParams) (*gen.ListActivityLogsParams, error) {
	if p == nil || p.CreatedAtAfter == "" {
		return nil, errors.New("intercom: listing activity logs needs params.CreatedAtAfter (a Unix timestamp in seconds)")
	}
	return p, nil
}

func checkTranscriptsBody(b gen.ListCallsWithTranscriptsJSONRequestBody) (gen.ListCallsWithTranscriptsJSONRequestBody, error) {
	if len(b.ConversationIds) == 0 {
		return b, fmt.Errorf("intercom: no conversation ids: %w", intercom.ErrInvalidID)
	}
	for _, id := range b.ConversationIds {
		if err := engine.RequireID("conversation id", id); err != nil {
			return b, err
		}
	}
	return b, nil
}

func checkMerge(b gen.MergeContactsRequest) (gen.MergeContactsRequest, error) {
	if b.From == b.Into {
		return b, errors.New("intercom: cannot merge a contact into itself")
	}
	return b, nil
}

func checkConsent(b gen.AttachSubscriptionTypeToContactJSONRequestBody) (gen.AttachSubscriptionTypeToContactJSONRequestBody, error) {
	if b.ConsentType != intercom.ConsentOptIn && b.ConsentType != intercom.ConsentOptOut {
		return b, fmt.Errorf("intercom: consent type is not %q or %q", intercom.ConsentOptIn, intercom.ConsentOptOut)
	}
	return b, nil
}

func checkNote(b gen.CreateNoteJSONRequestBody) (gen.CreateNoteJSONRequestBody, error) {
	if b.Body == "" {
		return b, errors.New("intercom: the note body is empty")
	}
	if b.AdminId != nil {
		if _, err := engine.NumericID("admin id", *b.AdminId); err != nil {
			return b, err
		}
	}
	return b, nil
}

func dataEventsParams(params *gen.ListDataEventsParams) (*gen.ListDataEventsParams, error) {
	if params == nil ||
		(engine.ValueOr(params.UserId) == "" && engine.ValueOr(params.IntercomUserId) == "" && engine.ValueOr(params.Email) == "") {
		return nil, errors.New("intercom: listing data events needs params.UserId, params.IntercomUserId or params.Email")
	}
	p := engine.CloneParams(params)
	if p.Type == "" {
		p.Type = "user"
	}
	return p, nil
}
