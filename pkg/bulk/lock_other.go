//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd)

package bulk

import "os"

// lockFile does nothing: checkpoint files are not locked on this system.
func lockFile(*os.File) error { return nil }
