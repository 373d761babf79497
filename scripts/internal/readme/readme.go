// Package readme is the one checker of the repository's README.md. Its tests fail when
// the README shows something the code does not do:
//
//   - TestREADMESnippetsCompile type-checks every ```go block against the packages of the
//     root module (compiled by the go command): it must compile, use every value it
//     declares, discard no result and not index Errors[0];
//   - TestREADMEFigures checks the figures the README quotes (the pinned API version, the
//     number of operations) against package gen.
//
// The package's code keeps those figures up to date (cmd/readme-figures, which make
// bump-api runs). Each figure sits between two HTML comments, invisible on GitHub:
//
//	every operation of API **<!-- api-version -->9.8<!-- /api-version -->**
package readme

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Figure names used in README.md.
const (
	APIVersion     = "api-version"
	OperationCount = "operation-count"
)

var markerRE = regexp.MustCompile(`<!-- ([a-z-]+) -->(.*?)<!-- /([a-z-]+) -->`)

// Update returns text with every marked figure set to its value in figures. Each figure
// of figures must appear at least once; a marker whose name is unknown, or whose closing
// name differs, is an error.
func Update(text string, figures map[string]string) (string, error) {
	seen := map[string]bool{}
	var errs []string
	out := markerRE.ReplaceAllStringFunc(text, func(m string) string {
		sub := markerRE.FindStringSubmatch(m)
		name, closing := sub[1], sub[3]
		v, ok := figures[name]
		switch {
		case name != closing:
			errs = append(errs, fmt.Sprintf("marker %q is closed by %q", name, closing))
			return m
		case !ok:
			errs = append(errs, fmt.Sprintf("unknown figure %q", name))
			return m
		}
		seen[name] = true
		return "<!-- " + name + " -->" + v + "<!-- /" + name + " -->"
	})
	for name := range figures {
		if !seen[name] {
			errs = append(errs, fmt.Sprintf("figure %q is not marked anywhere", name))
		}
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return "", fmt.Errorf("README figures: %s", strings.Join(errs, "; "))
	}
	return out, nil
}

// Stale returns a description of every marked figure whose value differs from figures
// (nil when all agree), or the error Update would return.
func Stale(text string, figures map[string]string) ([]string, error) {
	if _, err := Update(text, figures); err != nil {
		return nil, err
	}
	var stale []string
	for _, sub := range markerRE.FindAllStringSubmatch(text, -1) {
		if want := figures[sub[1]]; sub[2] != want {
			stale = append(stale, fmt.Sprintf("%s is %q, want %q", sub[1], sub[2], want))
		}
	}
	return stale, nil
}
