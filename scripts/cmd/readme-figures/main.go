// Command readme-figures sets the figures README.md quotes — the pinned API version and
// the number of operations — from the generated code (gen.APIVersion, gen.Operations).
// make bump-api runs it after make generate; scripts/internal/readme fails when they disagree.
//
//	go run ./cmd/readme-figures [-root DIR] [-check]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/scripts/internal/readme"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "readme-figures:", err)
		os.Exit(1)
	}
}

func run() error {
	root := flag.String("root", "..", "repository root")
	check := flag.Bool("check", false, "only report figures that differ (exit 1)")
	flag.Parse()
	path := filepath.Join(*root, "README.md")
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	figs := figures()
	if *check {
		stale, err := readme.Stale(string(b), figs)
		if err != nil {
			return err
		}
		if len(stale) > 0 {
			return fmt.Errorf("%s: %s (run: cd scripts && go run ./cmd/readme-figures)", path, strings.Join(stale, "; "))
		}
		return nil
	}
	out, err := readme.Update(string(b), figs)
	if err != nil {
		return err
	}
	if out == string(b) {
		fmt.Fprintf(os.Stderr, "readme-figures: %s already quotes API %s and %d operations\n", path, gen.APIVersion, len(gen.Operations))
		return nil
	}
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "readme-figures: %s now quotes API %s and %d operations\n", path, gen.APIVersion, len(gen.Operations))
	return nil
}

// figures are the README figures of the generated code this command was built with.
func figures() map[string]string {
	return map[string]string{
		readme.APIVersion:     gen.APIVersion,
		readme.OperationCount: strconv.Itoa(len(gen.Operations)),
	}
}
