package types

import (
	"errors"
	"testing"
)

type sender struct {
	Type string    `json:"type"`
	Id   IntegerID `json:"id"`
}

func (s sender) MarshalJSON() ([]byte, error) {
	type plain sender
	return MarshalIntegerIDs(plain(s), "id")
}

type intBody struct {
	Title    string      `json:"title"`
	AdminId  *IntegerID  `json:"admin_id,omitempty"`
	Audience []IntegerID `json:"audience_ids,omitempty"`
	Owner    *IntegerID  `json:"owner_id"`
	From     sender      `json:"from"`
}

// TestMarshalIntegerIDs: the listed members go out as numbers (a list
// element by element, a null as it is), the others and the member order
// are unchanged, a nested body encodes its own, and a value that is not a
// positive number is an *IntegerIDError naming the member.
func TestMarshalIntegerIDs(t *testing.T) {
	id := "991"
	b, err := MarshalIntegerIDs(intBody{Title: "x", AdminId: &id, Audience: []IntegerID{"1", "22"}, From: sender{Type: "admin", Id: "5"}}, "admin_id", "audience_ids", "owner_id")
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"title":"x","admin_id":991,"audience_ids":[1,22],"owner_id":null,"from":{"type":"admin","id":5}}`; string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	for _, bad := range []string{"", "abc", "0", "-1", "01", "1.5", "99999999999999999999"} {
		_, err := MarshalIntegerIDs(intBody{AdminId: &bad, From: sender{Id: "5"}}, "admin_id")
		var ie *IntegerIDError
		if !errors.As(err, &ie) || ie.Field != "admin_id" {
			t.Errorf("admin id %q: %v, want an *IntegerIDError for admin_id", bad, err)
		}
		_, err = MarshalIntegerIDs(intBody{Audience: []IntegerID{"1", bad}, From: sender{Id: "5"}}, "audience_ids")
		if !errors.As(err, &ie) || ie.Field != "audience_ids" {
			t.Errorf("audience id %q: %v, want an *IntegerIDError for audience_ids", bad, err)
		}
	}
}

// TestUnmarshalIntegerIDs: the listed members decode from JSON numbers (a
// list element by element) as well as strings; the others as json does.
func TestUnmarshalIntegerIDs(t *testing.T) {
	var b struct {
		AdminId  *IntegerID  `json:"admin_id"`
		Audience []IntegerID `json:"audience_ids"`
		Title    string      `json:"title"`
	}
	if err := UnmarshalIntegerIDs([]byte(`{"title":"x","admin_id":991,"audience_ids":[1,"22"]}`), &b, "admin_id", "audience_ids"); err != nil {
		t.Fatal(err)
	}
	if b.Title != "x" || b.AdminId == nil || *b.AdminId != "991" || len(b.Audience) != 2 || b.Audience[0] != "1" || b.Audience[1] != "22" {
		t.Errorf("decoded %+v", b)
	}
	if err := UnmarshalIntegerIDs([]byte(`{"admin_id":true}`), &b, "admin_id"); err == nil {
		t.Error("a boolean admin id decoded")
	}
}
