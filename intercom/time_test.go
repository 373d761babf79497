package intercom

import (
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/gen"
)

func TestUnixAndTimeAccessors(t *testing.T) {
	if Unix(time.Time{}) != nil {
		t.Error("the zero time gave a timestamp")
	}
	at := time.Date(2026, 3, 1, 12, 0, 30, 999, time.FixedZone("CET", 3600))
	p := Unix(at)
	if p == nil || *p != 1772362830 {
		t.Fatalf("Unix = %v", p)
	}
	// Round trip through a generated type and its accessor.
	conv := &gen.Conversation{SnoozedUntil: p}
	got := conv.GetSnoozedUntilTime()
	if !got.Equal(at.Truncate(time.Second)) || got.Location() != time.UTC {
		t.Errorf("GetSnoozedUntilTime = %v, want %v in UTC", got, at.Truncate(time.Second))
	}
	var none *gen.Conversation
	if !none.GetSnoozedUntilTime().IsZero() || !(&gen.Conversation{}).GetCreatedAtTime().IsZero() {
		t.Error("unset timestamps are not the zero time")
	}
}
