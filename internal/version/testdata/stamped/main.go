// Command stamped prints version.Read(), for the test that links it with
// .goreleaser.yaml's -X flags: a tiny program links in a second, where
// cmd/factpress would take a full build.
package main

import (
	"fmt"

	"github.com/factpress/factpress/internal/version"
)

func main() {
	fmt.Println(version.Read())
}
