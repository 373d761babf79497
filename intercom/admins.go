package intercom

import (
	"errors"

	"github.com/intercomkit/intercom-go/gen"
)

func checkActivityLogsParams(p *gen.ListActivityLogsParams) (*gen.ListActivityLogsParams, error) {
	if p == nil || p.CreatedAtAfter == "" {
		return nil, errors.New("intercom: listing activity logs needs params.CreatedAtAfter (a Unix timestamp in seconds)")
	}
	return p, nil
}
