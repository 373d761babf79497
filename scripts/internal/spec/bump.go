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

// DescriptionPath is where the upstream repository keeps version v's description.
func DescriptionPath(v string) string {
	return "descriptions/" + v + "/api.intercom.io.yaml"
}

// BumpResult says what Bump changed.
type BumpResult struct {
	Previous      string // the version pinned before
	AddedEntry    bool   // a versions entry was added to api/pin.yaml
	SHA256        string // the description's sha256 (new or existing entry)
	Source        string // where the description was read to compute it (new entry only)
	SeededOverlay string // the overlay the new one was copied from ("" if it existed)
	SeededTable   string // the operations table the new one was copied from ("" if it existed)
}

var (
	pinnedLineRE    = regexp.MustCompile(`(?m)^pinned: *.*$`)
	supportedLineRE = regexp.MustCompile(`(?m)^supported: *.*$`)
	versionsLineRE  = regexp.MustCompile(`(?m)^versions: *\n`)
)

// pinSupported sets the pinned version of the pin's text to v and its
// supported list to v and the previous version.
func pinSupported(text string, pin *Pin, v, previous string) string {
	supported := []string{v, previous}
	if previous == v {
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
		return supportedLineRE.ReplaceAllLiteralString(text, supportedLine)
	}
	loc := pinnedLineRE.FindStringIndex(text)
	return text[:loc[1]] + "\n" + supportedLine + text[loc[1]:]
}

// seedFromPrevious starts the overlay and the operations table of v as
// copies of the previous version's, to be reviewed (files that exist are
// kept).
func seedFromPrevious(root, v string, res *BumpResult) error {
	for _, seed := range []struct {
		path func(root, v string) string
		into *string
	}{{OverlayPath, &res.SeededOverlay}, {TablePath, &res.SeededTable}} {
		dst := seed.path(root, v)
		if _, err := os.Stat(dst); err == nil {
			continue
		} else if !os.IsNotExist(err) {
			return err
		}
		from := seed.path(root, res.Previous)
		data, err := os.ReadFile(from)
		if err != nil {
			return fmt.Errorf("bump: seed %s: %w", rel(root, dst), err)
		}
		header := fmt.Sprintf("# Seeded from %s by make bump-api: review every entry against the %s description.\n",
			rel(root, from), v)
		if err := os.WriteFile(dst, append([]byte(header), data...), 0o644); err != nil {
			return err
		}
		*seed.into = rel(root, from)
	}
	return nil
}

// Bump moves the pin of the repository at root to version v, editing api/pin.yaml in
// place (comments and order kept):
//   - when v has no versions entry, one is added with the path DescriptionPath(v) and
//     the sha256 of the file read through f (the mirror, else a download at the pinned
//     commit);
//   - when api/overlays/<v>.yaml or api/operations/<v>.yaml is missing, it is seeded
//     from the previously pinned version's;
//   - pinned becomes v and supported becomes [v, previous] (unchanged when v was already
//     pinned).
//
// The result is loaded back with LoadPin, and the description is fetched and verified
// into the cache.
func Bump(ctx context.Context, root string, f *Fetcher, v string) (BumpResult, error) {
	var res BumpResult
	if v == "" || strings.ContainsAny(v, "\"/\\ \n") {
		return res, fmt.Errorf("bump: bad version %q", v)
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

	if pf, ok := pin.Versions[v]; ok {
		res.SHA256 = pf.SHA256
	} else {
		data, src, err := f.read(ctx, DescriptionPath(v))
		if err != nil {
			return res, fmt.Errorf("bump %s: %w", v, err)
		}
		res.AddedEntry, res.SHA256, res.Source = true, sum(data), src
		loc := versionsLineRE.FindStringIndex(text)
		if loc == nil {
			return res, fmt.Errorf("bump: %s has no \"versions:\" line", pinPath)
		}
		entry := fmt.Sprintf("  %s:\n    path: %s\n    sha256: %s\n", strconv.Quote(v), DescriptionPath(v), res.SHA256)
		text = text[:loc[1]] + entry + text[loc[1]:]
	}

	text = pinSupported(text, pin, v, res.Previous)
	if err := seedFromPrevious(root, v, &res); err != nil {
		return res, err
	}

	if err := writeAtomic(pinPath, []byte(text)); err != nil {
		return res, err
	}
	newPin, err := LoadPin(pinPath)
	if err != nil {
		return res, fmt.Errorf("bump: the edited pin does not load: %w", err)
	}
	f.Pin = newPin
	if _, err := f.Fetch(ctx, v); err != nil {
		return res, err
	}
	return res, nil
}
