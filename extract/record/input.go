package record

import (
	"bufio"
	"bytes"
	"compress/gzip"
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
	// Body is a plain-text article's bytes, still to decode, when the
	// Reader streams text (Reader.StreamText) instead of filling Raw. It
	// is valid until the next article is asked for.
	Body io.Reader
	// Size is how many bytes of the input (as stored: compressed for a
	// .gz file) were read for this article, for progress reports.
	Size int64
}

// ErrNotFound reports an input path that does not exist.
var ErrNotFound = errors.New("record: no such file or directory")

// Extensions of the files a directory walk picks up, also with ".gz" after
// them: .jsonl and .ndjson are JSON Lines; .json is JSON Lines or one array
// of article objects.
var walkExtensions = map[string]bool{".txt": true, ".jsonl": true, ".ndjson": true, ".json": true, ".html": true, ".htm": true}

// Reader reads articles from files, directories and standard input.
type Reader struct {
	Mode     InputMode
	Stdin    io.Reader
	MaxBytes int64 // articles larger than this get a too_large error record; 0: no limit
	// StreamText gives plain-text articles as Article.Body, read as the
	// caller goes, instead of whole in Article.Raw (MaxBytes does not
	// apply to them then).
	StreamText bool
	// Skipped, when set, is called after a directory walk that passed over
	// files it does not read, with their number per extension (".pdf", or
	// "" for files without one). Hidden files and directories (".git") are
	// passed over without a count.
	Skipped func(dir string, counts map[string]int)
	// Failed is set when a file could not be read (the run's exit status is 3).
	Failed bool

	unattributed int64 // bytes read that no article has counted yet
}

// extOf returns a path's extension in lower case, the one before ".gz" for
// a compressed file, and whether it is compressed.
func extOf(path string) (ext string, gz bool) {
	ext = strings.ToLower(filepath.Ext(path))
	if ext == ".gz" {
		return strings.ToLower(filepath.Ext(strings.TrimSuffix(path, filepath.Ext(path)))), true
	}
	return ext, false
}

// TotalSize returns the size in bytes (as stored) of everything Articles
// would read from paths, and false when that is not known beforehand
// (standard input, a pipe).
func (r *Reader) TotalSize(paths []string) (int64, bool) {
	if len(paths) == 0 {
		return 0, false
	}
	var total int64
	for _, p := range expandGlobs(paths) {
		if p == "-" {
			return 0, false
		}
		info, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !info.IsDir() {
			if !info.Mode().IsRegular() {
				return 0, false
			}
			total += info.Size()
			continue
		}
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if hidden(path, p, d) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if ext, _ := extOf(path); !d.IsDir() && walkExtensions[ext] {
				if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() {
					total += info.Size()
				}
			}
			return nil
		})
	}
	return total, true
}

