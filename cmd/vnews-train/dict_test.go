package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// dictPackage builds an npm package file holding the given files.
func dictPackage(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		body := files[name]
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body))}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(body))
	}
	tw.Close()
	zw.Close()
	return buf.Bytes()
}

func dictWords(t *testing.T, src string) []string {
	t.Helper()
	lex, err := loadDictionary(src)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, w := range lex.Words() {
		out = append(out, w.Text)
	}
	slices.Sort(out)
	return out
}

// TestLoadDictionary reads the list and the definition headwords of a
// package, and a plain word list, keeping words of two or more syllables
// made of letters only.
func TestLoadDictionary(t *testing.T) {
	dir := t.TempDir()
	pkg := filepath.Join(dir, "dictionary-1.0.0.tgz")
	data := dictPackage(t, map[string]string{
		"package/README.md": "not words",
		dictListFile:        "hội nghị\nchiến sĩ\nlính\na-xít\nTân Cảnh\n\n",
		dictJSONFile:        `{"biên giới": [{"pos": "N"}], "đảo": [], "sơ chế.": []}`,
	})
	if err := os.WriteFile(pkg, data, 0o644); err != nil {
		t.Fatal(err)
	}
	want := []string{"Tân Cảnh", "biên giới", "chiến sĩ", "hội nghị"}
	if got := dictWords(t, pkg); !slices.Equal(got, want) {
		t.Errorf("package words %q, want %q", got, want)
	}
	list := filepath.Join(dir, "words.txt")
	os.WriteFile(list, []byte("bảo_vệ\nbiên giới\nđồn\n"), 0o644)
	if got, want := dictWords(t, list), []string{"biên giới", "bảo vệ"}; !slices.Equal(got, want) {
		t.Errorf("list words %q, want %q", got, want)
	}
	if lex, err := loadDictionary(""); lex != nil || err != nil {
		t.Errorf(`loadDictionary("") = %v, %v; want no dictionary`, lex, err)
	}
	other := filepath.Join(dir, "other.tgz")
	os.WriteFile(other, dictPackage(t, map[string]string{dictListFile: "hội nghị\n"}), 0o644)
	if _, err := loadDictionary(other); err == nil || !strings.Contains(err.Error(), "not the dictionary package") {
		t.Errorf("a package without the definitions: error %v", err)
	}
	single := filepath.Join(dir, "single.txt")
	os.WriteFile(single, []byte("đồn\nlính\n"), 0o644)
	if _, err := loadDictionary(single); err == nil {
		t.Error("a list without multi-syllable words gave no error")
	}
}

// TestCachedDownload fetches a file once, then serves it from the cache,
// and refuses a file whose digest is not the expected one.
func TestCachedDownload(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	body := []byte("package bytes")
	requests := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests++
		w.Write(body)
	}))
	defer srv.Close()
	sum := sha256.Sum256(body)
	digest := hex.EncodeToString(sum[:])
	for range 2 {
		file, err := cachedDownload(srv.URL+"/pkg-1.tgz", digest)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(file); !bytes.Equal(got, body) {
			t.Errorf("cached file holds %q", got)
		}
	}
	if requests != 1 {
		t.Errorf("%d requests, want 1 (the second from the cache)", requests)
	}
	if _, err := cachedDownload(srv.URL+"/pkg-2.tgz", strings.Repeat("0", 64)); err == nil || !strings.Contains(err.Error(), "sha256") {
		t.Errorf("wrong digest: error %v", err)
	}
}
