// Package serve is the HTTP face of vnews: a JSON API over the same
// pipeline as the command line (record.Builder, record.Reader and
// record.Marshal, so a record served here is byte for byte the one
// `vnews analyze` writes for the same input and options) and the editor's
// page, a single embedded HTML page with its script and style sheet.
//
// It sits on top of the record: it reads a request body as one article
// (text, HTML or a JSON object, by Content-Type) or as JSON Lines (a batch,
// answered as a stream of records), builds records with bounded
// concurrency, and writes them. It never re-implements a stage of the
// pipeline, never touches the file system for a request, and never logs:
// errors go to the client as {"error": {"code", "message"}}.
//
// Endpoints:
//
//	POST /v1/analyze     the whole record
//	POST /v1/entities    entities and people (and the text)
//	POST /v1/summarize   the summary and keywords
//	GET  /healthz        {"status": "ok"}
//	GET  /v1/version     the program's version and the record's schema
//	GET  /metrics        counters and a latency histogram, Prometheus text format
//	GET  /               the editor's page (and its /app.js, /style.css)
package serve
