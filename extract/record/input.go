package record

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// InputMode says how input files are read.
type InputMode string

// Input modes: one article per text file, one per JSON Lines line, or by
// file extension and content.
const (
	InputAuto  InputMode = "auto"
	InputText  InputMode = "text"
	InputJSONL InputMode = "jsonl"
	InputHTML  InputMode = "html"
)

// ParseInputMode checks a --input value.
func ParseInputMode(s string) (InputMode, error) {
	switch m := InputMode(strings.ToLower(s)); m {
	case InputAuto, InputText, InputJSONL, InputHTML:
		return m, nil
	case "":
		return InputAuto, nil
	}
	return "", fmt.Errorf("unknown input mode %q (want text, jsonl or auto)", s)
}

// Article is one input article before processing: either raw bytes (a text
// file) or the fields of a JSON Lines object.
type Article struct {
	ID        string
	Source    string // file path, "file.jsonl:LINE", or "-" for standard input
	Title     string
	Published string
	URL       string
	Raw       []byte // text input: bytes still to decode
	Text      string // JSONL input: the "text" field
	JSON      bool   // the article came from JSON Lines
	HTML      bool   // Raw is an HTML page
	Extra     map[string]json.RawMessage
	Err       *Error // the input is already known to be bad
}

// ErrNotFound reports an input path that does not exist.
var ErrNotFound = errors.New("record: no such file or directory")

// Extensions of the files a directory walk picks up.
var walkExtensions = map[string]bool{".txt": true, ".jsonl": true, ".html": true, ".htm": true}

// Reader reads articles from files, directories and standard input.
type Reader struct {
	Mode     InputMode
	Stdin    io.Reader
	MaxBytes int64 // articles larger than this get a too_large error record; 0: no limit
	// Failed is set when a file could not be read (the run's exit status is 3).
	Failed bool
}

// CheckPaths returns an error naming the first path that does not exist.
func CheckPaths(paths []string) error {
	for _, p := range paths {
		if p == "-" {
			continue
		}
		if _, err := os.Stat(p); err != nil {
			if m, _ := filepath.Glob(p); isGlob(p) && len(m) > 0 {
				continue
			}
			if errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("%s: %w", p, ErrNotFound)
			}
			return err
		}
	}
	return nil
}

// Articles yields every article of the paths in order: files in the order
// given, directories walked in lexical order (.txt, .jsonl, .html, .htm),
// patterns ("data/*.html") expanded in lexical order. No path, or "-", is
// standard input. Unreadable inputs yield an article with Err set, so every input
// keeps its place.
func (r *Reader) Articles(paths []string) iter.Seq[Article] {
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	return func(yield func(Article) bool) {
		for _, p := range expandGlobs(paths) {
			if p == "-" {
				if !r.readStream(r.Stdin, "-", "stdin", yield) {
					return
				}
				continue
			}
			info, err := os.Stat(p)
			if err != nil {
				r.Failed = true
				if !yield(Article{ID: idFromPath(p), Source: p, Err: &Error{Code: CodeRead, Message: err.Error()}}) {
					return
				}
				continue
			}
			if !info.IsDir() {
				if !r.readFile(p, yield) {
					return
				}
				continue
			}
			var files []walked
			walkErr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					files = append(files, walked{path: path}) // reported as unreadable below
					return nil
				}
				if !d.IsDir() && walkExtensions[strings.ToLower(filepath.Ext(path))] {
					files = append(files, walked{path: path, special: specialFile(path, d)})
				}
				return nil
			})
			if walkErr != nil {
				r.Failed = true
			}
			for _, f := range files {
				if f.special != "" {
					// Reading a FIFO or a device could block for ever or never
					// end: a walk reads regular files only.
					r.Failed = true
					if !yield(Article{ID: idFromPath(f.path), Source: f.path, Err: &Error{Code: CodeRead,
						Message: "not a regular file (" + f.special + "); a directory walk reads regular files only"}}) {
						return
					}
					continue
				}
				if !r.readFile(f.path, yield) {
					return
				}
			}
		}
	}
}

// walked is a file found by a directory walk; special names its kind when
// it is not a regular file.
type walked struct {
	path    string
	special string
}