// hidden reports a file or directory below the walk's root whose name
// starts with a dot (.git, .DS_Store): walks pass over them, as ripgrep does.
func hidden(path, root string, d fs.DirEntry) bool {
	return path != root && strings.HasPrefix(d.Name(), ".")
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
			var skipped map[string]int
			walkErr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					files = append(files, walked{path: path}) // reported as unreadable below
					return nil
				}
				if hidden(path, p, d) {
					if d.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				if d.IsDir() {
					return nil
				}
				ext, gz := extOf(path)
				if walkExtensions[ext] {
					files = append(files, walked{path: path, special: specialFile(path, d)})
					return nil
				}
				if skipped == nil {
					skipped = map[string]int{}
				}
				if gz {
					ext += ".gz"
				}
				skipped[ext]++
				return nil
			})
			if walkErr != nil {
				r.Failed = true
			}
			if skipped != nil && r.Skipped != nil {
				r.Skipped(p, skipped)
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

// Stream yields the articles of one input that is not a local file (an
// object in a bucket, say) read from in, as Articles yields those of a file
// named name: gzip is decompressed; JSON Lines, a JSON array or one text or
// HTML article by Mode, the name's extension and the content; a text
// article's id is the name's base without its extensions. Read failures
// give articles with Err set and set Failed.
func (r *Reader) Stream(in io.Reader, name string) iter.Seq[Article] {
	return func(yield func(Article) bool) {
		r.readStream(in, name, idFromPath(name), yield)
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
	if strings.EqualFold(filepath.Ext(base), ".gz") {
		base = base[:len(base)-3]
	}
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
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

// readStream reads one input: JSON Lines articles, a JSON array of them, or
// a single text or HTML article. Gzip input (a .gz name, or gzip's magic
// bytes) is decompressed first.
func (r *Reader) readStream(in io.Reader, source, id string, yield func(Article) bool) bool {
	cr := &countingReader{r: in}
	// size attributes the bytes read so far to the article about to be
	// yielded.
	size := func(a Article) Article {
		a.Size = r.unattributed + cr.n
		r.unattributed, cr.n = 0, 0
		return a
	}
	defer func() { r.unattributed += cr.n }()
	br := bufio.NewReaderSize(cr, 64*1024)
	ext, gz := "", false
	if source != "-" {
		ext, gz = extOf(source)
	}
	if magic, _ := br.Peek(2); gz || bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			r.Failed = true
			return yield(size(Article{ID: id, Source: source, Err: &Error{Code: CodeRead, Message: "not valid gzip data: " + err.Error()}}))
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 64*1024)
	}
	sniff := source == "-" || gz && !walkExtensions[ext]
	kind := ""
	switch {
	case r.Mode == InputJSONL, r.Mode == InputAuto && (ext == ".jsonl" || ext == ".ndjson" || ext == ".json"),
		r.Mode == InputAuto && sniff && firstNonBlank(br) == '{':
		kind = "jsonl"
		if jsonArray(br) {
			kind = "array"
		}
	case r.Mode == InputAuto && sniff && jsonArray(br):
		kind = "array"
	}
	switch kind {
	case "jsonl":
		return r.readJSONL(br, source, func(a Article) bool { return yield(size(a)) })
	case "array":
		return r.readJSONArray(br, source, func(a Article) bool { return yield(size(a)) })
	}
	a := Article{ID: id, Source: source}
	switch {
	case r.Mode == InputHTML:
		a.HTML = true
	case r.Mode == InputAuto && (ext == ".html" || ext == ".htm"):
		a.HTML = true
	case r.Mode == InputAuto && sniff:
		head, _ := br.Peek(512)
		a.HTML = looksLikeHTML(head)
	}
	if r.StreamText && !a.HTML {
		a.Body = br
		return yield(size(a))
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
	return yield(size(a))
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

// jsonArray reports input that is a JSON array of objects: "[" and then
// "{" (or "]"), white space between. Text that merely starts with "[" (a
// "[Video] ..." title) is not.
func jsonArray(br *bufio.Reader) bool {
	if firstNonBlank(br) != '[' {
		return false
	}
	for n := 64; ; n *= 2 {
		b, err := br.Peek(n)
		t := bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), " \t\r\n")
		t = bytes.TrimLeft(t[1:], " \t\r\n")
		if len(t) > 0 {
			return t[0] == '{' || t[0] == ']'
		}
		if err != nil || n >= br.Size() {
			return false
		}
	}
}

// readJSONArray reads a JSON array of article objects, one article per
// element, streamed: the source of element N (from 1) is "source:N".
func (r *Reader) readJSONArray(br *bufio.Reader, source string, yield func(Article) bool) bool {
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3) // a UTF-8 byte order mark
	}
	dec := json.NewDecoder(br)
	if _, err := dec.Token(); err != nil { // the "["
		return yield(Article{Source: source, JSON: true, Err: &Error{Code: CodeJSON, Message: "not a JSON array: " + err.Error()}})
	}
	for n := 1; dec.More(); n++ {
		src := source + ":" + strconv.Itoa(n)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			// The rest of the array cannot be found again: one error
			// record for it, and the file ends here.
			return yield(Article{ID: strconv.Itoa(n), Source: src, JSON: true,
				Err: &Error{Code: CodeJSON, Message: fmt.Sprintf("element %d of the array is not valid JSON: %v; the rest of the file is not read", n, err)}})
		}
		a := parseJSONArticle(raw, src, n)
		if r.MaxBytes > 0 && int64(len(raw)) > r.MaxBytes {
			a = Article{ID: strconv.Itoa(n), Source: src, JSON: true,
				Err: &Error{Code: CodeTooLarge, Message: fmt.Sprintf("element is larger than --max-bytes %d", r.MaxBytes)}}
		}
		if !yield(a) {
			return false
		}
	}
	return true
}

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
// A line that fits in br's buffer is returned in place, without a copy:
// it is valid until the next read.
func readLine(br *bufio.Reader, max int64) ([]byte, error) {
	var buf []byte
	for first := true; ; first = false {
		chunk, err := br.ReadSlice('\n')
		if first && err == nil && (max <= 0 || int64(len(chunk)) <= max+1) {
			return bytes.TrimRight(chunk, "\r\n"), nil
		}
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

// parseJSONArticle reads one JSON Lines article: in one pass when it is a
// flat object of strings (parseFlatArticle), else through encoding/json.
func parseJSONArticle(data []byte, src string, line int) Article {
	if a, ok := parseFlatArticle(data, src, line); ok {
		return a
	}
	return parseJSONValue(data, src, line)
}

// parseJSONValue reads any JSON Lines line, and says what is wrong with
// one that is not an article.
func parseJSONValue(data []byte, src string, line int) Article {
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
	var kept map[string]json.RawMessage // fields whose names the record uses itself
	for k, v := range all {
		switch {
		case k == "text":
		case k == "id" || k == "title" || k == "published" || k == "url":
			if jsonScalar(v) == "" && string(v) != `""` {
				// Not a string or a number (an object, a list, null): the
				// record cannot show it in its own field.
				kept = keep(kept, k, v)
			}
		case reservedKeys[k] || k == InputKey:
			kept = keep(kept, k, v)
		default:
			if a.Extra == nil {
				a.Extra = map[string]json.RawMessage{}
			}
			a.Extra[k] = v
		}
	}
	if kept != nil {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if enc.Encode(kept) == nil { // keys sorted; the values are valid JSON already
			if a.Extra == nil {
				a.Extra = map[string]json.RawMessage{}
			}
			a.Extra[InputKey] = bytes.TrimRight(buf.Bytes(), "\n")
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

func keep(m map[string]json.RawMessage, k string, v json.RawMessage) map[string]json.RawMessage {
	if m == nil {
		m = map[string]json.RawMessage{}
	}
	m[k] = v
	return m
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
