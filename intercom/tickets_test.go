package intercom

import (
	"context"
	"iter"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

func TestTicketsMethods(t *testing.T) {
	ticket := `{"type":"ticket","id":"474","ticket_id":"22","open":true}`
	reply := `{"type":"ticket_part","id":"9001","part_type":"comment","body":"<p>On it</p>","created_at":1734537500}`
	tag := `{"type":"tag","id":"7522907","name":"vip"}`
	svcRun(t, []svcCase{
		{
			name: "Create",
			call: func(ctx context.Context, c *Client) (any, error) {
				contact, err := gen.TicketContactOf(gen.ContactById{Id: "6762f0dd"})
				if err != nil {
					return nil, err
				}
				return c.Tickets.Create(ctx, gen.CreateTicketJSONRequestBody{
					TicketTypeId: "53", Contacts: []gen.TicketContact{contact},
					SkipNotifications: Ptr(true),
				})
			},
			method: "POST", path: "/tickets",
			body: `{"ticket_type_id":"53","contacts":[{"id":"6762f0dd"}],"skip_notifications":true}`,
			resp: ticket,
		},
		{
			name: "EnqueueCreate",
			call: func(ctx context.Context, c *Client) (any, error) {
				contact, err := gen.TicketContactOf(gen.ContactByEmail{Email: "ann@example.com"})
				if err != nil {
					return nil, err
				}
				return c.Tickets.EnqueueCreate(ctx, gen.EnqueueCreateTicketJSONRequestBody{
					TicketTypeId: "53", Contacts: []gen.TicketContact{contact},
				})
			},
			method: "POST", path: "/tickets/enqueue",
			body: `{"ticket_type_id":"53","contacts":[{"email":"ann@example.com"}]}`,
			resp: `{"type":"job","id":"2","status":"pending","url":"https://api.intercom.io/jobs/status/2"}`,
		},
		{
			name:   "Get",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.Tickets.Get(ctx, "474") },
			method: "GET", path: "/tickets/474",
			resp: ticket,
		},
		{
			name: "Update",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tickets.Update(ctx, "474", gen.UpdateTicketJSONRequestBody{Open: Ptr(false), TicketStateId: Ptr("8")})
			},
			method: "PUT", path: "/tickets/474",
			body: `{"open":false,"ticket_state_id":"8"}`,
			resp: ticket,
		},
		{
			name:   "Delete",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.Tickets.Delete(ctx, "474") },
			method: "DELETE", path: "/tickets/474",
			resp: `{"id":"474","object":"ticket","deleted":true}`,
		},
		{
			name: "Search",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tickets.Search(ctx, cvtSearchRequest(t, 5))
			},
			method: "POST", path: "/tickets/search",
			body: `{"query":` + cvtOpenQuery + `,"pagination":{"per_page":5}}`,
			resp: `{"type":"ticket.list","tickets":[` + ticket + `],"total_count":1}`,
		},
		{
			name: "Reply",
			call: func(ctx context.Context, c *Client) (any, error) {
				var body gen.ReplyTicketRequest
				if err := body.FromAdminReplyTicketRequest(gen.AdminReplyTicketRequest{
					AdminId: "991", Body: Ptr("<p>On it</p>"), MessageType: "comment", Type: "admin", CrossPost: Ptr(true),
				}); err != nil {
					return nil, err
				}
				body.SkipNotifications = Ptr(true)
				return c.Tickets.Reply(ctx, "474", body)
			},
			method: "POST", path: "/tickets/474/reply",
			body: `{"admin_id":"991","body":"<p>On it</p>","message_type":"comment","type":"admin","cross_post":true,"skip_notifications":true}`,
			resp: reply,
		},
		{
			name: "ReplyAsAdmin",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tickets.ReplyAsAdmin(ctx, "474", "991", "<p>On it</p>")
			},
			method: "POST", path: "/tickets/474/reply",
			body: `{"admin_id":"991","body":"<p>On it</p>","message_type":"comment","type":"admin"}`,
			resp: reply,
		},
		{
			name: "AddNote",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tickets.AddNote(ctx, "474", "991", "internal")
			},
			method: "POST", path: "/tickets/474/reply",
			body: `{"admin_id":"991","body":"internal","message_type":"note","type":"admin"}`,
			resp: reply,
		},
		{
			name: "ReplyAsContact",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tickets.ReplyAsContact(ctx, "474", "6762f0dd", "Thanks")
			},
			method: "POST", path: "/tickets/474/reply",
			body: `{"intercom_user_id":"6762f0dd","body":"Thanks","message_type":"comment","type":"user"}`,
			resp: reply,
		},
		{
			name:   "Tag",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.Tickets.Tag(ctx, "474", "7522907", "991") },
			method: "POST", path: "/tickets/474/tags",
			body: `{"id":"7522907","admin_id":"991"}`,
			resp: tag,
		},
		{
			name: "Untag",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tickets.Untag(ctx, "474", "7522907", "991")
			},
			method: "DELETE", path: "/tickets/474/tags/7522907",
			body: `{"admin_id":"991"}`,
			resp: tag,
		},
	})
}