// specialFile names the kind of a walked file that is not a regular file
// ("named pipe", "device", "socket"), following a symbolic link; "" for a
// regular file or one that cannot be looked at (reading it reports why).
func specialFile(path string, d fs.DirEntry) string {
	mode := d.Type()
	if mode&fs.ModeSymlink != 0 {
		info, err := os.Stat(path)
		if err != nil {
			return ""
		}
		mode = info.Mode().Type()
	}
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "named pipe"
	case mode&fs.ModeSocket != 0:
		return "socket"
	case mode&fs.ModeDevice != 0, mode&fs.ModeCharDevice != 0:
		return "device"
	case mode&fs.ModeIrregular != 0:
		return "irregular file"
	case mode.IsDir():
		return "directory"
	}
	return ""
}

// isGlob reports a path with shell pattern characters.
func isGlob(p string) bool { return strings.ContainsAny(p, "*?[") }

// expandGlobs replaces each pattern that names no file itself ("data/*.txt"
// quoted past the shell, or on a system whose shell does not expand it) by
// its matches in lexical order. A pattern without matches stays, to be
// reported as missing.
func expandGlobs(paths []string) []string {
	var out []string
	for _, p := range paths {
		if p != "-" && isGlob(p) {
			if _, err := os.Stat(p); err != nil {
				if m, _ := filepath.Glob(p); len(m) > 0 {
					out = append(out, m...)
					continue
				}
			}
		}
		out = append(out, p)
	}
	return out
}

func idFromPath(p string) string {
	base := filepath.Base(p)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

func (r *Reader) readFile(path string, yield func(Article) bool) bool {
	f, err := os.Open(path)
	if err != nil {
		r.Failed = true
		return yield(Article{ID: idFromPath(path), Source: path, Err: &Error{Code: CodeRead, Message: err.Error()}})
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		r.Failed = true
		return yield(Article{ID: idFromPath(path), Source: path, Err: &Error{Code: CodeRead, Message: "is a directory"}})
	}
	return r.readStream(f, path, idFromPath(path), yield)
}

// readStream reads one input: JSON Lines articles or a single text article.
func (r *Reader) readStream(in io.Reader, source, id string, yield func(Article) bool) bool {
	br := bufio.NewReaderSize(in, 64*1024)
	jsonl := r.Mode == InputJSONL
	if r.Mode == InputAuto {
		if strings.EqualFold(filepath.Ext(source), ".jsonl") {
			jsonl = true
		} else if source == "-" {
			jsonl = firstNonBlank(br) == '{'
		}
	}
	if jsonl {
		return r.readJSONL(br, source, yield)
	}
	a := Article{ID: id, Source: source}
	switch ext := strings.ToLower(filepath.Ext(source)); {
	case r.Mode == InputHTML:
		a.HTML = true
	case r.Mode == InputAuto && (ext == ".html" || ext == ".htm"):
		a.HTML = true
	case r.Mode == InputAuto && source == "-":
		head, _ := br.Peek(512)
		a.HTML = looksLikeHTML(head)
	}
	data, err := readLimited(br, r.MaxBytes)
	switch {
	case errors.Is(err, errTooLarge):
		a.Err = &Error{Code: CodeTooLarge, Message: fmt.Sprintf("article is larger than --max-bytes %d", r.MaxBytes)}
	case err != nil:
		r.Failed = true
		a.Err = &Error{Code: CodeRead, Message: err.Error()}
	default:
		a.Raw = data
	}
	return yield(a)
}

var errTooLarge = errors.New("too large")

// readLimited reads all of r, failing with errTooLarge past max bytes (0: no
// limit). It stops reading at the limit: the rest of an endless input
// (/dev/zero, yes) is never read.
func readLimited(r io.Reader, max int64) ([]byte, error) {
	if max <= 0 {
		return io.ReadAll(r)
	}
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, errTooLarge
	}
	return data, nil
}

// firstNonBlank peeks at the first byte that is not white space (or a BOM).
func firstNonBlank(br *bufio.Reader) byte {
	for n := 64; ; n *= 2 {
		b, err := br.Peek(n)
		t := bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), " \t\r\n")
		if len(t) > 0 {
			return t[0]
		}
		if err != nil || n >= br.Size() {
			return 0
		}
	}
}

