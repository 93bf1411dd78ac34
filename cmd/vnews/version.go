package main

import (
	"runtime/debug"
	"strings"
)

// version describes the build from the information the go command stamps
// into every binary (no -ldflags needed): the module version, the commit
// (vcs.revision), whether the tree had uncommitted changes (vcs.modified)
// and the Go version.
func version(bi *debug.BuildInfo, ok bool) string {
	if !ok || bi == nil {
		return "unknown (no build information)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	var b strings.Builder
	b.WriteString(v)
	if rev == "" {
		b.WriteString(", commit unknown (built without VCS information: -buildvcs=false or not from a git checkout)")
	} else {
		b.WriteString(", commit ")
		b.WriteString(rev)
		if modified == "true" {
			b.WriteString(" with uncommitted changes")
		}
	}
	if bi.GoVersion != "" {
		b.WriteString(", ")
		b.WriteString(bi.GoVersion)
	}
	return b.String()
}
