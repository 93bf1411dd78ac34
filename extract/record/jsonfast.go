package record

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"
	"unsafe"
)

// parseFlatArticle reads, in one pass, the common JSON Lines article: an
// object whose values are all strings, with a "text", no field named twice,
// no field name with an escape or that the record keeps in its "input"
// field, and strings without surrogate escapes. It gives the Article that
// parseJSONArticle's general path gives for the same line, and false for
// any other line, which that path then reads (and reports on).
func parseFlatArticle(data []byte, src string, line int) (Article, bool) {
	a := Article{Source: src, JSON: true, ID: strconv.Itoa(line)}
	i := skipWS(data, 0)
	if i >= len(data) || data[i] != '{' {
		return a, false
	}
	i = skipWS(data, i+1)
	var seen uint8 // id, title, published, url, text
	hasText := false
	for first := true; ; first = false {
		if i < len(data) && data[i] == '}' && first {
			return a, false // {}: no text
		}
		// "key"
		if i >= len(data) || data[i] != '"' {
			return a, false
		}
		ks := i + 1
		ke := ks
		for ke < len(data) && data[ke] != '"' {
			if c := data[ke]; c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
				return a, false // escaped or non-ASCII names: the general path
			}
			ke++
		}
		if ke >= len(data) {
			return a, false
		}
		key := data[ks:ke]
		i = skipWS(data, ke+1)
		if i >= len(data) || data[i] != ':' {
			return a, false
		}
		i = skipWS(data, i+1)
		vs := i
		if i >= len(data) || data[i] != '"' {
			return a, false // not a string
		}
		str, end, ok := unquoteJSON(data, i)
		if !ok {
			return a, false
		}
		raw := data[vs:end]
		i = skipWS(data, end)
		var bit uint8
		switch string(key) {
		case "id":
			bit = 1
			if str != "" {
				a.ID = str
			}
		case "title":
			bit, a.Title = 2, str
		case "published":
			bit, a.Published = 4, str
		case "url":
			bit, a.URL = 8, str
		case "text":
			bit, a.Text, hasText = 16, str, true
		default:
			if reservedKeys[string(key)] || string(key) == InputKey {
				return a, false
			}
			if a.Extra == nil {
				a.Extra = map[string]json.RawMessage{}
			}
			k := string(key)
			if _, dup := a.Extra[k]; dup {
				return a, false
			}
			a.Extra[k] = json.RawMessage(append([]byte(nil), raw...))
		}
		if seen&bit != 0 {
			return a, false // a field named twice: the last one counts, as in the general path
		}
		seen |= bit
		if i >= len(data) {
			return a, false
		}
		switch data[i] {
		case ',':
			i = skipWS(data, i+1)
			continue
		case '}':
			if skipWS(data, i+1) != len(data) || !hasText {
				return a, false
			}
			return a, true
		}
		return a, false
	}
}

func skipWS(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// unquoteJSON reads the JSON string starting at data[i] (a quote): its
// value and the index after its closing quote. It refuses (ok false) what
// encoding/json would reject or rewrite: control characters, bad escapes,
// invalid UTF-8, and \u escapes of surrogates.
func unquoteJSON(data []byte, i int) (s string, end int, ok bool) {
	j := i + 1
	// The common case: no escape at all.
	for j < len(data) {
		c := data[j]
		if c == '"' {
			seg := data[i+1 : j]
			if !utf8.Valid(seg) {
				return "", 0, false
			}
			return string(seg), j + 1, true
		}
		if c == '\\' || c < 0x20 {
			break
		}
		j++
	}
	if j >= len(data) || data[j] < 0x20 {
		return "", 0, false
	}
	// The unquoted string is no longer than the quoted one.
	size := j - i
	for k := j; k < len(data) && data[k] != '"'; k++ {
		if data[k] == '\\' {
			k++
		}
		size = k - i
	}
	buf := make([]byte, 0, size)
	buf = append(buf, data[i+1:j]...)
	for j < len(data) {
		c := data[j]
		switch {
		case c == '"':
			if !utf8.Valid(buf) {
				return "", 0, false
			}
			// buf is not written again: the string shares its bytes, as
			// strings.Builder does.
			return unsafe.String(unsafe.SliceData(buf), len(buf)), j + 1, true
		case c < 0x20:
			return "", 0, false
		case c != '\\':
			// Copy the run up to the next quote or backslash.
			k := j + 1
			for k < len(data) && data[k] != '"' && data[k] != '\\' && data[k] >= 0x20 {
				k++
			}
			buf = append(buf, data[j:k]...)
			j = k
			continue
		}
		if j+1 >= len(data) {
			return "", 0, false
		}
		switch e := data[j+1]; e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			if j+6 > len(data) {
				return "", 0, false
			}
			var r rune
			for _, h := range data[j+2 : j+6] {
				switch {
				case '0' <= h && h <= '9':
					r = r<<4 | rune(h-'0')
				case 'a' <= h && h <= 'f':
					r = r<<4 | rune(h-'a'+10)
				case 'A' <= h && h <= 'F':
					r = r<<4 | rune(h-'A'+10)
				default:
					return "", 0, false
				}
			}
			if r >= 0xD800 && r < 0xE000 {
				return "", 0, false // surrogates: the general path pairs them
			}
			buf = utf8.AppendRune(buf, r)
			j += 6
			continue
		default:
			return "", 0, false
		}
		j += 2
	}
	return "", 0, false
}
