package intercom

import (
	"github.com/intercomkit/intercom-go/gen"
)

// checkTranscriptsBody refuses an empty list of conversation ids, or one
// with an invalid id, before POST /calls/search is sent.
func checkTranscriptsBody(b gen.ListCallsWithTranscriptsJSONRequestBody) (gen.ListCallsWithTranscriptsJSONRequestBody, error) {
	if len(b.ConversationIds) == 0 {
		return b, errorf("intercom: no conversation ids: %w", ErrInvalidID)
	}
	for _, id := range b.ConversationIds {
		if err := requireID("conversation id", id); err != nil {
			return b, err
		}
	}
	return b, nil
}
