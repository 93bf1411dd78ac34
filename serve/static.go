package serve

import (
	"bytes"
	"embed"
	"net/http"
	"time"
)

// The page: plain HTML, CSS and JavaScript, embedded, no build step and no
// request leaves the server (no CDN, no web fonts).
//
//go:embed static
var staticFS embed.FS

// staticFiles maps the page's paths to their embedded files and types.
var staticFiles = map[string][2]string{
	"/":            {"static/index.html", "text/html; charset=utf-8"},
	"/index.html":  {"static/index.html", "text/html; charset=utf-8"},
	"/app.js":      {"static/app.js", "text/javascript; charset=utf-8"},
	"/style.css":   {"static/style.css", "text/css; charset=utf-8"},
	"/favicon.svg": {"static/favicon.svg", "image/svg+xml"},
}

// static serves the page's files from the embedded file system, and 404 as
// JSON for any other path: a request never reaches the disk.
func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	f, ok := staticFiles[r.URL.Path]
	if !ok {
		writeError(w, http.StatusNotFound, codeNotFound, "no such endpoint: "+r.URL.Path)
		return
	}
	if !allowMethod(w, r, http.MethodGet, http.MethodHead) {
		return
	}
	data, err := staticFS.ReadFile(f[0])
	if err != nil {
		writeError(w, http.StatusInternalServerError, codeInternal, "internal error")
		return
	}
	w.Header().Set("Content-Type", f[1])
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
}
