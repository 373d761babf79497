package engine

import (
	"errors"
	"fmt"
	"hash/maphash"
)

// maxIdlePages is how many pages in a row may bring no new item (no items
// at all, or only items already yielded during the iteration) while the API
// still hands back a next cursor, before an iterator gives up with a
// [*PaginationError]. A real listing never does that; a server that does
// would otherwise keep the iterator sending requests, thousands a second,
// without ever yielding.
const maxIdlePages = 10

// ErrPaginationStalled is wrapped by the [*PaginationError] an iterator ends
// with when maxIdlePages pages in a row brought no new item although each
// named a next page.
var ErrPaginationStalled = errors.New("intercom: pagination stopped: pages kept coming without new items")

// PaginationError is the error an iterator ends with when the listing does
// not progress: errors.Is(err, ErrPaginationStalled) holds. The items
// yielded before it were real; the iteration cannot go on from there.
type PaginationError struct {
	// Operation names the listing's operation, e.g. "Contacts.List"
	// (the ...All iterator of that method), or "" when it is not known.
	Operation string
	// Pages is how many pages were fetched.
	Pages int
	// IdlePages is how many pages in a row brought no new item.
	IdlePages int
	// Err is ErrPaginationStalled.
	Err error
}

// Error describes the stall.
func (e *PaginationError) Error() string {
	op := e.Operation
	if op == "" {
		op = "a listing"
	}
	return fmt.Sprintf("%v: %s: %d pages in a row (of %d fetched) brought no new item while naming a next page",
		e.Err, op, e.IdlePages, e.Pages)
}

// Unwrap returns ErrPaginationStalled.
func (e *PaginationError) Unwrap() error { return e.Err }

// operationName returns "Service.Method" for op, or "".
func operationName(op *Operation) string {
	switch {
	case op == nil:
		return ""
	case op.Service != "" && op.Method != "":
		return op.Service + "." + op.Method
	}
	return op.ID
}

// progressGuard counts the pages in a row that brought no new item. An item
// is new unless it has an id (a GetId method) that an earlier item of the
// iteration had; the hashes of the first maxTrackedCursors ids are
// remembered (seeded per iteration), later ones are taken as new.
type progressGuard struct {
	seed maphash.Seed
	seen map[uint64]struct{}
	idle int
}

// idAccessor is the nil-safe id getter of the generated types.
type idAccessor interface{ GetId() string }

// advance records a page whose items are items and returns how many pages
// in a row brought nothing new, this one included (0 when it did).
func advance[T any](g *progressGuard, items []T) int {
	fresh := false
	for i := range items {
		getter, ok := any(&items[i]).(idAccessor)
		if !ok {
			fresh = true
			break
		}
		id := getter.GetId()
		if id == "" {
			fresh = true
			continue
		}
		if g.seen == nil {
			g.seed, g.seen = maphash.MakeSeed(), make(map[uint64]struct{})
		}
		h := maphash.String(g.seed, id)
		if _, dup := g.seen[h]; dup {
			continue
		}
		fresh = true
		if len(g.seen) < maxTrackedCursors {
			g.seen[h] = struct{}{}
		}
	}
	if fresh {
		g.idle = 0
	} else {
		g.idle++
	}
	return g.idle
}
