// Package readme holds the test that compiles the Go snippets of the
// repository's README.md; it has no code of its own.
package readme
