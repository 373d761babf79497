#!/usr/bin/env bash
# make bump-api V=<version> [PREV=<tag or commit>]: moves the pinned Intercom API version.
#
#  1. intercom-spec bump: adds V to api/pin.yaml if missing (path
#     descriptions/V/api.intercom.io.yaml, sha256 of the mirror's file or of the download
#     at the pinned commit), seeds api/overlays/V.yaml from the previous version's overlay
#     if missing, sets `pinned: "V"` and `supported: ["V", previous]`;
#  2. make generate (gen/ and the generated facade intercom/*.gen.go);
#  3. the README figures (scripts/cmd/readme-figures);
#  4. scripts/check-tree.sh: build, vet and test the whole tree (all modules, examples,
#     the fake, the contract suite's compilation);
#  5. golang.org/x/exp/cmd/apidiff (pinned in scripts/tools/go.mod) of packages gen and
#     intercom against the previous release, exported from `git archive PREV` and from
#     the working tree into .build/apidiff/, written as a draft section of CHANGELOG.md.
#
# PREV defaults to the newest tag v* (v0.1.0 once tagged), else the last commit that
# changed `pinned:` in api/pin.yaml. Steps 1-3 stop the run when they fail (fix, then
# run the same command again: it is idempotent); 4 and 5 always both run. Exit status
# non-zero when anything failed.
set -uo pipefail

v="${1:-}"
if [[ -z "$v" ]]; then
	echo "usage: make bump-api V=<version> [PREV=<tag or commit>]" >&2
	exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export GOFLAGS="${GOFLAGS:+$GOFLAGS }-buildvcs=false"
apidiff=(go tool -modfile="$root/scripts/tools/go.mod" apidiff)
module="$(go list -m)" || exit 1

prev="${PREV:-}"
if [[ -z "$prev" ]]; then
	prev="$(git tag --list 'v*' --sort=-v:refname | head -n1)"
fi
if [[ -z "$prev" ]]; then
	prev="$(git log -1 --format=%H -G '^pinned:' -- api/pin.yaml)"
fi
if [[ -z "$prev" ]] || ! git rev-parse -q --verify "$prev^{commit}" >/dev/null; then
	echo "bump-api: no previous release to compare with (PREV=${PREV:-}); set PREV=<tag or commit>" >&2
	exit 2
fi
prev_desc="$(git log -1 --format='%h, %cs' "$prev")"
if [[ "$(git rev-parse "$prev")" != "$prev"* ]]; then
	prev_desc="$prev ($prev_desc)" # a tag or branch name: keep it
fi
old_pinned="$(sed -n 's/^pinned: *"\(.*\)"/\1/p' api/pin.yaml)"

echo "=== bump-api: $old_pinned -> $v (API difference against $prev_desc)"
(cd scripts && go run ./cmd/intercom-spec -root .. bump -version "$v") || exit 1

echo "=== make generate"
if ! make --no-print-directory generate; then
	echo "bump-api: make generate failed. Fix api/overlays/$v.yaml (every action strict mode or its"
	echo "pre-check names, every new validation or generator error; one commented action per fix),"
	echo "then run make bump-api V=$v again."
	exit 1
fi
(cd scripts && go run ./cmd/readme-figures -root ..) || exit 1

failed=()
echo "=== the whole tree (scripts/check-tree.sh)"
bash scripts/check-tree.sh || failed+=("whole-tree check")

echo "=== public API difference against $prev_desc (apidiff)"
out="$root/.build/apidiff"
rm -rf "$out"
mkdir -p "$out/old"
if ! git archive "$prev" | tar -x -C "$out/old"; then
	failed+=("export $prev")
fi
draft="$out/changelog.md"
{
	printf '## [Unreleased] — Intercom API %s (draft by make bump-api)\n\n' "$v"
	printf 'The pinned Intercom API version moves from %s to %s. Complete before release:\n' "$old_pinned" "$v"
	printf 'name every change a %s user must make, and what was added.\n\n' "$old_pinned"
	printf '### Public API changes against %s\n\n' "$prev_desc"
	printf 'From golang.org/x/exp/cmd/apidiff (pinned in scripts/tools/go.mod).\n'
} >"$draft"
for pkg in gen intercom; do
	diff_file="$out/$pkg.txt"
	if [[ ! -d "$out/old/$pkg" ]]; then
		echo "package $pkg: not in $prev: all of it is new"
		printf '\n#### Package `%s`: new (not in %s)\n' "$pkg" "$prev" >>"$draft"
		continue
	fi
	if (cd "$out/old" && "${apidiff[@]}" -w "$out/$pkg.old" "$module/$pkg") &&
		"${apidiff[@]}" -w "$out/$pkg.new" "$module/$pkg" &&
		"${apidiff[@]}" "$out/$pkg.old" "$out/$pkg.new" >"$diff_file"; then
		incompatible="$(awk '/^Incompatible changes:/ {s=1; next} /^Compatible changes:/ {s=0} s && /^- / {n++} END {print n+0}' "$diff_file")"
		compatible="$(awk '/^Compatible changes:/ {s=1; next} /^Incompatible changes:/ {s=0} s && /^- / {n++} END {print n+0}' "$diff_file")"
		echo "package $pkg: $incompatible incompatible, $compatible compatible change(s) ($diff_file)"
		{
			printf '\n#### Package `%s`: %s incompatible, %s compatible change(s)\n\n' "$pkg" "$incompatible" "$compatible"
			if [[ -s "$diff_file" ]]; then
				printf '<details><summary>apidiff</summary>\n\n```\n'
				cat "$diff_file"
				printf '```\n\n</details>\n'
			fi
		} >>"$draft"
	else
		echo "bump-api: apidiff of package $pkg failed (does it compile in both trees?)"
		failed+=("apidiff $pkg")
		printf '\n#### Package `%s`: apidiff failed (see the output of make bump-api)\n' "$pkg" >>"$draft"
	fi
done
if (cd scripts && go run ./cmd/intercom-spec -root .. changelog-draft -file "$draft"); then
	echo "CHANGELOG.md: draft section written (between the bump-api draft markers)"
else
	failed+=("CHANGELOG draft")
fi

echo
if ((${#failed[@]} > 0)); then
	printf 'bump-api %s: FAILED: %s\n' "$v" "$(printf '%s; ' "${failed[@]}")"
	exit 1
fi
echo "bump-api $v: pinned, generated, whole tree green, CHANGELOG draft written. Review git diff, then commit."
