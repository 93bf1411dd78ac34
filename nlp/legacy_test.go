package nlp

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// tcvn3Standard lists the letters of TCVN 5712:1993 (VN3) in the
// standard's order, each with its byte: vowels with the tones huyền, hỏi,
// ngã, sắc, nặng, then the capitals the code page has.
const tcvn3Standard = `
a 61 à b5 ả b6 ã b7 á b8 ạ b9
ă a8 ằ bb ẳ bc ẵ bd ắ be ặ c6
â a9 ầ c7 ẩ c8 ẫ c9 ấ ca ậ cb
đ ae
e 65 è cc ẻ ce ẽ cf é d0 ẹ d1
ê aa ề d2 ể d3 ễ d4 ế d5 ệ d6
i 69 ì d7 ỉ d8 ĩ dc í dd ị de
o 6f ò df ỏ e1 õ e2 ó e3 ọ e4
ô ab ồ e5 ổ e6 ỗ e7 ố e8 ộ e9
ơ ac ờ ea ở eb ỡ ec ớ ed ợ ee
u 75 ù ef ủ f1 ũ f2 ú f3 ụ f4
ư ad ừ f5 ử f6 ữ f7 ứ f8 ự f9
y 79 ỳ fa ỷ fb ỹ fc ý fd ỵ fe
Ă a1 Â a2 Ê a3 Ô a4 Ơ a5 Ư a6 Đ a7
`

// vniStandard lists the letters of VNI-Windows with their bytes: a base
// letter and a mark byte, or one byte of their own.
const vniStandard = `
à 61f8 á 61f9 ả 61fb ã 61f5 ạ 61ef
â 61e2 ầ 61e0 ấ 61e1 ẩ 61e5 ẫ 61e3 ậ 61e4
ă 61ea ằ 61e8 ắ 61e9 ẳ 61fa ẵ 61fc ặ 61eb
đ f1
è 65f8 é 65f9 ẻ 65fb ẽ 65f5 ẹ 65ef
ê 65e2 ề 65e0 ế 65e1 ể 65e5 ễ 65e3 ệ 65e4
ì ec í ed ỉ e6 ĩ f3 ị f2
ò 6ff8 ó 6ff9 ỏ 6ffb õ 6ff5 ọ 6fef
ô 6fe2 ồ 6fe0 ố 6fe1 ổ 6fe5 ỗ 6fe3 ộ 6fe4
ơ f4 ờ f4f8 ớ f4f9 ở f4fb ỡ f4f5 ợ f4ef
ù 75f8 ú 75f9 ủ 75fb ũ 75f5 ụ 75ef
ư f6 ừ f6f8 ứ f6f9 ử f6fb ữ f6f5 ự f6ef
ỳ 79f8 ý 79f9 ỷ 79fb ỹ 79f5 ỵ ee
À 41d8 Á 41d9 Ả 41db Ã 41d5 Ạ 41cf
Â 41c2 Ầ 41c0 Ấ 41c1 Ẩ 41c5 Ẫ 41c3 Ậ 41c4
Ă 41ca Ằ 41c8 Ắ 41c9 Ẳ 41da Ẵ 41dc Ặ 41cb
Đ d1
È 45d8 É 45d9 Ẻ 45db Ẽ 45d5 Ẹ 45cf
Ê 45c2 Ề 45c0 Ế 45c1 Ể 45c5 Ễ 45c3 Ệ 45c4
Ì cc Í cd Ỉ c6 Ĩ d3 Ị d2
Ò 4fd8 Ó 4fd9 Ỏ 4fdb Õ 4fd5 Ọ 4fcf
Ô 4fc2 Ồ 4fc0 Ố 4fc1 Ổ 4fc5 Ỗ 4fc3 Ộ 4fc4
Ơ d4 Ờ d4d8 Ớ d4d9 Ở d4db Ỡ d4d5 Ợ d4cf
Ù 55d8 Ú 55d9 Ủ 55db Ũ 55d5 Ụ 55cf
Ư d6 Ừ d6d8 Ứ d6d9 Ử d6db Ữ d6d5 Ự d6cf
Ỳ 59d8 Ý 59d9 Ỷ 59db Ỹ 59d5 Ỵ ce
`

// standardTable parses a "letter hex ..." table.
func standardTable(t *testing.T, table string) map[rune][]byte {
	m := map[rune][]byte{}
	f := strings.Fields(table)
	for i := 0; i+1 < len(f); i += 2 {
		var b []byte
		for j := 0; j < len(f[i+1]); j += 2 {
			var v byte
			for _, c := range f[i+1][j : j+2] {
				v <<= 4
				switch {
				case c >= '0' && c <= '9':
					v |= byte(c - '0')
				default:
					v |= byte(c-'a') + 10
				}
			}
			b = append(b, v)
		}
		r := []rune(f[i])
		if len(r) != 1 {
			t.Fatalf("bad table entry %q", f[i])
		}
		m[r[0]] = b
	}
	return m
}

