package intercomtest

import (
	"net/http"
	"strings"
	"time"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom/types"
)

func (c *call) identifyAdmin() result {
	me := c.st.me()
	return ok(gen.AdminWithApp{
		Type:             ptr("admin"),
		Id:               me.Id,
		Name:             me.Name,
		Email:            me.Email,
		EmailVerified:    ptr(true),
		JobTitle:         me.JobTitle,
		AwayModeEnabled:  me.AwayModeEnabled,
		AwayModeReassign: me.AwayModeReassign,
		HasInboxSeat:     me.HasInboxSeat,
		TeamIds:          me.TeamIds,
		Avatar:           &types.Avatar{Type: "avatar"},
		App: &gen.App{
			Type:                 ptr("app"),
			IdCode:               ptr(c.st.appID),
			Name:                 ptr("intercomtest"),
			CreatedAt:            ptr(int(c.st.epoch)),
			Region:               ptr("US"),
			Timezone:             ptr("UTC"),
			IdentityVerification: ptr(false),
		},
	})
}

func (c *call) listAdmins() result {
	return ok(gen.AdminList{Type: ptr("admin.list"), Admins: valuesOf(c.st.admins.values())})
}

func (c *call) getAdmin() result {
	a, found := c.st.admin(c.params["admin_id"])
	if !found {
		return notFound("Admin")
	}
	return ok(a)
}

func (c *call) listTeams() result {
	teams := make([]gen.Team, 0, c.st.teams.len())
	for _, t := range c.st.teams.values() {
		teams = append(teams, *t)
	}
	return ok(gen.TeamList{Type: ptr(gen.TeamListType("team.list")), Teams: teams})
}

func (c *call) getTeam() result {
	t, found := c.st.teams.get(c.params["team_id"])
	if !found {
		return notFound("Team")
	}
	return ok(t)
}

// segment returns the segment, with its count when withCount.
func (st *store) segment(sg *gen.Segment, withCount bool) gen.Segment {
	out := *sg
	if withCount {
		out.Count = ptr(0)
	} else {
		out.Count = nil
	}
	return out
}

func (c *call) listSegments() result {
	withCount := strings.EqualFold(c.query.Get("include_count"), "true")
	segs := make([]gen.Segment, 0, c.st.segments.len())
	for _, sg := range c.st.segments.values() {
		segs = append(segs, c.st.segment(sg, withCount))
	}
	return ok(gen.SegmentList{Type: ptr(gen.SegmentListType("segment.list")), Segments: segs})
}

func (c *call) getSegment() result {
	sg, found := c.st.segments.get(c.params["segment_id"])
	if !found {
		return notFound("Segment")
	}
	return ok(c.st.segment(sg, false))
}

// Data events.

// eventRec is a stored data event.
type eventRec struct {
	name      string
	createdAt int
	contactID string
	metadata  map[string]any
}

// findContact finds a contact by Intercom id, external id (user_id) or email.
func (st *store) findContact(id, userID, email string) (*contactRec, bool) {
	if id != "" {
		return st.contact(id)
	}
	for _, rec := range st.contacts.values() {
		if (userID != "" && val(rec.c.ExternalId) == userID) || (email != "" && strings.EqualFold(val(rec.c.Email), email)) {
			return rec, true
		}
	}
	return nil, false
}

// createEvent is POST /events; Intercom answers 202 Accepted with no body.
func (c *call) createEvent() result {
	var in struct {
		EventName string         `json:"event_name"`
		CreatedAt *int           `json:"created_at"`
		UserID    string         `json:"user_id"`
		ID        string         `json:"id"`
		Email     string         `json:"email"`
		Metadata  map[string]any `json:"metadata"`
	}
	if good, res := c.decode(&in); !good {
		return res
	}
	if strings.TrimSpace(in.EventName) == "" {
		return missing("event_name")
	}
	if in.CreatedAt == nil {
		return missing("created_at")
	}
	if in.ID == "" && in.UserID == "" && in.Email == "" {
		return missing("One of id, user_id or email")
	}
	rec, found := c.st.findContact(in.ID, in.UserID, in.Email)
	if !found {
		return notFound("User")
	}
	c.st.events = append(c.st.events, eventRec{name: in.EventName, createdAt: *in.CreatedAt, contactID: val(rec.c.Id), metadata: in.Metadata})
	return result{status: http.StatusAccepted}
}

// listEvents is GET /events?type=user&...: the event summaries of a contact
// (name, count, first and last time), the shape the description declares.
func (c *call) listEvents() result {
	switch t := c.query.Get("type"); t {
	case "user":
	case "":
		return missing("type")
	default:
		return invalid("type must be user, not %q", t)
	}
	if _, good, res := c.intParam("per_page", 50, 1, maxPerPage); !good {
		return res
	}
	id, userID, email := c.query.Get("intercom_user_id"), c.query.Get("user_id"), c.query.Get("email")
	if id == "" && userID == "" && email == "" {
		return missing("One of intercom_user_id, user_id or email")
	}
	rec, found := c.st.findContact(id, userID, email)
	if !found {
		return notFound("User")
	}
	byName := map[string]*gen.DataEventSummaryItem{}
	firsts, lasts := map[string]int{}, map[string]int{}
	var items []*gen.DataEventSummaryItem
	for _, e := range c.st.events {
		if e.contactID != val(rec.c.Id) {
			continue
		}
		it, seen := byName[e.name]
		if !seen {
			it = &gen.DataEventSummaryItem{Name: ptr(e.name), Count: ptr(0)}
			byName[e.name] = it
			items = append(items, it)
			firsts[e.name], lasts[e.name] = e.createdAt, e.createdAt
		}
		it.Count = ptr(val(it.Count) + 1)
		firsts[e.name] = min(firsts[e.name], e.createdAt)
		lasts[e.name] = max(lasts[e.name], e.createdAt)
	}
	for _, it := range items {
		it.First = ptr(time.Unix(int64(firsts[*it.Name]), 0).UTC().Format("2006-01-02T15:04:05.000Z07:00"))
		it.Last = ptr(time.Unix(int64(lasts[*it.Name]), 0).UTC().Format("2006-01-02T15:04:05.000Z07:00"))
	}
	out := gen.DataEventSummary{Type: ptr(gen.DataEventSummaryType("event.summary")), Events: valuesOf(items), IntercomUserId: rec.c.Id}
	if rec.c.Email != nil {
		out.Email = rec.c.Email
	}
	if rec.c.ExternalId != nil {
		out.UserId = rec.c.ExternalId
	}
	return ok(out)
}
