package intercom

import "github.com/intercomkit/intercom-go/intercom/internal/engine"

// The engine's argument checks and helpers, under the names the hand-written
// conveniences of this package (contacts.go, conversations.go, search.go,
// tickets.go, ...) use. Generated methods call the engine directly.

// requireID is [engine.RequireID]: an empty, "." or ".." id, or one with
// control characters, is refused with an error wrapping [ErrInvalidID].
func requireID(name, id string) error { return engine.RequireID(name, id) }

// requireAdminID is [engine.RequireAdminID]: an admin id must be numeric.
func requireAdminID(adminID string) error { return engine.RequireAdminID(adminID) }

// truncate is [engine.Truncate], for quoting caller input in an error.
func truncate(s string, n int) string { return engine.Truncate(s, n) }

// errorf is [engine.Errorf]: fmt.Errorf without a repeated "intercom: " prefix.
func errorf(format string, args ...any) error { return engine.Errorf(format, args...) }

// valueOr is [engine.ValueOr]: *p, or the zero value when p is nil.
func valueOr[T any](p *T) T { return engine.ValueOr(p) }

// cloneParams is [engine.CloneParams]: a shallow copy of p (a new zero value
// when p is nil).
func cloneParams[P any](p *P) *P { return engine.CloneParams(p) }