// jsonArticle is the input object of a JSON Lines line.

func (r *Reader) readJSONL(br *bufio.Reader, source string, yield func(Article) bool) bool {
	line := 0
	for {
		data, err := readLine(br, r.MaxBytes)
		if len(data) == 0 && err == io.EOF {
			return true
		}
		line++
		src := source + ":" + strconv.Itoa(line)
		if errors.Is(err, errTooLarge) {
			if !yield(Article{ID: strconv.Itoa(line), Source: src, JSON: true,
				Err: &Error{Code: CodeTooLarge, Message: fmt.Sprintf("line is larger than --max-bytes %d", r.MaxBytes)}}) {
				return false
			}
			// The record is out; now pass over the rest of the line, in
			// constant memory, to reach the next article.
			if err := skipLine(br); err == io.EOF {
				return true
			} else if err != nil {
				r.Failed = true
				return yield(Article{Source: src, Err: &Error{Code: CodeRead, Message: err.Error()}})
			}
			continue
		}
		if line == 1 {
			data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte order mark
		}
		if err != nil && err != io.EOF {
			r.Failed = true
			return yield(Article{Source: src, Err: &Error{Code: CodeRead, Message: err.Error()}})
		}
		if t := bytes.TrimSpace(data); len(t) > 0 {
			if !yield(parseJSONArticle(t, src, line)) {
				return false
			}
		}
		if err == io.EOF {
			return true
		}
	}
}

// readLine reads one line of any length (without its newline). Past max
// bytes it stops with errTooLarge, the rest of the line unread (skipLine).
func readLine(br *bufio.Reader, max int64) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if max > 0 && int64(len(buf)+len(chunk)) > max+1 {
			if err == nil || err == io.EOF {
				br.UnreadByte() // leave the newline (or nothing) for skipLine
			}
			return []byte{0}, errTooLarge
		}
		buf = append(buf, chunk...)
		switch {
		case err == nil:
			return bytes.TrimRight(buf, "\r\n"), nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		default:
			return bytes.TrimRight(buf, "\r\n"), err
		}
	}
}

// skipLine reads past the rest of a line, in constant memory.
func skipLine(br *bufio.Reader) error {
	for {
		_, err := br.ReadSlice('\n')
		if !errors.Is(err, bufio.ErrBufferFull) {
			return err
		}
	}
}

func parseJSONArticle(data []byte, src string, line int) Article {
	a := Article{Source: src, JSON: true, ID: strconv.Itoa(line)}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil || all == nil {
		a.Err = &Error{Code: CodeJSON, Message: notAnObject(data, err)}
		return a
	}
	if id := jsonScalar(all["id"]); id != "" {
		a.ID = id
	}
	a.Title, a.Published, a.URL = jsonScalar(all["title"]), jsonScalar(all["published"]), jsonScalar(all["url"])
	for k, v := range all {
		switch k {
		case "id", "text", "title", "published", "url":
		default:
			if a.Extra == nil {
				a.Extra = map[string]json.RawMessage{}
			}
			a.Extra[k] = v
		}
	}
	raw, ok := all["text"]
	if !ok {
		a.Err = &Error{Code: CodeMissingText, Message: `the object has no "text" field (the article's text, a string)`}
		return a
	}
	if err := json.Unmarshal(raw, &a.Text); err != nil || string(raw) == "null" {
		a.Err = &Error{Code: CodeMissingText, Message: fmt.Sprintf(`the "text" field is %s, not a string`, jsonKind(raw))}
	}
	return a
}

// notAnObject says why a JSON Lines line is not an article object, in terms
// a user can act on.
func notAnObject(data []byte, err error) string {
	if !json.Valid(data) {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fmt.Sprintf("line is not valid JSON: %v (at byte %d)", se, se.Offset)
		}
		return "line is not valid JSON"
	}
	return fmt.Sprintf("line is %s, not a JSON object such as {\"id\": \"...\", \"text\": \"...\"}", jsonKind(data))
}

// jsonKind names the kind of a valid JSON value: "an array", "a number", ...
func jsonKind(v []byte) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return "empty"
	}
	switch v[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// jsonScalar renders a JSON string or number as text ("" for anything else).
func jsonScalar(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}
