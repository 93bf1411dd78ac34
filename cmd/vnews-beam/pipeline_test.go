package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/vnews/vnews/extract/record"
)

// jobServerEnv makes the test binary a standalone prism job server on the
// port it names (TestJobServer starts it so).
const jobServerEnv = "VNEWS_BEAM_TEST_JOB_SERVER_PORT"

func TestMain(m *testing.M) {
	if port := os.Getenv(jobServerEnv); port != "" {
		serveJobs(port)
		return
	}
	code := ptest.MainRet(m)
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// serveJobs runs prism's job service, as prism's own command does, until
// standard input closes (the test that started it is gone).
func serveJobs(port string) {
	p, err := strconv.Atoi(port)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bad port:", port)
		os.Exit(2)
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	if _, err := prism.CreateJobServer(ctx, prism.Options{Port: p, CancelFn: cancel}); err != nil {
		fmt.Fprintln(os.Stderr, "job server:", err)
		os.Exit(1)
	}
	go func() {
		b := make([]byte, 1)
		os.Stdin.Read(b)
		cancel(nil)
	}()
	<-ctx.Done()
}

// Own test sentences (not from any corpus).
var texts = []string{
	"Sáng 12/3, Đại tướng Phan Văn Giang, Bộ trưởng Bộ Quốc phòng, đã có buổi kiểm tra tại Quân khu 9.\n\nTại buổi làm việc, Đại tướng ghi nhận những kết quả mà Quân khu 9 đạt được trong năm qua.",
	"Thượng tá Lê Hoàng Nam, Chính ủy Bộ Chỉ huy Quân sự tỉnh Cà Mau, nói đơn vị sẵn sàng cho đợt diễn tập mới.",
	"Chiều nay, Trung tướng Nguyễn Quang Hòa, Tư lệnh Quân khu 9, chủ trì hội nghị tổng kết công tác dân vận.\n\nHội nghị có sự tham dự của đại diện Bộ Chỉ huy Quân sự tỉnh Cà Mau.",
	"Mưa lớn kéo dài khiến nhiều tuyến đường ở Thành phố Cần Thơ bị ngập sâu, giao thông ùn tắc trong giờ cao điểm.",
	"Hội thao quân sự năm nay thu hút hơn 300 vận động viên đến từ các đơn vị trong toàn quân.",
	"Ngày 5/6, Lữ đoàn 299 tổ chức diễn tập chiến thuật có bắn đạn thật. Thiếu tướng Đỗ Văn Bảnh, Phó Tư lệnh Quân khu 1, trực tiếp chỉ đạo buổi diễn tập. " +
		"Các lực lượng tham gia đã phối hợp nhịp nhàng, bảo đảm an toàn tuyệt đối. Thời tiết nắng nóng nhưng cán bộ, chiến sĩ vẫn giữ vững tinh thần. " +
		"Kết thúc diễn tập, Thiếu tướng Đỗ Văn Bảnh biểu dương tinh thần trách nhiệm của đơn vị. Lữ đoàn sẽ rút kinh nghiệm để nâng cao chất lượng huấn luyện.",
}

// corpus writes a small corpus with good and bad inputs into dir and
// returns its glob.
func corpus(t *testing.T, dir string) string {
	t.Helper()
	files := map[string][]byte{
		"a-giang.txt":   []byte(texts[0]),
		"b-nam.txt":     []byte(texts[1]),
		"c-rong.txt":    nil,                                      // empty: an error record
		"d-nhiphan.txt": []byte("\x00\x01\x02\x03BIN\x00\x00"),    // binary: an error record
		"e-dai.txt":     []byte(strings.Repeat(texts[3]+" ", 30)), // larger than --max-bytes
		"f-trang.html":  []byte("<html><head><title>Hội thao</title></head><body><article><p>" + texts[4] + "</p></article></body></html>"),
	}
	var jl bytes.Buffer
	for i, s := range texts {
		fmt.Fprintf(&jl, "{\"id\":\"t%d\",\"title\":\"Tin số %d\",\"text\":%q,\"chuyen_muc\":\"Quốc phòng\"}\n", i, i, s)
	}
	jl.WriteString("đây không phải JSON\n")                                                          // json error
	jl.WriteString("{\"title\":\"Không có nội dung\"}\n")                                            // missing_text
	jl.WriteString("[1, 2]\n")                                                                       // not an object
	fmt.Fprintf(&jl, "{\"id\":\"dai\",\"text\":%q}\n", strings.Repeat("Một câu văn rất dài. ", 200)) // too_large
	files["g-tin.jsonl"] = jl.Bytes()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	fmt.Fprintf(zw, "{\"text\":%q,\"published\":\"2023-09-02\"}\n{\"text\":%q}\n", texts[2], texts[1])
	zw.Close()
	files["h-nen.jsonl.gz"] = gz.Bytes()
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "*")
}

