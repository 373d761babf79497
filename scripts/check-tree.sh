#!/usr/bin/env bash
# Builds, vets and tests a whole repository tree: all three modules (root with the
# examples, the fake pkg/intercomtest and the facade; scripts/ with the fake's and the
# examples' checks against the description; pkg/ratelimit/redisrate), and the contract
# suite's compilation (go vet of scripts/ type-checks scripts/suites/contract; running
# it needs Prism: make contract).
# make bump-api runs it on the repository, make check-versions on scratch trees.
#
#   bash scripts/check-tree.sh [-race] [-light] [DIR]      (DIR: default the repository)
#
#   -race   root and redisrate tests with the race detector (slower)
#   -light  build and vet everything (which type-checks every package and test), but
#           run only the fast, version-sensitive tests of scripts/ (the fake's check
#           against the description, examples-decode, gencheck): what CI affords for a
#           second version
#
# Every step runs even after an earlier one failed; the test runs write test2json files
# into DIR/.build/check-tree/ and the script ends with scripts/test-summary.sh's line.
# Exit status non-zero when anything failed.
set -uo pipefail

race=() light=""
while (($#)); do
	case "$1" in
	-race) race=(-race) ;;
	-light) light=1 ;;
	-*)
		echo "check-tree.sh: unknown flag $1" >&2
		exit 2
		;;
	*) break ;;
	esac
	shift
done
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$(cd "${1:-$here}" && pwd)"
cd "$dir"
out="$dir/.build/check-tree"
rm -rf "$out"
mkdir -p "$out"
# The tools come from this repository's scripts/tools (the tree's own copy is the same
# file when it is a scratch copy).
gotestsum=(go tool -modfile="$dir/scripts/tools/go.mod" gotestsum --format pkgname --format-hide-empty-pkg)

failed=()
now() { date +%s; }
step() {
	local name="$1"
	shift
	local t0 status=0
	t0=$(now)
	printf '=== %s\n' "$name"
	"$@" || status=$?
	if ((status == 0)); then
		printf -- '--- %s: ok (%ss)\n' "$name" "$(($(now) - t0))"
	else
		printf -- '--- %s: FAILED, exit %s (%ss)\n' "$name" "$status" "$(($(now) - t0))"
		failed+=(--failed-step "$name")
	fi
}

# Step names are one word: test-summary.sh matches a failed step to its NAME.json.
declare -A modules=([root]=. [scripts]=scripts [redisrate]=pkg/ratelimit/redisrate)
indir() { (cd "$1" && shift && "$@"); }

for m in root scripts redisrate; do
	step "build-$m" indir "${modules[$m]}" go build ./...
done
for m in root scripts redisrate; do
	# The scripts module's go vet ./... type-checks ./suites/contract: the contract suite
	# compiles.
	step "vet-$m" indir "${modules[$m]}" go vet ./...
done

# The scripts module's tests without the contract suite (it needs Prism: make contract).
scripts_tests() {
	local mod pkgs
	mod="$(go list -m)" || return 1
	pkgs="$(go list -e ./... | grep -vx "$mod/suites/contract")" || return 1
	# shellcheck disable=SC2086 # one word per package
	"${gotestsum[@]}" --jsonfile "$out/test-scripts.json" -- -count=1 $pkgs
}
if [[ -z "$light" ]]; then
	step test-root "${gotestsum[@]}" --jsonfile "$out/test-root.json" -- "${race[@]+"${race[@]}"}" -count=1 ./...
fi
step test-scripts indir scripts scripts_tests
if [[ -z "$light" ]]; then
	step test-redisrate indir pkg/ratelimit/redisrate "${gotestsum[@]}" --jsonfile "$out/test-redisrate.json" -- "${race[@]+"${race[@]}"}" -count=1 ./...
fi

bash "$here/scripts/test-summary.sh" "${failed[@]+"${failed[@]}"}" "$out"/*.json
