package intercomtest

import (
	"net/url"
	"sort"
	"strings"
)

// route is one operation the server answers: a method and an OpenAPI path
// template of the description, e.g. GET /contacts/{contact_id}.
type route struct {
	method   string
	template string
	segs     []string // template segments; "{name}" segments are parameters
	literals int
	handle   func(*call) result
}

func (r *route) name() string { return r.method + " " + r.template }

// routes is the table of served operations, built once; handWrittenRoutes
// names those with a hand-written handler.
var (
	handWrittenRoutes = map[string]bool{}
	routes            = buildRoutes()
)

func buildRoutes() []*route {
	table := []struct {
		method, template string
		handle           func(*call) result
	}{
		// Admins, teams, segments.
		{"GET", "/me", (*call).identifyAdmin},
		{"GET", "/admins", (*call).listAdmins},
		{"GET", "/admins/{admin_id}", (*call).getAdmin},
		{"PUT", "/admins/{admin_id}/away", (*call).setAdminAway},
		{"GET", "/teams", (*call).listTeams},
		{"GET", "/teams/{team_id}", (*call).getTeam},
		{"GET", "/segments", (*call).listSegments},
		{"GET", "/segments/{segment_id}", (*call).getSegment},

		// Contacts. find_by_external_id comes before the {contact_id} routes:
		// with as many literal segments, the first registered wins.
		{"GET", "/contacts", (*call).listContacts},
		{"POST", "/contacts", (*call).createContact},
		{"GET", "/contacts/find_by_external_id/{external_id}", (*call).getContactByExternalID},
		{"POST", "/contacts/merge", (*call).mergeContacts},
		{"POST", "/contacts/search", (*call).searchContacts},
		{"GET", "/contacts/{contact_id}", (*call).getContact},
		{"PUT", "/contacts/{contact_id}", (*call).updateContact},
		{"DELETE", "/contacts/{contact_id}", (*call).deleteContact},
		{"POST", "/contacts/{contact_id}/archive", (*call).archiveContact},
		{"POST", "/contacts/{contact_id}/unarchive", (*call).unarchiveContact},
		{"GET", "/contacts/{contact_id}/companies", (*call).listContactCompanies},
		{"POST", "/contacts/{contact_id}/companies", (*call).attachContactCompany},
		{"DELETE", "/contacts/{contact_id}/companies/{company_id}", (*call).detachContactCompany},
		{"GET", "/contacts/{contact_id}/notes", (*call).listContactNotes},
		{"POST", "/contacts/{contact_id}/notes", (*call).createNote},
		{"GET", "/contacts/{contact_id}/tags", (*call).listContactTags},
		{"POST", "/contacts/{contact_id}/tags", (*call).attachContactTag},
		{"DELETE", "/contacts/{contact_id}/tags/{tag_id}", (*call).detachContactTag},

		// Companies.
		{"GET", "/companies", (*call).listCompanies},
		{"POST", "/companies", (*call).createOrUpdateCompany},
		{"POST", "/companies/list", (*call).listAllCompanies},
		{"GET", "/companies/scroll", (*call).scrollCompanies},
		{"GET", "/companies/{company_id}", (*call).getCompany},
		{"PUT", "/companies/{company_id}", (*call).updateCompany},
		{"DELETE", "/companies/{company_id}", (*call).deleteCompany},
		{"GET", "/companies/{company_id}/contacts", (*call).listCompanyContacts},

		// Conversations.
		{"GET", "/conversations", (*call).listConversations},
		{"POST", "/conversations", (*call).createConversation},
		{"POST", "/conversations/search", (*call).searchConversations},
		{"GET", "/conversations/{conversation_id}", (*call).getConversation},
		{"PUT", "/conversations/{conversation_id}", (*call).updateConversation},
		{"DELETE", "/conversations/{conversation_id}", (*call).deleteConversation},
		{"POST", "/conversations/{conversation_id}/customers", (*call).attachConversationContact},
		{"DELETE", "/conversations/{conversation_id}/customers/{contact_id}", (*call).detachConversationContact},
		{"POST", "/conversations/{conversation_id}/parts", (*call).manageConversation},
		{"POST", "/conversations/{conversation_id}/reply", (*call).replyConversation},
		{"POST", "/conversations/{conversation_id}/tags", (*call).attachConversationTag},
		{"POST", "/conversations/{conversation_id}/convert", (*call).convertConversation},
		{"DELETE", "/conversations/{conversation_id}/tags/{tag_id}", (*call).detachConversationTag},

		// Tags and notes.
		{"GET", "/tags", (*call).listTags},
		{"POST", "/tags", (*call).createTag},
		{"GET", "/tags/{tag_id}", (*call).getTag},
		{"DELETE", "/tags/{tag_id}", (*call).deleteTag},
		{"GET", "/notes/{note_id}", (*call).getNote},

		// Data events.
		{"GET", "/events", (*call).listEvents},
		{"POST", "/events", (*call).createEvent},

		// Tickets.
		{"GET", "/ticket_types", (*call).listTicketTypes},
		{"POST", "/tickets", (*call).createTicket},
		{"POST", "/tickets/search", (*call).searchTickets},
		{"GET", "/tickets/{ticket_id}", (*call).getTicket},
		{"PUT", "/tickets/{ticket_id}", (*call).updateTicket},
		{"POST", "/tickets/{ticket_id}/reply", (*call).replyTicket},
		{"POST", "/tickets/{ticket_id}/tags", (*call).tagTicket},
		{"DELETE", "/tickets/{ticket_id}/tags/{tag_id}", (*call).untagTicket},
		{"POST", "/tickets/{ticket_id}/linked_conversations", (*call).linkConversation},
		{"DELETE", "/tickets/{ticket_id}/linked_conversations/{id}", (*call).unlinkConversation},
		{"GET", "/ticket_states", (*call).listTicketStates},

		// Articles.
		{"GET", "/articles", (*call).listArticles},
		{"POST", "/articles", (*call).createArticle},
		{"GET", "/articles/{article_id}", (*call).getArticle},
		{"PUT", "/articles/{article_id}", (*call).updateArticle},
		{"DELETE", "/articles/{article_id}", (*call).deleteArticle},

		// Asynchronous jobs.
		{"POST", "/export/content/data", (*call).createDataExport},
		{"GET", "/export/content/data/{job_identifier}", (*call).getDataExport},
		{"POST", "/export/cancel/{job_identifier}", (*call).cancelDataExport},
		{"GET", "/download/content/data/{job_identifier}", (*call).downloadDataExport},
		{"GET", "/export/reporting_data/get_datasets", (*call).listReportingDatasets},
		{"POST", "/export/reporting_data/enqueue", (*call).enqueueReportingExport},
		{"GET", "/export/reporting_data/{job_identifier}", (*call).getReportingExport},
		{"GET", "/download/reporting_data/{job_identifier}", (*call).downloadReportingExport},
		{"POST", "/tickets/enqueue", (*call).enqueueTicket},
		{"GET", "/jobs/status/{job_id}", (*call).jobStatus},
	}
	// A hand-written route serves only an operation of the description the
	// route table was generated from (another API version may lack it).
	inSpec := make(map[string]bool, len(specRoutes))
	for _, sr := range specRoutes {
		inSpec[sr.method+" "+sr.path] = true
	}
	kept := table[:0]
	for _, t := range table {
		if inSpec[t.method+" "+t.template] {
			handWrittenRoutes[t.method+" "+t.template] = true
			kept = append(kept, t)
		}
	}
	table = kept
	for _, sr := range specRoutes {
		if handWrittenRoutes[sr.method+" "+sr.path] {
			continue
		}
		g := prepareGeneric(sr, specCollections)
		table = append(table, struct {
			method, template string
			handle           func(*call) result
		}{sr.method, sr.path, func(c *call) result { return c.handleGeneric(g) }})
	}
	out := make([]*route, 0, len(table))
	for _, t := range table {
		r := &route{method: t.method, template: t.template, handle: t.handle}
		r.segs = strings.Split(strings.TrimPrefix(t.template, "/"), "/")
		for _, s := range r.segs {
			if !isParam(s) {
				r.literals++
			}
		}
		out = append(out, r)
	}
	return out
}

