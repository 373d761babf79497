package types_test

import (
	"encoding/json"
	"fmt"
	"log"

	"github.com/intercomkit/intercom-go/intercom/types"
)

// The same field decodes whether Intercom sends the id as a number or a string.
func ExampleNumericID() {
	var a, b struct {
		TeamAssigneeID types.NumericID `json:"team_assignee_id"`
	}
	if err := json.Unmarshal([]byte(`{"team_assignee_id": 5}`), &a); err != nil {
		log.Fatal(err)
	}
	if err := json.Unmarshal([]byte(`{"team_assignee_id": "5"}`), &b); err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.TeamAssigneeID == b.TeamAssigneeID, string(a.TeamAssigneeID))
	out, err := json.Marshal(a)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(out))
	// Output:
	// true 5
	// {"team_assignee_id":5}
}

func ExampleAvatar() {
	for _, body := range []string{
		`"https://example.org/a.png"`,
		`{"type":"avatar","image_url":"https://example.org/a.png"}`,
	} {
		var a types.Avatar
		if err := json.Unmarshal([]byte(body), &a); err != nil {
			log.Fatal(err)
		}
		fmt.Println(a.GetImageURL())
	}
	// Output:
	// https://example.org/a.png
	// https://example.org/a.png
}

func ExampleNextPage() {
	for _, body := range []string{
		`{"starting_after":"WzE3"}`,
		`"https://api.intercom.io/companies?page=2"`,
	} {
		var n types.NextPage
		if err := json.Unmarshal([]byte(body), &n); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("cursor %q url %q\n", n.GetStartingAfter(), n.GetURL())
	}
	// Output:
	// cursor "WzE3" url ""
	// cursor "" url "https://api.intercom.io/companies?page=2"
}
