package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// normalizeArgs lets flags come anywhere on a command line, as jq, rg and
// grep users expect: urfave/cli v2 (like Go's flag package) stops reading
// flags at the first path. The command's flags are moved before its paths,
// "--" ends the flags (what follows is a path even if it starts with "-"),
// and combined short flags are split: "-qf text" is "-q -f text", "-n2" is
// "-n 2", "-fjson" is "-f json". Arguments that are not flags keep their
// order. A command line whose command is unknown is returned unchanged.
func normalizeArgs(cmds []*cli.Command, args []string) []string {
	if len(args) < 2 {
		return args
	}
	// The command is the first argument that is not a flag.
	ci := -1
	for i := 1; i < len(args); i++ {
		if !strings.HasPrefix(args[i], "-") || args[i] == "-" {
			ci = i
			break
		}
		if args[i] == "--" {
			return args
		}
	}
	if ci < 0 {
		return args
	}
	var cmd *cli.Command
	for _, c := range cmds {
		if c.HasName(args[ci]) {
			cmd = c
		}
	}
	if cmd == nil {
		return args
	}
	takesValue := map[string]bool{"help": false, "h": false}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	out := append([]string{}, args[:ci+1]...)
	var paths []string
	dangling := "" // a flag that needs a value, last on the line
	rest := args[ci+1:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		switch {
		case a == "--":
			paths = append(paths, rest[i+1:]...)
			i = len(rest)
		case a == "-" || !strings.HasPrefix(a, "-"):
			paths = append(paths, a)
		case strings.Contains(a, "="):
			out = append(out, a) // --format=json, -n=2
		default:
			name := strings.TrimLeft(a, "-")
			if tv, known := takesValue[name]; known {
				switch {
				case tv && i+1 < len(rest):
					out = append(out, a, rest[i+1])
					i++
				case tv:
					dangling = a
				default:
					out = append(out, a)
				}
				continue
			}
			if strings.HasPrefix(a, "--") {
				out = append(out, a) // unknown: reported by the parser
				continue
			}
			split, consumed := splitShort(name, takesValue, rest[i+1:])
			if split == nil {
				out = append(out, a)
				continue
			}
			out = append(out, split...)
			i += consumed
		}
	}
	if dangling != "" {
		// Last, so that the parser reports that it needs a value.
		return append(out, dangling)
	}
	if len(paths) > 0 {
		out = append(out, "--")
		out = append(out, paths...)
	}
	return out
}

// splitShort splits combined one-letter flags ("qf", "n2"): bool flags one
// by one, and a flag that takes a value takes the rest of the word or else
// the next argument (consumed: 1). It returns nil when a letter is not a
// one-letter flag of the command.
func splitShort(name string, takesValue map[string]bool, next []string) (split []string, consumed int) {
	for i, r := range name {
		tv, known := takesValue[string(r)]
		if !known || r >= 0x80 {
			return nil, 0
		}
		split = append(split, "-"+string(r))
		if tv {
			if v := name[i+1:]; v != "" {
				return append(split, v), 0
			}
			if len(next) > 0 {
				return append(split, next[0]), 1
			}
			return split, 0
		}
	}
	return split, 0
}
