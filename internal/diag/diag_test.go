package diag

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestFormats(t *testing.T) {
	l := List{
		Errorf("content/checks/a,b.md", 3, 7, "citation-undefined", "[3] cites 100%% of: nothing,\nreally"),
		Warnf("factpress.yaml", 0, 0, "unknown-field", "x"),
	}
	for _, tc := range []struct {
		f    Format
		want string
	}{
		{Text, "content/checks/a,b.md:3:7: error[citation-undefined]: [3] cites 100% of: nothing,\nreally\nfactpress.yaml:0:0: warning[unknown-field]: x\n"},
		{GitHub, "::error file=content/checks/a%2Cb.md,line=3,col=7,title=citation-undefined::[3] cites 100%25 of: nothing,%0Areally\n::warning file=factpress.yaml,title=unknown-field::x\n"},
	} {
		var buf bytes.Buffer
		if err := Write(&buf, l, tc.f, false); err != nil {
			t.Fatal(err)
		}
		if buf.String() != tc.want {
			t.Errorf("%s:\ngot  %q\nwant %q", tc.f, buf.String(), tc.want)
		}
	}
}

func TestJSONIsAlwaysAnArray(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, nil, JSON, false); err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil || out == nil || len(out) != 0 {
		t.Errorf("empty list gave %q", buf.String())
	}
	buf.Reset()
	_ = Write(&buf, List{Errorf("a.md", 1, 2, "bad-date", "m")}, JSON, false)
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil || len(out) != 1 {
		t.Fatal(err)
	}
	for _, k := range []string{"file", "line", "column", "severity", "code", "message"} {
		if _, ok := out[0][k]; !ok {
			t.Errorf("JSON lacks %s", k)
		}
	}
	if out[0]["severity"] != "error" {
		t.Errorf("severity = %v", out[0]["severity"])
	}
}

func TestStrict(t *testing.T) {
	l := List{Warnf("a", 1, 1, "no-topics", "x")}
	if l.Errors() != 0 || l.Strict().Errors() != 1 {
		t.Error("Strict did not turn the warning into an error")
	}
}
