package ratelimit_test

// Regression (proof turn3): the zero Local (e.g. a Local embedded
// by value, or declared with var) neither works nor fails cleanly: Wait
// blocks until the context ends (l.turn is a nil channel, local.go:178) and
// Observe panics on the nil *rate.Limiter (local.go:230). Other zero values
// of the SDK (webhook.Handler, intercom.DecodeReport) are documented usable.

import (
	"context"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/ratelimit"
)

// It is bug proof 10 of 2026-12-07 (TestAuditZeroLocal), kept with its assertions as a regular test.
func TestZeroLocal(t *testing.T) {
	var l ratelimit.Local
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if err := l.Wait(ctx); err != nil {
		t.Errorf("zero Local: Wait blocked until the context ended: %v", err)
	}
	defer func() {
		if p := recover(); p != nil {
			t.Errorf("zero Local: Observe panicked: %v", p)
		}
	}()
	l.Observe(200, intercom.RateLimit{Limit: 100, HasLimit: true})
}
