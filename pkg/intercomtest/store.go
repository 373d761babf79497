package intercomtest

import (
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom/types"
)

// table is a map kept in insertion order.
type table[T any] struct {
	m     map[string]T
	order []string
}

func newTable[T any]() *table[T] { return &table[T]{m: make(map[string]T)} }

func (t *table[T]) put(id string, v T) {
	if _, ok := t.m[id]; !ok {
		t.order = append(t.order, id)
	}
	t.m[id] = v
}

func (t *table[T]) get(id string) (T, bool) {
	v, ok := t.m[id]
	return v, ok
}

func (t *table[T]) del(id string) {
	if _, ok := t.m[id]; !ok {
		return
	}
	delete(t.m, id)
	for i, o := range t.order {
		if o == id {
			t.order = append(t.order[:i:i], t.order[i+1:]...)
			break
		}
	}
}

func (t *table[T]) len() int { return len(t.order) }

// values returns the values in insertion order.
func (t *table[T]) values() []T {
	out := make([]T, 0, len(t.order))
	for _, id := range t.order {
		out = append(out, t.m[id])
	}
	return out
}

// tagLink is a tag applied to a contact or a conversation.
type tagLink struct {
	id string
	at int    // Unix seconds
	by string // admin id
}

func hasLink(ls []tagLink, id string) bool {
	for _, l := range ls {
		if l.id == id {
			return true
		}
	}
	return false
}

func removeLink(ls []tagLink, id string) []tagLink {
	out := ls[:0:0]
	for _, l := range ls {
		if l.id != id {
			out = append(out, l)
		}
	}
	return out
}

func removeString(ss []string, s string) []string {
	out := ss[:0:0]
	for _, x := range ss {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// store is the server's state. Every access holds Server.mu.
type store struct {
	s       *Server
	appID   string // workspace id, like Intercom's 8-character id codes
	appHash uint32
	epoch   uint32 // server start, Unix seconds: the time part of 24-hex ids
	numSeq  uint64
	hexSeq  uint64
	seedSeq int // numbering of SeedContacts / SeedCompanies
	plans   map[string]string

	admins        *table[*gen.Admin]
	teams         *table[*gen.Team]
	segments      *table[*gen.Segment]
	contacts      *table[*contactRec]
	companies     *table[*companyRec]
	tags          *table[*tagRec]
	notes         *table[*noteRec]
	conversations *table[*convRec]
	events        []eventRec
	ticketTypes   *table[*gen.TicketType]
	tickets       *table[*ticketRec]
	ticketSeq     int
	articles      *table[*gen.Article]
	scroll        *scrollState
	scrollSeq     uint64

	meID string // the admin the token belongs to (GET /me)
}

var serverCount atomic.Uint32

func newStore(s *Server) *store {
	n := serverCount.Add(1)
	h := n*2654435761 ^ 0x5bd1e995
	st := &store{
		s:             s,
		appHash:       h,
		appID:         appCode(h),
		epoch:         uint32(s.cfg.clock.Now().Unix()),
		numSeq:        1000,
		plans:         make(map[string]string),
		admins:        newTable[*gen.Admin](),
		teams:         newTable[*gen.Team](),
		segments:      newTable[*gen.Segment](),
		contacts:      newTable[*contactRec](),
		companies:     newTable[*companyRec](),
		tags:          newTable[*tagRec](),
		notes:         newTable[*noteRec](),
		conversations: newTable[*convRec](),
		ticketTypes:   newTable[*gen.TicketType](),
		tickets:       newTable[*ticketRec](),
		articles:      newTable[*gen.Article](),
	}
	st.seedDefaults()
	return st
}

// appCode renders h as 8 base-36 characters.
func appCode(h uint32) string {
	s := strconv.FormatUint(uint64(h)*2862933555777941757%2821109907456, 36) // 36^8
	return strings.Repeat("0", 8-len(s)) + s
}

// numID returns a new numeric id, as Intercom uses for admins, teams, tags,
// notes, conversations, tickets and articles.
func (st *store) numID() string {
	st.numSeq++
	return strconv.FormatUint(st.numSeq, 10)
}

// hexID returns a new 24-hex id, as Intercom uses for contacts, companies
// and segments.
func (st *store) hexID() string {
	st.hexSeq++
	return fmt.Sprintf("%08x%06x%010x", st.epoch, st.appHash&0xffffff, st.hexSeq)
}

func (st *store) now() int { return int(st.s.cfg.clock.Now().Unix()) }

// seedDefaults creates the workspace every server starts with: the admin
// owning the token, a team, and a ticket type with its four states.
func (st *store) seedDefaults() {
	me := &gen.Admin{
		Type:             ptr("admin"),
		Id:               ptr(st.numID()),
		Name:             ptr("Test Admin"),
		Email:            ptr("admin@example.com"),
		JobTitle:         ptr("Support"),
		AwayModeEnabled:  ptr(false),
		AwayModeReassign: ptr(false),
		HasInboxSeat:     ptr(true),
		TeamIds:          []types.NumericID{},
	}
	st.admins.put(*me.Id, me)
	st.meID = *me.Id
	team := &gen.Team{Type: ptr("team"), Id: ptr(st.numID()), Name: ptr("Support"), AdminIds: []types.NumericID{types.NumericID(*me.Id)}}
	st.teams.put(*team.Id, team)
	me.TeamIds = []types.NumericID{types.NumericID(*team.Id)}
	st.addTicketType("Bug Report", "Customer", "Report a bug in the product")
}

// admin returns the admin with id.
func (st *store) admin(id string) (*gen.Admin, bool) { return st.admins.get(id) }

// me returns the admin the token belongs to.
func (st *store) me() *gen.Admin {
	a, _ := st.admins.get(st.meID)
	return a
}

func anyStrings(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// mergeAttrs returns a copy of old with upd applied; a null value removes the
// key.
func mergeAttrs(old map[string]any, upd map[string]any) map[string]any {
	out := make(map[string]any, len(old)+len(upd))
	for k, v := range old {
		out[k] = v
	}
	for k, v := range upd {
		if v == nil {
			delete(out, k)
			continue
		}
		out[k] = v
	}
	return out
}
