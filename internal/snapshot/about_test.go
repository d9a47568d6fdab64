package snapshot

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/version"
)

func TestAbout(t *testing.T) {
	const commit = "0123456789abcdef0123456789abcdef01234567"
	base := About{
		Title:      `Checks <script>alert("x")</script> & "quotes"`,
		Folder:     "checks-script-alert-x-script-quotes-2026-01-20",
		LastUpdate: "2026-01-20",
		Factpress:  version.Info{Version: "v1.2.3", Go: "go1.26.0", Revision: "fedcba", Time: "2026-01-19T10:00:00Z", Modified: "true"},
	}
	for _, tc := range []struct {
		name   string
		edit   func(a *About)
		want   []string // in the page
		absent []string
	}{
		{
			name: "committed",
			edit: func(a *About) { a.Source = Source{State: SourceCommitted, Commit: commit} },
			want: []string{
				"git commit <code>" + commit + "</code>",
				`<time datetime="2026-01-20">2026-01-20</time>`,
				"factpress v1.2.3, built with go1.26.0, from commit <code>fedcba</code> of 2026-01-19T10:00:00Z, with uncommitted changes",
				"Checks &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;quotes&#34;",
			},
			absent: []string{"<script", `alert("x")`},
		},
		{
			name: "uncommitted changes on a commit",
			edit: func(a *About) { a.Source = Source{State: SourceUncommitted, Commit: commit} },
			want: []string{"<dd>uncommitted changes on top of git commit <code>" + commit + "</code></dd>"},
		},
		{
			name: "uncommitted changes and no commit",
			edit: func(a *About) { a.Source = Source{State: SourceUncommitted} },
			want: []string{"uncommitted changes, in a git repository with no commit yet"},
		},
		{
			name:   "not a git repository",
			edit:   func(a *About) { a.Source = Source{State: SourceNoGit} },
			want:   []string{"<dd>not a git repository</dd>"},
			absent: []string{"uncommitted changes on", commit},
		},
		{
			name: "git not known",
			edit: func(a *About) { a.Source = Source{State: SourceUnknown} },
			want: []string{"<dd>not known: git is not installed"},
		},
		{
			name: "no last update, a factpress without build information",
			edit: func(a *About) {
				a.LastUpdate = ""
				a.Factpress = version.Info{Version: "(devel)"}
			},
			want:   []string{"none: the archive has no check or update", "<dd>factpress (devel)</dd>"},
			absent: []string{"<time"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := base
			tc.edit(&a)
			b, err := a.HTML()
			if err != nil {
				t.Fatal(err)
			}
			page := string(b)
			for _, w := range tc.want {
				if !strings.Contains(page, w) {
					t.Errorf("page lacks %q:\n%s", w, page)
				}
			}
			for _, w := range tc.absent {
				if strings.Contains(page, w) {
					t.Errorf("page has %q", w)
				}
			}
			// Self-contained: the one link is to the site beside it, and
			// nothing is fetched.
			if refs := regexp.MustCompile(`(?i)\b(?:href|src|srcset|action)=`).FindAllString(page, -1); len(refs) != 1 || !strings.Contains(page, `<a href="index.html">`) {
				t.Errorf("references %q, want only the link to index.html", refs)
			}
			if strings.Contains(page, "url(") || strings.Contains(page, "@import") {
				t.Error("the page's style fetches something")
			}

			data, err := a.JSON()
			if err != nil {
				t.Fatal(err)
			}
			var back About
			if err := json.Unmarshal(data, &back); err != nil || back != a {
				t.Errorf("JSON %s read back as %+v, %v", data, back, err)
			}
		})
	}
}
