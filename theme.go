// Package factpress holds the default theme: the layouts and assets that every build starts from.
package factpress

import "embed"

// DefaultTheme holds layouts/ and assets/, embedded into the binary.
//
//go:embed layouts assets
var DefaultTheme embed.FS
