// The word lists of ../shared/bench/gen_corpus.py, so that this generator writes the same kind of corpus.

package corpus

var topics = []string{
	"elections", "immigration", "covid-19", "vaccines", "economy", "health-care", "crime", "climate-change",
	"taxes", "inflation", "education", "guns", "foreign-policy", "social-media", "public-health", "jobs",
	"energy", "housing", "voting-rights", "police", "abortion", "budget", "border-security", "ukraine",
	"courts", "supreme-court", "congress", "state-legislatures", "medicare", "social-security", "environment",
	"minimum-wage", "transportation", "trade", "china", "russia", "israel", "middle-east", "military",
	"veterans", "drugs", "opioids", "marijuana", "criminal-justice", "prisons", "civil-rights", "lgbtq", "race",
	"religion", "free-speech", "technology", "artificial-intelligence", "privacy", "cybersecurity",
	"misinformation", "deepfakes", "elections-security", "mail-ballots", "voter-fraud", "polling",
	"campaign-finance", "lobbying", "ethics", "corruption", "transparency", "labor", "unions", "small-business",
	"banking", "cryptocurrency", "stock-market", "retirement", "pensions", "student-loans", "higher-education",
	"k-12", "school-choice", "child-care", "families", "poverty", "welfare", "food-safety", "agriculture",
	"farm-policy", "water", "weather", "hurricanes", "wildfires", "floods", "disasters", "public-safety",
	"terrorism", "national-security", "intelligence", "nuclear", "space", "science", "research", "statistics",
	"census", "population", "demographics", "cities", "rural-areas", "tourism", "sports", "entertainment",
	"celebrities", "history", "media", "journalism", "television", "radio", "books", "art", "culture", "memes",
	"viral-posts", "hoaxes", "satire", "conspiracy-theories", "mental-health", "nutrition", "obesity", "cancer",
	"hiv", "reproductive-health", "pharmaceuticals", "drug-prices", "hospitals", "insurance", "medicaid",
	"nursing-homes", "disability", "seniors", "children", "youth", "women", "workplace", "automation",
	"infrastructure", "bridges", "railways", "aviation", "shipping", "oil", "natural-gas", "renewable-energy",
	"electric-vehicles", "gas-prices",
}

var first = []string{
	"Maria", "James", "Aisha", "Daniel", "Elena", "Marcus", "Priya", "Robert", "Sofia", "Thomas", "Grace",
	"Omar", "Laura", "Kevin", "Nadia", "Peter", "Hannah", "Victor", "Chloe", "Samuel", "Rosa", "David", "Irene",
	"Luis", "Amara", "Jonah", "Keiko", "Martin", "Fatima", "Oscar", "Helen", "Andre", "Lucia", "Brian", "Mei",
	"Carlos", "Diane", "Felix", "Tara", "Hector", "Julia", "Ravi", "Sandra", "Ahmed", "Karen", "Diego", "Noor",
	"Paul", "Yara", "Ethan",
}

var last = []string{
	"Okafor", "Lindqvist", "Brennan", "Alvarez", "Hartley", "Nakamura", "Osei", "Castellano", "Whitford",
	"Duarte", "Kowalski", "Mbeki", "Fairbanks", "Rourke", "Salazar", "Templeton", "Varga", "Achebe", "Holloway",
	"Marchetti", "Strand", "Iyer", "Delacroix", "Pruitt", "Oyelaran", "Sandoval", "Kerrigan", "Albright",
	"Novak", "Quintero", "Ashby", "Haddad", "Lennox", "Moreau", "Calloway", "Szabo", "Ferreira", "Goodwin",
	"Ibarra", "Renfield", "Carver", "Petrov", "Adeyemi", "Whitmore", "Galloway", "Ortega", "Sterling",
	"Blackwood", "Mendez", "Thornton",
}

var roles = []string{
	"Senator", "Representative", "Governor", "Mayor", "Councilmember", "Commissioner", "Sheriff", "Secretary",
	"Attorney-General", "Candidate", "Professor", "Dr.", "Judge", "Treasurer", "Superintendent",
}

