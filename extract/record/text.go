package record

import (
	"errors"
	"strings"

	"github.com/vnews/vnews/nlp"
)

// decodePage decodes an HTML page and keeps its main text (NFC), with the
// page's title, date and warnings. A page without text gives nlp.ErrEmpty.
func decodePage(raw []byte, enc nlp.Encoding) (nlp.Decoded, htmlArticle, error) {
	dec, err := decodeHTML(raw, enc)
	if err != nil {
		return dec, htmlArticle{}, err
	}
	page := parseHTML(dec.Text)
	dec.Text = nlp.Normalize(page.Text)
	dec.Warnings = append(dec.Warnings, page.Warnings...)
	if strings.TrimSpace(dec.Text) == "" {
		err = nlp.ErrEmpty
	}
	return dec, page, err
}

// ArticleText returns an article's text as Build reads it, decoded and NFC
// normalized but not analyzed: a JSON Lines article's "text", an HTML
// page's main text, or a text file's bytes decoded under enc. An article
// that cannot be read gives its error record's Error.
func ArticleText(a Article, enc nlp.Encoding) (string, *Error) {
	if a.Err != nil {
		return "", a.Err
	}
	var dec nlp.Decoded
	var err error
	switch {
	case a.JSON:
		dec, err = nlp.DecodeString(a.Text)
	case a.HTML:
		dec, _, err = decodePage(a.Raw, enc)
	default:
		dec, err = nlp.Decode(a.Raw, enc)
	}
	switch {
	case err == nil:
		return dec.Text, nil
	case errors.Is(err, nlp.ErrEmpty):
		return "", &Error{Code: CodeEmpty, Message: "the article has no text"}
	case errors.Is(err, nlp.ErrBinary):
		return "", &Error{Code: CodeBinary, Message: "the input is binary data, not text"}
	}
	return "", &Error{Code: CodeEncoding, Message: err.Error()}
}
