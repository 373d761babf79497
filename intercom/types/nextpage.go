package types

import (
	"encoding/json"
	"reflect"
)

// NextPage is the "next" member of the "pages" object of a paged list.
// Intercom's description gives it as a cursor object
// {"page": 2, "per_page": 50, "starting_after": "..."} for some lists and as
// the URL of the next page for others, and the API sends either, so both
// decode into a NextPage: a URL fills URL, an object the other fields. It
// encodes back as the URL string when only URL is set, and as the object
// otherwise.
type NextPage struct {
	// URL is the next page's URL, when next came as a string.
	URL string
	// Page is the next page's number, when the object has one.
	Page int
	// PerPage is the page size, when the object has one.
	PerPage int
	// StartingAfter is the cursor to send as starting_after to get the next
	// page, when the object has one.
	StartingAfter string
}

// GetURL returns the next page's URL, or "" when n is nil or next came as an
// object.
func (n *NextPage) GetURL() string {
	if n == nil {
		return ""
	}
	return n.URL
}

// GetStartingAfter returns the cursor of the next page, or "" when n is nil
// or has none.
func (n *NextPage) GetStartingAfter() string {
	if n == nil {
		return ""
	}
	return n.StartingAfter
}

// GetPage returns the next page's number, or 0 when n is nil or has none.
func (n *NextPage) GetPage() int {
	if n == nil {
		return 0
	}
	return n.Page
}

// GetPerPage returns the page size, or 0 when n is nil or has none.
func (n *NextPage) GetPerPage() int {
	if n == nil {
		return 0
	}
	return n.PerPage
}

// nextPageObject is NextPage's object shape.
type nextPageObject struct {
	Page          int    `json:"page,omitempty"`
	PerPage       int    `json:"per_page,omitempty"`
	StartingAfter string `json:"starting_after,omitempty"`
}

// UnmarshalJSON accepts a JSON string (a URL) or a cursor object; null leaves
// n as it is.
func (n *NextPage) UnmarshalJSON(b []byte) error {
	return decodeStringOrObject(b, reflect.TypeFor[NextPage](),
		func(s string) { *n = NextPage{URL: s} },
		func(o nextPageObject) {
			*n = NextPage{Page: o.Page, PerPage: o.PerPage, StartingAfter: o.StartingAfter}
		})
}

// MarshalJSON encodes n as its URL when only URL is set, and as the cursor
// object otherwise.
func (n NextPage) MarshalJSON() ([]byte, error) {
	if n.URL != "" && n.Page == 0 && n.PerPage == 0 && n.StartingAfter == "" {
		return json.Marshal(n.URL)
	}
	return json.Marshal(nextPageObject{Page: n.Page, PerPage: n.PerPage, StartingAfter: n.StartingAfter})
}
