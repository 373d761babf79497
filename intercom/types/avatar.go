package types

import (
	"encoding/json"
	"reflect"
)

// Avatar is the avatar of an admin, a contact or a visitor. Intercom sends it
// either as the image URL, a JSON string, or as an object
// {"type": "avatar", "image_url": "..."}; both decode into an Avatar, and it
// encodes back in the shape it came in (an object when built in Go).
type Avatar struct {
	// Type is the object's type, "avatar" when it came as an object.
	Type string `json:"type,omitempty"`
	// ImageURL is the URL of the image.
	ImageURL string `json:"image_url,omitempty"`

	// asString records that the avatar came as a JSON string.
	asString bool
}

// GetImageURL returns the image URL, or "" when a is nil.
func (a *Avatar) GetImageURL() string {
	if a == nil {
		return ""
	}
	return a.ImageURL
}

// GetType returns the object's type, or "" when a is nil.
func (a *Avatar) GetType() string {
	if a == nil {
		return ""
	}
	return a.Type
}

// avatarObject is Avatar's object shape, without its methods.
type avatarObject struct {
	Type     string `json:"type,omitempty"`
	ImageURL string `json:"image_url,omitempty"`
}

// UnmarshalJSON accepts a JSON string (the URL) or an object; null leaves a
// as it is.
func (a *Avatar) UnmarshalJSON(b []byte) error {
	return decodeStringOrObject(b, reflect.TypeFor[Avatar](),
		func(s string) { *a = Avatar{ImageURL: s, asString: true} },
		func(o avatarObject) { *a = Avatar{Type: o.Type, ImageURL: o.ImageURL} })
}

// MarshalJSON encodes a as the URL string when it was decoded from one, and
// as an object otherwise.
func (a Avatar) MarshalJSON() ([]byte, error) {
	if a.asString {
		return json.Marshal(a.ImageURL)
	}
	return json.Marshal(avatarObject{Type: a.Type, ImageURL: a.ImageURL})
}
