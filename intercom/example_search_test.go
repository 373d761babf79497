package intercom_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
)

// printJSON prints v as compact JSON, leaving "<" and ">" unescaped.
func printJSON(v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		log.Fatal(err)
	}
	fmt.Print(buf.String())
}

// A single condition: field, operator, value.
func ExampleField() {
	req, err := intercom.Field("email").Equals("ann@example.com").ForConversations()
	if err != nil {
		log.Fatal(err)
	}
	printJSON(req)
	// Output:
	// {"query":{"field":"email","operator":"=","value":"ann@example.com"}}
}

// Conditions combine with And and Or, one level of groups inside another at
// most; a time.Time is sent as Unix seconds.
func ExampleAnd() {
	q := intercom.And(
		intercom.Field("role").Equals("user"),
		intercom.Field("created_at").GreaterThan(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)),
		intercom.Or(
			intercom.Field("email").EndsWith("@example.com"),
			intercom.Field("custom_attributes.plan").In("pro", "enterprise"),
		),
	)
	fmt.Println(q)
	req, err := q.ForContacts()
	if err != nil {
		log.Fatal(err)
	}
	printJSON(req)
	// Output:
	// (role = "user" AND created_at > 1767225600 AND (email $ "@example.com" OR custom_attributes.plan IN ["pro", "enterprise"]))
	// {"query":{"operator":"AND","value":[{"field":"role","operator":"=","value":"user"},{"field":"created_at","operator":">","value":1767225600},{"operator":"OR","value":[{"field":"email","operator":"$","value":"@example.com"},{"field":"custom_attributes.plan","operator":"IN","value":["pro","enterprise"]}]}]}}
}

// SearchQuery adds pagination. ForTickets builds the body of
// Tickets.Search and SearchAll; ForContacts and ForConversations those of
// the other searchable services, the same way.
func ExampleSearchQuery_ForTickets() {
	req, err := intercom.SearchQuery{
		Filter: intercom.Or(
			intercom.Field("state").Equals(intercom.TicketStateCategorySubmitted),
			intercom.Field("state").Equals(intercom.TicketStateCategoryInProgress),
		),
		PerPage: 25,
	}.ForTickets()
	if err != nil {
		log.Fatal(err)
	}
	printJSON(req)
	// Output:
	// {"pagination":{"per_page":25},"query":{"operator":"OR","value":[{"field":"state","operator":"=","value":"submitted"},{"field":"state","operator":"=","value":"in_progress"}]}}
}

// In and NotIn take several values, or one slice.
func ExampleSearchField_In() {
	ids := []string{"6762f0971bb69f9f2193bb2b", "6762f0971bb69f9f2193bb2c"}
	fmt.Println(intercom.Field("id").In(ids))
	fmt.Println(intercom.Field("admin_assignee_id").NotIn(0, 991267))
	// Output:
	// id IN ["6762f0971bb69f9f2193bb2b", "6762f0971bb69f9f2193bb2c"]
	// admin_assignee_id NIN [0, 991267]
}

// Build rejects, before anything is sent, a query Intercom would refuse: here
// a group nested three levels deep, an operator that needs a string, and too
// many filters in one group.
func ExampleFilter_Validate() {
	tooDeep := intercom.And(intercom.Or(intercom.And(intercom.Field("name").Equals("x"))))
	wrongKind := intercom.Field("name").Compare(intercom.SingleFilterSearchRequestOperatorContains, 42)
	var many []intercom.Filter
	for i := range 16 {
		many = append(many, intercom.Field("custom_attributes.code").Equals(i))
	}
	for _, f := range []intercom.Filter{tooDeep, wrongKind, intercom.Or(many...)} {
		err := f.Validate()
		fmt.Println(errors.Is(err, intercom.ErrInvalidSearchQuery), strings.TrimPrefix(err.Error(), "intercom: invalid search query: "))
	}
	// Output:
	// true query.value[0].value[0]: AND group nested 3 levels deep; Intercom allows at most 2 levels of AND/OR groups
	// true query: field "name": operator ~ does not accept a value of type integer
	// true query: OR group has 16 filters; Intercom allows at most 15 per AND or OR group
}
