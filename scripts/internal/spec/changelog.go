package spec

import (
	"fmt"
	"os"
	"strings"
)

// Markers around the draft section make bump-api writes into CHANGELOG.md, so that a
// second run replaces its own draft instead of adding another.
const (
	draftBegin = "<!-- bump-api draft: edit, then remove this marker and the closing one -->"
	draftEnd   = "<!-- /bump-api draft -->"
)

// WriteChangelogDraft puts section (Markdown starting with a "## " heading) between the
// draft markers in the changelog at path: in place of an existing draft, else before the
// first "## " heading (the newest release), else at the end.
func WriteChangelogDraft(path, section string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	text := string(b)
	block := draftBegin + "\n" + strings.TrimSpace(section) + "\n" + draftEnd + "\n"
	if i := strings.Index(text, draftBegin); i >= 0 {
		j := strings.Index(text[i:], draftEnd)
		if j < 0 {
			return fmt.Errorf("%s: a draft begins but never ends (%q missing)", path, draftEnd)
		}
		end := i + j + len(draftEnd)
		if end < len(text) && text[end] == '\n' {
			end++
		}
		text = text[:i] + block + text[end:]
	} else if i := strings.Index(text, "\n## "); i >= 0 {
		text = text[:i+1] + block + "\n" + text[i+1:]
	} else {
		text = strings.TrimRight(text, "\n") + "\n\n" + block
	}
	return writeAtomic(path, []byte(text))
}
