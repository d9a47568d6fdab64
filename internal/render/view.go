package render

import (
	"html/template"

	"github.com/factpress/factpress/internal/i18n"
)

// The view models: exactly what a layout receives, plain values made from
// the site model for one page. A page's key is the hash of its view, so a
// layout can show nothing that is not in it, and two pages with equal views
// are the same bytes. Links are ready to use (Href, relative to the page);
// site paths (Path) are for the rel function, in partials that receive a
// Chrome.

// Page is what a layout receives: what every page has, and what its kind
// shows (Check on a check's page, List on a list, …; the others nil). One
// type, without embedding, so that a template finds every field directly.
type Page struct {
	Kind        string // the layout: "home", "check", "list", …
	Path        string // site path: "checks/x/", "" for home, "404.html"
	Root        string // the way up to the site root: "../../", or "/base/" on the 404 page
	Title       string // the page's own title ("" on home)
	Description string // for search engines and previews
	Canonical   string // absolute URL; "" when base_url names no host
	Site        *Site
	// Chrome is what the head, header and footer partials receive.
	Chrome Chrome

	Home        *Home
	Check       *Check
	List        *List
	Topics      []TopicRow
	Verdicts    *Verdicts
	Claimants   *Claimants
	Authors     *Authors
	Questions   *Questions
	Question    *Question
	Sources     *Sources
	Corrections []CorrectionRow
	Search      *Search
	Body        template.HTML // a plain page's

	// CorrectionsHelp says, on the corrections page, how to ask for one.
	CorrectionsHelp *CorrectionsHelp

	// Card is the picture the page is previewed with when shared; nil
	// for none. Published and Modified date a check (ISO dates, for
	// article:published_time and article:modified_time); "" elsewhere.
	Card                *ShareCard
	Published, Modified string
}

// Chrome is the value given to the partials shared by every page (head,
// header, footer), which the default layouts render once per distinct
// value with cached.
type Chrome struct {
	Site    *Site
	Root    string
	Section string // the header section the page belongs to: "checks", "topics", …
	// Languages lead to this page in each language of a multilingual
	// site, this one included; nil in a site of one language.
	Languages []LanguageLink
}

// LanguageLink leads to a page in one language of the site: its
// translation, or that language's home when it has none.
type LanguageLink struct {
	Code    string // "fr"
	Name    string // in the language itself: "Français"
	Href    string // relative to the page
	Abs     string // the translation's absolute URL, for hreflang; "" when it has none or base_url names no host
	Current bool   // the page's own language
	Default bool   // the site's default language
}

// Site is what every page shows of the archive.
type Site struct {
	Title        string
	Description  string
	Language     string
	Dir          string // "rtl" for a language written right to left, else "ltr"
	Organization Organization
	Pages        []Link // the plain pages (about, methodology, …), as site paths
	Updated      Date   // the newest check or update
	Checks       int    // how many checks the archive has
	Authors      int    // how many authors have pages
	Params       map[string]any
	// Offline tells that links name their index.html, for browsing from
	// disk: scripts that make links need to know.
	Offline bool
	// Favicon is the site's icon; nil when it has none.
	Favicon *Icon
}

// Organization publishes the archive.
type Organization struct {
	Name, URL, Logo string
	// LogoPath is the logo's site path when it is one of the site's
	// assets, for rel; "" when it is elsewhere.
	LogoPath string
}

// Icon is a picture of the site: one of its files (Path, a site path for
// rel) or one elsewhere (URL).
type Icon struct {
	Path, URL string
	Type      string // its media type, "" when unknown
}

// Link is a link with its text. Href is relative to the page; in Site.Pages
// it is a site path, for rel.
type Link struct {
	Href string
	Text string
}

// Date is a date as a machine reads it (ISO, YYYY-MM-DD) and as a reader
// does; both empty when unknown.
type Date struct {
	ISO  string
	Text string
}

// Badge is a verdict as a badge shows it.
type Badge struct {
	Label  string
	Colour string
	Href   string // the verdict's page
}

// Item is a check in a list.
type Item struct {
	Href     string
	Title    string
	Claim    string
	Claimant string // "" on the claimant's own list
	Verdict  Badge
	Date     Date
	// ClaimRepeats tells that the title and the claim say the same
	// thing, so the item shows the title alone.
	ClaimRepeats bool
	Cited        []Link // on a publisher's page, its sources that the check cites
}

// Chart is a verdict breakdown.
type Chart struct {
	Caption string
	Rows    []ChartRow
}

// ChartRow is one verdict of a Chart.
type ChartRow struct {
	Verdict Badge
	Count   int
	Percent string // of the chart's checks, one decimal: "12.5"
}

