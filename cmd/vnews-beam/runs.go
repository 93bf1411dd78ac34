package main

import (
	"bufio"
	"container/heap"
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
)

// Sorted runs: a bundle's record lines, sorted by key, in one file per
// shard; a shard is the merge of its runs. A run is a sequence of entries,
// each the key's length (uvarint), the key, the line's length (uvarint)
// and the line.

// spillBytes is how many bytes of records a bundle holds before it writes
// them as runs.
const spillBytes = 64 << 20

// maxFanIn is how many runs one merge reads at once (a read buffer each);
// a shard with more runs is merged in passes.
const maxFanIn = 64

// runPrefix is the start of the names of a job's runs.
func runPrefix(prefix string) string { return prefix + "-tmp-" }

type entry struct {
	key  string
	line []byte
}

// spill holds a bundle's records by shard and writes them as runs.
type spill struct {
	prefix string
	bundle string // random: the runs of a retried bundle have other names
	shards [][]entry
	bytes  int
	limit  int // bytes held before the runs are written
	runs   int
}

func newSpill(prefix string, shards int) (*spill, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, err
	}
	return &spill{prefix: prefix, bundle: hex.EncodeToString(b[:]), shards: make([][]entry, shards), limit: spillBytes}, nil
}

// add holds one record line, writing the runs when the bundle holds
// spillBytes.
func (s *spill) add(ctx context.Context, shard int, key string, line []byte, emit func(int, string)) error {
	s.shards[shard] = append(s.shards[shard], entry{key, line})
	s.bytes += len(key) + len(line)
	if s.bytes >= s.limit {
		return s.flush(ctx, emit)
	}
	return nil
}

// flush writes the records held as one run per shard and emits the runs'
// names by shard.
func (s *spill) flush(ctx context.Context, emit func(int, string)) error {
	start := time.Now()
	var fsys filesystem.Interface
	defer func() {
		if fsys != nil {
			fsys.Close()
		}
	}()
	for shard, es := range s.shards {
		if len(es) == 0 {
			continue
		}
		sort.Slice(es, func(i, j int) bool { return es[i].key < es[j].key })
		name := fmt.Sprintf("%s%s-%05d-%04d", runPrefix(s.prefix), s.bundle, shard, s.runs)
		if fsys == nil {
			var err error
			if fsys, err = filesystem.New(ctx, name); err != nil {
				return err
			}
		}
		if err := writeRun(ctx, fsys, name, func(yield func(entry) bool) {
			for _, e := range es {
				if !yield(e) {
					return
				}
			}
		}); err != nil {
			return err
		}
		emit(shard, name)
		s.shards[shard] = nil
	}
	s.runs++
	s.bytes = 0
	spillTime.Update(ctx, time.Since(start).Microseconds())
	return nil
}

