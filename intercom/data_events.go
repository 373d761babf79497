package intercom

import (
	"errors"

	"github.com/intercomkit/intercom-go/gen"
)

// dataEventsParams checks the params of GET /events and returns a copy with
// the type defaulted to "user".
func dataEventsParams(params *gen.ListDataEventsParams) (*gen.ListDataEventsParams, error) {
	if params == nil ||
		(valueOr(params.UserId) == "" && valueOr(params.IntercomUserId) == "" && valueOr(params.Email) == "") {
		return nil, errors.New("intercom: listing data events needs params.UserId, params.IntercomUserId or params.Email")
	}
	p := cloneParams(params)
	if p.Type == "" {
		p.Type = "user"
	}
	return p, nil
}