// testConfig is the article options the tests give both vnews-beam and
// vnews analyze.
func testConfig(glob, output string, shards int) Config {
	return Config{Input: glob, Output: output, Shards: shards, Workers: 3, InputFormat: "auto", Encoding: "auto",
		Published: "2024-05-01", MaxBytes: 1500, N: 2, NSet: true}
}

var analyzeArgs = []string{"--published", "2024-05-01", "--max-bytes", "1500", "-n", "2"}

// binDir holds the vnews command the tests built, removed after them.
var binDir string

// vnewsBinary builds the vnews command from the repository root once (or
// takes $VNEWS_BIN).
var vnewsBinary = sync.OnceValues(func() (string, error) {
	if b := os.Getenv("VNEWS_BIN"); b != "" {
		return b, nil
	}
	dir, err := os.MkdirTemp("", "vnews-beam-test")
	if err != nil {
		return "", err
	}
	binDir = dir
	bin := filepath.Join(dir, "vnews")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/vnews")
	cmd.Dir = filepath.Join("..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building vnews: %v\n%s", err, out)
	}
	return bin, nil
})

// analyze runs `vnews analyze` on glob and returns its record lines.
func analyze(t *testing.T, glob string) []string {
	t.Helper()
	bin, err := vnewsBinary()
	if err != nil {
		t.Fatal(err)
	}
	var out, stderr bytes.Buffer
	cmd := exec.Command(bin, append([]string{"analyze", "--quiet"}, append(analyzeArgs, glob)...)...)
	cmd.Stdout, cmd.Stderr = &out, &stderr
	err = cmd.Run()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
		t.Fatalf("vnews analyze: %v\n%s", err, stderr.String())
	}
	return lines(out.Bytes())
}

func lines(b []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}

// runJob runs the job and returns its output files by name (prefix cut)
// and what it reported.
func runJob(t *testing.T, c Config, wantStatus int) (map[string][]byte, string) {
	t.Helper()
	var report bytes.Buffer
	if got := run(context.Background(), c, &report); got != wantStatus {
		t.Fatalf("exit status %d, want %d; report:\n%s", got, wantStatus, report.String())
	}
	matches, err := filepath.Glob(c.Output + "-*")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, m := range matches {
		b, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		files[strings.TrimPrefix(m, c.Output)] = b
	}
	return files, report.String()
}

func sortedCopy(s []string) []string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	return s
}

// shardLines is the union of the record shards' lines.
func shardLines(t *testing.T, files map[string][]byte, shards int) []string {
	t.Helper()
	var all []string
	for i := range shards {
		name := ShardName("", i, shards)
		b, ok := files[name]
		if !ok {
			t.Fatalf("shard %s missing (files: %v)", name, keys(files))
		}
		all = append(all, lines(b)...)
	}
	return all
}

func keys(m map[string][]byte) []string {
	var k []string
	for n := range m {
		k = append(k, n)
	}
	sort.Strings(k)
	return k
}