func isParam(seg string) bool {
	return strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}")
}

// Routes returns the operations a [Server] serves, as "METHOD /path/template"
// with the templates of Intercom's OpenAPI description (the form
// [Fault.Route] takes), sorted.
func Routes() []string {
	out := make([]string, len(routes))
	for i, r := range routes {
		out[i] = r.name()
	}
	sort.Strings(out)
	return out
}

// findRoute returns the route named "METHOD /template", or nil.
func findRoute(name string) *route {
	for _, r := range routes {
		if r.name() == name {
			return r
		}
	}
	return nil
}

// match finds the route for method and escaped path and decodes its path
// parameters. Among matching routes the one with the most literal segments
// wins, then the first registered. ok is false when no route matches.
func match(method, escapedPath string) (*route, map[string]string, bool) {
	if !strings.HasPrefix(escapedPath, "/") {
		return nil, nil, false
	}
	raw := strings.Split(strings.TrimPrefix(escapedPath, "/"), "/")
	segs := make([]string, len(raw))
	for i, s := range raw {
		u, err := url.PathUnescape(s)
		if err != nil || u == "" {
			return nil, nil, false
		}
		segs[i] = u
	}
	var best *route
	for _, r := range routes {
		if r.method != method || len(r.segs) != len(segs) {
			continue
		}
		ok := true
		for i, s := range r.segs {
			if !isParam(s) && s != segs[i] {
				ok = false
				break
			}
		}
		if ok && (best == nil || r.literals > best.literals) {
			best = r
		}
	}
	if best == nil {
		return nil, nil, false
	}
	params := make(map[string]string)
	for i, s := range best.segs {
		if isParam(s) {
			params[s[1:len(s)-1]] = segs[i]
		}
	}
	return best, params, true
}
