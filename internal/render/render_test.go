package render

import (
	"fmt"
	"testing"
)

func TestPaginate(t *testing.T) {
	items := make([]int, 45)
	pages := paginate("topics/a/", items, 20)
	if len(pages) != 3 {
		t.Fatalf("%d pages", len(pages))
	}
	got := fmt.Sprint(pages[0].Path, pages[1].Path, pages[2].Path, len(pages[2].Items), pages[1].Pager.Prev, pages[1].Pager.Next)
	want := fmt.Sprint("topics/a/", "topics/a/page/2/", "topics/a/page/3/", 5, "topics/a/", "topics/a/page/3/")
	if got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	if empty := paginate("checks/", []int{}, 20); len(empty) != 1 || empty[0].Pager.Total != 1 {
		t.Errorf("an empty list still gets its first page: %+v", empty)
	}
}
