//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd)

package bulk

import "os"

// terminalWidth returns 0: the width of a terminal is not queried on this
// system (COLUMNS, else DefaultWidth, applies).
func terminalWidth(*os.File) int { return 0 }
