// Package factpress holds the default theme: the layouts and assets that every build starts from.
package factpress

import "embed"

// DefaultTheme holds layouts/, assets/ and the translation tables of i18n/,
// embedded into the binary.
//
//go:embed layouts assets i18n
var DefaultTheme embed.FS
