package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/testsite"
)

// import takes many files, prints a line per check written, reports the
// record it could not read at its file and line, and exits 1 for it.
func TestImportExitCodes(t *testing.T) {
	dir := testsite.Write(t, map[string]string{"factpress.yaml": "title: Test\n", "content/checks/.keep": ""})
	data, err := filepath.Abs("../../internal/importer/testdata")
	if err != nil {
		t.Fatal(err)
	}
	feed, page := filepath.Join(data, "datafeed.json"), filepath.Join(data, "google-example.html")

	code, out, errOut := runCLI(t, dir, "import", feed, page)
	if code != exitFound {
		t.Errorf("exit %d, want 1\n%s", code, errOut)
	}
	if n := strings.Count(out, "created "); n != 6 {
		t.Errorf("%d created lines, want 6:\n%s", n, out)
	}
	if !strings.Contains(errOut, feed+":45:15: error[import-record]:") || !strings.Contains(errOut, "1 record could not be read") {
		t.Errorf("stderr:\n%s", errOut)
	}

	code, out, errOut = runCLI(t, "", "import", page)
	if code != exitOK || strings.Contains(out, "created") || !strings.Contains(errOut, "warning[import-skipped]") {
		t.Errorf("second import: exit %d\n%s\n%s", code, out, errOut)
	}

	if code, _, _ := runCLI(t, "", "import"); code != exitUsage {
		t.Errorf("no file: exit %d", code)
	}
	if code, _, errOut := runCLI(t, "", "import", "-o", "x.md", feed); code != exitUsage || !strings.Contains(errOut, "-o names one file") {
		t.Errorf("-o with many checks: exit %d\n%s", code, errOut)
	}
}
