// Command vnews turns Vietnamese news articles into structured JSON records:
// word-segmented text, entities (ranks, people, units, dates), people
// profiles and an extractive summary. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// softMemoryLimit is the heap size past which the garbage collector works
// harder rather than let the heap double (GOGC) on a huge article: peak
// memory follows what the run holds, not twice that. It is a soft limit
// (the run goes on above it); GOMEMLIMIT in the environment replaces it.
const softMemoryLimit = 256 << 20

// runtimeDefaults sets the soft memory limit and GOGC above where the
// environment (lookup) does not set them.
func runtimeDefaults(lookup func(string) (string, bool)) {
	if _, set := lookup("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	if _, set := lookup("GOGC"); !set {
		debug.SetGCPercent(gcPercent)
	}
}

// gcPercent is the collector's GOGC unless the environment sets one. The
// models' tables are off the heap and an article allocates little, so a
// collection costs little: 70 instead of the default 100 keeps analyze's
// peak RSS about 3 MB lower at the same CPU time (measured on 1,000 and
// 3,000 VietNews articles; see README, Throughput).
const gcPercent = 70

func main() {
	runtimeDefaults(os.LookupEnv)
	// Writes to a closed pipe return EPIPE, so "vnews ... | head" ends quietly.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
