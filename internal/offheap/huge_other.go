//go:build unix && !linux

package offheap

func adviseHuge([]byte) {}

func forget([]byte) {}

func fileBacked(lo, hi uintptr) bool { return false }
