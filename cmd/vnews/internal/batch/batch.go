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
// error, when ctx is canceled (results finished until then are emitted);
// it stops with emit's error when emit fails. seq is consumed on one
// goroutine.
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
				j.out <- fn(j.in)
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
	for out := range order {
		res, ok := <-out
		if !ok {
			break
		}
		if err == nil {
			if err = emit(res); err != nil {
				cancel()
			}
		}
	}
	wg.Wait()
	return err
}
