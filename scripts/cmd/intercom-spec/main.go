// Command intercom-spec fetches, verifies, overlays, validates and generates Intercom's
// OpenAPI description into Go code. The Makefile drives it:
//
//	intercom-spec [-root DIR] fetch    [-version V]          # verify and cache the upstream file
//	intercom-spec [-root DIR] validate [-version V]          # overlay + kin-openapi validation
//	intercom-spec [-root DIR] generate [-version V] [-out D] [-facade F] # gen/ into D, the facade into F
//
// V defaults to the pinned version of api/pin.yaml.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"

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
		return fmt.Errorf("usage: intercom-spec [-root DIR] fetch|validate|generate [flags]")
	}
	cmd, rest := global.Arg(0), global.Args()[1:]
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	version := fs.String("version", "", "API version (default: the pinned one)")
	out := fs.String("out", "", "output directory for generate (default: ROOT/gen)")
	pkg := fs.String("package", "", "Go package name for generate (default: the config's)")
	lenient := fs.Bool("lenient", false, "generate: leave out (and list) facade methods that cannot be generated, for a preview version")
	facade := fs.String("facade", "", "output directory of the generated facade files (default: ROOT/intercom when -out is ROOT/gen; none otherwise)")
	if err := fs.Parse(rest); err != nil {
		return err
	}
	absRoot, err := filepath.Abs(*root)
	if err != nil {
		return err
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

	f := &spec.Fetcher{
		Pin:        pin,
		Root:       absRoot,
		MirrorDir:  spec.DefaultMirrorDir(absRoot),
		RawBaseURL: os.Getenv("INTERCOM_OPENAPI_RAW_URL"),
		Log:        os.Stderr,
	}
	path, err := f.Fetch(ctx, v)
	if err != nil {
		return err
	}
	switch cmd {
	case "fetch":
		fmt.Println(path)
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
		if err := spec.Generate(ctx, spec.Options{Root: absRoot, Version: v, Spec: path, OutDir: dir, Package: *pkg, FacadeDir: fdir, Lenient: *lenient, Log: os.Stderr}); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "spec %s: generated into %s\n", v, dir)
		return nil
	default:
		return fmt.Errorf("unknown command %q (want fetch, validate or generate)", cmd)
	}
}