func TestTicketsIDs(t *testing.T) {
	tk := func(suffix string) string { return "/tickets/%s" + suffix }
	svcRunIDs(t, []svcIDCase{
		{name: "Get", route: tk(""), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Tickets.Get(ctx, id)
			return err
		}},
		{name: "Update", route: tk(""), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Tickets.Update(ctx, id, gen.UpdateTicketJSONRequestBody{})
			return err
		}},
		{name: "Delete", route: tk(""), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Tickets.Delete(ctx, id)
			return err
		}},
		{name: "ReplyAsAdmin", route: tk("/reply"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Tickets.ReplyAsAdmin(ctx, id, "1", "x")
			return err
		}},
		{name: "ReplyAsAdmin/admin id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Tickets.ReplyAsAdmin(ctx, "1", id, "x")
			return err
		}},
		{name: "AddNote/admin id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Tickets.AddNote(ctx, "1", id, "x")
			return err
		}},
		{name: "ReplyAsContact", route: tk("/reply"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Tickets.ReplyAsContact(ctx, id, "1", "x")
			return err
		}},
		{name: "ReplyAsContact/contact id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Tickets.ReplyAsContact(ctx, "1", id, "x")
			return err
		}},
		{name: "Tag", route: tk("/tags"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Tickets.Tag(ctx, id, "5", "2")
			return err
		}},
		{name: "Tag/tag id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Tickets.Tag(ctx, "1", id, "2")
			return err
		}},
		{name: "Tag/admin id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Tickets.Tag(ctx, "1", "5", id)
			return err
		}},
		{name: "Untag", route: tk("/tags/5"), call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Tickets.Untag(ctx, id, "5", "2")
			return err
		}},
		{name: "Untag/tag id", route: "/tickets/1/tags/%s", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Tickets.Untag(ctx, "1", id, "2")
			return err
		}},
		{name: "Untag/admin id", call: func(ctx context.Context, c *Client, id string) error {
			_, err := c.Tickets.Untag(ctx, "1", "5", id)
			return err
		}},
	})
}

func TestTicketsSearchAll(t *testing.T) {
	svcRunIters(t, []svcIterCase{{
		name: "SearchAll", style: svcSearchStyle, method: "POST", path: "/tickets/search",
		nest: []string{"tickets"}, item: svcItem("ticket"), searchQuery: cvtOpenQuery,
		seq: func(ctx context.Context, c *Client, per int, opts ...Option) iter.Seq2[string, error] {
			return svcIDs(c.Tickets.SearchAll(ctx, cvtSearchRequest(t, per), opts...),
				func(v gen.Ticket) string { return valueOr(v.Id) })
		},
	}})
}
