package render

import (
	"fmt"
	"testing"
)

func TestCompact(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"<ul>\n  <li>a</li>\n</ul>\n", "<ul><li>a</li></ul>"},
		{"Claimed by\n  {{.Name}}", "Claimed by {{.Name}}"},
		{"{{end}}\n{{if .Y}}", "{{end}} {{if .Y}}"},
		{"word\n  word", "word word"},
		{"{{if .X}}\n<p>x</p>\n{{end}}", "{{if .X}}<p>x</p>{{end}}"},
		{"no breaks", "no breaks"},
	} {
		if got := compact(tc.in); got != tc.want {
			t.Errorf("compact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPaginate(t *testing.T) {
	items := make([]int, 45)
	pages := paginate("topics/a/", items, 20)
	if len(pages) != 3 {
		t.Fatalf("%d pages", len(pages))
	}
	got := fmt.Sprint(pages[0].Path, pages[1].Path, pages[2].Path, len(pages[2].Checks), pages[1].Pager.Prev, pages[1].Pager.Next)
	want := fmt.Sprint("topics/a/", "topics/a/page/2/", "topics/a/page/3/", 5, "topics/a/", "topics/a/page/3/")
	if got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	if empty := paginate("checks/", []int{}, 20); len(empty) != 1 || empty[0].Pager.Total != 1 {
		t.Errorf("an empty list still gets its first page: %+v", empty)
	}
}
