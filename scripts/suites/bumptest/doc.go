// Package bumptest holds the test of a version move to a version nobody has seen: a
// synthetic next version built from the pinned description with the seven kinds of
// change Intercom really makes, the bump-api report on it, and (make test-long) the
// whole tree on it.
package bumptest
