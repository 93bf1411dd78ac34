package serve

// The page, tested in a real browser: headless Chromium driven by chromedp
// (the one file that imports it). Without a chromium binary the test is
// skipped, except in CI (CI=true), where that is a failure.

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/vnews/vnews/extract/record"
)

// findChromium returns the browser to drive: $VNEWS_CHROMIUM, or the first
// of the usual names on $PATH.
func findChromium(t *testing.T) string {
	if p := os.Getenv("VNEWS_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no chromium binary found, and CI=true: the browser tests must run (.ci/run installs Debian's chromium)")
	}
	t.Skip("browser tests skipped: no chromium binary on $PATH (apt-get install chromium, or set VNEWS_CHROMIUM)")
	return ""
}

// js evaluates expr in the page.
func js[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// browserRecord is the record the page should show: what the API answers.
func browserRecord(t *testing.T, s *Server, query, article string) (record.Record, string) {
	t.Helper()
	w := do(t, s, "POST", "/v1/analyze"+query, "text/plain; charset=utf-8", []byte(article))
	if w.Code != 200 {
		t.Fatalf("API: %d %s", w.Code, w.Body)
	}
	return decodeRecord(t, w.Body.Bytes()), w.Body.String()
}

// shownEntities is what the page should highlight: entities in order,
// none overlapping one before it (as app.js renders them).
func shownEntities(r record.Record) []string {
	ents := slices.Clone(r.Entities)
	slices.SortStableFunc(ents, func(a, b record.Entity) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	var out []string
	last := -1
	for _, e := range ents {
		if e.Start >= last && e.End > e.Start {
			out = append(out, e.Type+":"+e.Text)
			last = e.End
		}
	}
	return out
}

func TestBrowser(t *testing.T) {
	exe := findChromium(t)
	s := newServer(t, Config{})
	ts := httptest.NewServer(s)
	defer ts.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.WindowSize(1280, 900))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()

	// What the page must never do: open a dialog, throw, break its CSP.
	var mu sync.Mutex
	var problems []string
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			problems = append(problems, "dialog opened: "+ev.Message)
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+ev.ExceptionDetails.Text)
		}
	})
	// Watch CSP violations, and stand in for the clipboard (headless
	// Chromium without a user gesture may refuse it).
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `
		window.__csp = [];
		document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
		if (navigator.clipboard) navigator.clipboard.writeText = t => { window.__copied = t; return Promise.resolve(); };
	`}); err != nil {
		t.Fatal(err)
	}
	// Run the steps within a bound: a page that never answers fails.
	ctx, cancelRun := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelRun()
	step := func(t *testing.T, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatal(err)
		}
	}
	// mark is the number of renders so far; waitRender waits for one more.
	mark := func(t *testing.T) int { return js[int](t, ctx, "+document.body.dataset.renders || 0") }
	waitRender := func(t *testing.T, since int) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf("+document.body.dataset.renders > %d", since),
			chromedp.WithPollingTimeout(30*time.Second))); err != nil {
			st, _ := chromedp.Run(ctx, chromedp.Text(chromedp.ID("status")))
			t.Fatalf("no render after %d: %v (status %q)", since, err, st)
		}
	}
	shots := t.TempDir()
	screenshot := func(t *testing.T, name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		for _, dir := range []string{shots, os.Getenv("VNEWS_SCREENSHOTS")} {
			if dir == "" {
				continue
			}
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("screenshot %s", p)
		}
	}

	article := string(readFile(t, "testdata/bai-bao.txt"))
	want, wantJSON := browserRecord(t, s, "?n=3", article)

	t.Run("load", func(t *testing.T) {
		step(t, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("article-input")))
		if got := js[string](t, ctx, "document.body.dataset.ready"); got != "1" {
			t.Fatalf("app.js did not run (ready %q)", got)
		}
		if got := js[string](t, ctx, "document.querySelector('#analyze').textContent"); got != "Phân tích" {
			t.Errorf("Vietnamese label %q", got)
		}
	})

	t.Run("paste and Ctrl+Enter", func(t *testing.T) {
		m := mark(t)
		step(t, chromedp.SetValue(chromedp.ID("article-input"), article), chromedp.Focus(chromedp.ID("article-input")),
			chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
		waitRender(t, m)
	})

	t.Run("summary", func(t *testing.T) {
		if got := js[string](t, ctx, "document.getElementById('summary-text').textContent"); got != want.Summary.Text {
			t.Errorf("summary %q, want %q", got, want.Summary.Text)
		}
		chosen := js[[]int](t, ctx, "[...document.querySelectorAll('#article .sent.chosen')].map(e => +e.dataset.sentence)")
		if fmt.Sprint(chosen) != fmt.Sprint(want.Summary.Sentences) {
			t.Errorf("highlighted sentences %v, want %v", chosen, want.Summary.Sentences)
		}
	})

	t.Run("article text", func(t *testing.T) {
		if got := js[string](t, ctx, "document.getElementById('article').textContent"); got != want.Text {
			t.Errorf("the article's text is not shown whole and as it is:\n%q\n%q", got, want.Text)
		}
	})

	t.Run("entities", func(t *testing.T) {
		got := js[[]string](t, ctx, "[...document.querySelectorAll('#article .ent')].map(e => e.dataset.type + ':' + e.textContent)")
		if w := shownEntities(want); fmt.Sprint(got) != fmt.Sprint(w) {
			t.Errorf("highlighted entities\n%v\nwant\n%v", got, w)
		}
		legend := js[[]string](t, ctx, "[...document.querySelectorAll('#legend-items label')].map(l => l.textContent)")
		if len(legend) < 4 || !strings.HasPrefix(legend[0], "Người") {
			t.Errorf("legend %q", legend)
		}
	})

	t.Run("filter", func(t *testing.T) {
		bg := "getComputedStyle(document.querySelector('#article .ent-PERSON')).backgroundColor"
		before := js[string](t, ctx, bg)
		step(t, chromedp.Click(chromedp.CSS(`#legend-items input[data-type="PERSON"]`)))
		after := js[string](t, ctx, bg)
		if before == after || after != "rgba(0, 0, 0, 0)" {
			t.Errorf("unticking PERSON: background %s → %s", before, after)
		}
		if js[string](t, ctx, "getComputedStyle(document.querySelector('#article .ent-RANK')).backgroundColor") == "rgba(0, 0, 0, 0)" {
			t.Error("unticking PERSON hid RANK")
		}
		step(t, chromedp.Click(chromedp.CSS(`#legend-items input[data-type="PERSON"]`)))
		if again := js[string](t, ctx, bg); again != before {
			t.Errorf("ticking PERSON again: %s, want %s", again, before)
		}
	})

	t.Run("hover shows normalized value", func(t *testing.T) {
		type box struct{ X, Y float64 }
		b := js[box](t, ctx, `(() => { const e = document.querySelector('#article .ent-RANK'); e.scrollIntoView({block: 'center'});
			const r = e.getBoundingClientRect(); return {X: r.left + r.width / 2, Y: r.top + r.height / 2}; })()`)
		step(t, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			_, err := chromedp.Call(ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{Type: input.DispatchMouseEventTypeMouseMoved, X: b.X, Y: b.Y})
			return chromedp.Void{}, err
		})
		tip := js[string](t, ctx, "document.getElementById('tooltip').hidden ? '' : document.getElementById('tooltip').textContent")
		if !strings.Contains(tip, "Đại tá") || !strings.Contains(tip, "Colonel") {
			t.Errorf("tooltip %q lacks the rank's canonical form and English", tip)
		}
	})

	t.Run("keyboard focus shows a date's value", func(t *testing.T) {
		step(t, chromedp.Focus(chromedp.CSS("#article .ent-DATE")))
		tip := js[string](t, ctx, "document.getElementById('tooltip').hidden ? '' : document.getElementById('tooltip').textContent")
		var dateValue string
		for _, e := range want.Entities {
			if e.Type == "DATE" {
				dateValue = e.Value
				break
			}
		}
		if dateValue == "" || !strings.Contains(tip, dateValue) {
			t.Errorf("tooltip %q lacks the date's value %q", tip, dateValue)
		}
		if js[string](t, ctx, "document.activeElement.className") != "ent ent-DATE" {
			t.Error("an entity cannot take the focus")
		}
	})

	t.Run("people table and keywords", func(t *testing.T) {
		rows := js[[][]string](t, ctx, "[...document.querySelectorAll('#people tbody tr')].map(r => [...r.cells].map(c => c.textContent))")
		if len(rows) != len(want.People) {
			t.Fatalf("%d rows, want %d", len(rows), len(want.People))
		}
		for i, p := range want.People {
			if w := []string{p.Name, p.Rank, p.Position, p.Unit, fmt.Sprint(p.Mentions)}; fmt.Sprint(rows[i]) != fmt.Sprint(w) {
				t.Errorf("row %d %q, want %q", i, rows[i], w)
			}
		}
		kws := js[[]string](t, ctx, "[...document.querySelectorAll('#keywords li')].map(l => l.textContent)")
		var w []string
		for _, k := range want.Keywords {
			w = append(w, k.Text)
		}
		if fmt.Sprint(kws) != fmt.Sprint(w) {
			t.Errorf("keywords %q, want %q", kws, w)
		}
	})

	t.Run("copy", func(t *testing.T) {
		step(t, chromedp.Click(chromedp.ID("copy")))
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool]("document.getElementById('copy-status').textContent !== ''", chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Fatal(err)
		}
		if got := js[string](t, ctx, "window.__copied || ''"); got != want.Summary.Text {
			t.Errorf("copied %q, want the summary", got)
		}
	})

	t.Run("download", func(t *testing.T) {
		dir := t.TempDir()
		done := make(chan string, 4)
		chromedp.ListenBrowser(ctx, func(ev any) {
			if ev, ok := ev.(*browser.EventDownloadProgress); ok && ev.State == browser.DownloadProgressStateCompleted {
				done <- ev.FilePath
			}
		})
		on := true
		if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir, EventsEnabled: &on}); err != nil {
			t.Fatal(err)
		}
		step(t, chromedp.Click(chromedp.ID("download")))
		var path string
		select {
		case path = <-done:
		case <-ctx.Done():
			t.Fatal("no download")
		}
		if path == "" {
			path = filepath.Join(dir, "vnews.json")
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != wantJSON {
			t.Errorf("downloaded JSON differs from the API's record:\n%.200s\n%.200s", got, wantJSON)
		}
	})

	t.Run("screenshot desktop", func(t *testing.T) {
		step(t, chromedp.Evaluate[chromedp.Void]("window.scrollTo(0, 0); document.activeElement.blur()"))
		screenshot(t, "serve-desktop.png")
	})

	t.Run("length in sentences", func(t *testing.T) {
		m := mark(t)
		step(t, chromedp.SetValue(chromedp.ID("len-n"), "1"),
			chromedp.Evaluate[chromedp.Void]("document.getElementById('len-n').dispatchEvent(new Event('input'))"))
		waitRender(t, m)
		w1, _ := browserRecord(t, s, "?n=1", article)
		chosen := js[[]int](t, ctx, "[...document.querySelectorAll('#article .sent.chosen')].map(e => +e.dataset.sentence)")
		if fmt.Sprint(chosen) != fmt.Sprint(w1.Summary.Sentences) || len(chosen) != 1 {
			t.Errorf("n=1: highlighted %v, want %v", chosen, w1.Summary.Sentences)
		}
		if got := js[string](t, ctx, "document.getElementById('summary-text').textContent"); got != w1.Summary.Text {
			t.Errorf("n=1: summary %q", got)
		}
	})

	t.Run("length in words", func(t *testing.T) {
		m := mark(t)
		step(t, chromedp.SetValue(chromedp.ID("len-words"), "45"),
			chromedp.Evaluate[chromedp.Void]("document.getElementById('len-words').dispatchEvent(new Event('input'))"))
		waitRender(t, m)
		if !js[bool](t, ctx, "document.getElementById('mode-words').checked") {
			t.Error("typing a budget does not choose it")
		}
		w2, _ := browserRecord(t, s, "?max_words=45", article)
		chosen := js[[]int](t, ctx, "[...document.querySelectorAll('#article .sent.chosen')].map(e => +e.dataset.sentence)")
		if fmt.Sprint(chosen) != fmt.Sprint(w2.Summary.Sentences) {
			t.Errorf("max_words=45: highlighted %v, want %v", chosen, w2.Summary.Sentences)
		}
	})

	t.Run("English", func(t *testing.T) {
		step(t, chromedp.Click(chromedp.ID("lang")))
		if got := js[string](t, ctx, "document.getElementById('summary-h').textContent + '|' + document.documentElement.lang + '|' + document.querySelector('#legend-items label').textContent"); !strings.HasPrefix(got, "Summary|en|Person") {
			t.Errorf("after the toggle: %q", got)
		}
		step(t, chromedp.Click(chromedp.ID("lang")))
		if got := js[string](t, ctx, "document.getElementById('summary-h').textContent"); got != "Tóm tắt" {
			t.Errorf("after toggling back: %q", got)
		}
	})

	t.Run("phone width", func(t *testing.T) {
		step(t, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Evaluate[chromedp.Void]("window.scrollTo(0, 0)"))
		if over := js[float64](t, ctx, "document.documentElement.scrollWidth - document.documentElement.clientWidth"); over > 0 {
			t.Errorf("the page is %v px wider than a phone's screen", over)
		}
		// One column: the side panels sit under the article.
		if !js[bool](t, ctx, "document.getElementById('people-panel').getBoundingClientRect().top > document.getElementById('article-panel').getBoundingClientRect().bottom") {
			t.Error("the people table is not under the article on a phone")
		}
		screenshot(t, "serve-phone.png")
		step(t, chromedp.EmulateViewport(1280, 900))
	})

	t.Run("article text is never HTML", func(t *testing.T) {
		hostile := "Ngày 4-7, Đại úy Phan Văn Quý dự lễ <script>window.__pwned = 1; alert('script')</script> tại Tiểu đoàn 7.\n\n" +
			"Thượng úy Lê Anh Đức <img src=x onerror=\"window.__pwned = 2; alert('img')\"> nhận nhiệm vụ <b>mới</b> ngày 5-7."
		m := mark(t)
		step(t, chromedp.Click(chromedp.CSS(`input[name="len-mode"][value="n"]`)),
			chromedp.SetValue(chromedp.ID("article-input"), hostile), chromedp.Click(chromedp.ID("analyze")))
		waitRender(t, m)
		if n := js[int](t, ctx, "document.querySelectorAll('#results script, #results img, #results b').length"); n != 0 {
			t.Errorf("the article's markup became %d elements", n)
		}
		text := js[string](t, ctx, "document.getElementById('article').textContent")
		for _, lit := range []string{"<script>window.__pwned = 1; alert('script')</script>", `<img src=x onerror="window.__pwned = 2; alert('img')">`, "<b>mới</b>"} {
			if !strings.Contains(text, lit) {
				t.Errorf("%q is not shown as text: %q", lit, text)
			}
		}
		if v := js[string](t, ctx, "String(window.__pwned)"); v != "undefined" {
			t.Errorf("the article's script ran: __pwned = %s", v)
		}
		screenshot(t, "serve-xss.png")
	})

	t.Run("errors are shown", func(t *testing.T) {
		step(t, chromedp.SetValue(chromedp.ID("article-input"), "   "), chromedp.Click(chromedp.ID("analyze")))
		if got := js[string](t, ctx, "document.getElementById('status').className + '|' + document.getElementById('status').textContent"); !strings.HasPrefix(got, "error|") {
			t.Errorf("status %q", got)
		}
	})

	// Let late events arrive before reading them.
	js[bool](t, ctx, "new Promise(r => setTimeout(() => r(true), 100))")
	if csp := js[[]string](t, ctx, "window.__csp"); len(csp) != 0 {
		t.Errorf("CSP violations: %q", csp)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(problems) != 0 {
		t.Errorf("the page misbehaved: %q", problems)
	}
	t.Logf("screenshots in %s", shots)
}