// writeRun writes entries as the run name.
func writeRun(ctx context.Context, fsys filesystem.Interface, name string, entries func(func(entry) bool)) error {
	return writeFile(ctx, fsys, name, func(w *bufio.Writer) error {
		var n [binary.MaxVarintLen64]byte
		for e := range entries {
			w.Write(n[:binary.PutUvarint(n[:], uint64(len(e.key)))])
			w.WriteString(e.key)
			w.Write(n[:binary.PutUvarint(n[:], uint64(len(e.line)))])
			if _, err := w.Write(e.line); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeFile writes the file name through fsys: fill writes into a buffer
// over it; the file is closed whatever happens, and an error names it.
func writeFile(ctx context.Context, fsys filesystem.Interface, name string, fill func(*bufio.Writer) error) error {
	wc, err := fsys.OpenWrite(ctx, name)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	w := bufio.NewWriterSize(wc, 256<<10)
	err = fill(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := wc.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// cursor reads a run, one entry ahead.
type cursor struct {
	name string
	rc   io.ReadCloser
	r    *bufio.Reader
	e    entry
}

// next reads the next entry; false at the end of the run.
func (c *cursor) next() (bool, error) {
	klen, err := binary.ReadUvarint(c.r)
	if err == io.EOF {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("reading %s: %w", c.name, err)
	}
	key := make([]byte, klen)
	if _, err := io.ReadFull(c.r, key); err != nil {
		return false, fmt.Errorf("reading %s: %w", c.name, err)
	}
	llen, err := binary.ReadUvarint(c.r)
	if err != nil {
		return false, fmt.Errorf("reading %s: %w", c.name, noEOF(err))
	}
	line := make([]byte, llen)
	if _, err := io.ReadFull(c.r, line); err != nil {
		return false, fmt.Errorf("reading %s: %w", c.name, noEOF(err))
	}
	c.e = entry{string(key), line}
	return true, nil
}

func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

type cursorHeap []*cursor

func (h cursorHeap) Len() int           { return len(h) }
func (h cursorHeap) Less(i, j int) bool { return h[i].e.key < h[j].e.key }
func (h cursorHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *cursorHeap) Push(x any)        { *h = append(*h, x.(*cursor)) }
func (h *cursorHeap) Pop() any {
	old := *h
	c := old[len(old)-1]
	*h = old[:len(old)-1]
	return c
}

// merge yields the entries of the runs in key order.
func merge(ctx context.Context, fsys filesystem.Interface, runs []string, fail *error) func(func(entry) bool) {
	return func(yield func(entry) bool) {
		var h cursorHeap
		defer func() {
			for _, c := range h {
				c.rc.Close()
			}
		}()
		for _, name := range runs {
			rc, err := fsys.OpenRead(ctx, name)
			if err != nil {
				*fail = fmt.Errorf("reading %s: %w", name, err)
				return
			}
			c := &cursor{name: name, rc: rc, r: bufio.NewReaderSize(rc, 64<<10)}
			ok, err := c.next()
			if err != nil || !ok {
				rc.Close()
				if err != nil {
					*fail = err
					return
				}
				continue
			}
			h = append(h, c)
		}
		heap.Init(&h)
		for len(h) > 0 {
			c := h[0]
			if !yield(c.e) {
				return
			}
			ok, err := c.next()
			switch {
			case err != nil:
				*fail = err
				return
			case ok:
				heap.Fix(&h, 0)
			default:
				c.rc.Close()
				heap.Pop(&h)
			}
		}
	}
}

// mergeRuns writes the lines of the runs, in key order, as the file out.
// More than fanIn runs are first merged, fanIn at a time, into larger
// runs.
func mergeRuns(ctx context.Context, runs []string, out string, fanIn int) error {
	fsys, err := filesystem.New(ctx, out)
	if err != nil {
		return err
	}
	defer fsys.Close()
	var merged []string // the runs this merge wrote, removed after
	defer func() { removeFiles(ctx, merged) }()
	for pass := 0; len(runs) > fanIn; pass++ {
		var next []string
		for i := 0; i < len(runs); i += fanIn {
			group := runs[i:min(i+fanIn, len(runs))]
			name := fmt.Sprintf("%s-merge-%d-%05d", out, pass, i/fanIn)
			var mergeErr error
			if err := writeRun(ctx, fsys, name, merge(ctx, fsys, group, &mergeErr)); err != nil {
				return err
			}
			if mergeErr != nil {
				return mergeErr
			}
			merged = append(merged, name)
			next = append(next, name)
		}
		runs = next
	}
	var mergeErr error
	return writeFile(ctx, fsys, out, func(w *bufio.Writer) error {
		for e := range merge(ctx, fsys, runs, &mergeErr) {
			if _, err := w.Write(e.line); err != nil {
				return err
			}
		}
		return mergeErr
	})
}

// removeFiles removes files where the filesystem can; what cannot be
// removed stays (a run left over is no output).
func removeFiles(ctx context.Context, names []string) error {
	if len(names) == 0 {
		return nil
	}
	fsys, err := filesystem.New(ctx, names[0])
	if err != nil {
		return err
	}
	defer fsys.Close()
	rm, ok := fsys.(filesystem.Remover)
	if !ok {
		return nil
	}
	var errs []error
	for _, n := range names {
		if err := rm.Remove(ctx, n); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		removeErrors.Inc(ctx, int64(len(errs)))
	}
	return nil
}
