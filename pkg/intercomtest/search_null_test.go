package intercomtest_test

import (
	"context"
	"slices"
	"testing"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

// The fake honours "value": null: IsNull finds unassigned conversations,
// IsNotNull the assigned ones, and = null on a list field an empty list.
func TestSearchNull(t *testing.T) {
	srv := intercomtest.NewServer(t)
	client, ctx := srv.Client(), context.Background()
	me := srv.Me()
	contact := srv.SeedContacts(1)[0]
	var ids []string
	for _, body := range []string{"one", "two", "three"} {
		c, err := srv.AddConversation(contact.GetId(), body)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.GetId())
	}
	if _, err := client.Conversations.Assign(ctx, ids[1], me.GetId(), me.GetId()); err != nil {
		t.Fatal(err)
	}
	if _, err := client.Conversations.Tag(ctx, ids[2], mustTag(t, srv), me.GetId()); err != nil {
		t.Fatal(err)
	}
	search := func(f intercom.Filter) []string {
		t.Helper()
		req, err := f.ForConversations()
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for item, err := range client.Conversations.SearchAll(ctx, req) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, item.GetId())
		}
		slices.Sort(got)
		return got
	}
	sorted := func(s ...string) []string { slices.Sort(s); return s }
	for _, tc := range []struct {
		name string
		f    intercom.Filter
		want []string
	}{
		{"unassigned", intercom.Field("admin_assignee_id").IsNull(), sorted(ids[0], ids[2])},
		{"assigned", intercom.Field("admin_assignee_id").IsNotNull(), sorted(ids[1])},
		{"Equals(nil)", intercom.Field("admin_assignee_id").Equals(nil), sorted(ids[0], ids[2])},
		{"untagged", intercom.Field("tag_ids").IsNull(), sorted(ids[0], ids[1])},
		{"tagged", intercom.Field("tag_ids").IsNotNull(), sorted(ids[2])},
		{"open and unassigned", intercom.And(intercom.Field("state").Equals("open"), intercom.Field("admin_assignee_id").IsNull()), sorted(ids[0], ids[2])},
	} {
		if got := search(tc.f); !slices.Equal(got, tc.want) {
			t.Errorf("%s (%s): got %v, want %v", tc.name, tc.f, got, tc.want)
		}
	}
}

func mustTag(t *testing.T, srv *intercomtest.Server) string {
	t.Helper()
	tag, err := srv.AddTag("vip")
	if err != nil {
		t.Fatal(err)
	}
	return tag.GetId()
}
