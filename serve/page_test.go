package serve

import (
	"regexp"
	"strings"
	"testing"
)

func TestPageFiles(t *testing.T) {
	s := newServer(t, Config{})
	tests := []struct{ path, ctype string }{
		{"/", "text/html; charset=utf-8"},
		{"/index.html", "text/html; charset=utf-8"},
		{"/app.js", "text/javascript; charset=utf-8"},
		{"/style.css", "text/css; charset=utf-8"},
		{"/favicon.svg", "image/svg+xml"},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			w := do(t, s, "GET", tc.path, "", nil)
			if w.Code != 200 || w.Header().Get("Content-Type") != tc.ctype || w.Body.Len() == 0 {
				t.Fatalf("status %d, Content-Type %q, %d bytes", w.Code, w.Header().Get("Content-Type"), w.Body.Len())
			}
			csp := w.Header().Get("Content-Security-Policy")
			for _, need := range []string{"script-src 'self'", "default-src 'none'", "frame-ancestors 'none'"} {
				if !strings.Contains(csp, need) {
					t.Errorf("CSP %q lacks %q", csp, need)
				}
			}
			if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
				t.Errorf("CSP allows inline script: %q", csp)
			}
			if w.Header().Get("X-Content-Type-Options") != "nosniff" {
				t.Error("no nosniff")
			}
			// Offline: nothing is fetched from elsewhere.
			if m := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:)?//|@import|url\(\s*["']?https?:`).FindString(w.Body.String()); m != "" {
				t.Errorf("refers to another site: %q", m)
			}
		})
	}
	t.Run("HEAD", func(t *testing.T) {
		if w := do(t, s, "HEAD", "/", "", nil); w.Code != 200 {
			t.Errorf("status %d", w.Code)
		}
	})
}

// TestPageScriptSafety checks the page's source: its only script is the
// external file, and the script never turns a string into HTML or code.
func TestPageScriptSafety(t *testing.T) {
	s := newServer(t, Config{})
	html := do(t, s, "GET", "/", "", nil).Body.String()
	scripts := regexp.MustCompile(`(?is)<script\b([^>]*)>(.*?)</script>`).FindAllStringSubmatch(html, -1)
	if len(scripts) != 1 || !strings.Contains(scripts[0][1], `src="/app.js"`) || strings.TrimSpace(scripts[0][2]) != "" {
		t.Errorf("want one external script and no inline one, got %q", scripts)
	}
	if m := regexp.MustCompile(`(?i)\son[a-z]+\s*=`).FindString(html); m != "" {
		t.Errorf("inline event handler %q", m)
	}
	js := do(t, s, "GET", "/app.js", "", nil).Body.String()
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "createContextualFragment", "DOMParser"} {
		if strings.Contains(js, bad) {
			t.Errorf("app.js uses %s", bad)
		}
	}
}
