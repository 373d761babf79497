package spec

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/speakeasy-api/openapi/overlay"
	"github.com/speakeasy-api/openapi/overlay/loader"
	"gopkg.in/yaml.v3"
)

// Overlay strict mode (oapi-codegen's util.LoadSwaggerWithOverlay with Strict) fails an
// action only when its whole target matches nothing. An action naming several paths or
// keys, such as $.paths['/a','/b'].get, keeps passing when Intercom drops '/b': the fix
// then silently stops applying there. CheckOverlay closes that gap.

// TargetAlternative is one selector of a multi-selector bracket segment of an overlay
// target, and the target reduced to that selector in that segment.
type TargetAlternative struct {
	// Selector is the selector as written, e.g. '/b' or ?(@.name == 'x').
	Selector string
	// Path is the target with the segment holding Selector reduced to it alone.
	Path string
}

// TargetAlternatives splits target at every bracket segment that lists more than one
// selector ($.paths['/a','/b'] or a union such as ['get','put']) and returns, per
// selector, the target with that segment reduced to the selector and every other segment
// left whole. A target without such a segment has no alternatives.
func TargetAlternatives(target string) ([]TargetAlternative, error) {
	var alts []TargetAlternative
	for i := 0; i < len(target); i++ {
		switch target[i] {
		case '\'', '"':
			end, err := skipQuoted(target, i)
			if err != nil {
				return nil, err
			}
			i = end
		case '[':
			end, err := closingBracket(target, i)
			if err != nil {
				return nil, err
			}
			sels := splitSelectors(target[i+1 : end])
			if len(sels) > 1 {
				for _, s := range sels {
					alts = append(alts, TargetAlternative{
						Selector: s,
						Path:     target[:i+1] + s + target[end:],
					})
				}
			}
			i = end
		}
	}
	return alts, nil
}

// skipQuoted returns the index of the quote that closes the string starting at s[i].
func skipQuoted(s string, i int) (int, error) {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case q:
			return j, nil
		}
	}
	return 0, fmt.Errorf("unterminated string at offset %d of %s", i, s)
}

// closingBracket returns the index of the ']' matching the '[' at s[i], skipping strings
// and nested brackets and parentheses.
func closingBracket(s string, i int) (int, error) {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '\'', '"':
			end, err := skipQuoted(s, j)
			if err != nil {
				return 0, err
			}
			j = end
		case '[', '(':
			depth++
		case ']', ')':
			depth--
			if depth == 0 {
				if s[j] != ']' {
					return 0, fmt.Errorf("unbalanced ')' at offset %d of %s", j, s)
				}
				return j, nil
			}
		}
	}
	return 0, fmt.Errorf("unterminated '[' at offset %d of %s", i, s)
}

// splitSelectors splits the inside of a bracket segment at its top-level commas.
func splitSelectors(s string) []string {
	var out []string
	depth, start := 0, 0
	for j := 0; j < len(s); j++ {
		switch s[j] {
		case '\'', '"':
			if end, err := skipQuoted(s, j); err == nil {
				j = end
			}
		case '[', '(':
			depth++
		case ']', ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(s[start:j]))
				start = j + 1
			}
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

// CheckOverlay applies the overlay at overlayPath to the description at specPath one
// action at a time, on the same YAML document oapi-codegen's loader builds, and before
// each action evaluates every alternative of its target (see TargetAlternatives)
// separately. It returns an error naming each alternative that matches nothing, and
// each target that matches nothing at all. Actions see the document as the earlier
// actions left it, as when the overlay is applied in one go.
func CheckOverlay(specPath, overlayPath string) error {
	doc, err := yamlDocument(specPath)
	if err != nil {
		return err
	}
	ov, err := loader.LoadOverlay(overlayPath)
	if err != nil {
		return fmt.Errorf("load overlay %s: %w", overlayPath, err)
	}
	if err := ov.Validate(); err != nil {
		return fmt.Errorf("overlay %s: %w", overlayPath, err)
	}
	var problems []string
	for i, a := range ov.Actions {
		problems = append(problems, checkAction(ov, doc, i, a)...)
		one := *ov
		one.Actions = []overlay.Action{a}
		if err := one.ApplyTo(doc); err != nil {
			return fmt.Errorf("overlay %s: action %d (target %s): %w", overlayPath, i+1, a.Target, err)
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("overlay %s: %d target(s) or part(s) of targets match nothing in %s (strict mode):\n  %s",
			overlayPath, len(problems), specPath, strings.Join(problems, "\n  "))
	}
	return nil
}

// checkAction lists what action i's target names that matches nothing in doc.
func checkAction(ov *overlay.Overlay, doc *yaml.Node, i int, a overlay.Action) []string {
	if a.Target == "" {
		return nil
	}
	label := fmt.Sprintf("action %d (target %s)", i+1, a.Target)
	count := func(target string) (int, error) {
		p, err := ov.NewPath(target, nil)
		if err != nil {
			return 0, err
		}
		return len(p.Query(doc)), nil
	}
	n, err := count(a.Target)
	if err != nil {
		return []string{fmt.Sprintf("%s: %v", label, err)}
	}
	if n == 0 {
		return []string{label + ": matches nothing"}
	}
	alts, err := TargetAlternatives(a.Target)
	if err != nil {
		return []string{fmt.Sprintf("%s: %v", label, err)}
	}
	var out []string
	for _, alt := range alts {
		n, err := count(alt.Path)
		switch {
		case err != nil:
			out = append(out, fmt.Sprintf("%s: selector %s: %v", label, alt.Selector, err))
		case n == 0:
			out = append(out, fmt.Sprintf("%s: selector %s matches nothing (%s)", label, alt.Selector, alt.Path))
		}
	}
	return out
}

// yamlDocument loads the description as oapi-codegen's overlay loader sees it: parsed by
// kin-openapi and encoded back to YAML.
func yamlDocument(specPath string) (*yaml.Node, error) {
	l := openapi3.NewLoader()
	t, err := l.LoadFromFile(specPath)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", specPath, err)
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(t); err != nil {
		return nil, fmt.Errorf("encode %s: %w", specPath, err)
	}
	var node yaml.Node
	if err := yaml.NewDecoder(&buf).Decode(&node); err != nil {
		return nil, fmt.Errorf("decode %s: %w", specPath, err)
	}
	return &node, nil
}
