// Command intercom-spec fetches, verifies, overlays, validates and generates Intercom's
// OpenAPI description into Go code. The Makefile drives it:
//
//	intercom-spec [-root DIR] fetch    [-version V]          # verify and cache the upstream file
//	intercom-spec [-root DIR] validate [-version V]          # overlay + kin-openapi validation
//	intercom-spec [-root DIR] generate [-version V] [-out D] [-facade F] [-fake K] # gen/ into D, the facade into F, the fake's routes into K
//	intercom-spec [-root DIR] bump -version V [-commit C]    # pin V (at C): its pin entry, overlay seed, pinned, supported
//	intercom-spec [-root DIR] report -from OLD -version V [-apply] # the breaking changes OLD → V, file by file
//	intercom-spec [-root DIR] changelog-draft -file F        # put F (Markdown) into CHANGELOG.md as the draft
//
// V defaults to the pinned version of api/pin.yaml (bump requires it).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"

	"github.com/intercomkit/intercom-go/scripts/internal/spec"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "intercom-spec:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	global := flag.NewFlagSet("intercom-spec", flag.ContinueOnError)
	root := global.String("root", "..", "repository root")
	if err := global.Parse(args); err != nil {
		return err
	}
	if global.NArg() == 0 {
		return fmt.Errorf("usage: intercom-spec [-root DIR] fetch|validate|generate|report|bump|changelog-draft [flags]")
	}
	cmd, rest := global.Arg(0), global.Args()[1:]
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	version := fs.String("version", "", "API version (default: the pinned one)")
	out := fs.String("out", "", "output directory for generate (default: ROOT/gen)")
	pkg := fs.String("package", "", "Go package name for generate (default: the config's)")
	lenient := fs.Bool("lenient", false, "generate: leave out (and list) facade methods that cannot be generated (the default for a version not in supported:, such as Preview)")
	facade := fs.String("facade", "", "output directory of the generated facade files (default: ROOT/intercom when -out is ROOT/gen; none otherwise)")
	facadePkg := fs.String("facade-package", "", "generate: the package of the facade files: intercom (default) or preview (intercom/preview, the Preview API)")
	fake := fs.String("fake", "", "output directory of the fake's route table (default: ROOT/pkg/intercomtest when -out is ROOT/gen; none otherwise)")
	file := fs.String("file", "", "the draft section for changelog-draft")
	from := fs.String("from", "", "report: the version moved from (default: the pinned one)")
	apply := fs.Bool("apply", false, "report: also do what is unambiguous (drop the table entries and overlay actions of removed operations)")
	commit := fs.String("commit", "", "bump: the upstream commit to take version V at (default: the mirror's; only V's entry moves)")
	if err := fs.Parse(rest); err != nil {
		return err
	}
	absRoot, err := filepath.Abs(*root)
	if err != nil {
		return err
	}
	switch cmd {
	case "bump":
		return bump(absRoot, *version, *commit)
	case "changelog-draft":
		b, err := os.ReadFile(*file)
		if err != nil {
			return fmt.Errorf("changelog-draft: %w", err)
		}
		return spec.WriteChangelogDraft(filepath.Join(absRoot, "CHANGELOG.md"), string(b))
	}
	pin, err := spec.LoadPin(filepath.Join(absRoot, "api", "pin.yaml"))
	if err != nil {
		return err
	}
	v, _, err := pin.File(*version)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	mirror := spec.DefaultMirrorDir(absRoot)
	f := &spec.Fetcher{
		Pin:          pin,
		Root:         absRoot,
		MirrorDir:    mirror,
		MirrorCommit: spec.MirrorCommitOf(mirror),
		RawBaseURL:   os.Getenv("INTERCOM_OPENAPI_RAW_URL"),
		Log:          os.Stderr,
	}
	path, err := f.Fetch(ctx, v)
	if err != nil {
		return err
	}
	switch cmd {
	case "fetch":
		fmt.Println(path)
		return nil
	case "report":
		if *from == "" {
			*from = pin.Pinned
		}
		oldPath, err := f.Fetch(ctx, *from)
		if err != nil {
			return err
		}
		r, err := spec.DiffFiles(oldPath, path, *from, v)
		if err != nil {
			return err
		}
		if err := r.Resolve(absRoot, *apply); err != nil {
			return err
		}
		r.Write(os.Stdout)
		return nil
	case "validate":
		if _, err := spec.Load(ctx, absRoot, v, path); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "spec %s: overlay applied, structurally valid\n", v)
		return nil
	case "generate":
		dir, fdir := *out, *facade
		if dir == "" {
			dir = filepath.Join(absRoot, "gen")
		}
		if fdir == "" && filepath.Clean(dir) == filepath.Join(absRoot, "gen") {
			fdir = filepath.Join(absRoot, "intercom")
		}
		fakeDir := *fake
		if fakeDir == "" && filepath.Clean(dir) == filepath.Join(absRoot, "gen") {
			fakeDir = filepath.Join(absRoot, "pkg", "intercomtest")
		}
		if err := spec.Generate(ctx, spec.Options{Root: absRoot, Version: v, Spec: path, OutDir: dir, Package: *pkg, FacadeDir: fdir, FacadePackage: *facadePkg, FakeDir: fakeDir, Lenient: *lenient || !slices.Contains(pin.Supported, v), Log: os.Stderr}); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "spec %s: generated into %s\n", v, dir)
		return nil
	default:
		return fmt.Errorf("unknown command %q (want fetch, validate, generate, report, bump or changelog-draft)", cmd)
	}
}

// bump moves the pin to v (see spec.Bump) and says what it did.
func bump(root, v, commit string) error {
	if v == "" {
		return fmt.Errorf("bump: -version is required")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	mirror := spec.DefaultMirrorDir(root)
	f := &spec.Fetcher{
		Root:         root,
		MirrorDir:    mirror,
		MirrorCommit: spec.MirrorCommitOf(mirror),
		RawBaseURL:   os.Getenv("INTERCOM_OPENAPI_RAW_URL"),
		Log:          os.Stderr,
	}
	res, err := spec.Bump(ctx, root, f, v, commit)
	if err != nil {
		return err
	}
	switch {
	case res.AddedEntry:
		fmt.Fprintf(os.Stderr, "bump: api/pin.yaml: added %s at commit %s (sha256 %s of %s)\n", v, res.Commit, res.SHA256, res.Source)
	case res.MovedFrom != "":
		fmt.Fprintf(os.Stderr, "bump: api/pin.yaml: moved %s from commit %s to %s (sha256 %s of %s); no other entry changed\n", v, res.MovedFrom, res.Commit, res.SHA256, res.Source)
	}
	if res.SeededOverlay != "" {
		fmt.Fprintf(os.Stderr, "bump: api/overlays/%s.yaml seeded from %s: review every action\n", v, res.SeededOverlay)
	}
	if res.SeededTable != "" {
		fmt.Fprintf(os.Stderr, "bump: api/operations/%s.yaml seeded from %s: review it with what make generate lists\n", v, res.SeededTable)
	}
	if res.SeededExamples != "" {
		fmt.Fprintf(os.Stderr, "bump: api/examples/%s.yaml seeded from %s: the examples test says which entries still apply\n", v, res.SeededExamples)
	}
	fmt.Fprintf(os.Stderr, "bump: pinned %s (was %s)\n", v, res.Previous)
	return nil
}
