#!/usr/bin/env bash
# Contract suite: runs the SDK against a Prism mock of the pinned, unmodified upstream
# OpenAPI description, and intercom/preview against a second Prism serving the
# unmodified Preview description, with request validation on, and fails on any
# violation Prism reports or any response the SDK cannot decode.
#
#   bash scripts/suites/contract/run.sh [go test flags...]     (make contract)
#
# Steps: npm ci (only when node_modules is missing or stale), fetch + verify the pinned
# and Preview descriptions (scripts/cmd/intercom-spec fetch), start a Prism for each on a
# free loopback port, side by side, wait until both listen, run `go test ./suites/contract/`
# in the scripts module (through gotestsum, writing a test2json file) with
# INTERCOM_PRISM_URL, INTERCOM_CONTRACT_API_VERSION, INTERCOM_PREVIEW_PRISM_URL and
# INTERCOM_PREVIEW_SPEC set, stop both.
#
# Without a Node that Prism 5.16 runs on (node >= 20.19 and npm), the suite's own tests
# still run and TestContract is reported as skipped, saying why; with CI=true that is a
# failure instead (.ci/run installs Node first).
#
# Environment:
#   PRISM_READY_TIMEOUT  seconds to wait for Prism to listen (default 60)
#   CONTRACT_LOG_DIR     where prism.log and prism-preview.log are written (default .build/contract)
#   CONTRACT_JSONFILE    the test2json file (default CONTRACT_LOG_DIR/contract.json);
#                        make test counts it in its summary
#   CI                   "true": skipping the suite is a failure
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
ready_timeout="${PRISM_READY_TIMEOUT:-60}"
log_dir="${CONTRACT_LOG_DIR:-$root/.build/contract}"

mkdir -p "$log_dir"
npm_log="$log_dir/npm-ci.log"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fs", b - a }'; }

go_flags=("$@")
jsonfile="${CONTRACT_JSONFILE:-$log_dir/contract.json}"
mkdir -p "$(dirname "$jsonfile")"
rm -f "$jsonfile"
# The version Prism serves: the pinned one (api/pin.yaml). The suite checks that gen/ was
# generated for it.
api_version="$(sed -n 's/^pinned: *"\(.*\)"/\1/p' "$root/api/pin.yaml")"

# run_suite [VAR=value...]: go test ./suites/contract/ (a package of the scripts module)
# through gotestsum (pinned in scripts/tools/go.mod), verbose, writing the test2json file.
run_suite() {
	(cd "$root/scripts" && env "$@" go tool -modfile="$root/scripts/tools/go.mod" gotestsum \
		--format standard-verbose --jsonfile "$jsonfile" -- ./suites/contract/ -count=1 "${go_flags[@]+"${go_flags[@]}"}")
}

# --- 0. a Node that Prism 5.16 runs on --------------------------------------------------
# Prism 5.16 require()s an ES module (@faker-js/faker 10), which Node supports from 20.19
# and 22.12; Debian 12's Node 18 fails with ERR_REQUIRE_ESM.
node_why=""
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	node_why="node/npm not found"
elif ! node -e 'const [a, b] = process.versions.node.split(".").map(Number);
	process.exit(a >= 23 || (a === 22 && b >= 12) || (a === 20 && b >= 19) ? 0 : 1)'; then
	node_why="node $(node --version) is too old for Prism 5.16 (it needs 20.19+, 22.12+ or 23+)"
fi
if [[ -n "$node_why" ]]; then
	if [[ "${CI:-}" == "true" ]]; then
		echo "contract: CI=true and $node_why: the contract suite may not be skipped in CI (.ci/run installs Node)" >&2
		exit 1
	fi
	echo "contract suite skipped: $node_why; running the suite's own tests only (TestContract reports the skip)"
	run_suite
	exit $?
fi

