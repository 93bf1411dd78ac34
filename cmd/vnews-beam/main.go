// Command vnews-beam runs the `vnews analyze` pipeline as an Apache Beam
// job: on the local prism runner by default, on Google Cloud Dataflow, or on
// Flink and Spark through their Beam job servers.
//
//	vnews-beam --input 'corpus/*.jsonl' --output out/records --shards 16
//
// It writes the records as PREFIX-00000-of-00016.jsonl ... (each shard
// sorted by input file and place in it, so that a re-run gives the same
// bytes), and the corpus counts per person and per unit as
// PREFIX-people.jsonl and PREFIX-units.jsonl, and the job's totals as
// PREFIX-totals.json. Beam's flags (--runner,
// --endpoint, --environment_type, --project, ...) are accepted beside the
// job's; see README.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/metrics"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	// Filesystems beyond beamx's local and gs://.
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"
)

// Exit statuses, as vnews's.
const (
	exitOK       = 0 // every article processed
	exitArticles = 1 // one or more articles gave error records
	exitUsage    = 2 // bad usage
	exitFailed   = 3 // the job failed, or the input matched no file
)

func main() {
	config := flags(flag.CommandLine)
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "Usage: vnews-beam --input GLOB --output PREFIX [--shards N] [article flags] [Beam flags]\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	// A worker started by a runner (--worker) serves the harness here and
	// never returns.
	beam.Init()
	c, err := config()
	if err != nil {
		fmt.Fprintln(os.Stderr, "vnews-beam:", err)
		os.Exit(exitUsage)
	}
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "vnews-beam: unexpected arguments %q (the input is --input GLOB)\n", flag.Args())
		os.Exit(exitUsage)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, c, os.Stderr))
}

// run runs the job and reports its metrics on w.
func run(ctx context.Context, c Config, w io.Writer) int {
	if err := checkInput(ctx, c.Input); err != nil {
		fmt.Fprintln(w, "vnews-beam:", err)
		return exitFailed
	}
	p, err := buildPipeline(c)
	if err != nil {
		fmt.Fprintln(w, "vnews-beam:", err)
		return exitUsage
	}
	res, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		fmt.Fprintln(w, "vnews-beam: the job failed:", err)
		return exitFailed
	}
	// The totals come from the job's output, exactly once per article
	// whatever the runner retried; the metrics give the stages' times.
	t, err := readTotals(ctx, c.Output)
	if err != nil {
		fmt.Fprintln(w, "vnews-beam: the job ran but its totals cannot be read:", err)
		return exitFailed
	}
	var m Metrics
	if res != nil {
		m = metricsOf(res.Metrics())
	}
	report(w, t, m, c.Output)
	if t.ErrorRecords() > 0 {
		return exitArticles
	}
	return exitOK
}

// checkInput fails on a glob that matches no file, before a job is
// started for nothing.
func checkInput(ctx context.Context, glob string) error {
	files, err := listFiles(ctx, glob)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("%s: no such file", glob)
	}
	return nil
}

// Metrics are the job's committed (or, where a runner does not commit,
// attempted) metrics of namespace vnews.
type Metrics struct {
	Counters map[string]int64
	Dists    map[string]metrics.DistributionValue
}

func metricsOf(r metrics.Results) Metrics {
	m := Metrics{Counters: map[string]int64{}, Dists: map[string]metrics.DistributionValue{}}
	q := r.Query(func(s metrics.SingleResult) bool { return s.Namespace() == ns })
	for _, c := range q.Counters() {
		m.Counters[c.Name()] += c.Result()
	}
	for _, d := range q.Distributions() {
		v, old := d.Result(), m.Dists[d.Name()]
		if old.Count > 0 {
			v = metrics.DistributionValue{Count: v.Count + old.Count, Sum: v.Sum + old.Sum, Min: min(v.Min, old.Min), Max: max(v.Max, old.Max)}
		}
		m.Dists[d.Name()] = v
	}
	return m
}

// report writes the job's totals and the times of its stages.
func report(w io.Writer, t Totals, m Metrics, prefix string) {
	fmt.Fprintf(w, "vnews-beam: %d articles (%d files, %d bytes), %d error records\n",
		t.Articles, t.Files, t.Bytes, t.ErrorRecords())
	codes := make([]string, 0, len(t.Errors))
	for c := range t.Errors {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		fmt.Fprintf(w, "  errors %-13s %d\n", c, t.Errors[c])
	}
	if n := m.Counters["runs_not_removed"]; n > 0 {
		fmt.Fprintf(w, "  warning: %d temporary runs (%s*) could not be removed\n", n, runPrefix(prefix))
	}
	if len(m.Dists) == 0 {
		fmt.Fprintln(w, "  (the runner reported no stage times)")
	}
	for _, st := range []string{"read", "build", "spill", "write"} {
		d, ok := m.Dists[st+"_us"]
		if !ok || d.Count == 0 {
			continue
		}
		fmt.Fprintf(w, "  time  %-13s %.3f s in %d calls (mean %.0f µs, max %d µs)\n", st, float64(d.Sum)/1e6, d.Count, float64(d.Sum)/float64(d.Count), d.Max)
	}
}
