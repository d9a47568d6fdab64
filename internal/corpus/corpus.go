// Package corpus generates synthetic fact-check archives of any size for benchmarks and tests, shaped like ../shared/bench/gen_corpus.py's.
package corpus

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
)

var (
	verdicts       = []string{"true", "mostly-true", "mixed", "mostly-false", "false", "unsupported", "misleading"}
	verdictWeights = []float64{8, 10, 12, 16, 22, 17, 15}
	date0          = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	dateSpan       = int(time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC).Sub(date0).Hours() / 24)
)

type outlet struct{ name, domain string }

// outlets are 80 fixed names, the same for every seed.
func outlets() []outlet {
	r := rand.New(rand.NewPCG(20240101, 0))
	type pair struct{ a, b string }
	var pairs []pair
	for _, a := range outletFirst {
		for _, b := range outletSecond {
			pairs = append(pairs, pair{a, b})
		}
	}
	r.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
	tlds := []string{".com", ".com", ".org", ".net", ".news"}
	out := make([]outlet, 80)
	for i, p := range pairs[:80] {
		name := p.a + " " + p.b
		if r.Float64() < 0.5 {
			name = "The " + name
		}
		out[i] = outlet{name, strings.ToLower(p.a+p.b) + tlds[r.IntN(len(tlds))]}
	}
	return out
}

func zipfCum(n int, s float64) []float64 {
	cum := make([]float64, n)
	tot := 0.0
	for r := 1; r <= n; r++ {
		tot += 1 / math.Pow(float64(r), s)
		cum[r-1] = tot
	}
	return cum
}

func cumulative(w []float64) []float64 {
	out := make([]float64, len(w))
	t := 0.0
	for i, x := range w {
		t += x
		out[i] = t
	}
	return out
}

// gen draws text from one check's own random source.
type gen struct {
	r       *rand.Rand
	outlets []outlet
}

func newGen(seed int64, purpose string, i int, outs []outlet) *gen {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d:%s:%d", seed, purpose, i)
	return &gen{r: rand.New(rand.NewPCG(h.Sum64(), uint64(seed))), outlets: outs}
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }
func (g *gen) f() float64                { return g.r.Float64() }
func (g *gen) between(lo, hi int) int    { return lo + g.r.IntN(hi-lo+1) }
func (g *gen) pickCum(cum []float64) int {
	return sort.SearchFloat64s(cum, g.f()*cum[len(cum)-1])
}

var aAnRE = regexp.MustCompile(`\b([Aa]) ([aeiouAEIOU])`)

func aAn(s string) string { return aAnRE.ReplaceAllString(s, "${1}n $2") }

func capitalise(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return r != '*' })
	if i < 0 {
		return s
	}
	return s[:i] + strings.ToUpper(s[i:i+1]) + s[i+1:]
}

func (g *gen) person() string { return g.pick(first) + " " + g.pick(last) }

func (g *gen) role() string { return strings.ReplaceAll(g.pick(roles), "-", " ") }

func (g *gen) claimant() string {
	switch x := g.f(); {
	case x < 0.55:
		return g.role() + " " + g.person()
	case x < 0.8:
		if g.f() < 0.6 {
			return "a viral " + g.pick(platforms)
		}
		return "a " + g.pick(platforms) + " by " + g.person()
	}
	if g.f() < 0.5 {
		return "the " + g.pick(places) + " " + g.pick(orgs)
	}
	return "the " + g.pick(orgs)
}

func (g *gen) subject() string {
	switch x := g.f(); {
	case x < 0.4:
		return g.pick(places) + " " + g.pick(groups)
	case x < 0.65:
		return g.role() + " " + g.pick(last)
	case x < 0.85:
		return "the " + g.pick(places) + " " + g.pick(orgs)
	}
	return "the " + g.pick(adjectives) + " " + g.pick(nounsSingular) + " from " + g.pick(places)
}

