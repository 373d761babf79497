package intercom

import "time"

// Unix returns t as Unix seconds, for the timestamp fields of request bodies
// and parameters, which Intercom takes as integers (*int in package gen):
//
//	body.SignedUpAt = intercom.Unix(signedUp)
//
// The zero time.Time gives nil, so the field stays unset. To read a timestamp
// field as a time.Time, use its generated GetXTime accessor, e.g.
// conv.GetSnoozedUntilTime() or contact.GetCreatedAtTime(): it returns the
// time in UTC, or the zero time.Time when the field is unset.
func Unix(t time.Time) *int {
	if t.IsZero() {
		return nil
	}
	n := int(t.Unix())
	return &n
}
