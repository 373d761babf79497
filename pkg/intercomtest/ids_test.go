package intercomtest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

// Ids are strings everywhere: an assignee id (an integer in Intercom's
// description) compares with a team's id and an admin's id without strconv,
// and it travels as a JSON number as the description says.
func TestIDsAreStrings(t *testing.T) {
	srv := intercomtest.NewServer(t)
	client, ctx := srv.Client(), context.Background()
	me := srv.Me()
	contact := srv.SeedContacts(1)[0]
	conv, err := srv.AddConversation(contact.GetId(), "Help")
	if err != nil {
		t.Fatal(err)
	}
	teams, err := client.Teams.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	team := teams.GetTeams()[0]
	var resp *http.Response
	assigned, err := client.Conversations.AssignTeam(ctx, conv.GetId(), me.GetId(), team.GetId(), intercom.WithResponseInto(&resp))
	if err != nil {
		t.Fatal(err)
	}
	if assigned.GetTeamAssigneeId() != team.GetId() {
		t.Errorf("team assignee %q, team %q", assigned.GetTeamAssigneeId(), team.GetId())
	}
	if !slices.Contains(team.GetAdminIds(), me.GetId()) || !slices.Contains(me.GetTeamIds(), team.GetId()) {
		t.Errorf("team admin ids %q, admin %q; admin team ids %q", team.GetAdminIds(), me.GetId(), me.GetTeamIds())
	}

	// On the wire the assignee id is a number, as the description declares.
	var raw struct {
		TeamAssigneeID json.RawMessage `json:"team_assignee_id"`
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		t.Fatal(err)
	}
	if string(raw.TeamAssigneeID) != team.GetId() {
		t.Errorf("team_assignee_id sent as %s, want the number %s", raw.TeamAssigneeID, team.GetId())
	}

	// A request field declared as an integer id is sent as a number.
	article, err := client.Articles.Create(ctx, gen.CreateArticleRequest{Title: "Hello", AuthorId: me.GetId()})
	if err != nil {
		t.Fatal(err)
	}
	if article.GetAuthorId() != me.GetId() {
		t.Errorf("article author %q, want %q", article.GetAuthorId(), me.GetId())
	}
	reqs := srv.Requests()
	if body := string(reqs[len(reqs)-1].Body); !strings.Contains(body, `"author_id":`+me.GetId()) {
		t.Errorf("create article body %s, want author_id as a number", body)
	}
}
