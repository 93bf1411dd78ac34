// Package offheap allocates the large, pointer-free, long-lived tables of
// the models (the segmenter's n-gram tables, the tagger's weights) outside
// the garbage-collected heap. The collector sizes its next goal at twice
// the live heap: tables of tens of megabytes held for the whole run would
// double into as much headroom again in peak memory, though the collector
// never needs to scan or free them before the program ends. Memory comes
// from an anonymous private mapping where the system has one (mmap), and
// from the heap elsewhere or when mapping fails.
//
// It sits under the models' loading: nlp builds the segmenter's tables in
// it, internal/ner the tagger's weights; Forget drops an embedded model's
// bytes from resident memory once they are parsed.
package offheap