var places = []string{
	"Ohio", "Texas", "Arizona", "Georgia", "Michigan", "Florida", "Nevada", "Oregon", "Maine", "Iowa", "Kansas",
	"Montana", "Vermont", "Utah", "Idaho", "Alaska", "Wisconsin", "Colorado", "Virginia", "Kentucky",
	"Minnesota", "Missouri", "Alabama", "Nebraska", "Denver", "Phoenix", "Atlanta", "Detroit", "Miami",
	"Portland", "Chicago", "Boston", "Seattle", "Houston", "Dallas", "Austin", "Tucson", "Omaha", "Memphis",
	"Nashville", "Cleveland", "Pittsburgh", "Baltimore", "Milwaukee", "Sacramento", "Albuquerque", "Boise",
	"Spokane", "Tulsa", "Richmond", "Raleigh", "Charlotte", "Louisville", "Madison", "Fresno", "Reno",
	"Anchorage", "Honolulu", "Newark", "Buffalo", "Toledo", "Dayton", "Akron", "Savannah", "Orlando", "Tampa",
	"Jackson", "Lincoln", "Wichita", "Topeka", "Helena", "Cheyenne", "Bismarck", "Juneau", "Olympia", "Salem",
	"Trenton",
}

var groups = []string{
	"police officers", "election officials", "teachers", "nurses", "doctors", "farmers", "lawmakers", "judges",
	"prosecutors", "firefighters", "veterans", "students", "immigrants", "retirees", "voters", "landlords",
	"tenants", "truckers", "miners", "scientists", "researchers", "pharmacists", "bankers", "regulators",
	"inspectors", "contractors", "soldiers", "refugees", "parents", "employers", "officials", "residents",
	"workers", "drivers", "hospitals", "schools", "utilities", "agencies", "counties", "universities",
}

var verbBase = []string{
	"cut", "raise", "ban", "approve", "block", "double", "end", "fund", "hide", "lose", "delete", "seize",
	"reject", "sign", "triple", "quietly change", "secretly expand", "refuse", "destroy", "sell", "buy",
	"import", "export", "count", "ignore", "shut down", "freeze", "reverse", "require", "mandate", "track",
	"censor", "forgive", "overturn", "eliminate", "privatize", "redirect", "withhold", "leak", "fabricate",
	"inflate", "halve", "outlaw", "subsidize", "deport", "hire", "fire", "resign over", "vote against",
	"vote for",
}

var verbPast = []string{
	"cut", "raised", "banned", "approved", "blocked", "doubled", "ended", "funded", "hid", "lost", "deleted",
	"seized", "rejected", "signed", "tripled", "quietly changed", "secretly expanded", "refused", "destroyed",
	"sold", "bought", "imported", "exported", "counted", "ignored", "shut down", "froze", "reversed",
	"required", "mandated", "tracked", "censored", "forgave", "overturned", "eliminated", "privatized",
	"redirected", "withheld", "leaked", "fabricated", "inflated", "halved", "outlawed", "subsidized",
	"deported", "hired", "fired", "resigned over", "voted against", "voted for",
}

var adjectives = []string{
	"federal", "local", "state", "rural", "urban", "emergency", "secret", "new", "old", "private", "public",
	"foreign", "domestic", "annual", "monthly", "missing", "unpaid", "illegal", "legal", "expired",
	"counterfeit", "digital", "paper", "mandatory", "voluntary", "temporary", "permanent", "experimental",
	"controversial", "outdated", "unreported", "confidential", "official", "preliminary", "final",
	"independent", "partisan", "nonpartisan", "regional", "national", "municipal", "statewide", "quarterly",
	"historic", "record", "significant", "modest", "sharp", "gradual", "widespread", "limited", "broad",
	"narrow", "unverified", "verified",
}

var nounsPlural = []string{
	"ballots", "vaccines", "records", "funds", "grants", "taxes", "tariffs", "permits", "licenses", "contracts",
	"loans", "benefits", "payments", "wages", "pensions", "subsidies", "fines", "fees", "rebates", "refunds",
	"meters", "cameras", "drones", "chips", "phones", "servers", "databases", "emails", "documents", "memos",
	"reports", "surveys", "studies", "statistics", "figures", "numbers", "votes", "signatures", "books",
	"textbooks", "curricula", "classes", "hospitals", "clinics", "shelters", "pipelines", "turbines", "panels",
	"batteries", "vehicles", "trucks", "trains", "flights", "visas", "passports", "deportations", "arrests",
	"prosecutions", "lawsuits", "patents", "warrants", "regulations", "rules", "policies", "programs",
	"protections", "exemptions", "waivers", "mandates", "restrictions", "inspections",
}

