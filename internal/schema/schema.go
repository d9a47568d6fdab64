// Package schema writes the JSON Schema of a check's front matter, which editors use to complete and check it.
package schema

import (
	"encoding/json"
)

type obj = map[string]any

const (
	datePattern = `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`
	urlPattern  = `^https?://[^\s/?#]+[^\s]*$`
	// placeholder titles (TODO, TBD, FIXME, XXX) in any case, as the
	// validator's source-incomplete rule has them.
	placeholderPattern = `^\s*([Tt][Oo][Dd][Oo]|[Tt][Bb][Dd]|[Ff][Ii][Xx][Mm][Ee]|[Xx][Xx][Xx])\b`
)

func str(desc string) obj { return obj{"type": "string", "description": desc} }

func nonEmpty(desc string) obj { return obj{"type": "string", "minLength": 1, "description": desc} }

func date(desc string) obj {
	return obj{"type": "string", "pattern": datePattern, "description": desc + " (YYYY-MM-DD)"}
}

func url(desc string) obj {
	return obj{"type": "string", "pattern": urlPattern, "description": desc + " (absolute http or https)"}
}

// Check is the schema for a site whose verdict scale has these keys.
func Check(verdicts []string) ([]byte, error) {
	source := obj{
		"type":                 "object",
		"additionalProperties": false,
		"properties": obj{
			"id":        obj{"type": "integer", "minimum": 1, "description": "the number the body cites as [N]; give ids to every source or to none"},
			"title":     obj{"type": "string", "description": "the source's title", "not": obj{"pattern": placeholderPattern}},
			"publisher": str("who published it"),
			"url":       obj{"type": "string", "pattern": `^(https?://[^\s/?#]+[^\s]*)?$`, "description": "where it is (absolute http or https); empty for print or interview sources"},
			"date":      date("when it was published"),
			"accessed":  date("when it was read"),
			"archive":   url("an archived copy"),
			"kind":      obj{"enum": []string{"news", "official", "primary", "social", "opinion", "research", "other"}},
		},
		"anyOf": []obj{
			{"required": []string{"url"}, "properties": obj{"url": obj{"minLength": 1}}},
			{"required": []string{"title", "publisher"}, "properties": obj{"title": obj{"minLength": 1}, "publisher": obj{"minLength": 1}}},
		},
	}
	// YAML reads an unquoted true or false as a boolean; the validator takes
	// them as the keys "true" and "false", so the schema does too.
	verdictEnum := make([]any, 0, len(verdicts)+2)
	for _, v := range verdicts {
		verdictEnum = append(verdictEnum, v)
		if v == "true" || v == "false" {
			verdictEnum = append(verdictEnum, v == "true")
		}
	}
	verdict := obj{"description": "the verdict: a key of the site's verdict scale", "enum": verdictEnum}
	s := obj{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"$id":                  "https://factpress.dev/schema/check.schema.json",
		"title":                "factpress check front matter",
		"type":                 "object",
		"additionalProperties": false,
		"required":             []string{"title", "claim", "verdict", "date", "sources"},
		"properties": obj{
			"title":       nonEmpty("the question the check answers"),
			"claim":       nonEmpty("the claim as it was made, in one sentence; under 140 characters for ClaimReview"),
			"claimant":    str("who made the claim"),
			"claim_date":  date("when the claim was made"),
			"appearances": obj{"type": "array", "items": url("where the claim was seen")},
			"verdict":     verdict,
			"date":        date("the day the check was published"),
			"updated":     date("the day it was last updated, not before date"),
			"summary":     str("one or two sentences; default: the first paragraph"),
			"topics":      obj{"type": "array", "items": obj{"type": "string", "pattern": `[A-Za-z0-9]`}},
			"authors":     obj{"type": "array", "items": obj{"type": "string"}},
			"sources":     obj{"type": "array", "minItems": 1, "items": source},
			"related": obj{"type": "array", "items": obj{"anyOf": []obj{
				nonEmpty("a question this check raises"),
				{"type": "object", "additionalProperties": false, "required": []string{"question"}, "properties": obj{
					"question": nonEmpty("a question this check raises"),
					"check":    str("the slug of the check that answers it"),
				}},
			}}},
			"corrections": obj{"type": "array", "items": obj{
				"type": "object", "additionalProperties": false, "required": []string{"date", "note"},
				"properties": obj{"date": date("when the correction was made"), "note": nonEmpty("what changed")},
			}},
			"slug":  obj{"type": "string", "pattern": `^[a-z0-9]+(-[a-z0-9]+)*$`, "description": "the URL name; default: the file name"},
			"draft": obj{"type": "boolean"},
			"translation_key": obj{"type": "string", "minLength": 1,
				"description": "links the translations of one check in a multilingual archive; default: the file's path in its language's folder, without .md"},
			"claimant_type": obj{"enum": []string{"person", "organization"},
				"description": "what the claimant is, for ClaimReview: a person or an organization; default: the site's claimant_type, else person"},
		},
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
