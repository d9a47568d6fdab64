package validate

import (
	"github.com/factpress/factpress/internal/content"
	"github.com/factpress/factpress/internal/starter"
)

// placeholder warns of a file that is still as factpress init wrote it:
// the example check (example-check) or a trust page that only says what
// to write in it (placeholder-page). Readers would take either for the
// archive's own.
func (v *checker) placeholder() {
	c := v.c
	date := ""
	if c.Kind != content.KindPage {
		date = c.Date.Raw
	}
	p, ok := starter.Unchanged(c.Title, date, c.Sum)
	switch {
	case !ok:
	case p.Example:
		v.warnf(c.FieldPos("title"), "example-check", "this is still the example check that factpress init wrote; replace it with a check of your own, or delete the file")
	default:
		v.warnf(c.FieldPos("title"), "placeholder-page", "the %q page is still the placeholder that factpress init wrote; say in it %s", c.Title, p.Hint)
	}
}
