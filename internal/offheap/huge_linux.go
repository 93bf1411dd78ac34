package offheap

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// adviseHuge asks for transparent huge pages over b: a table probed at
// random spots misses the TLB far less with 2 MB pages than with 4 KB
// ones. Where the system says no, nothing changes.
func adviseHuge(b []byte) { syscall.Madvise(b, 14 /* MADV_HUGEPAGE */) }

// forget drops the resident pages of b (page-aligned): MADV_DONTNEED.
func forget(b []byte) { syscall.Madvise(b, 4 /* MADV_DONTNEED */) }

// fileBacked reports whether the addresses [lo, hi) lie in one private
// mapping of a file (/proc/self/maps): pages dropped from it are read back
// from the file. Embedded []byte data sits in the program's writable data
// segment; the pages wholly inside it hold only its bytes, which the
// program never writes, so they read back unchanged.
func fileBacked(lo, hi uintptr) bool {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// "start-end perms offset dev inode path"
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 {
			continue
		}
		a, b, ok := strings.Cut(fields[0], "-")
		if !ok {
			continue
		}
		start, err1 := strconv.ParseUint(a, 16, 64)
		end, err2 := strconv.ParseUint(b, 16, 64)
		if err1 != nil || err2 != nil || uint64(lo) < start || uint64(lo) >= end {
			continue
		}
		return uint64(hi) <= end && fields[1][3] == 'p' && fields[4] != "0"
	}
	return false
}
