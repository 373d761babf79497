package intercom_test

// The three programs of issue 13, written as a user writes them against this
// release, and run against the fake: an export of contacts with a custom
// attribute and their companies to CSV, a bot that replies to, tags and
// assigns unassigned open conversations, and a webhook receiver that records
// new conversations once however often Intercom delivers them. They use no
// pointer helper of their own, no numbered union name, no anonymous struct and
// no strconv on ids. testdata/threeprograms-before-0.1.0.go.txt holds the same
// programs as written against release 0.1.0, for comparison;
// TestThreeProgramsLineCounts reports the line counts of both and checks the
// programs for those four things.

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
	"github.com/intercomkit/intercom-go/pkg/webhook"
)

// BEGIN program 1
func exportContactsCSV(ctx context.Context, c *intercom.Client, w io.Writer, attr string) error {
	out := csv.NewWriter(w)
	if err := out.Write([]string{"id", "email", "name", "signed_up", attr, "companies"}); err != nil {
		return err
	}
	for contact, err := range c.Contacts.ListAll(ctx, nil) {
		if err != nil {
			return err
		}
		var companies []string
		for company, err := range c.Contacts.ListCompaniesAll(ctx, contact.GetId(), nil) {
			if err != nil {
				return err
			}
			companies = append(companies, company.GetName())
		}
		value := ""
		if v, ok := contact.GetCustomAttributes()[attr]; ok && v != nil {
			value = fmt.Sprint(v)
		}
		signedUp := ""
		if t := contact.GetSignedUpAtTime(); !t.IsZero() {
			signedUp = t.Format(time.DateOnly)
		}
		row := []string{contact.GetId(), contact.GetEmail(), contact.GetName(), signedUp, value, strings.Join(companies, ";")}
		if err := out.Write(row); err != nil {
			return err
		}
	}
	out.Flush()
	return out.Error()
}

// END program 1

// BEGIN program 2
func triageUnassigned(ctx context.Context, c *intercom.Client, adminID, teamName, tagName string) (int, error) {
	teams, err := c.Teams.List(ctx)
	if err != nil {
		return 0, err
	}
	teamID := ""
	for _, t := range teams.GetTeams() {
		if t.GetName() == teamName {
			teamID = t.GetId()
		}
	}
	if teamID == "" {
		return 0, fmt.Errorf("no team %q", teamName)
	}
	tag, err := c.Tags.Create(ctx, intercom.CreateOrUpdateTagRequest{Name: tagName})
	if err != nil {
		return 0, err
	}
	query, err := intercom.And(intercom.Field("state").Equals("open"), intercom.Field("admin_assignee_id").IsNull()).ForConversations()
	if err != nil {
		return 0, err
	}
	n := 0
	for conv, err := range c.Conversations.SearchAll(ctx, query) {
		if err != nil {
			return n, err
		}
		if conv.GetTeamAssigneeId() == teamID {
			continue // already with the team
		}
		if _, err := c.Conversations.ReplyAsAdmin(ctx, conv.GetId(), adminID, "Thanks, we're on it."); err != nil {
			return n, err
		}
		if _, err := c.Conversations.Tag(ctx, conv.GetId(), tag.GetId(), adminID); err != nil {
			return n, err
		}
		if _, err := c.Conversations.AssignTeam(ctx, conv.GetId(), adminID, teamID); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// END program 2

// BEGIN program 3
type newConversation struct {
	ID, Email string
	At        time.Time
}

type conversationLog struct {
	mu   sync.Mutex
	seen []newConversation
}

func newReceiver(secret []byte, log *conversationLog) (http.Handler, error) {
	dedup, err := webhook.NewMemoryDeduplicator(10000)
	if err != nil {
		return nil, err
	}
	h, err := webhook.NewHandler(secret, webhook.WithDeduplicator(dedup))
	if err != nil {
		return nil, err
	}
	err = h.Handle("conversation.user.created", func(ctx context.Context, n *webhook.Notification) error {
		conv, err := n.Conversation()
		if err != nil {
			return err
		}
		log.mu.Lock()
		defer log.mu.Unlock()
		log.seen = append(log.seen, newConversation{ID: conv.GetId(), Email: conv.GetSource().GetAuthor().GetEmail(), At: conv.GetCreatedAtTime()})
		return nil
	})
	return h, err
}

// END program 3

func TestThreePrograms(t *testing.T) {
	ctx := context.Background()
	srv := intercomtest.NewServer(t)
	c := srv.Client()

	// Program 1: two contacts, one with the attribute and two companies.
	ada, err := srv.AddContact(intercom.Contact{Email: intercom.Ptr("ada@example.com"), Name: intercom.Ptr("Ada"),
		SignedUpAt:       intercom.Unix(time.Date(2023, 11, 14, 9, 0, 0, 0, time.UTC)),
		CustomAttributes: map[string]any{"plan": "pro"}})
	if err != nil {
		t.Fatal(err)
	}
	bob, err := srv.AddContact(intercom.Contact{Email: intercom.Ptr("bob@example.com")})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Acme", "Globex"} {
		company, err := srv.AddCompany(intercom.Company{Name: intercom.Ptr(name)})
		if err != nil {
			t.Fatal(err)
		}
		if err := srv.AttachCompany(ada.GetId(), company.GetId()); err != nil {
			t.Fatal(err)
		}
	}
	var sb strings.Builder
	if err := exportContactsCSV(ctx, c, &sb, "plan"); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(sb.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"id", "email", "name", "signed_up", "plan", "companies"},
		{ada.GetId(), "ada@example.com", "Ada", "2023-11-14", "pro", "Acme;Globex"},
		{bob.GetId(), "bob@example.com", "", "", "", ""},
	}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		t.Errorf("CSV rows:\n%q\nwant:\n%q", rows, want)
	}

	// Program 2: one unassigned open conversation, one assigned to an admin.
	admin := srv.Me()
	if _, err := srv.AddTeam(intercom.Team{Name: intercom.Ptr("Support")}); err != nil {
		t.Fatal(err)
	}
	open, err := srv.AddConversation(ada.GetId(), "help")
	if err != nil {
		t.Fatal(err)
	}
	taken, err := srv.AddConversation(bob.GetId(), "hello")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Conversations.Assign(ctx, taken.GetId(), admin.GetId(), admin.GetId()); err != nil {
		t.Fatal(err)
	}
	n, err := triageUnassigned(ctx, c, admin.GetId(), "Support", "triaged")
	if err != nil || n != 1 {
		t.Fatalf("triaged %d conversations, err %v; want 1", n, err)
	}
	got, _ := srv.Conversation(open.GetId())
	if got.GetTeamAssigneeId() == "" || len(got.GetTags().GetTags()) != 1 || got.GetTags().GetTags()[0].GetName() != "triaged" {
		t.Errorf("conversation after triage: team %q tags %+v", got.GetTeamAssigneeId(), got.GetTags().GetTags())
	}
	replied := false
	for _, part := range got.GetConversationParts().GetConversationParts() {
		replied = replied || strings.Contains(part.GetBody(), "on it")
	}
	if !replied {
		t.Errorf("no reply in %+v", got.GetConversationParts().GetConversationParts())
	}
	// A second run finds nothing left to do.
	if n, err := triageUnassigned(ctx, c, admin.GetId(), "Support", "triaged"); err != nil || n != 0 {
		t.Errorf("second run triaged %d, err %v; want 0", n, err)
	}

	// Program 3: the same notification delivered twice is recorded once.
	secret := []byte("client-secret")
	log := &conversationLog{}
	h, err := newReceiver(secret, log)
	if err != nil {
		t.Fatal(err)
	}
	conv, _ := srv.Conversation(open.GetId())
	for range 2 {
		resp, err := srv.DeliverWebhook(h, secret, intercomtest.Webhook{Topic: "conversation.user.created", ID: "notif_1", Item: conv})
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("delivery answered %d", resp.StatusCode)
		}
	}
	wantSeen := []newConversation{{ID: open.GetId(), Email: "ada@example.com", At: conv.GetCreatedAtTime()}}
	if fmt.Sprint(log.seen) != fmt.Sprint(wantSeen) {
		t.Errorf("recorded %+v, want %+v", log.seen, wantSeen)
	}
}