func (g *gen) object() string {
	switch x := g.f(); {
	case x < 0.35:
		return g.pick(adjectives) + " " + g.pick(nounsPlural)
	case x < 0.6:
		n := []int{2, 3, 5, 10, 12, 15, 20, 25, 40, 50, 75, 100, 200, 500, 1000}[g.r.IntN(15)]
		unit := []string{"thousand", "million", "billion", "", "", "percent of the"}[g.r.IntN(6)]
		return strings.ReplaceAll(fmt.Sprintf("%d %s %s", n, unit, g.pick(nounsPlural)), "  ", " ")
	case x < 0.8:
		return "the " + g.pick(adjectives) + " " + g.pick(nounsSingular) + " on " + g.pick(nounsPlural)
	}
	return g.pick(nounsPlural) + " for " + g.pick(groups)
}

func (g *gen) when() string {
	switch x := g.f(); {
	case x < 0.3:
		return fmt.Sprintf("in %d", g.between(2015, 2026))
	case x < 0.5:
		return fmt.Sprintf("after the %d %s", g.between(2016, 2026), g.pick(events))
	case x < 0.7:
		return "in " + g.pick(places)
	case x < 0.85:
		return "during the " + g.pick(events)
	}
	return fmt.Sprintf("in %s %d", g.pick(months), g.between(2018, 2026))
}

func (g *gen) claimAndTitle() (string, string) {
	subj, v, obj, p := g.subject(), g.r.IntN(len(verbBase)), g.object(), g.when()
	claim := capitalise(fmt.Sprintf("%s %s %s %s.", subj, verbPast[v], obj, p))
	var title string
	switch x := g.f(); {
	case x < 0.6:
		title = fmt.Sprintf("Did %s %s %s %s?", subj, verbBase[v], obj, p)
	case x < 0.8:
		title = fmt.Sprintf("Is it true that %s %s %s %s?", subj, verbPast[v], obj, p)
	default:
		title = fmt.Sprintf("Has %s really %s %s %s?", subj, verbPast[v], obj, p)
	}
	return aAn(claim), aAn(title)
}

func (g *gen) relatedQuestion() string {
	lead, subj, vb := g.pick(relatedLeads), g.subject(), g.pick(verbBase)
	var q string
	switch lead {
	case "Is":
		q = fmt.Sprintf("Is %s responsible for %s %s?", subj, g.object(), g.when())
	case "Has":
		q = fmt.Sprintf("Has %s %s %s %s?", subj, g.pick(bodyVerbs), g.object(), g.when())
	case "Can":
		q = fmt.Sprintf("Can %s legally %s %s?", subj, vb, g.object())
	case "Does":
		q = fmt.Sprintf("Does %s %s %s?", subj, vb, g.object())
	default:
		q = fmt.Sprintf("%s %s %s %s %s?", lead, subj, vb, g.object(), g.when())
	}
	return aAn(q)
}

func (g *gen) headline() string {
	var h string
	switch x := g.f(); {
	case x < 0.35:
		h = fmt.Sprintf("%s %s %s %s", g.subject(), g.pick(verbPast), g.object(), g.when())
	case x < 0.5:
		h = fmt.Sprintf("What we know about %s %s %s", g.pick(adjectives), g.pick(nounsPlural), g.when())
	case x < 0.65:
		h = fmt.Sprintf("%s %s %s %s", g.pick(adjectives), g.pick(nounsSingular), g.pick(bodyVerbs), g.object())
	case x < 0.8:
		h = fmt.Sprintf("%s %s %s %s %s", g.pick(places), g.pick(groups), g.pick(bodyVerbs), g.pick(adjectives), g.pick(nounsPlural))
	case x < 0.9:
		h = fmt.Sprintf("Fact sheet: %s %s %s %s", g.pick(adjectives), g.pick(nounsPlural), g.pick(prepositions), g.pick(places))
	default:
		h = fmt.Sprintf("%s on %s %s and %s", g.person(), g.pick(adjectives), g.pick(nounsPlural), g.pick(nounsPlural))
	}
	return aAn(capitalise(h))
}

