package record

import (
	"reflect"
	"testing"
)

// The one-pass reader gives the same Article as encoding/json, or leaves
// the line to it.
func TestParseFlatArticle(t *testing.T) {
	for _, tc := range []struct {
		name string
		line string
		flat bool // read by the one-pass reader
	}{
		{"text only", `{"text":"Sư đoàn 308 diễn tập"}`, true},
		{"all fields", `{"id":"a1","title":"Tin","published":"2023-05-12","url":"https://x.vn/a","text":"Hà Nội\n\nĐại tá Nguyễn Văn An"}`, true},
		{"spaces", " { \"id\" : \"a\" ,\t\"text\" : \"x\" } ", true},
		{"escapes", `{"text":"a\"b\\c\/d\b\f\n\r\t\u00e0\u1ea1\u0000 e"}`, true},
		{"extra fields", `{"text":"x","tags":"quân sự","lang":"vi"}`, true},
		{"empty id", `{"id":"","text":"x"}`, true},
		{"empty text", `{"text":""}`, true},
		{"html in text", `{"text":"<b>x</b> & y"}`, true},
		{"number id", `{"id":12,"text":"x"}`, false},
		{"object field", `{"text":"x","meta":{"a":1}}`, false},
		{"null text", `{"text":null}`, false},
		{"no text", `{"id":"a"}`, false},
		{"empty object", `{}`, false},
		{"reserved key", `{"text":"x","source":"Báo"}`, false},
		{"input key", `{"text":"x","input":"y"}`, false},
		{"duplicate", `{"text":"x","text":"y"}`, false},
		{"duplicate extra", `{"text":"x","a":"1","a":"2"}`, false},
		{"escaped key", `{"te\u0078t":"x"}`, false},
		{"non-ASCII key", `{"text":"x","tiêu đề":"y"}`, false},
		{"surrogate pair", `{"text":"\ud83d\ude00"}`, false},
		{"lone surrogate", `{"text":"\ud83d x"}`, false},
		{"invalid UTF-8", "{\"text\":\"a\xffb\"}", false},
		{"control character", "{\"text\":\"a\tb\"}", false},
		{"bad escape", `{"text":"a\qb"}`, false},
		{"short escape", `{"text":"a\u12"}`, false},
		{"trailing garbage", `{"text":"x"} x`, false},
		{"unterminated", `{"text":"x`, false},
		{"missing brace", `{"text":"x",`, false},
		{"array", `["x"]`, false},
		{"string", `"x"`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := parseJSONValue([]byte(tc.line), "f.jsonl:3", 3)
			got, ok := parseFlatArticle([]byte(tc.line), "f.jsonl:3", 3)
			if ok != tc.flat {
				t.Fatalf("read in one pass: %v, want %v", ok, tc.flat)
			}
			if ok && !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
			if a := parseJSONArticle([]byte(tc.line), "f.jsonl:3", 3); !reflect.DeepEqual(a, want) {
				t.Errorf("parseJSONArticle: got %+v\nwant %+v", a, want)
			}
		})
	}
}

func FuzzParseFlatArticle(f *testing.F) {
	for _, s := range []string{`{"text":"x"}`, `{"id":"a","text":"Hà\nNội\u00e0","k":"v"}`, `{"text":"\ud800"}`, "{\"text\":\"\xff\"}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		got, ok := parseFlatArticle([]byte(line), "s", 1)
		if !ok {
			return
		}
		if want := parseJSONValue([]byte(line), "s", 1); !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\n got  %+v\nwant %+v", line, got, want)
		}
	})
}
