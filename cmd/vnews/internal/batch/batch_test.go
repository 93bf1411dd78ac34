package batch

import (
	"context"
	"errors"
	"iter"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

func count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

func TestRunKeepsOrder(t *testing.T) {
	for _, workers := range []int{1, 2, 8} {
		var got []int
		err := Run(context.Background(), workers, count(200), func(i int) int {
			time.Sleep(time.Duration((i*7)%5) * time.Microsecond) // finish out of order
			return i * i
		}, func(v int) error {
			got = append(got, v)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		want := make([]int, 200)
		for i := range want {
			want[i] = i * i
		}
		if !slices.Equal(got, want) {
			t.Fatalf("workers %d: results out of order", workers)
		}
	}
}

func TestRunBoundsItemsInFlight(t *testing.T) {
	var inFlight, peak atomic.Int64
	release := make(chan struct{})
	done := make(chan error)
	go func() {
		done <- Run(context.Background(), 3, count(1000), func(i int) int {
			n := inFlight.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			if i == 0 {
				<-release // hold the head of the line: nothing can be emitted
			}
			return i
		}, func(int) error {
			inFlight.Add(-1)
			return nil
		})
	}()
	time.Sleep(50 * time.Millisecond)
	if n := inFlight.Load(); n > 2*3+3 {
		t.Errorf("%d items in flight with 3 workers", n)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestRunStopsOnEmitError(t *testing.T) {
	boom := errors.New("boom")
	emitted := 0
	err := Run(context.Background(), 4, count(1_000_000), func(i int) int { return i }, func(int) error {
		emitted++
		if emitted == 10 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || emitted != 10 {
		t.Errorf("err = %v after %d emits", err, emitted)
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var got []int
	err := Run(ctx, 2, count(1_000_000), func(i int) int { return i }, func(v int) error {
		got = append(got, v)
		if v == 99 {
			cancel()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < 100 || len(got) > 100+10 {
		t.Errorf("%d results after cancel at 100", len(got))
	}
	for i, v := range got {
		if v != i {
			t.Fatalf("result %d is %d: a gap after cancel", i, v)
		}
	}
}