func (g *gen) nounPhrase() string {
	var s string
	switch x := g.f(); {
	case x < 0.45:
		if g.f() < 0.6 {
			s = g.pick(determiners) + " " + g.pick(adjectives) + " " + g.pick(nounsPlural)
		} else {
			s = g.pick(determiners) + " " + g.pick(nounsPlural)
		}
	case x < 0.85:
		if g.f() < 0.5 {
			s = g.pick(singularDeterminers) + " " + g.pick(adjectives) + " " + g.pick(nounsSingular)
		} else {
			s = g.pick(singularDeterminers) + " " + g.pick(nounsSingular)
		}
	case x < 0.93:
		s = g.pick(places) + " " + g.pick(groups)
	default:
		s = "the " + strings.TrimPrefix(g.outlets[g.r.IntN(len(g.outlets))].name, "The ")
	}
	switch y := g.f(); {
	case y < 0.03:
		s = "**" + s + "**"
	case y < 0.06:
		s = "*" + s + "*"
	}
	return s
}

func (g *gen) phrase() string {
	if g.f() < 0.75 {
		return g.pick(prepositions) + " " + g.nounPhrase()
	}
	return g.when()
}

func (g *gen) sentence() string {
	v := g.pick(bodyVerbs)
	var s string
	switch g.r.IntN(9) {
	case 0:
		s = fmt.Sprintf("%s %s %s %s", g.nounPhrase(), v, g.nounPhrase(), g.phrase())
	case 1:
		s = fmt.Sprintf("%s, %s %s %s %s", g.pick(openers), g.nounPhrase(), v, g.nounPhrase(), g.phrase())
	case 2:
		s = fmt.Sprintf("%s %s that %s %s %s %s", g.nounPhrase(), v, g.nounPhrase(), g.pick(bodyVerbs), g.nounPhrase(), g.phrase())
	case 3:
		s = fmt.Sprintf("%s %s %s, and %s %s %s %s", g.nounPhrase(), v, g.nounPhrase(), g.nounPhrase(), g.pick(bodyVerbs), g.nounPhrase(), g.phrase())
	case 4:
		s = fmt.Sprintf("%s %s %d %s %s, %s %s %s %s", g.nounPhrase(), v, g.between(2, 980), g.pick(nounsPlural), g.phrase(), g.pick(clauses), g.nounPhrase(), g.pick(bodyVerbs), g.nounPhrase())
	case 5:
		s = fmt.Sprintf("%s, a %s %s spokesperson, %s %s %s", g.person(), g.pick(adjectives), g.pick(nounsSingular), v, g.nounPhrase(), g.phrase())
	case 6:
		s = fmt.Sprintf("%s %s that \"%s %s %s %s\" %s", g.nounPhrase(), v, g.pick(adjectives), g.pick(nounsPlural), g.pick(prepositions), g.pick(nounsPlural), g.phrase())
	case 7:
		s = fmt.Sprintf("According to %s, %s %s %s %s %s", g.outlets[g.r.IntN(len(g.outlets))].name, g.nounPhrase(), v, g.nounPhrase(), g.phrase(), g.phrase())
	default:
		s = fmt.Sprintf("%s, %s %s %d percent of %s %s, %s %s %s %s", g.pick(openers), g.nounPhrase(), v, g.between(1, 99), g.nounPhrase(), g.phrase(), g.pick(clauses), g.nounPhrase(), g.pick(bodyVerbs), g.nounPhrase())
	}
	return aAn(capitalise(s))
}

func (g *gen) heading(i int) string {
	a := g.pick(headings)
	switch x := g.f(); {
	case x < 0.5:
		return fmt.Sprintf("## %d. %s — %s", i, a, strings.Trim(g.nounPhrase(), "*"))
	case x < 0.8:
		return fmt.Sprintf("## %d. %s", i, a)
	}
	return fmt.Sprintf("## %d. %s: %s %s %s", i, a, g.pick(adjectives), g.pick(nounsPlural), g.when())
}

func wordCount(s string) int { return strings.Count(s, " ") + 1 }

// paragraph returns sentences totalling close to target words.
func (g *gen) paragraph(target int) ([]string, int) {
	var out []string
	w := 0
	for {
		s := g.sentence()
		sw := wordCount(s)
		if len(out) > 0 && w+sw-target > target-w {
			return out, w
		}
		out = append(out, s)
		w += sw
	}
}

