#!/usr/bin/env bash
# make test: every test of every module, each step run even when an earlier one failed,
# then one summary line over all of them:
#
#   tests: N passed, N failed, N skipped
#
# Steps (each writes a test2json file into .build/test/ through gotestsum):
#   root       the root module with -race -short
#   scripts    the tooling module (scripts/) with -short: spec pipeline, README checks,
#              the suites of scripts/suites (fake check, examples decode, generated-code
#              checks), except ./suites/contract (run by its own step, so this run never
#              reports a TestContract skip for a suite that then runs)
#   redisrate  pkg/ratelimit/redisrate (its own module) with -race -short
#   otel       pkg/otelintercom (its own module) with -race -short
#   contract   scripts/suites/contract/run.sh: Prism + scripts/suites/contract; without Node it still runs
#              the suite's own tests and reports TestContract as skipped, saying why
#              (with CI=true that skip is a failure)
#   long       not a default step (`make test-long`): the tests that skip under -short
#              (soaks, load tests against real time, 10,000-item jobs, 200 MB streams),
#              without -short, with -race as their module's step has it. Found, not
#              listed: every Test function of a _test.go file that calls testing.Short()
#              in its own body, and the whole package when a helper calls it; so a new
#              long test runs there by itself. Then, when long_next_version is 1 (0 for
#              now, see below), scripts/suites/bumptest's whole-tree test of a next API
#              version (INTERCOM_TEST_LONG=1).
#   next_version  not a default step (`make test-next-version`): that whole-tree test alone.
#
# `make test` (the default steps) is the everyday command: at most 5 minutes on 2 cores
# with warm module and build caches. `make test-long` runs the rest; .ci/run runs both.
#
# Exit status: non-zero when any test or any step failed. The tools come from
# scripts/tools/go.mod (tool directives), so after one online run this works with
# GOPROXY=off.
#
#   bash scripts/test.sh [step...]      (default: root scripts redisrate otel contract)
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$root/.build/test"
mkdir -p "$out"
gotestsum=(go tool -modfile="$root/scripts/tools/go.mod" gotestsum --format pkgname --format-hide-empty-pkg)

# long_next_version: 1 when the long step ends with the next-version test (the
# next_version step, `make test-next-version`, runs it alone). 0: the test is green, but
# it builds, vets and tests a second copy of the tree (7.4 minutes on this 2-core
# machine, shared), and .ci/run, which runs make test-long, already takes about 16
# minutes cold of its 20. GitHub Actions runs it in a job of its own (next-version in
# .github/workflows/ci.yml); scripts/suites/cicheck fails when neither runs it.
long_next_version=0

steps=("$@")
if ((${#steps[@]} == 0)); then
	steps=(root scripts redisrate otel contract)
fi

failed_steps=()
now() { date +%s; }

step_root() {
	"${gotestsum[@]}" --jsonfile "$out/root.json" -- -race -short -count=1 ./...
}

step_scripts() {
	(
		cd scripts || exit 1
		local mod pkgs
		mod="$(go list -m)" || exit 1
		# -e: a package that does not compile is still listed, and then reported by go test.
		pkgs="$(go list -e ./... | grep -vx "$mod/suites/contract")" || exit 1
		# shellcheck disable=SC2086 # one word per package
		"${gotestsum[@]}" --jsonfile "$out/scripts.json" -- -short -count=1 $pkgs
	)
}

step_redisrate() {
	(cd pkg/ratelimit/redisrate && "${gotestsum[@]}" --jsonfile "$out/redisrate.json" -- -race -short -count=1 ./...)
}

step_otel() {
	(cd pkg/otelintercom && "${gotestsum[@]}" --jsonfile "$out/otel.json" -- -race -short -count=1 ./...)
}

# long_tests prints "package-dir<TAB>regexp" for every package whose tests call
# testing.Short(): the regexp matches the Test functions that call it in their own body,
# or every test when a helper calls it.
long_tests() {
	git ls-files -z '*_test.go' | xargs -0 grep -lZ 'testing\.Short()' | xargs -0 awk '
		FNR == 1 { fn = "" }
		/^func / { fn = ($0 ~ /^func Test[A-Za-z0-9_]*\(/) ? $2 : "*"; sub(/\(.*/, "", fn) }
		/testing\.Short\(\)/ {
			dir = FILENAME; sub(/\/[^\/]*$/, "", dir)
			if (fn == "*" || all[dir]) { all[dir] = 1 } else if (!seen[dir SUBSEP fn]++) { names[dir] = names[dir] (names[dir] ? "|" : "") fn }
			dirs[dir] = 1
		}
		END { for (d in dirs) print d "\t" (all[d] ? "." : "^(" names[d] ")$") }' | sort
}

step_long() {
	local dir re mod pkg flags status=0 i=0
	while IFS=$'\t' read -r dir re; do
		i=$((i + 1))
		case "$dir/" in
		scripts/*) mod=scripts flags=() ;;
		pkg/ratelimit/redisrate/*) mod=pkg/ratelimit/redisrate flags=(-race) ;;
		pkg/otelintercom/*) mod=pkg/otelintercom flags=(-race) ;;
		*) mod=. flags=(-race) ;;
		esac
		pkg="./${dir#"$mod"/}"
		[[ "$dir" == "$mod" ]] && pkg=.
		echo "long: ./$dir -run '$re' ${flags[*]}"
		(cd "$mod" && "${gotestsum[@]}" --jsonfile "$out/long-$i.json" -- "${flags[@]}" -count=1 -run "$re" "$pkg") || status=1
	done < <(long_tests)
	if [[ "$long_next_version" == 1 ]]; then
		next_version_test "$out/long-bump.json" || status=1
	fi
	# One file for the summary.
	cat "$out"/long-*.json >"$out/long.json" 2>/dev/null
	rm -f "$out"/long-*.json
	return "$status"
}

# next_version_test JSONFILE: the whole tree on a synthetic next API version, with edits
# only in api/ (scripts/suites/bumptest's TestNextVersionTree, which runs when
# INTERCOM_TEST_LONG is set).
next_version_test() {
	echo "next-version: ./scripts/suites/bumptest -run '^TestNextVersionTree\$' (INTERCOM_TEST_LONG=1)"
	(cd scripts && INTERCOM_TEST_LONG=1 "${gotestsum[@]}" --jsonfile "$1" -- \
		-count=1 -timeout 60m -run '^TestNextVersionTree$' ./suites/bumptest/)
}

# step_next_version (`make test-next-version`): that test alone.
step_next_version() {
	next_version_test "$out/next_version.json"
}

step_contract() {
	CONTRACT_JSONFILE="$out/contract.json" bash scripts/suites/contract/run.sh
}

for s in "${steps[@]}"; do
	if ! declare -F "step_$s" >/dev/null; then
		echo "test.sh: unknown step $s (want root, scripts, redisrate, otel, contract, long or next_version)" >&2
		exit 2
	fi
	rm -f "$out/$s.json"
	printf '\n=== test step %s\n' "$s"
	t0=$(now)
	status=0
	"step_$s" || status=$?
	if ((status == 0)); then
		printf -- '--- test step %s: ok (%ss)\n' "$s" "$(($(now) - t0))"
	else
		printf -- '--- test step %s: FAILED, exit %s (%ss)\n' "$s" "$status" "$(($(now) - t0))"
		failed_steps+=("--failed-step" "$s")
	fi
done

files=()
for s in "${steps[@]}"; do
	[[ -f "$out/$s.json" ]] && files+=("$out/$s.json")
done
exec bash "$root/scripts/test-summary.sh" "${failed_steps[@]}" "${files[@]}"
