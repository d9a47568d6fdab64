package schema

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/content"
	"github.com/factpress/factpress/internal/markdown"
	"github.com/factpress/factpress/internal/validate"
)

var update = flag.Bool("update", false, "rewrite schema/check.schema.json")

func defaultSchema(t *testing.T) []byte {
	t.Helper()
	cfg := config.Default()
	b, err := Check(cfg.VerdictKeys())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCommittedSchema keeps the repository's schema/check.schema.json, which
// editors point at, equal to what the code generates for the default scale.
func TestCommittedSchema(t *testing.T) {
	want := defaultSchema(t)
	const path = "../../schema/check.schema.json"
	if *update {
		os.MkdirAll("../../schema", 0o755)
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("%s is stale (%v); run go test ./internal/schema -update", path, err)
	}
}

// TestSchemaAgreesWithValidator runs the same front matter through the
// validator and the schema: the schema must accept exactly what the
// validator passes without errors or unknown fields, for the rules a schema
// can express.
func TestSchemaAgreesWithValidator(t *testing.T) {
	c := jsonschema.NewCompiler()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(defaultSchema(t)))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("check.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("check.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	const base = "title: \"Q?\"\nclaim: \"C.\"\nverdict: false\ndate: 2026-01-17\ntopics: [a]\n"
	const src = "sources:\n  - title: \"T\"\n    publisher: \"P\"\n"
	for _, tc := range []struct {
		name, front string
		valid       bool
	}{
		{"minimal", base + src, true},
		{"every field", base + "claimant: X\nclaim_date: 2026-01-10\nappearances: [\"https://e.org/p\"]\nupdated: 2026-01-18\nsummary: S\nauthors: [A]\nslug: my-check\ndraft: false\n" +
			"sources:\n  - id: 1\n    title: T\n    publisher: P\n    url: https://e.org/a\n    date: 2026-01-01\n    accessed: 2026-01-02\n    archive: https://web.archive.org/x\n    kind: news\n" +
			"related:\n  - \"Plain?\"\n  - question: \"Linked?\"\n    check: other\ncorrections:\n  - date: 2026-01-18\n    note: Fixed.\n", true},
		{"verdict as a string", strings.Replace(base, "verdict: false", "verdict: mostly-true", 1) + src, true},
		{"url only", base + "sources:\n  - url: https://e.org/a\n", true},
		{"missing title", strings.Replace(base, "title: \"Q?\"\n", "", 1) + src, false},
		{"empty claim", strings.Replace(base, "claim: \"C.\"", "claim: \"\"", 1) + src, false},
		{"missing sources", base, false},
		{"empty sources", base + "sources: []\n", false},
		{"unknown field", base + src + "soruces: []\n", false},
		{"unknown source field", base + "sources:\n  - title: T\n    publisher: P\n    pubisher: x\n", false},
		{"unknown verdict", strings.Replace(base, "verdict: false", "verdict: flase", 1) + src, false},
		{"bad date", strings.Replace(base, "2026-01-17", "2026-1-17", 1) + src, false},
		{"bad source url", base + "sources:\n  - url: javascript:alert(1)\n", false},
		{"relative url", base + "sources:\n  - url: /a/b\n", false},
		{"bad archive", base + "sources:\n  - url: https://e.org\n    archive: ftp://x\n", false},
		{"source with neither", base + "sources:\n  - title: T\n", false},
		{"placeholder title", base + "sources:\n  - title: \"todo: find\"\n    publisher: P\n", false},
		{"bad id", base + "sources:\n  - id: 0\n    title: T\n    publisher: P\n", false},
		{"bad slug", base + src + "slug: Bad_Slug\n", false},
		{"bad kind", base + "sources:\n  - title: T\n    publisher: P\n    kind: blog\n", false},
		{"empty related", base + src + "related: [\"\"]\n", false},
		{"correction without note", base + src + "corrections:\n  - date: 2026-01-18\n", false},
		{"claimant a person", base + src + "claimant: X\nclaimant_type: person\n", true},
		{"claimant an organization", base + src + "claimant: X\nclaimant_type: organization\n", true},
		{"claimant type capitalised", base + src + "claimant: X\nclaimant_type: Person\n", false},
		{"claimant type in British spelling", base + src + "claimant: X\nclaimant_type: organisation\n", false},
		{"claimant type empty", base + src + "claimant: X\nclaimant_type: \"\"\n", false},
		{"claimant type a list", base + src + "claimant: X\nclaimant_type: [person]\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			validatorOK := validatorPasses(t, tc.front)
			schemaOK := schemaPasses(t, sch, tc.front)
			if validatorOK != tc.valid || schemaOK != tc.valid {
				t.Errorf("want valid=%v; validator says %v, schema says %v", tc.valid, validatorOK, schemaOK)
			}
		})
	}
}

func validatorPasses(t *testing.T, front string) bool {
	t.Helper()
	var body strings.Builder
	for i := 1; i <= strings.Count(front, "\n  - "); i++ {
		fmt.Fprintf(&body, " [%d]", i)
	}
	// Cite every source by position or by its id.
	text := "---\n" + front + "---\n\nBody" + body.String() + " [1].\n"
	cfg := config.Default()
	c := content.Parse("content/checks/x.md", []byte(text), content.KindCheck, markdown.New(markdown.Options{}))
	other := content.Parse("content/checks/other.md", []byte("---\ntitle: O\n---\n"), content.KindCheck, nil)
	diags := validate.Site(&cfg, []*content.Check{c, other}, validate.Options{Today: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), Drafts: true, Only: func(p string) bool { return p == c.Path }})
	for _, d := range diags {
		// Warnings about names the schema lists (fields, source kinds) count
		// as failures: the schema's enums and closed objects reject them.
		if d.Severity == 1 || d.Code == "unknown-field" || d.Code == "unknown-source-kind" {
			if d.Code != "citation-undefined" && d.Code != "source-uncited" {
				return false
			}
		}
	}
	return true
}

func schemaPasses(t *testing.T, sch *jsonschema.Schema, front string) bool {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(front), &n); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(jsonable(t, n.Content[0]))
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return sch.Validate(inst) == nil
}

// jsonable turns YAML into what an editor's YAML language server gives the
// schema: YAML 1.2 has no timestamp type, so dates stay text as written.
func jsonable(t *testing.T, n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = jsonable(t, n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, jsonable(t, c))
		}
		return l
	}
	switch n.Tag {
	case "!!timestamp", "!!str":
		return n.Value
	}
	var v any
	if err := n.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}
