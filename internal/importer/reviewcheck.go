package importer

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factpress/factpress/internal/config"
)

// StubBody is the body of an imported check: ClaimReview carries none.
// It cites the review as [1] and the stub source as [2], so that the stub
// is flagged (source-incomplete) until a person writes the check and its
// sources.
const StubBody = "TODO: write the check. The original review is [1]; cite every further source the same way, starting with [2].\n"

// StubSource2 is the title of the stub source that stands for the sources
// the review relied on, which ClaimReview does not list.
const StubSource2 = "TODO: source 2"

// QuestionTitle is the check's title: the review's own, or, when it has
// none, the claim asked as a question, in Spanish on a Spanish site and in
// English elsewhere.
func (r *Review) QuestionTitle(language string) string {
	if r.Title != "" {
		return r.Title
	}
	claim := strings.TrimSpace(r.Claim)
	if strings.HasSuffix(claim, "?") {
		return claim
	}
	claim = strings.TrimRight(claim, ".!;: ")
	// "The world is flat" → "the world is flat"; "NASA faked it" and "I
	// said" keep their capitals.
	word, _, _ := strings.Cut(claim, " ")
	if first, size := utf8.DecodeRuneInString(word); unicode.IsUpper(first) && word != "I" && !strings.HasPrefix(word, "I'") &&
		!strings.ContainsFunc(word[size:], unicode.IsUpper) {
		claim = string(unicode.ToLower(first)) + claim[size:]
	}
	if lang, _, _ := strings.Cut(strings.ToLower(language), "-"); lang == "es" {
		return "¿Es cierto que " + claim + "?"
	}
	return "Is it true that " + claim + "?"
}

// Verdict is the verdict key the review's rating means on the site, or ""
// with the reason a person must choose.
func (r *Review) Verdict(cfg *config.Config) (key, comment string) {
	keys := strings.Join(cfg.VerdictKeys(), ", ")
	if r.Rating != "" {
		v, ok := cfg.RatingVerdict(r.Rating)
		switch {
		case ok && v != "":
			if _, inScale := cfg.Verdict(v); inScale {
				return v, fmt.Sprintf("rated %q", r.Rating)
			}
			return "", fmt.Sprintf("TODO: rating_map gives %q for the rating %q, and the scale has no such verdict; one of %s", v, r.Rating, keys)
		}
		msg := fmt.Sprintf("TODO: the review rated it %q, which rating_map does not name; choose one of %s", r.Rating, keys)
		if s := r.Score; s != nil {
			if v := scoreVerdict(cfg, s); v != "" {
				msg += fmt.Sprintf(" (its score, %s of %s to %s, is nearest %s)", num(s.Value), num(s.Worst), num(s.Best), v)
			}
		}
		return "", msg
	}
	if s := r.Score; s != nil {
		if v := scoreVerdict(cfg, s); v != "" {
			return v, fmt.Sprintf("rated %s on a scale of %s to %s", num(s.Value), num(s.Worst), num(s.Best))
		}
	}
	return "", "TODO: the review gives no rating; choose one of " + keys
}

// scoreVerdict is the verdict of the scale whose rating (1 to 5) is
// nearest the score's place on its own scale.
func scoreVerdict(cfg *config.Config, s *Score) string {
	want := 1 + 4*(s.Value-s.Worst)/(s.Best-s.Worst)
	best, bestDist := "", math.Inf(1)
	for _, v := range cfg.Verdicts {
		if v.Rating < 1 {
			continue
		}
		if d := math.Abs(float64(v.Rating) - want); d < bestDist {
			best, bestDist = v.Key, d
		}
	}
	return best
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// comment makes text safe to end a YAML line with.
func comment(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}

// Check writes the review as a check file. What ClaimReview has is filled
// in: the claim, claimant, dates, appearances, the verdict through the
// site's rating map, and the review as source 1. What it lacks is a stub
// that `factpress check` flags: the body, and source 2 for the sources the
// review relied on; a verdict the map cannot give is left empty with the
// rating in a TODO comment.
func (r *Review) Check(cfg *config.Config) []byte {
	var b strings.Builder
	q := strconv.Quote
	b.WriteString("---\n" + SchemaComment + "\n")
	origin := "a ClaimReview"
	if r.Publisher != "" {
		origin += " by " + r.Publisher
	}
	if r.Language != "" && !strings.EqualFold(r.Language, cfg.Language) {
		origin += ", in " + r.Language
	}
	fmt.Fprintf(&b, "# Imported from %s: %s.\n", comment(r.Position()), comment(origin))
	b.WriteString("# TODO: write the body and source 2; `factpress check` flags them until then.\n")
	fmt.Fprintf(&b, "title: %s\n", q(r.QuestionTitle(cfg.Language)))
	fmt.Fprintf(&b, "claim: %s\n", q(r.Claim))
	if r.Claimant != "" {
		fmt.Fprintf(&b, "claimant: %s\n", q(r.Claimant))
		if r.ClaimantType != "" {
			fmt.Fprintf(&b, "claimant_type: %s\n", r.ClaimantType)
		}
	} else {
		b.WriteString("claimant: \"\"       # who made the claim; the review does not say\n")
	}
	if r.ClaimDate != "" {
		fmt.Fprintf(&b, "claim_date: %s\n", r.ClaimDate)
	}
	if len(r.Appearances) > 0 {
		b.WriteString("appearances:\n")
		for _, a := range r.Appearances {
			fmt.Fprintf(&b, "  - %s\n", q(a))
		}
	}
	verdict, why := r.Verdict(cfg)
	fmt.Fprintf(&b, "verdict: %s   # %s\n", q(verdict), comment(why))
	if r.Date != "" {
		fmt.Fprintf(&b, "date: %s\n", r.Date)
	} else {
		b.WriteString("date:               # TODO: the day the check was published, YYYY-MM-DD; the review does not say\n")
	}
	b.WriteString("topics: []         # e.g. [health, elections]\n")
	b.WriteString("sources:\n")
	b.WriteString("  - ")
	indent := ""
	if r.Title != "" {
		fmt.Fprintf(&b, "%stitle: %s\n", indent, q(r.Title))
		indent = "    "
	}
	if r.Publisher != "" {
		fmt.Fprintf(&b, "%spublisher: %s\n", indent, q(r.Publisher))
		indent = "    "
	}
	fmt.Fprintf(&b, "%surl: %s\n", indent, q(r.URL))
	if r.Date != "" {
		fmt.Fprintf(&b, "    date: %s\n", r.Date)
	}
	fmt.Fprintf(&b, "  - title: %s   # the sources the review relied on\n    publisher: \"\"\n    url: \"\"\n", q(StubSource2))
	b.WriteString("---\n\n" + StubBody)
	return []byte(b.String())
}
