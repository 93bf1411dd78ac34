// Package batch runs a function over a stream of items on several
// goroutines and hands the results on in input order, with a bounded number
// of items in flight.
package batch

import (
	"context"
	"iter"
	"sync"
)

// Run calls fn on every item of seq using workers goroutines, and emit on
// every result in the order of seq. At most 2×workers items are in flight,
// so memory stays bounded however long seq is. Run stops early, without
// error, when ctx is canceled: the items already handed to workers finish
// and are emitted, and Run returns without waiting for seq, which may be
// blocked reading its input. It stops with emit's error when emit fails.
// seq is consumed on one goroutine.
func Run[In, Out any](ctx context.Context, workers int, seq iter.Seq[In], fn func(In) Out, emit func(Out) error) error {
	if workers < 1 {
		workers = 1
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		in  In
		out chan Out
	}
	jobs := make(chan job, workers)
	order := make(chan chan Out, 2*workers)

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				// The item goes to fn alone: once fn is done with it (a
				// book-sized article's bytes), nothing here keeps it.
				in, out := j.in, j.out
				j = job{}
				out <- fn(in)
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(jobs)
		for in := range seq {
			out := make(chan Out, 1)
			select {
			case order <- out:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{in: in, out: out}:
			case <-ctx.Done():
				close(out) // tells the emitter that this item was never started
				return
			}
		}
	}()

	var err error
	// handle waits for one item's result and emits it; false when the item
	// was never started.
	handle := func(out chan Out) bool {
		res, ok := <-out
		if !ok {
			return false
		}
		if err == nil {
			if err = emit(res); err != nil {
				cancel()
			}
		}
		return true
	}
loop:
	for {
		select {
		case out, ok := <-order:
			if !ok || !handle(out) {
				break loop
			}
		case <-ctx.Done():
			// Canceled: the items already handed out still finish and are
			// emitted; the input, which may be blocked on a read, is left.
			for {
				select {
				case out, ok := <-order:
					if !ok || !handle(out) {
						break loop
					}
				default:
					break loop
				}
			}
		}
	}
	if ctx.Err() == nil {
		wg.Wait() // all done; after a cancel, workers may wait on seq
	}
	return err
}