// TestPipelineMatchesAnalyze: on a small corpus with bad inputs, the union
// of the shards is vnews analyze's output record for record (byte for
// byte: on local files even the sources agree), every shard is sorted by
// input, the counts are those of the records, and a second run writes the
// same bytes.
func TestPipelineMatchesAnalyze(t *testing.T) {
	glob := corpus(t, t.TempDir())
	want := analyze(t, glob)
	if len(want) < 15 {
		t.Fatalf("analyze gave only %d records", len(want))
	}
	for _, tt := range []struct {
		shards    int
		rebalance bool
	}{{1, false}, {4, false}, {16, false}, {4, true}} {
		shards := tt.shards
		name := fmt.Sprintf("%d shards", shards)
		if tt.rebalance {
			name += ", rebalanced"
		}
		t.Run(name, func(t *testing.T) {
			out := t.TempDir()
			c := testConfig(glob, filepath.Join(out, "rec"), shards)
			c.Rebalance = tt.rebalance
			// A run left by a bundle that failed: the job removes it.
			stray := runPrefix(c.Output) + "0123456789abcdef-00000-0000"
			if err := os.WriteFile(stray, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
			files, report := runJob(t, c, exitArticles)
			if len(files) != shards+3 {
				t.Errorf("%d files, want %d shards, 2 counts files and the totals (no runs left): %v", len(files), shards, keys(files))
			}
			got := shardLines(t, files, shards)
			if g, w := sortedCopy(got), sortedCopy(want); strings.Join(g, "\n") != strings.Join(w, "\n") {
				t.Errorf("records differ from vnews analyze's\n got %d: %s\nwant %d: %s", len(g), strings.Join(g, "\n"), len(w), strings.Join(w, "\n"))
			}
			for i := range shards {
				checkSorted(t, files[ShardName("", i, shards)])
			}
			checkCounts(t, want, files)
			checkReport(t, want, report)
			checkTotals(t, glob, want, files[TotalsName("")])

			c.Output = filepath.Join(out, "again")
			again, _ := runJob(t, c, exitArticles)
			for name, b := range files {
				if !bytes.Equal(again[name], b) {
					t.Errorf("second run: %s differs", name)
				}
			}
		})
	}
}

// checkSorted checks that a shard's records come in input order: by file,
// then by line.
func checkSorted(t *testing.T, shard []byte) {
	t.Helper()
	type pos struct {
		file string
		line int
	}
	var prev *pos
	for _, l := range lines(shard) {
		var r record.Record
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("bad record line %q: %v", l, err)
		}
		p := pos{file: r.Source}
		if i := strings.LastIndexByte(r.Source, ':'); i > 0 {
			if n, err := strconv.Atoi(r.Source[i+1:]); err == nil {
				p = pos{r.Source[:i], n}
			}
		}
		if prev != nil && (p.file < prev.file || p.file == prev.file && p.line <= prev.line) {
			t.Errorf("shard out of order: %v after %v", p, *prev)
		}
		prev = &p
	}
}

// checkCounts recounts people and units from the records and compares
// them with the counts files, order included.
func checkCounts(t *testing.T, recs []string, files map[string][]byte) {
	t.Helper()
	people, units := map[string]CountRow{}, map[string]CountRow{}
	for _, l := range recs {
		var r record.Record
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, p := range r.People {
			c := people[p.Name]
			c.Name, c.Mentions = p.Name, c.Mentions+int64(p.Mentions)
			if !seen[p.Name] {
				c.Articles++
				seen[p.Name] = true
			}
			people[p.Name] = c
		}
		seenU := map[string]bool{}
		for _, e := range r.Entities {
			if e.Type != "UNIT" {
				continue
			}
			n := e.Canonical
			if n == "" {
				n = e.Text
			}
			c := units[n]
			c.Name, c.Mentions = n, c.Mentions+1
			if !seenU[n] {
				c.Articles++
				seenU[n] = true
			}
			units[n] = c
		}
	}
	if len(people) == 0 || len(units) == 0 {
		t.Fatalf("the test corpus gives %d people and %d units: the counts are not tested", len(people), len(units))
	}
	for kind, m := range map[string]map[string]CountRow{kindPeople: people, kindUnits: units} {
		var want []CountRow
		for _, c := range m {
			want = append(want, c)
		}
		sort.Slice(want, func(i, j int) bool {
			a, b := want[i], want[j]
			if a.Articles != b.Articles {
				return a.Articles > b.Articles
			}
			if a.Mentions != b.Mentions {
				return a.Mentions > b.Mentions
			}
			return a.Name < b.Name
		})
		var got []CountRow
		for _, l := range lines(files[CountsName("", kind)]) {
			var c CountRow
			if err := json.Unmarshal([]byte(l), &c); err != nil {
				t.Fatal(err)
			}
			got = append(got, c)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s counts\n got %v\nwant %v", kind, got, want)
		}
	}
}