# skip_offline REASON: what the suite needs could not be downloaded. Outside CI the suite's
# own tests run and TestContract is reported as skipped (the reason printed); with CI=true
# it is a failure.
skip_offline() {
	if [[ "${CI:-}" == "true" ]]; then
		echo "contract: CI=true and $1: the contract suite may not be skipped in CI" >&2
		exit 1
	fi
	echo "contract suite skipped: $1; running the suite's own tests only (TestContract reports the skip)"
	run_suite
	exit $?
}
# --- 1. install Prism exactly as locked -------------------------------------------------
# A stamp inside node_modules records the sha256 of the lockfile it was installed from.
lock_sum="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
stamp="$here/node_modules/.intercom-go-lock.sha256"
t0="$(now)"
if [[ ! -x "$here/node_modules/.bin/prism" || ! -f "$stamp" || "$(cat "$stamp")" != "$lock_sum" ]]; then
	echo "contract: npm ci (scripts/suites/contract)"
	# --ignore-scripts: the only install script in the tree is a telemetry ping
	# (@scarf/scarf); Prism needs none. SCARF_ANALYTICS=false covers it as well.
	# --prefer-offline reuses npm's cache; --fetch-timeout bounds a stalled download at
	# 2 minutes instead of npm's 5 (then npm retries it).
	if ! (cd "$here" && SCARF_ANALYTICS=false npm ci --ignore-scripts --no-audit --no-fund \
		--prefer-offline --fetch-timeout=120000 --fetch-retry-mintimeout=2000 \
		--fetch-retry-maxtimeout=10000 --loglevel=error >"$npm_log" 2>&1); then
		echo "contract: npm ci failed; its output:" >&2
		cat "$npm_log" >&2
		skip_offline "npm ci could not install Prism (no network? it downloads from the npm registry once, then node_modules is reused)"
	fi
	echo "$lock_sum" >"$stamp"
	echo "contract: npm ci took $(elapsed "$t0" "$(now)")"
else
	echo "contract: node_modules up to date with package-lock.json"
fi
prism="$here/node_modules/.bin/prism"

# --- 2. the pinned upstream description and the Preview one --------------------------------
if ! spec="$(cd "$root/scripts" && go run ./cmd/intercom-spec fetch -version "$api_version")"; then
	skip_offline "the pinned description could not be fetched (no ../shared mirror, no .spec cache and no network? run make spec once online)"
fi
if [[ ! -f "$spec" ]]; then
	echo "contract: intercom-spec fetch printed no file: '$spec'" >&2
	exit 1
fi
# Preview ("0" in api/pin.yaml) is served by a second Prism for TestPreviewContract.
if ! preview_spec="$(cd "$root/scripts" && go run ./cmd/intercom-spec fetch -version 0)"; then
	skip_offline "the Preview description could not be fetched (no ../shared mirror, no .spec cache and no network? run make spec once online)"
fi
if [[ ! -f "$preview_spec" ]]; then
	echo "contract: intercom-spec fetch -version 0 printed no file: '$preview_spec'" >&2
	exit 1
fi

# --- 3. start the two Prisms on free loopback ports -----------------------------------------
free_port() {
	node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})'
}

# Two mocks, started side by side: "pinned" serves the pinned description (TestContract),
# "preview" the Preview description (TestPreviewContract). Each has its own log, pid and
# port (prism_pid[NAME], prism_port[NAME]).
declare -A prism_spec=([pinned]="$spec" [preview]="$preview_spec")
declare -A prism_log=([pinned]="$log_dir/prism.log" [preview]="$log_dir/prism-preview.log")
declare -A prism_pid=() prism_port=()
stop_prism() {
	local name pid
	for name in "${!prism_pid[@]}"; do
		pid="${prism_pid[$name]}"
		if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
			kill "$pid" 2>/dev/null || true
			wait "$pid" 2>/dev/null || true
		fi
		prism_pid[$name]=""
	done
}
trap stop_prism EXIT
trap 'stop_prism; exit 130' INT
trap 'stop_prism; exit 143' TERM

