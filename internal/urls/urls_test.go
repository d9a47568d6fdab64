package urls

import "testing"

func TestRel(t *testing.T) {
	online, _ := New("https://org.github.io/archive/", false)
	offline, _ := New("https://org.github.io/archive/", true)
	for _, tc := range []struct {
		m        *Maker
		from, to string
		want     string
	}{
		{online, "", "checks/x/", "checks/x/"},
		{online, "checks/x/", "checks/x/", "../../checks/x/"},
		{online, "checks/x/", "checks/y/", "../../checks/y/"},
		{online, "checks/x/", "", "../../"},
		{online, "topics/a/page/2/", "topics/a/", "../../../../topics/a/"},
		{online, "checks/x/", "assets/style.1.css", "../../assets/style.1.css"},
		{online, "checks/x/", "checks/x/#src-1", "#src-1"},
		{online, "feed.xml", "checks/x/", "checks/x/"},
		{offline, "", "", "index.html"},
		{offline, "checks/x/", "topics/a/", "../../topics/a/index.html"},
		{offline, "checks/x/", "checks/x/#src-1", "#src-1"},
		{offline, "checks/x/", "assets/s.css", "../../assets/s.css"},
	} {
		if got := tc.m.Rel(tc.from, tc.to); got != tc.want {
			t.Errorf("Rel(%q, %q) offline=%v = %q, want %q", tc.from, tc.to, tc.m.offline, got, tc.want)
		}
	}
}

func TestAbs(t *testing.T) {
	m, _ := New("https://org.github.io/archive", false)
	if got := m.Abs("checks/x/"); got != "https://org.github.io/archive/checks/x/" {
		t.Errorf("Abs = %q", got)
	}
	if got := m.Abs("topics/صحة/"); got != "https://org.github.io/archive/topics/%D8%B5%D8%AD%D8%A9/" {
		t.Errorf("Abs of an Arabic path = %q", got)
	}
	p, _ := New("/", false)
	if got := p.Abs("checks/x/"); got != "/checks/x/" {
		t.Errorf("Abs without host = %q", got)
	}
}
