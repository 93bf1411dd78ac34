package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestRuntimeDefaults: the CLI sets GOGC 70 and the soft memory limit
// unless the environment sets them, and leaves what it sets alone.
func TestRuntimeDefaults(t *testing.T) {
	gc := debug.SetGCPercent(100)
	limit := debug.SetMemoryLimit(math.MaxInt64)
	defer func() {
		debug.SetGCPercent(gc)
		debug.SetMemoryLimit(limit)
	}()
	runtimeDefaults(func(string) (string, bool) { return "", false })
	if got := debug.SetGCPercent(100); got != gcPercent {
		t.Errorf("GOGC %d, want %d", got, gcPercent)
	}
	if got := debug.SetMemoryLimit(math.MaxInt64); got != softMemoryLimit {
		t.Errorf("memory limit %d, want %d", got, softMemoryLimit)
	}
	runtimeDefaults(func(string) (string, bool) { return "1", true })
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC %d with GOGC in the environment, want it left at 100", got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("memory limit %d with GOMEMLIMIT in the environment, want it left alone", got)
	}
}