# --errors: an invalid request gets a 422 (and an sl-violations header), and an example
# that breaks its own schema a 500. --dynamic=false: answers are the description's
# examples; the suite asks for a generated answer (Prefer: dynamic=true) only for the
# operations whose example is broken (exceptions_test.go), and --seed makes those
# answers the same on every run.
prism_seed="intercom-go-contract"

# launch_prism NAME: start NAME's Prism on a free port, in the background.
launch_prism() {
	local name="$1"
	prism_port[$name]="$(free_port)"
	"$prism" mock -h 127.0.0.1 -p "${prism_port[$name]}" --errors --dynamic=false --seed "$prism_seed" \
		"${prism_spec[$name]}" >"${prism_log[$name]}" 2>&1 &
	prism_pid[$name]=$!
}

# await_prism NAME: wait until NAME's Prism is ready. Prism reads the whole description
# before it listens; "Prism is listening" in its log plus an accepted TCP connection mean
# it is ready. A port taken between picking and binding (a race with another process) is
# retried with a new port, twice.
await_prism() {
	local name="$1" attempt deadline log="${prism_log[$1]}"
	for attempt in 1 2 3; do
		deadline=$(($(date +%s) + ready_timeout))
		while (($(date +%s) < deadline)); do
			if ! kill -0 "${prism_pid[$name]}" 2>/dev/null; then
				break
			fi
			if grep -q "Prism is listening" "$log" 2>/dev/null &&
				(exec 3<>"/dev/tcp/127.0.0.1/${prism_port[$name]}") 2>/dev/null; then
				return 0
			fi
			sleep 0.2
		done
		if kill -0 "${prism_pid[$name]}" 2>/dev/null; then
			echo "contract: Prism ($name) did not become ready within ${ready_timeout}s; its log:" >&2
			cat "$log" >&2
			return 1
		fi
		wait "${prism_pid[$name]}" 2>/dev/null || true
		if ! grep -q "EADDRINUSE" "$log" || ((attempt == 3)); then
			echo "contract: Prism ($name) exited before it was ready; its log:" >&2
			cat "$log" >&2
			return 1
		fi
		echo "contract: port ${prism_port[$name]} was taken, retrying" >&2
		launch_prism "$name"
	done
	return 1
}

t0="$(now)"
launch_prism pinned
launch_prism preview
await_prism pinned || exit 1
await_prism preview || exit 1
echo "contract: Prism $("$prism" --version) ready on 127.0.0.1:${prism_port[pinned]} (API $api_version) and 127.0.0.1:${prism_port[preview]} (Preview) after $(elapsed "$t0" "$(now)") (logs: ${prism_log[pinned]}, ${prism_log[preview]})"

# --- 4. the Go suite --------------------------------------------------------------------
t0="$(now)"
status=0
run_suite INTERCOM_PRISM_URL="http://127.0.0.1:${prism_port[pinned]}" INTERCOM_CONTRACT_API_VERSION="$api_version" \
	INTERCOM_PREVIEW_PRISM_URL="http://127.0.0.1:${prism_port[preview]}" INTERCOM_PREVIEW_SPEC="$preview_spec" || status=$?
echo "contract: go test took $(elapsed "$t0" "$(now)") (exit $status)"
if [[ "${CI:-}" == "true" ]] && grep -q '"Action":"skip","Package":"[^"]*/contract","Test":"Test\(Preview\)\?Contract"' "$jsonfile" 2>/dev/null; then
	echo "contract: CI=true and TestContract or TestPreviewContract was skipped: the contract suite may not be skipped in CI" >&2
	status=1
fi
if ((status != 0)); then
	for name in pinned preview; do
		echo "contract: last 40 lines of the Prism log (${prism_log[$name]}):"
		tail -n 40 "${prism_log[$name]}"
	done
fi
exit "$status"
