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

func main() {
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	// Writes to a closed pipe return EPIPE, so "vnews ... | head" ends quietly.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
