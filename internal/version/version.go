// Package version says which build of factpress is running, for `factpress version` and a snapshot's about page.
package version

import (
	"fmt"
	"regexp"
	"runtime/debug"
)

// Stamped by a release build (.goreleaser.yaml) with
// -ldflags "-X github.com/factpress/factpress/internal/version.version=…";
// empty in every other build. They are variables only because -X can set
// nothing else: nothing assigns them at run time.
var (
	version string // the release's tag, v1.2.3
	commit  string // the commit it was built from
	date    string // that commit's time, RFC 3339
)

// Info is what the release build stamped in and what the Go toolchain
// recorded about this build. A field neither recorded is "": a binary built
// outside a repository has no revision, and `go run` or a test binary no
// module version.
type Info struct {
	Version  string `json:"version"`      // the release or module version, "(devel)" when built from a work tree
	Go       string `json:"go"`           // the toolchain that built it
	Revision string `json:"vcs_revision"` // the commit it was built from
	Time     string `json:"vcs_time"`     // that commit's time, RFC 3339
	Modified string `json:"vcs_modified"` // "true" when built from a work tree with uncommitted changes
}

// stamp is what -ldflags -X set, kept apart from the variables so that
// read can be tested without a linker.
type stamp struct{ version, commit, date string }

// Read returns the running program's build information: a release binary's
// stamped version, commit and date; under `go install …@v1.2.3` the module's
// version (and, for a pseudo-version, the commit and time it names); in a
// clone, "(devel)" and the VCS settings `go build` recorded.
func Read() Info {
	info, _ := debug.ReadBuildInfo() // nil when the binary has none
	return read(stamp{version, commit, date}, info)
}

func read(s stamp, info *debug.BuildInfo) Info {
	v := Info{Version: "(devel)"}
	if info != nil {
		if info.Main.Version != "" {
			v.Version = info.Main.Version
		}
		v.Go = info.GoVersion
		for _, kv := range info.Settings {
			switch kv.Key {
			case "vcs.revision":
				v.Revision = kv.Value
			case "vcs.time":
				v.Time = kv.Value
			case "vcs.modified":
				v.Modified = kv.Value
			}
		}
		// A module fetched by `go install …@main` or @<commit> has no VCS
		// settings, but its pseudo-version names the commit and its time.
		if v.Revision == "" {
			v.Revision, v.Time = pseudo(v.Version)
		}
	}
	// The stamp wins: it is what the release was built as, whatever the
	// toolchain saw (GoReleaser builds in a clone, so "(devel)" and the VCS
	// settings are there too, or nothing under -buildvcs=false).
	if s.version != "" {
		v.Version = s.version
	}
	if s.commit != "" {
		v.Revision = s.commit
	}
	if s.date != "" {
		v.Time = s.date
	}
	return v
}

// pseudoVersion matches the end of a Go pseudo-version
// (v0.0.0-20260119100000-abcdef123456, v1.2.4-0.20260119100000-abcdef123456,
// v1.2.3-pre.0.20260119100000-abcdef123456): a UTC time and a 12-digit
// commit prefix.
var pseudoVersion = regexp.MustCompile(`[.-](\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})-([0-9a-f]{12})(?:\+incompatible)?$`)

// pseudo returns the commit prefix and RFC 3339 time a pseudo-version names,
// or "" and "" for any other version.
func pseudo(version string) (revision, time string) {
	m := pseudoVersion.FindStringSubmatch(version)
	if m == nil {
		return "", ""
	}
	return m[7], fmt.Sprintf("%s-%s-%sT%s:%s:%sZ", m[1], m[2], m[3], m[4], m[5], m[6])
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