// Pager links the pages of a paginated list; nil when there is one page.
type Pager struct {
	Number, Total int
	Prev, Next    string // hrefs, "" at the ends
	Links         []PagerLink
}

// PagerLink is one numbered page of a list.
type PagerLink struct {
	Number  int
	Href    string
	Current bool
}

// Home is what the home page shows.
type Home struct {
	Latest []Item
	Chart  Chart
	Topics []TopicRow
	Open   []QuestionRow // open questions
}

// Check is a check as its page shows it.
type Check struct {
	Slug        string
	Title       string
	Claim       string
	Claimant    Link // Href empty when there is no claimant page
	ClaimDate   Date
	Appearances []Appearance
	Verdict     Verdict
	Scale       *Scale // nil when the site's scale rates no verdict
	Date        Date
	Updated     Date
	Summary     string        // the front matter's; "" when it gives none
	Lede        template.HTML // else the body's first paragraph, which Body then leaves out
	Topics      []Link
	Authors     []Link // to the authors' pages
	Body        template.HTML
	Sources     []Source
	Questions   []QuestionRow
	Related     []Item
	Corrections []Correction
	Corrected   Date // the newest correction's; empty when there is none
	EditURL     string
	ClaimReview template.JS // schema.org ClaimReview, JSON-LD
}

// Verdict is a step of the verdict scale.
type Verdict struct {
	Label       string
	Colour      string
	Href        string // the verdict's page
	Key         string
	Description string
	Rating      int // 1 (worst) to 5, 0 when not rated
}

// Source is a check's source.
type Source struct {
	Number    int
	Title     string
	Publisher string
	URL       string
	Archive   string
	Kind      string
	Date      Date
	Accessed  Date
	Backlinks Backlinks
}

// Backlinks are the links from a source back to the places that cite it:
// #cite-Source-1 to #cite-Source-Count.
type Backlinks struct {
	Source int
	Count  int
}

// Correction is an entry of a check's corrections log.
type Correction struct {
	Date Date
	Note string
}

// List is a page of a paginated list of checks: all checks, a topic, a
// verdict, a claimant.
type List struct {
	Heading string
	Intro   string
	Total   int    // checks in the whole list
	Chart   *Chart // nil when the list has none
	Items   []Item
	Pager   *Pager
	Link    *Link // on an author's page, to their own; nil elsewhere

	// Empty is what the page says when the list has no checks.
	Empty string
}

// TopicRow is a topic in an index.
type TopicRow struct {
	Href, Title, Description string
	Count                    int
}

// VerdictRow is a verdict in the scale's index.
type VerdictRow struct {
	Verdict Verdict
	Count   int
}

// Verdicts is the scale's index.
type Verdicts struct {
	Rows  []VerdictRow
	Chart Chart
}

// ClaimantRow is a claimant in the index.
type ClaimantRow struct {
	Href, Name string
	Count      int
	Tally      []Count // verdicts with at least one check
}

// Count is a verdict and how many checks have it.
type Count struct {
	Label string
	Count int
}

// Claimants is a page of the claimants' index.
type Claimants struct {
	Rows  []ClaimantRow
	Pager *Pager
}

// Authors is a page of the authors' index.
type Authors struct {
	Rows  []AuthorRow
	Pager *Pager
}

// AuthorRow is an author in the authors' index.
type AuthorRow struct {
	Href, Name string
	Bio        string // from factpress.yaml; "" when none is given
	Count      int    // their checks
}

// QuestionRow is a related question in a list.
type QuestionRow struct {
	Href, Text string
	Answered   bool
}

// Questions is a page of the questions' index.
type Questions struct {
	Rows  []QuestionRow
	Pager *Pager
}

// Question is a related question's page.
type Question struct {
	Text     string
	Answer   *Item  // nil when open
	Proposal string // "propose a check" URL, when open and the site names a repository
	Closest  []Item // for an open question
	AskedBy  []Item
}

// PublisherRow is a cited publisher.
type PublisherRow struct {
	Name      string
	Href      string // its page; "" when its name makes no page name
	Citations int
	Count     int // checks citing it
}

// Sources is a page of the publishers' index.
type Sources struct {
	Rows  []PublisherRow
	Pager *Pager
}

// CorrectionsHelp is how a reader asks for a correction: the links the
// site has for it, each nil or "" when it has none.
type CorrectionsHelp struct {
	Policy  *Link  // the corrections policy page
	Contact *Link  // the contact page
	Issue   string // a new issue in the archive's repository
}

// CorrectionRow is a correction in the archive's log.
type CorrectionRow struct {
	Date  Date
	Note  string
	Check Link
}

// Search is what the search page needs.
type Search struct {
	Index string // href of the search index script
	// Matches are the plural forms of "N checks match", for the script.
	Matches []i18n.Form
}