var nounsSingular = []string{
	"report", "study", "survey", "audit", "review", "analysis", "investigation", "memo", "statement", "video",
	"post", "photo", "chart", "graph", "image", "clip", "transcript", "interview", "budget", "bill", "law",
	"rule", "order", "ruling", "decision", "policy", "program", "agency", "department", "office", "committee",
	"board", "council", "court", "panel", "commission", "campaign", "group", "coalition", "company", "firm",
	"network", "platform", "website", "database", "archive", "record", "dataset", "estimate", "projection",
	"forecast", "figure", "number", "share", "rate", "increase", "decrease", "trend", "spike", "decline",
	"surge", "drop", "gap", "shortfall", "deficit",
}

var events = []string{
	"election", "primary", "pandemic", "shutdown", "recession", "hurricane", "wildfire", "flood", "strike",
	"protest", "lockdown", "recall", "referendum", "hearing", "trial", "audit", "recount", "merger", "outage",
	"drought", "heatwave",
}

var months = []string{
	"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
	"November", "December",
}

var platforms = []string{
	"Facebook post", "TikTok video", "Instagram post", "X post", "YouTube video", "Telegram message",
	"viral email", "WhatsApp message", "Reddit thread", "podcast episode", "chain text message", "campaign ad",
	"newsletter", "blog post", "meme",
}

var orgs = []string{
	"Department of Health", "State Board of Elections", "Chamber of Commerce", "Taxpayers Alliance",
	"Center for Policy Research", "Citizens for Accountability", "National Education Fund", "Energy Council",
	"Farm Bureau", "Police Union", "Teachers Federation", "Governor's Office", "White House", "City Council",
	"County Commission", "Treasury Department", "Medical Association", "Small Business Coalition",
	"Freedom Institute", "Open Government Project",
}

var determiners = []string{
	"the", "the", "the", "several", "many", "some", "two", "three", "these", "those", "its", "their", "no",
	"most", "few", "other", "earlier", "later",
}

var singularDeterminers = []string{
	"the", "the", "the", "a", "an earlier", "one", "that", "this", "its", "their", "the same", "another",
}

var prepositions = []string{
	"in", "in", "for", "from", "during", "after", "before", "across", "under", "within", "among", "about",
	"over", "through", "since", "by", "without", "against", "between", "toward",
}

var openers = []string{
	"However", "Meanwhile", "By contrast", "In practice", "At the same time", "In addition", "For example",
	"Still", "Moreover", "In short", "Notably", "Even so", "Separately", "As a result", "Taken together",
	"On balance", "In other words", "Put simply",
}

var clauses = []string{
	"which", "which", "although", "because", "while", "even though", "so that", "as", "whereas",
}

var headings = []string{
	"What the records show", "What actually happened", "Where the claim came from", "What the data say",
	"Context matters", "Why the claim spread", "What officials said", "What is missing",
	"How the numbers compare", "What experts say", "The timeline", "What the law says", "What the video shows",
	"Who benefits", "The wider picture", "What remains unclear", "How we checked", "The original source",
	"Competing accounts", "The fine print",
}

var relatedLeads = []string{
	"How did", "Why did", "When did", "Where did", "Has", "Did", "Does", "Will", "Is", "Can",
}

var outletFirst = []string{
	"Daily", "Evening", "Morning", "Weekly", "Capitol", "Harbor", "Valley", "Prairie", "Coastal", "Mountain",
	"River", "Lakeside", "Metro", "Northern", "Southern", "Eastern", "Western", "Central", "Civic", "Public",
}

var outletSecond = []string{
	"Ledger", "Courier", "Tribune", "Herald", "Gazette", "Observer", "Sentinel", "Record", "Dispatch",
	"Journal", "Chronicle", "Post", "Review", "Monitor", "Wire", "Standard",
}

var bodyVerbs = []string{
	"showed", "found", "reported", "said", "noted", "confirmed", "disputed", "cited", "described", "suggested",
	"indicated", "recorded", "estimated", "claimed", "denied", "acknowledged", "documented", "revealed",
	"contradicted", "supported", "reviewed", "examined", "analyzed", "published", "released", "attributed",
	"linked", "compared", "summarized", "questioned", "rejected", "corrected", "updated", "retracted",
	"verified",
}
