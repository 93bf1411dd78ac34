package index

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"sync"

	kflate "github.com/klauspost/compress/flate"
)

// Articles' texts are stored compressed (schema version 4): a BLOB in the
// text column is the text's UTF-8 bytes in raw DEFLATE (RFC 1951), which
// halves news text (2.2 times smaller on VietNews articles). A TEXT value
// is a text stored as it is, by version 3 or before; NULL is an article
// whose text the index does not keep.
//
// The compressor is klauspost/compress's flate at level 2: the same format
// and ratio as the standard library's flate.BestSpeed, at 150-180 MB/s
// instead of 57 (19 µs per VietNews article instead of 52), which is a
// tenth of the index's own cost per article. The standard library reads it.

var deflaters = sync.Pool{New: func() any {
	w, _ := kflate.NewWriter(nil, 2) // the level is valid
	return w
}}

// packText is how a text is stored: its compressed bytes, or the empty
// string for an empty text.
func packText(s string) any {
	if s == "" {
		return ""
	}
	var b bytes.Buffer
	b.Grow(len(s)/2 + 64)
	w := deflaters.Get().(*kflate.Writer)
	w.Reset(&b)
	io.WriteString(w, s) // writes to a bytes.Buffer do not fail
	w.Close()
	deflaters.Put(w)
	return b.Bytes()
}

var inflaters sync.Pool // flate readers, reset for each text

// unpackText reads a stored text column: the text, and whether the index
// keeps one.
func unpackText(v any) (string, bool, error) {
	switch v := v.(type) {
	case nil:
		return "", false, nil
	case string:
		return v, true, nil
	case []byte:
		src := bytes.NewReader(v)
		r, _ := inflaters.Get().(io.ReadCloser)
		if r == nil {
			r = flate.NewReader(src)
		} else {
			r.(flate.Resetter).Reset(src, nil)
		}
		b, err := io.ReadAll(r)
		inflaters.Put(r)
		if err != nil {
			return "", false, fmt.Errorf("index: a stored text is damaged: %w", err)
		}
		return string(b), true, nil
	}
	return "", false, fmt.Errorf("index: a stored text is a %T", v)
}
