package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"iter"
	"strconv"
	"strings"

	"github.com/intercomkit/intercom-go/intercom/types"
)

// This file holds the checks of service method arguments that several
// services share (requireID, the one every path id goes through, is in
// call.go).

// numericID checks a path id that the API declares as an integer while
// returning it as a string in the objects (admins, notes, articles, help
// center collections, news items): it must be a positive decimal number.
// The error wraps [ErrInvalidID].
func NumericID(name, id string) (int, error) {
	if err := RequireID(name, id); err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(id)
	if err != nil || n <= 0 || strconv.Itoa(n) != id {
		return 0, Errorf("intercom: %s %q is not a positive number: %w", name, Truncate(id, 64), ErrInvalidID)
	}
	return n, nil
}

// numericString checks a path id that the description declares as a string
// but whose values are positive numbers (content import sources).
func NumericString(name, id string) error {
	_, err := NumericID(name, id)
	return err
}

// requireUnionBody refuses a union request body (a generated type whose
// value is set with one of its From... methods) that was never set: it would
// be sent as null or {}. Every method taking a union body calls it before
// sending anything; generated service methods must too. The error says how
// to build the body.
func RequireUnionBody(v json.Marshaler) error {
	b, err := v.MarshalJSON()
	if err != nil {
		return Errorf("intercom: encoding request body: %w", err)
	}
	switch string(bytes.TrimSpace(b)) {
	case "", "null", "{}":
		return errors.New("intercom: empty request body: build it with one of its From... methods")
	}
	return nil
}

// errSeq is an iterator that yields err once: the iterator of a call whose
// arguments are invalid, so that no request is sent.
func ErrSeq[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

// optional returns nil for "" and a pointer to s otherwise: an optional
// string field of a request body taken as an argument, where "" means "not
// set".
func Optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// invalidIntegerID returns, for a request body that could not be encoded
// because an integer id it holds as a string is not a positive number
// (types.IntegerIDError, from gen's MarshalJSON), the error every method
// returns for a bad id: wrapping ErrInvalidID, like numericID and
// requireAdminID. Otherwise nil.
func invalidIntegerID(err error) error {
	var ie *types.IntegerIDError
	if !errors.As(err, &ie) {
		return nil
	}
	return Errorf("intercom: %s %q is not a positive number: %w", strings.ReplaceAll(ie.Field, "_", " "), ie.Value, ErrInvalidID)
}
