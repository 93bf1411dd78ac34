// Command vnews-train builds the data files that vnews embeds from the
// development corpora in ../shared/data (never copied into the project):
//
//	go run ./cmd/vnews-train segmenter [-data DIR] [-out nlp/data/segmenter.bin] [-dict SRC] [-silver N]
//	go run ./cmd/vnews-train sentences [-data DIR] [-n 2000]   (measures sentence splitting, vnews and prose)
//	go run ./cmd/vnews-train summary [-data DIR] [-out extract/summary/data]   (the summarizer's model and idf)
//	go run ./cmd/vnews-train prose-ner [-data DIR]             (measures prose's NER against vnews's entities)
//	go run ./cmd/vnews-train link [-data DIR] [-cv]            (the profile linker's model, or its 5-fold CV)
//	go run ./cmd/vnews-train ner [-data DIR] [-out extract/data/tagger.bin] [-cv]   (the PERSON/UNIT tagger)
//	go run ./cmd/vnews-train clusters [-data DIR] [-out extract/data/clusters.txt] [-c 1000] [-min 3]   (Brown word clusters for the entity tagger)
//	go run ./cmd/vnews-train capitals [-data DIR] [-out extract/data/capitals.txt] [-min 5]   (how often words are capitalized, for the tagger)
//	go run ./cmd/vnews-train prose-ner -train [-data DIR] [-workers N]   (prose's NER trained on train.jsonl, 5-fold CV, and the rules)
//
// Every file written is deterministic: the same corpora give the same bytes.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

func main() {
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	cmd, args := os.Args[1], os.Args[2:]
	var err error
	switch cmd {
	case "sentences":
		err = runSentences(args)
	case "segmenter":
		err = runSegmenter(args)
	case "summary":
		err = runSummary(args)
	case "prose-ner":
		err = runProseNER(args)
	case "link":
		err = runLink(args)
	case "ner":
		err = runNER(args)
	case "clusters":
		err = runClusters(args)
	case "capitals":
		err = runCapitals(args)
	default:
		usage()
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "vnews-train:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: vnews-train segmenter|sentences|summary|prose-ner|link [flags]")
	fmt.Fprintln(os.Stderr, "usage: vnews-train segmenter|sentences|summary|prose-ner|ner|clusters|capitals [flags]")
}

// writeFileFrom writes what w writes to the file at path and closes it,
// returning the bytes written and the first error.
func writeFileFrom(path string, w io.WriterTo) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	n, err := w.WriteTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// dataFlags are the corpus locations shared by the subcommands.
type dataFlags struct {
	dir string
}

func (d *dataFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.dir, "data", "../shared/data", "directory of the development corpora")
}

func (d *dataFlags) path(p ...string) string {
	return filepath.Join(append([]string{d.dir}, p...)...)
}

// goldCorpora reads the gold segmentation training corpora: UD VTB train,
// the VietTreebank-style POS corpus and the VLSP 2013 sample.
func (d *dataFlags) goldCorpora() (ud, vtb, vlsp []goldSentence, err error) {
	if ud, err = readConllu(d.path("segmentation", "vi_vtb-ud-train.conllu")); err != nil {
		return
	}
	if vtb, err = readJoined(d.path("segmentation", "vtb-pos.txt"), true); err != nil {
		return
	}
	vlsp, err = readJoined(d.path("segmentation", "vlsp2013-sample.txt"), false)
	return
}

// goldTraining is all the gold training sentences.
func (d *dataFlags) goldTraining() ([]goldSentence, error) {
	ud, vtb, vlsp, err := d.goldCorpora()
	out := append(ud, vtb...)
	return append(out, vlsp...), err
}
