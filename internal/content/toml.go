package content

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"

	"github.com/factpress/factpress/internal/yamlx"
)

// tomlToNode decodes TOML front matter into the same tree YAML gives, so one
// decoder serves both; positions are filled in afterwards by placeTOML.
func tomlToNode(data []byte, n *yaml.Node) error {
	var m map[string]any
	if err := toml.Unmarshal(data, &m); err != nil {
		return err
	}
	return n.Encode(plainDates(m))
}

func plainDates(v any) any {
	switch v := v.(type) {
	case time.Time:
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 {
			return v.Format(time.DateOnly)
		}
		return v.Format(time.RFC3339)
	case map[string]any:
		for k, x := range v {
			v[k] = plainDates(x)
		}
	case []map[string]any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = plainDates(x)
		}
		return out
	case []any:
		for i, x := range v {
			v[i] = plainDates(x)
		}
	}
	return v
}

var tomlLineRE = regexp.MustCompile(`(?i)line (\d+)`)

func tomlErrorLine(err error) int {
	if m := tomlLineRE.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 1
}

// placeTOML gives the nodes decoded from TOML the lines of their keys in the
// TOML text, which the TOML decoder does not report: a top-level key's own
// line, an array-of-tables item's [[header]], a key inside it the first
// matching line under that header.
func placeTOML(root *yaml.Node, text string, delimLine int) {
	lines := strings.Split(text, "\n")
	find := func(from, to int, key string) int {
		re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
		for i := from; i < to && i < len(lines); i++ {
			if re.MatchString(lines[i]) {
				return i
			}
		}
		return -1
	}
	firstHeader := len(lines)
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "[") {
			firstHeader = i
			break
		}
	}
	abs := func(i int) int { return delimLine + 1 + i }
	setAll := func(n *yaml.Node, line int) {
		var walk func(*yaml.Node)
		walk = func(n *yaml.Node) {
			n.Line, n.Column = line, 1
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(n)
	}
	setAll(root, delimLine+1)
	for _, k := range yamlx.Keys(root) {
		if i := find(0, firstHeader, k.Name); i >= 0 {
			setAll(k.Key, abs(i))
			setAll(k.Value, abs(i))
			continue
		}
		var headers []int
		header := fmt.Sprintf("[[%s]]", k.Name)
		for i, l := range lines {
			if strings.TrimSpace(l) == header {
				headers = append(headers, i)
			}
		}
		if len(headers) == 0 {
			continue
		}
		setAll(k.Key, abs(headers[0]))
		for j, item := range listItems(k.Value) {
			if j >= len(headers) {
				break
			}
			end := len(lines)
			if j+1 < len(headers) {
				end = headers[j+1]
			}
			setAll(item, abs(headers[j]))
			for _, f := range yamlx.Keys(item) {
				if i := find(headers[j]+1, end, f.Name); i >= 0 {
					setAll(f.Key, abs(i))
					setAll(f.Value, abs(i))
				}
			}
		}
	}
}
