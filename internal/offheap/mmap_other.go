//go:build !unix

package offheap

func mapMemory(int) ([]byte, bool) { return nil, false }

func unmapMemory([]byte) {}

func forget([]byte) {}

func fileBacked(lo, hi uintptr) bool { return false }
