#!/usr/bin/env bash
# make bump-api V=<version> [COMMIT=<upstream commit>] [PREV=<tag or commit>]: moves the
# pinned Intercom API version.
#
#  1. intercom-spec bump: adds V to api/pin.yaml if missing, at COMMIT (default: the
#     commit the mirror is a snapshot of), or moves V's entry alone to COMMIT (commit and
#     sha256 of the file there; every other version's entry stays byte for byte); seeds
#     api/overlays/V.yaml and api/operations/V.yaml from the previous version's if
#     missing; sets `pinned: "V"` and `supported: ["V", previous]`;
#  2. intercom-spec report -apply: before anything is compiled, every breaking change
#     between the previously pinned description and V's, by kind, file by file in the
#     order a maintainer fixes them (also in .build/bump-report.txt); what is
#     unambiguous (a removed operation's table entry and its own overlay actions) is done;
#  3. make generate (gen/ and the generated facade intercom/*.gen.go);
#  4. the README figures (scripts/cmd/readme-figures);
#  5. the real `make test` (scripts/test.sh: every module, the contract suite against
#     Prism included);
#  6. golang.org/x/exp/cmd/apidiff (pinned in scripts/tools/go.mod) of packages gen and
#     intercom against the previous release, exported from `git archive PREV` and from
#     the working tree into .build/apidiff/, written as a draft section of CHANGELOG.md
#     headed "Intercom API <PREV's pinned version> → V".
#
# PREV defaults to the newest tag v* (the last release), else HEAD. Steps 1-4 stop the
# run when they fail (fix what the report and the error name, then run the same command
# again: it is idempotent); 5 and 6 always both run. Exit status non-zero when anything
# failed.
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
	prev=HEAD
fi
if [[ -z "$prev" ]] || ! git rev-parse -q --verify "$prev^{commit}" >/dev/null; then
	echo "bump-api: no previous release to compare with (PREV=${PREV:-}); set PREV=<tag or commit>" >&2
	exit 2
fi
prev_desc="$(git log -1 --format='%h, %cs' "$prev")"
if [[ "$(git rev-parse "$prev")" != "$prev"* ]]; then
	prev_desc="$prev ($prev_desc)" # a tag or branch name: keep it
fi
pinned_of() { sed -n 's/^pinned: *"\(.*\)"/\1/p'; }
old_pinned="$(pinned_of <api/pin.yaml)"
# The version of the previous release: the CHANGELOG's "from" (a rerun of the same bump
# still says from which version the release moves).
from="$(git show "$prev:api/pin.yaml" 2>/dev/null | pinned_of)"
from="${from:-$old_pinned}"

echo "=== bump-api: $old_pinned -> $v (previous release $prev_desc pins $from)"
(cd scripts && go run ./cmd/intercom-spec -root .. bump -version "$v" ${COMMIT:+-commit "$COMMIT"}) || exit 1

report_from="$old_pinned"
if [[ "$report_from" == "$v" ]]; then
	report_from="$from" # a rerun: report against the previous release's version
fi
mkdir -p .build
echo "=== what changed from $report_from to $v (intercom-spec report; .build/bump-report.txt)"
if [[ "$report_from" != "$v" ]]; then
	(cd scripts && go run ./cmd/intercom-spec -root .. report -from "$report_from" -version "$v" -apply) | tee .build/bump-report.txt
	((PIPESTATUS[0] == 0)) || exit 1
else
	echo "API $v: same version as the previous release: nothing to report" | tee .build/bump-report.txt
fi

echo "=== make generate"
if ! make --no-print-directory generate 2>&1 | tee .build/bump-generate.log; then
	echo "bump-api: make generate failed. Fix what the report above and the errors name, then run make bump-api V=$v again:"
	if grep -q "api/operations/$v.yaml" .build/bump-generate.log; then
		echo "  - api/operations/$v.yaml: the table entries named above (an operation the description no longer has: delete its entry)"
	fi
	if grep -qE "overlays/$v.yaml|inline union|overlay" .build/bump-generate.log; then
		echo "  - api/overlays/$v.yaml: every action strict mode or its pre-check names, every inline union response"
		echo "    (the drafted actions above), every new validation or generator error; one commented action per fix"
	fi
	exit 1
fi
(cd scripts && go run ./cmd/readme-figures -root ..) || exit 1

failed=()
echo "=== make test (every module, the contract suite included)"
bash scripts/test.sh || failed+=("make test")

echo "=== public API difference against $prev_desc (apidiff)"
out="$root/.build/apidiff"
rm -rf "$out"
mkdir -p "$out/old"
if ! git archive "$prev" | tar -x -C "$out/old"; then
	failed+=("export $prev")
fi
draft="$out/changelog.md"
{
	if [[ "$from" == "$v" ]]; then
		printf '## [Unreleased] — Intercom API %s, as in %s (draft by make bump-api)\n\n' "$v" "$prev_desc"
		printf 'The pinned Intercom API version stays %s. Complete before release.\n\n' "$v"
	else
		printf '## [Unreleased] — Intercom API %s → %s (draft by make bump-api)\n\n' "$from" "$v"
		printf 'The pinned Intercom API version moves from %s (%s) to %s. Complete before release:\n' "$from" "$prev_desc" "$v"
		printf 'name every change a %s user must make, and what was added.\n\n' "$from"
	fi
	if [[ -s .build/bump-report.txt ]]; then
		printf '### What changed in the description, %s → %s\n\n```\n' "$report_from" "$v"
		cat .build/bump-report.txt
		printf '```\n\n'
	fi
	printf '### Public API changes, %s (%s) → %s\n\n' "$from" "$prev_desc" "$v"
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
