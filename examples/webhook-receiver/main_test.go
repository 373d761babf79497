package main

import (
	"log/slog"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// TestDemo runs the -demo scenario, so CI checks the example end to end.
func TestDemo(t *testing.T) {
	if err := runDemo(slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
}