// encodeWith writes s in a legacy encoding by the standard's table; ASCII
// stays, other letters must be in the table.
func encodeWith(t *testing.T, table map[rune][]byte, s string) []byte {
	var out []byte
	for _, r := range norm.NFC.String(s) {
		if r < 0x80 {
			out = append(out, byte(r))
			continue
		}
		b, ok := table[r]
		if !ok {
			t.Fatalf("%q has no code", r)
		}
		out = append(out, b...)
	}
	return out
}

func TestTCVN3AgainstTheStandard(t *testing.T) {
	table := standardTable(t, tcvn3Standard)
	if len(table) != 7+67+6 { // capitals, the 67 lowercase letters beyond ASCII, a e i o u y
		t.Fatalf("the TCVN3 test table has %d letters", len(table))
	}
	for r, b := range table {
		if got := []rune(decodeTCVN3(b)); len(got) != 1 || got[0] != r {
			t.Errorf("TCVN3 % x decodes to %q, want %q", b, string(got), string(r))
		}
	}
	// Every high byte the decoder maps is in the standard's table.
	inv := map[byte]bool{}
	for _, b := range table {
		inv[b[0]] = true
	}
	for b := range tcvn3High {
		if !inv[b] {
			t.Errorf("byte %x is not in the standard's table", b)
		}
	}
}

func TestVNIAgainstTheStandard(t *testing.T) {
	table := standardTable(t, vniStandard)
	if len(table) != 134 {
		t.Fatalf("the VNI test table has %d letters", len(table))
	}
	for r, b := range table {
		if got := norm.NFC.String(decodeVNI(b)); got != string(r) {
			t.Errorf("VNI % x decodes to %q, want %q", b, got, string(r))
		}
	}
}

func TestLegacyAutoDetection(t *testing.T) {
	tcvn := standardTable(t, tcvn3Standard)
	vni := standardTable(t, vniStandard)
	text := "Sáng 23-4, Bộ Chỉ huy Quân sự tỉnh sơ kết nhiệm vụ tuyển quân năm 2020. Đại tá Nguyễn Văn Hùng chủ trì buổi làm việc."
	// TCVN3 has no toned capitals: such documents write them with the
	// lowercase byte in a capitals font.
	lowerFirst := "sáng 23-4, bộ chỉ huy quân sự tỉnh sơ kết nhiệm vụ tuyển quân năm 2020. Đại tá Nguyễn Văn Hùng chủ trì buổi làm việc."
	tests := []struct {
		name string
		in   []byte
		want string
		enc  Encoding
	}{
		{"tcvn3", encodeWith(t, tcvn, lowerFirst), lowerFirst, TCVN3},
		{"vni", encodeWith(t, vni, text), text, VNI},
		{"utf-8", []byte(text), text, UTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Decode(tt.in, EncodingAuto)
			if err != nil {
				t.Fatal(err)
			}
			if d.Encoding != tt.enc || d.Text != tt.want {
				t.Errorf("got %s %q\nwant %s %q", d.Encoding, d.Text, tt.enc, tt.want)
			}
			forced, err := Decode(tt.in, tt.enc)
			if err != nil || forced.Text != tt.want {
				t.Errorf("forced %s: %q, %v", tt.enc, forced.Text, err)
			}
			// The streaming reader reads the same.
			r, enc, err := NewReader(bytes.NewReader(tt.in), EncodingAuto)
			if err != nil {
				t.Fatal(err)
			}
			all, _ := io.ReadAll(r)
			if enc != tt.enc || Normalize(string(all)) != tt.want {
				t.Errorf("reader: %s %q", enc, all)
			}
		})
	}
	// Invalid UTF-8 that is no Vietnamese at all stays UTF-8, repaired.
	d, err := Decode([]byte("abc \xff\xfe\xfd def"), EncodingAuto)
	if err != nil || d.Encoding != UTF8 || !strings.Contains(d.Text, "\ufffd") || len(d.Warnings) == 0 {
		t.Errorf("garbage: %+v %v", d, err)
	}
}

func TestLegacyStreamAcrossBuffers(t *testing.T) {
	vni := standardTable(t, vniStandard)
	text := strings.Repeat("Người lính Trường Sơn năm xưa trở về thăm chiến trường cũ. ", 3000)
	in := encodeWith(t, vni, text)
	r, enc, err := NewReader(bytes.NewReader(in), VNI)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	buf := make([]byte, 7) // tiny reads: marks fall on buffer edges
	for {
		n, err := r.Read(buf)
		out.Write(buf[:n])
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if enc != VNI || Normalize(out.String()) != text {
		t.Errorf("stream decoding differs")
	}
}
