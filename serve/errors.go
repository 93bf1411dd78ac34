package serve

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
)

// Error codes of the API's own errors. An article that cannot be processed
// is answered with its error record, whose code is one of the record's
// (empty, binary, encoding, json, missing_text, too_large, read, internal).
const (
	codeBadRequest       = "bad_request"
	codeBadOption        = "bad_option"
	codeJSON             = "json"
	codeTooLarge         = "too_large"
	codeMediaType        = "unsupported_media_type"
	codeMethod           = "method_not_allowed"
	codeNotFound         = "not_found"
	codeForbidden        = "forbidden"
	codeSaturated        = "saturated"
	codeTimeout          = "timeout"
	codeInternal         = "internal"
	retryAfterSaturated  = "1"
	retryAfterTimeoutSec = "5"
)

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// writeError answers {"error": {"code", "message"}} with status.
func writeError(w http.ResponseWriter, status int, code, message string) {
	setErrCode(w, code)
	writeJSON(w, status, errorBody{errorDetail{Code: code, Message: message}})
}

// writeJSON answers v as one line of JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"error":{"code":"internal","message":"internal error"}}` + "\n")
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// allowMethod answers 405 unless r's method is one of methods.
func allowMethod(w http.ResponseWriter, r *http.Request, methods ...string) bool {
	for _, m := range methods {
		if r.Method == m {
			return true
		}
	}
	w.Header().Set("Allow", strings.Join(methods, ", "))
	writeError(w, http.StatusMethodNotAllowed, codeMethod, "method "+r.Method+" is not allowed here; use "+strings.Join(methods, " or "))
	return false
}

// setErrCode tells the metrics which error a request was answered with.
func setErrCode(w http.ResponseWriter, code string) {
	if sw, ok := w.(*statusWriter); ok && sw.errCode == "" {
		sw.errCode = code
	}
}