type blockKind int

const (
	para blockKind = iota
	head
	list
	quote
)

type block struct {
	kind  blockKind
	lines []string
}

// body writes 600-1200 words: a summary, 3-5 numbered sections and a
// conclusion, citing every source 1..k at least once.
func (g *gen) body(k int) string {
	total := g.between(600, 1160)
	nsec := g.between(3, 5)
	var blocks []block
	type ref struct{ b, s int }
	var refs []ref
	words := 0
	addPara := func(target int) {
		sents, w := g.paragraph(target)
		for i := range sents {
			refs = append(refs, ref{len(blocks), i})
		}
		blocks = append(blocks, block{para, sents})
		words += w
	}
	addPara(max(45, total/12))
	summaryEnd := len(refs)
	concWords := max(50, total/10)
	npars := make([]int, nsec)
	slots := 1
	for i := range npars {
		npars[i] = g.between(2, 3)
		slots += npars[i]
	}
	for i := 1; i <= nsec; i++ {
		h := g.heading(i)
		blocks = append(blocks, block{head, []string{h}})
		words += strings.Count(h, " ")
		for j := 0; j < npars[i-1]; j++ {
			if j == 1 && g.f() < 0.15 {
				items := make([]string, g.between(3, 4))
				for n := range items {
					items[n] = capitalise(aAn(g.nounPhrase() + " " + g.pick(bodyVerbs) + " " + g.nounPhrase()))
					words += wordCount(items[n])
				}
				blocks = append(blocks, block{list, items})
			}
			if j == 1 && g.f() < 0.1 {
				s := g.sentence()
				blocks = append(blocks, block{quote, []string{s}})
				words += wordCount(s)
			}
			addPara(max(30, (total-words-concWords)/max(1, slots-1)))
			slots--
		}
	}
	blocks = append(blocks, block{head, []string{"## Conclusion"}})
	addPara(max(40, total-words))

	cites := map[int]map[int]bool{}
	cite := func(slot, id int) {
		if cites[slot] == nil {
			cites[slot] = map[int]bool{}
		}
		cites[slot][id] = true
	}
	ids := g.r.Perm(k)
	for n, slot := range g.r.Perm(len(refs))[:min(k, len(refs))] {
		cite(slot, ids[n]+1)
	}
	for _, id := range ids[min(k, len(refs)):] {
		cite(g.r.IntN(len(refs)), id+1)
	}
	for slot := range refs {
		if g.f() < 0.28 {
			for _, id := range g.r.Perm(k)[:[]int{1, 1, 1, 2, 2, 3}[g.r.IntN(6)]] {
				cite(slot, id+1)
			}
		}
	}
	for _, slot := range []int{summaryEnd - 1, len(refs) - 1} {
		for _, id := range g.r.Perm(k)[:min(k, g.between(2, 5))] {
			cite(slot, id+1)
		}
	}
	for slot, set := range cites {
		r := refs[slot]
		var nums []int
		for id := range set {
			nums = append(nums, id)
		}
		slices.Sort(nums)
		for _, id := range nums {
			blocks[r.b].lines[r.s] += fmt.Sprintf(" [%d]", id)
		}
	}
	parts := make([]string, len(blocks))
	for i, b := range blocks {
		switch b.kind {
		case para:
			parts[i] = strings.Join(b.lines, ". ") + "."
		case head:
			parts[i] = b.lines[0]
		case list:
			parts[i] = "- " + strings.Join(b.lines, "\n- ")
		case quote:
			parts[i] = "> " + b.lines[0] + "."
		}
	}
	return strings.Join(parts, "\n\n") + "\n"
}

var slugRE = regexp.MustCompile(`[^a-z0-9]+`)

func slugify(s string, maxLen int) string {
	s = strings.Trim(slugRE.ReplaceAllString(strings.ToLower(s), "-"), "-")
	if len(s) > maxLen {
		s = s[:maxLen]
		if i := strings.LastIndexByte(s, '-'); i > 0 {
			s = s[:i]
		}
	}
	return s
}

