#!/usr/bin/env bash
# make test: every test of every module, each step run even when an earlier one failed,
# then one summary line over all of them:
#
#   tests: N passed, N failed, N skipped
#
# Steps (each writes a test2json file into .build/test/ through gotestsum):
#   root       the root module with -race
#   scripts    the tooling module (scripts/): spec pipeline, README checks, the suites of
#              scripts/suites (fake check, examples decode, generated-code checks), except
#              ./suites/contract (run by its own step, so this run never reports a
#              TestContract skip for a suite that then runs)
#   redisrate  pkg/ratelimit/redisrate (its own module) with -race
#   otel       pkg/otelintercom (its own module) with -race
#   contract   scripts/suites/contract/run.sh: Prism + scripts/suites/contract; without Node it still runs
#              the suite's own tests and reports TestContract as skipped, saying why
#              (with CI=true that skip is a failure)
#
# Exit status: non-zero when any test or any step failed. The tools come from
# scripts/tools/go.mod (tool directives), so after one online run this works with
# GOPROXY=off.
#
#   bash scripts/test.sh [step...]      (default: all five steps)
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$root/.build/test"
mkdir -p "$out"
gotestsum=(go tool -modfile="$root/scripts/tools/go.mod" gotestsum --format pkgname --format-hide-empty-pkg)

steps=("$@")
if ((${#steps[@]} == 0)); then
	steps=(root scripts redisrate otel contract)
fi

failed_steps=()
now() { date +%s; }

step_root() {
	"${gotestsum[@]}" --jsonfile "$out/root.json" -- -race -count=1 ./...
}

step_scripts() {
	(
		cd scripts || exit 1
		local mod pkgs
		mod="$(go list -m)" || exit 1
		# -e: a package that does not compile is still listed, and then reported by go test.
		pkgs="$(go list -e ./... | grep -vx "$mod/suites/contract")" || exit 1
		# shellcheck disable=SC2086 # one word per package
		"${gotestsum[@]}" --jsonfile "$out/scripts.json" -- -count=1 $pkgs
	)
}

step_redisrate() {
	(cd pkg/ratelimit/redisrate && "${gotestsum[@]}" --jsonfile "$out/redisrate.json" -- -race -count=1 ./...)
}

step_otel() {
	(cd pkg/otelintercom && "${gotestsum[@]}" --jsonfile "$out/otel.json" -- -race -count=1 ./...)
}

step_contract() {
	CONTRACT_JSONFILE="$out/contract.json" bash scripts/suites/contract/run.sh
}

for s in "${steps[@]}"; do
	if ! declare -F "step_$s" >/dev/null; then
		echo "test.sh: unknown step $s (want root, scripts, redisrate, otel or contract)" >&2
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
