// Command vnews turns Vietnamese news articles into structured JSON records:
// word-segmented text, entities (ranks, people, units, dates), people
// profiles and an extractive summary. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// Writes to a closed pipe return EPIPE, so "vnews ... | head" ends quietly.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
