package ratelimit_test

import (
	"math"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/ratelimit"
)

func TestPauseUntil(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	const maxPause = 10 * time.Second
	in := func(d time.Duration) time.Time { return now.Add(d) }
	tests := []struct {
		name   string
		status int
		rl     intercom.RateLimit
		want   time.Time
	}{
		{"ok with budget left", 200, intercom.RateLimit{Limit: 100, Remaining: 5, Reset: in(3 * time.Second)}, time.Time{}},
		{"ok without headers", 200, intercom.RateLimit{}, time.Time{}},
		{"ok, remaining absent or unparseable", 200, intercom.RateLimit{Limit: 100, Reset: in(8 * time.Second), HasLimit: true, HasReset: true}, time.Time{}},
		{"ok, window spent", 200, intercom.RateLimit{Limit: 100, Remaining: 0, HasRemaining: true, Reset: in(3 * time.Second)}, in(3 * time.Second)},
		{"ok, window spent, reset passed", 200, intercom.RateLimit{Limit: 100, Remaining: 0, HasRemaining: true, Reset: in(-time.Second)}, time.Time{}},
		{"ok, window spent, no reset", 200, intercom.RateLimit{Limit: 100, Remaining: 0, HasRemaining: true}, time.Time{}},
		{"429 with reset", 429, intercom.RateLimit{Limit: 100, Remaining: 0, HasRemaining: true, Reset: in(4 * time.Second)}, in(4 * time.Second)},
		{"429 reset beyond cap", 429, intercom.RateLimit{Limit: 100, Remaining: 0, HasRemaining: true, Reset: in(time.Hour)}, in(maxPause)},
		{"window spent, reset beyond cap", 200, intercom.RateLimit{Limit: 100, Remaining: 0, HasRemaining: true, Reset: in(time.Minute)}, in(maxPause)},
		{"429 reset passed", 429, intercom.RateLimit{Limit: 100, Remaining: 0, HasRemaining: true, Reset: in(-time.Second)}, in(maxPause)},
		{"429 without headers", 429, intercom.RateLimit{}, in(maxPause)},
		{"429 reset now", 429, intercom.RateLimit{Reset: now}, in(maxPause)},
		{"500 with budget left", 500, intercom.RateLimit{Limit: 100, Remaining: 50, Reset: in(time.Second)}, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ratelimit.PauseUntil(now, tt.status, tt.rl, maxPause)
			if !got.Equal(tt.want) {
				t.Errorf("PauseUntil = %v, want %v", got, tt.want)
			}
		})
	}
	if got := ratelimit.PauseUntil(now, 429, intercom.RateLimit{}, 0); !got.IsZero() {
		t.Errorf("PauseUntil with maxPause 0 = %v, want no pause", got)
	}
}

func TestPace(t *testing.T) {
	tests := []struct {
		limit     int
		share     float64
		burst     int
		wantRate  int
		wantBurst int
	}{
		{1666, 0.95, 1, 1582, 1},
		{100, 0.95, 1, 95, 1},
		{100, 1, 1, 100, 1},
		{100, 0.95, 10, 86, 10},
		{100, 0.95, 500, 1, 95}, // burst clamped to the target
		{1, 0.5, 1, 1, 1},       // target never below 1
		{4166, 0.95, 1, 3957, 1},
	}
	for _, tt := range tests {
		rate, burst, err := ratelimit.Pace(tt.limit, tt.share, tt.burst)
		if err != nil {
			t.Fatalf("Pace(%d, %v, %d): %v", tt.limit, tt.share, tt.burst, err)
		}
		if rate != tt.wantRate || burst != tt.wantBurst {
			t.Errorf("Pace(%d, %v, %d) = (%d, %d), want (%d, %d)", tt.limit, tt.share, tt.burst, rate, burst, tt.wantRate, tt.wantBurst)
		}
		// The invariant Pace promises: burst + rate - 1 = max(1, floor(share*limit)).
		if got, want := burst+rate-1, max(1, int(math.Floor(tt.share*float64(tt.limit)))); got != want {
			t.Errorf("Pace(%d, %v, %d): window holds %d, want %d", tt.limit, tt.share, tt.burst, got, want)
		}
	}
}

func TestPaceRejectsBadInput(t *testing.T) {
	for _, tt := range []struct {
		limit int
		share float64
		burst int
	}{
		{0, 0.95, 1}, {-5, 0.95, 1}, {100, 0, 1}, {100, 1.01, 1}, {100, -1, 1},
		{100, math.NaN(), 1}, {100, math.Inf(1), 1}, {100, 0.95, 0},
	} {
		if _, _, err := ratelimit.Pace(tt.limit, tt.share, tt.burst); err == nil {
			t.Errorf("Pace(%d, %v, %d) gave no error", tt.limit, tt.share, tt.burst)
		}
	}
}
