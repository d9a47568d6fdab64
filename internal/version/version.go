// Package version says which build of factpress is running, for `factpress version` and a snapshot's about page.
package version

import (
	"fmt"
	"runtime/debug"
)

// Info is what the Go toolchain recorded about this build. A field it did
// not record is "": a binary built outside a repository has no revision, and
// `go run` or a test binary no module version.
type Info struct {
	Version  string `json:"version"`      // the module's version, "(devel)" when built from a work tree
	Go       string `json:"go"`           // the toolchain that built it
	Revision string `json:"vcs_revision"` // the commit it was built from
	Time     string `json:"vcs_time"`     // that commit's time, RFC 3339
	Modified string `json:"vcs_modified"` // "true" when built from a work tree with uncommitted changes
}

// Read returns the running program's build information.
func Read() Info {
	v := Info{Version: "(devel)"}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if info.Main.Version != "" {
		v.Version = info.Main.Version
	}
	v.Go = info.GoVersion
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			v.Modified = s.Value
		}
	}
	return v
}

// String is the one line `factpress version` prints: the version, the Go
// version and the VCS settings that were recorded, as key=value.
func (v Info) String() string {
	s := "factpress " + v.Version
	if v.Go != "" {
		s += " " + v.Go
	}
	for _, kv := range []struct{ k, v string }{
		{"vcs.revision", v.Revision}, {"vcs.time", v.Time}, {"vcs.modified", v.Modified},
	} {
		if kv.v != "" {
			s += fmt.Sprintf(" %s=%s", kv.k, kv.v)
		}
	}
	return s
}
