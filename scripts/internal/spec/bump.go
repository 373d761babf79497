package spec

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// ExamplesPath returns the allow-list of version v's response examples that cannot
// decode (scripts/examplesdecode).
func ExamplesPath(root, v string) string {
	return filepath.Join(root, "api", "examples", v+".yaml")
}

// DescriptionPath is where the upstream repository keeps version v's description.
func DescriptionPath(v string) string {
	return "descriptions/" + v + "/api.intercom.io.yaml"
}

// BumpResult says what Bump changed.
type BumpResult struct {
	Previous      string // the version pinned before
	AddedEntry    bool   // a versions entry was added to api/pin.yaml
	MovedFrom     string // the commit v's existing entry pinned before (moved entry only)
	Commit        string // the upstream commit of v's entry (new, moved or existing)
	SHA256        string // the description's sha256 (new, moved or existing entry)
	Source        string // where the description was read to compute it (new or moved entry)
	SeededOverlay string // the overlay the new one was copied from ("" if it existed)
	SeededTable   string // the operations table the new one was copied from ("" if it existed)
	// SeededExamples is the example allow-list the new one was copied from ("" if it
	// existed).
	SeededExamples string
}

var (
	pinnedLineRE    = regexp.MustCompile(`(?m)^pinned: *.*$`)
	supportedLineRE = regexp.MustCompile(`(?m)^supported: *.*$`)
	versionsLineRE  = regexp.MustCompile(`(?m)^versions: *\n`)
)

// Bump moves the pin of the repository at root to version v, editing api/pin.yaml in
// place (comments, order and every other version's entry kept byte for byte):
//   - when v has no versions entry, one is added with commit (default: the commit the
//     mirror is a snapshot of, f.MirrorCommit), the path DescriptionPath(v) and the
//     sha256 of the file read through f (the mirror when it is that commit, else a
//     download at it);
//   - when v has an entry and commit names another commit, that entry alone is moved:
//     its commit and sha256 are those of the file at commit;
//   - when api/overlays/<v>.yaml or api/operations/<v>.yaml is missing, it is seeded
//     from the previously pinned version's;
//   - pinned becomes v and supported becomes [v, previous] (unchanged when v was already
//     pinned).
//
// The result is loaded back with LoadPin, and the description is fetched and verified
// into the cache.
func Bump(ctx context.Context, root string, f *Fetcher, v, commit string) (BumpResult, error) {
	var res BumpResult
	if v == "" || strings.ContainsAny(v, "\"/\\ \n") {
		return res, fmt.Errorf("bump: bad version %q", v)
	}
	if commit != "" && !isHex(commit, 40) {
		return res, fmt.Errorf("bump: COMMIT=%q is not a 40-hex commit", commit)
	}
	pinPath := filepath.Join(root, "api", "pin.yaml")
	pin, err := LoadPin(pinPath)
	if err != nil {
		return res, err
	}
	res.Previous = pin.Pinned
	f.Pin = pin // a download needs the repository and commit
	b, err := os.ReadFile(pinPath)
	if err != nil {
		return res, err
	}
	text := string(b)

	var fetched []byte // the file read for a new or moved entry
	pf, had := pin.Versions[v]
	if had && (commit == "" || commit == pf.Commit) {
		res.Commit, res.SHA256 = pf.Commit, pf.SHA256
	} else {
		at := commit
		if at == "" {
			at = f.MirrorCommit
		}
		if at == "" && f.MirrorDir != "" {
			at = MirrorCommitOf(f.MirrorDir)
		}
		if at == "" {
			return res, fmt.Errorf("bump %s: give COMMIT=<40-hex upstream commit>: no mirror says which commit it is a snapshot of "+
				"(its SOURCE.md, or INTERCOM_OPENAPI_COMMIT)", v)
		}
		path := DescriptionPath(v)
		if had {
			path = pf.Path
		}
		data, src, err := f.read(ctx, at, path)
		if err != nil {
			return res, fmt.Errorf("bump %s: %w", v, err)
		}
		res.Commit, res.SHA256, res.Source = at, sum(data), src
		fetched = data
		entry := fmt.Sprintf("  %s:\n    commit: %s\n    path: %s\n    sha256: %s\n", strconv.Quote(v), at, path, res.SHA256)
		if had {
			res.MovedFrom = pf.Commit
			re := regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(strconv.Quote(v)) + `: *\n(?:    .*\n|[ \t]*\n)*`)
			loc := re.FindStringIndex(text)
			if loc == nil {
				return res, fmt.Errorf("bump: %s: the entry of %q is not in the block form this tool edits", pinPath, v)
			}
			text = text[:loc[0]] + entry + text[loc[1]:]
		} else {
			res.AddedEntry = true
			loc := versionsLineRE.FindStringIndex(text)
			if loc == nil {
				return res, fmt.Errorf("bump: %s has no \"versions:\" line", pinPath)
			}
			text = text[:loc[1]] + entry + text[loc[1]:]
		}
	}

	supported := []string{v, res.Previous}
	if res.Previous == v {
		// Not a move: keep the list (it names v when it is valid).
		supported = pin.Supported
		if len(supported) == 0 {
			supported = []string{v}
		}
	}
	quoted := make([]string, len(supported))
	for i, s := range supported {
		quoted[i] = strconv.Quote(s)
	}
	text = pinnedLineRE.ReplaceAllLiteralString(text, "pinned: "+strconv.Quote(v))
	supportedLine := "supported: [" + strings.Join(quoted, ", ") + "]"
	if supportedLineRE.MatchString(text) {
		text = supportedLineRE.ReplaceAllLiteralString(text, supportedLine)
	} else {
		loc := pinnedLineRE.FindStringIndex(text)
		text = text[:loc[1]] + "\n" + supportedLine + text[loc[1]:]
	}

	// The overlay and the operations table of v start as copies of the previous
	// version's, to be reviewed.
	for _, seed := range []struct {
		path func(root, v string) string
		into *string
	}{{OverlayPath, &res.SeededOverlay}, {TablePath, &res.SeededTable}, {ExamplesPath, &res.SeededExamples}} {
		dst := seed.path(root, v)
		if _, err := os.Stat(dst); err == nil {
			continue
		} else if !os.IsNotExist(err) {
			return res, err
		}
		from := seed.path(root, res.Previous)
		data, err := os.ReadFile(from)
		if os.IsNotExist(err) && seed.into == &res.SeededExamples {
			continue // the allow-list is optional: none means none allowed
		}
		if err != nil {
			return res, fmt.Errorf("bump: seed %s: %w", rel(root, dst), err)
		}
		header := fmt.Sprintf("# Seeded from %s by make bump-api: review every entry against the %s description.\n",
			rel(root, from), v)
		if err := os.WriteFile(dst, append([]byte(header), data...), 0o644); err != nil {
			return res, err
		}
		*seed.into = rel(root, from)
	}

	if err := writeAtomic(pinPath, []byte(text)); err != nil {
		return res, err
	}
	newPin, err := LoadPin(pinPath)
	if err != nil {
		return res, fmt.Errorf("bump: the edited pin does not load: %w", err)
	}
	f.Pin = newPin
	if fetched != nil {
		// Already read (maybe downloaded): cached here, verified by Fetch below.
		if err := writeAtomic(CachePath(root, v), fetched); err != nil {
			return res, err
		}
	}
	if _, err := f.Fetch(ctx, v); err != nil {
		return res, err
	}
	return res, nil
}