// checkTotals checks the totals file against the records and the input.
func checkTotals(t *testing.T, glob string, recs []string, file []byte) {
	t.Helper()
	var got Totals
	if err := json.Unmarshal(file, &got); err != nil {
		t.Fatalf("totals file %q: %v", file, err)
	}
	inputs, err := filepath.Glob(glob)
	if err != nil {
		t.Fatal(err)
	}
	want := Totals{Articles: int64(len(recs)), Files: int64(len(inputs)), Errors: map[string]int64{}}
	for _, l := range recs {
		var r record.Record
		json.Unmarshal([]byte(l), &r)
		if r.Error != nil {
			want.Errors[r.Error.Code]++
		}
	}
	if got.Articles != want.Articles || got.Files != want.Files || fmt.Sprint(got.Errors) != fmt.Sprint(want.Errors) || got.Bytes <= 0 {
		t.Errorf("totals %+v, want %+v and some bytes", got, want)
	}
}

// checkReport checks the metrics the job reported: articles and errors by
// code.
func checkReport(t *testing.T, recs []string, report string) {
	t.Helper()
	codes := map[string]int{}
	for _, l := range recs {
		var r record.Record
		json.Unmarshal([]byte(l), &r)
		if r.Error != nil {
			codes[r.Error.Code]++
		}
	}
	total := 0
	for code, n := range codes {
		total += n
		if want := fmt.Sprintf("errors %-13s %d\n", code, n); !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	if want := fmt.Sprintf("vnews-beam: %d articles (", len(recs)); !strings.Contains(report, want) {
		t.Errorf("report lacks %q:\n%s", want, report)
	}
	if want := fmt.Sprintf("%d error records", total); !strings.Contains(report, want) {
		t.Errorf("report lacks %q:\n%s", want, report)
	}
	for _, st := range []string{"read", "build", "spill", "write"} {
		if !strings.Contains(report, "time  "+st) {
			t.Errorf("report lacks the time of stage %s:\n%s", st, report)
		}
	}
}

// setFlags sets Beam's flags for a test and restores them after it.
func setFlags(t *testing.T, kv ...string) {
	t.Helper()
	for i := 0; i < len(kv); i += 2 {
		f := flag.Lookup(kv[i])
		if f == nil {
			t.Fatalf("no flag %s", kv[i])
		}
		old := f.Value.String()
		if err := flag.Set(kv[i], kv[i+1]); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { flag.Set(f.Name, old) })
	}
}

// TestJobServer runs the job against a standalone prism job server on
// 127.0.0.1 (another process) through the portable runner, with the SDK
// harness in this process (LOOPBACK): the Job API that Flink's and Spark's
// job servers speak. The output is that of the in-process prism run.
func TestJobServer(t *testing.T) {
	glob := corpus(t, t.TempDir())
	out := t.TempDir()
	want, _ := runJob(t, testConfig(glob, filepath.Join(out, "prism"), 4), exitArticles)

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	srv := exec.Command(os.Args[0])
	srv.Env = append(os.Environ(), jobServerEnv+"="+strconv.Itoa(port))
	stdin, err := srv.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	srvLog := new(syncBuffer)
	srv.Stdout, srv.Stderr = srvLog, srvLog
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		done := make(chan error, 1)
		go func() { done <- srv.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			srv.Process.Kill()
			<-done
		}
	})
	endpoint := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	deadline := time.Now().Add(60 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", endpoint, time.Second)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("job server did not start on %s: %v\n%s", endpoint, err, srvLog.String())
		}
		time.Sleep(100 * time.Millisecond)
	}

	setFlags(t, "runner", "universal", "endpoint", endpoint, "environment_type", "LOOPBACK")
	got, report := runJob(t, testConfig(glob, filepath.Join(out, "universal"), 4), exitArticles)
	if len(got) != len(want) {
		t.Errorf("job server run wrote %v, prism run %v", keys(got), keys(want))
	}
	for name, b := range want {
		if !bytes.Equal(got[name], b) {
			t.Errorf("%s differs between the job server run and the prism run", name)
		}
	}
	if !strings.Contains(report, "error records") {
		t.Errorf("no metrics from the job server:\n%s", report)
	}
	if log := srvLog.String(); !strings.Contains(log, "pipeline done") {
		t.Errorf("the job server did not run the job; its log:\n%s", log)
	}
}

// syncBuffer is a bytes.Buffer that a process writes while a test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
