//go:build unix

package offheap

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

type owner struct{ s []uint64 }

// TestSlice: small and large slices are zeroed, of the asked length, and
// hold what is written to them while their owner lives.
func TestSlice(t *testing.T) {
	for _, n := range []int{0, 1, 1000, 1 << 18, 3<<18 + 5} {
		o := &owner{}
		o.s = Slice[uint64](n, o)
		if len(o.s) != n {
			t.Fatalf("len %d, want %d", len(o.s), n)
		}
		for i := range o.s {
			if o.s[i] != 0 {
				t.Fatalf("n=%d: slot %d is %d, want 0", n, i, o.s[i])
			}
			o.s[i] = uint64(i) * 7
		}
		runtime.GC()
		for i := range o.s {
			if o.s[i] != uint64(i)*7 {
				t.Fatalf("n=%d: slot %d lost its value", n, i)
			}
		}
		runtime.KeepAlive(o)
	}
}

// TestSliceOwnersCollected: tables whose owners are gone give their
// mappings back: 200 tables of 8 MB would otherwise add 1.6 GB to the
// process's address space.
func TestSliceOwnersCollected(t *testing.T) {
	before := vmSize(t)
	for i := range 200 {
		o := &owner{}
		o.s = Slice[uint64](1<<20, o)
		o.s[len(o.s)-1] = uint64(i)
		if i%20 == 0 {
			runtime.GC()
		}
	}
	grown := int64(0)
	for try := 0; try < 50; try++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
		if grown = vmSize(t) - before; grown < 400<<20 {
			return
		}
	}
	t.Errorf("address space grew by %d MB", grown>>20)
}

// vmSize is the process's address space in bytes (/proc/self/status).
func vmSize(t *testing.T) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "VmSize:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb << 10
		}
	}
	t.Skip("no VmSize")
	return 0
}

// TestForget: bytes of a private file mapping read back unchanged after
// Forget; heap bytes and bytes of an anonymous mapping are left alone.
func TestForget(t *testing.T) {
	data := bytes.Repeat([]byte("vnews offheap Forget "), 40000) // 800 KB
	path := filepath.Join(t.TempDir(), "model.bin")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	mapped, err := syscall.Mmap(int(f.Fd()), 0, len(data), syscall.PROT_READ, syscall.MAP_PRIVATE)
	if err != nil {
		t.Skip("no mmap:", err)
	}
	defer syscall.Munmap(mapped)
	Forget(mapped[100:])
	if !bytes.Equal(mapped, data) {
		t.Error("file mapping changed after Forget")
	}

	heap := bytes.Clone(data)
	Forget(heap)
	if !bytes.Equal(heap, data) {
		t.Error("heap bytes changed after Forget")
	}

	anon, ok := mapMemory(len(data))
	if !ok {
		t.Skip("no anonymous mapping")
	}
	defer unmapMemory(anon)
	copy(anon, data)
	Forget(anon)
	if !bytes.Equal(anon, data) {
		t.Error("anonymous mapping changed after Forget: its pages are no file's")
	}
}
