package offheap

import (
	"os"
	"runtime"
	"unsafe"
)

var pageSize = os.Getpagesize()

// Slice returns a zeroed slice of n elements of T outside the heap, and
// arranges for its memory to be given back once owner is unreachable.
// T must hold no pointers (the collector does not see into the memory),
// and the slice must not be used once owner is unreachable: keep it in
// owner, and nowhere else.
func Slice[T, O any](n int, owner *O) []T {
	var zero T
	size := int(unsafe.Sizeof(zero)) * n
	if n <= 0 || size < minSize {
		return make([]T, n)
	}
	mem, ok := mapMemory(size)
	if !ok {
		return make([]T, n)
	}
	runtime.AddCleanup(owner, unmapMemory, mem)
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(mem))), n)
}

// minSize is the smallest table worth a mapping of its own: smaller ones
// stay on the heap, where they cost little headroom.
const minSize = 1 << 20

// Forget tells the system that the bytes of b, a model embedded in the
// program and parsed into its tables, will not be read again soon: the
// pages wholly inside b are dropped from the process's resident memory.
// Only pages the system can read back from the program file are dropped
// (Linux, a file mapping, as embedded data is), so reading b again later
// still gives the same bytes. Elsewhere it does nothing.
func Forget(b []byte) {
	if len(b) < 16*pageSize {
		return
	}
	page := uintptr(pageSize)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	lo := (start + page - 1) &^ (page - 1)
	hi := (start + uintptr(len(b))) &^ (page - 1)
	if hi <= lo || !fileBacked(lo, hi) {
		return
	}
	forget(b[lo-start : hi-start])
}