// programLines returns, for each "BEGIN program N" ... "END program N" block
// of the Go source src, its lines that are neither blank nor comments.
func programLines(src string) map[string][]string {
	out := map[string][]string{}
	name := ""
	for _, line := range strings.Split(src, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "// BEGIN "):
			name = strings.TrimPrefix(trimmed, "// BEGIN ")
		case strings.HasPrefix(trimmed, "// END "):
			name = ""
		case name != "" && trimmed != "" && !strings.HasPrefix(trimmed, "//"):
			out[name] = append(out[name], trimmed)
		}
	}
	return out
}

// friction returns the lines of a program that use a pointer helper of its
// own, a numbered union name, an anonymous struct or strconv.
func friction(lines []string) []string {
	numbered := regexp.MustCompile(`\b[A-Z][A-Za-z]*[a-z][0-9]+\b`)
	var out []string
	for _, line := range lines {
		if strings.Contains(line, "strconv.") || strings.HasPrefix(line, "func deref") ||
			(strings.Contains(line, "struct {") && !strings.HasPrefix(line, "type ")) || numbered.MatchString(line) {
			out = append(out, line)
		}
	}
	return out
}

// TestThreeProgramsLineCounts reports the size of each program against
// release 0.1.0 and now, and checks that the programs of this release have
// none of the friction (see [friction]) the 0.1.0 ones had.
func TestThreeProgramsLineCounts(t *testing.T) {
	read := func(name string) map[string][]string {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return programLines(string(b))
	}
	before, after := read("testdata/threeprograms-before-0.1.0.go.txt"), read("threeprograms_test.go")
	var frictionBefore int
	for _, p := range []string{"program 1", "program 2", "program 3"} {
		if len(before[p]) == 0 || len(after[p]) == 0 {
			t.Fatalf("%s: no lines found (before %d, after %d)", p, len(before[p]), len(after[p]))
		}
		t.Logf("%s: %d lines against 0.1.0, %d now", p, len(before[p]), len(after[p]))
		if len(after[p]) > len(before[p]) {
			t.Errorf("%s is longer now (%d lines) than against 0.1.0 (%d)", p, len(after[p]), len(before[p]))
		}
		frictionBefore += len(friction(before[p]))
		for _, line := range friction(after[p]) {
			t.Errorf("%s: %s", p, line)
		}
	}
	// The check finds what the 0.1.0 programs needed (deref, strconv.Itoa).
	if frictionBefore == 0 {
		t.Error("friction finds nothing in the 0.1.0 programs: the check is broken")
	}
}
