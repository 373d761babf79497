package engine

import (
	"errors"
	"fmt"
)

// ErrMissingParameter is wrapped by the error a method returns, without sending
// anything, when its params leave a query parameter that the API version requires
// empty (it would otherwise be sent as "name=").
var ErrMissingParameter = errors.New("intercom: missing required parameter")

// requireParam refuses a call whose required query parameter name is missing. The
// generated service methods call it for every required string query parameter.
func RequireParam(name, version string, missing bool) error {
	if missing {
		return fmt.Errorf("intercom: the query parameter %s is required by API %s: set it in params: %w", name, version, ErrMissingParameter)
	}
	return nil
}