func quoted(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// Generate writes n checks to dir/content/checks/ and a factpress.yaml.
// The same seed gives the same files; check i's text does not depend on n,
// only its related questions do.
func Generate(dir string, n int, seed int64) error {
	out := filepath.Join(dir, "content", "checks")
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if existing, _ := filepath.Glob(filepath.Join(out, "*.md")); len(existing) > 0 {
		return fmt.Errorf("%s already holds %d checks; use an empty folder", out, len(existing))
	}
	outs := outlets()
	titles := make([]string, n)
	claims := make([]string, n)
	names := make([]string, n)
	titleSet := map[string]bool{}
	slugSet := map[string]bool{}
	for i := range n {
		g := newGen(seed, "title", i, outs)
		claim, title := g.claimAndTitle()
		for titleSet[title] {
			claim, title = g.claimAndTitle()
		}
		titleSet[title] = true
		titles[i], claims[i] = title, claim
		base := slugify(strings.TrimSuffix(title, "?"), 72)
		s := base
		for c := 2; slugSet[s]; c++ {
			s = fmt.Sprintf("%s-%d", base, c)
		}
		slugSet[s] = true
		names[i] = s
	}
	topicCum, outletCum, verdictCum := zipfCum(len(topics), 1.05), zipfCum(len(outs), 0.8), cumulative(verdictWeights)
	for i := range n {
		g := newGen(seed, "body", i, outs)
		d := date0.AddDate(0, 0, g.r.IntN(dateSpan+1))
		verdict := verdicts[g.pickCum(verdictCum)]
		claimant := g.claimant()
		nt := 1 + g.pickCum(cumulative([]float64{30, 35, 22, 13}))
		var ts []string
		for len(ts) < nt {
			if t := topics[g.pickCum(topicCum)]; !slices.Contains(ts, t) {
				ts = append(ts, t)
			}
		}
		k := g.between(4, 10)
		var fm strings.Builder
		fmt.Fprintf(&fm, "---\ntitle: %s\nclaim: %s\nclaimant: %s\ndate: %s\nverdict: %s\ntopics:\n", quoted(titles[i]), quoted(claims[i]), quoted(claimant), d.Format(time.DateOnly), quoted(verdict))
		for _, t := range ts {
			fmt.Fprintf(&fm, "  - %s\n", quoted(t))
		}
		fm.WriteString("sources:\n")
		for id := 1; id <= k; id++ {
			o := outs[g.pickCum(outletCum)]
			title := g.headline()
			sd := d.AddDate(0, 0, -g.between(0, 400))
			url := fmt.Sprintf("https://www.%s/%d/%02d/%s-%d", o.domain, sd.Year(), sd.Month(), slugify(title, 60), g.between(100000, 999999))
			fmt.Fprintf(&fm, "  - id: %d\n    title: %s\n    publisher: %s\n    url: %s\n    date: %s\n", id, quoted(title), quoted(o.name), quoted(url), sd.Format(time.DateOnly))
		}
		body := g.body(k)
		rg := newGen(seed, "related", i, outs)
		var related []string
		for range rg.between(2, 4) {
			var q string
			if n > 1 && rg.f() < 0.3 {
				j := rg.r.IntN(n - 1)
				if j >= i {
					j++
				}
				q = titles[j]
			} else {
				q = rg.relatedQuestion()
				for titleSet[q] {
					q = rg.relatedQuestion()
				}
			}
			if !slices.Contains(related, q) {
				related = append(related, q)
			}
		}
		fm.WriteString("related:\n")
		for _, q := range related {
			fmt.Fprintf(&fm, "  - %s\n", quoted(q))
		}
		fm.WriteString("---\n\n")
		if err := os.WriteFile(filepath.Join(out, names[i]+".md"), []byte(fm.String()+body), 0o644); err != nil {
			return err
		}
	}
	cfg := filepath.Join(dir, "factpress.yaml")
	if _, err := os.Stat(cfg); os.IsNotExist(err) {
		return os.WriteFile(cfg, []byte("title: \"Generated fact-check archive\"\nbase_url: \"https://example.org/\"\ndescription: \"A synthetic archive for benchmarks and tests.\"\n"), 0o644)
	}
	return nil
}
