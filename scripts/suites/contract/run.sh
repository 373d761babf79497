#!/usr/bin/env bash
# Contract suite: runs the SDK against a Prism mock of the pinned, unmodified upstream
# OpenAPI description with request validation on, and fails on any violation Prism
# reports or any response the SDK cannot decode.
#
#   bash scripts/suites/contract/run.sh [go test flags...]     (make contract)
#
# Steps: npm ci (only when node_modules is missing or stale), fetch + verify the pinned
# description (scripts/cmd/intercom-spec fetch), start Prism on a free loopback port,
# wait until it listens, run `go test ./suites/contract/` in the scripts module (through
# gotestsum, writing a test2json file) with INTERCOM_PRISM_URL and
# INTERCOM_CONTRACT_API_VERSION set, stop Prism.
#
# Without a Node that Prism 5.16 runs on (node >= 20.19 and npm), the suite's own tests
# still run and TestContract is reported as skipped, saying why; with CI=true that is a
# failure instead (.ci/run installs Node first).
#
# Environment:
#   PRISM_READY_TIMEOUT  seconds to wait for Prism to listen (default 60)
#   CONTRACT_LOG_DIR     where prism.log is written (default .build/contract)
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
		exit 1
	fi
	echo "$lock_sum" >"$stamp"
	echo "contract: npm ci took $(elapsed "$t0" "$(now)")"
else
	echo "contract: node_modules up to date with package-lock.json"
fi
prism="$here/node_modules/.bin/prism"

# --- 2. the pinned upstream description ----------------------------------------------------
spec="$(cd "$root/scripts" && go run ./cmd/intercom-spec fetch -version "$api_version")"
if [[ ! -f "$spec" ]]; then
	echo "contract: intercom-spec fetch printed no file: '$spec'" >&2
	exit 1
fi

# --- 3. start Prism on a free loopback port ------------------------------------------------
free_port() {
	node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})'
}

prism_log="$log_dir/prism.log"
prism_pid=""
stop_prism() {
	if [[ -n "$prism_pid" ]] && kill -0 "$prism_pid" 2>/dev/null; then
		kill "$prism_pid" 2>/dev/null || true
		wait "$prism_pid" 2>/dev/null || true
	fi
	prism_pid=""
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

# Prism reads the whole description before it listens; "Prism is listening" in its log
# plus an accepted TCP connection mean it is ready. A port taken between picking and
# binding (a race with another process) is retried with a new port.
t0="$(now)"
ready=""
for attempt in 1 2 3; do
	port="$(free_port)"
	"$prism" mock -h 127.0.0.1 -p "$port" --errors --dynamic=false --seed "$prism_seed" "$spec" >"$prism_log" 2>&1 &
	prism_pid=$!
	deadline=$(($(date +%s) + ready_timeout))
	while (($(date +%s) < deadline)); do
		if ! kill -0 "$prism_pid" 2>/dev/null; then
			break
		fi
		if grep -q "Prism is listening" "$prism_log" 2>/dev/null &&
			(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			ready=1
			break
		fi
		sleep 0.2
	done
	[[ -n "$ready" ]] && break
	if kill -0 "$prism_pid" 2>/dev/null; then
		echo "contract: Prism did not become ready within ${ready_timeout}s; its log:" >&2
		cat "$prism_log" >&2
		exit 1
	fi
	wait "$prism_pid" 2>/dev/null || true
	prism_pid=""
	if ! grep -q "EADDRINUSE" "$prism_log"; then
		echo "contract: Prism exited before it was ready; its log:" >&2
		cat "$prism_log" >&2
		exit 1
	fi
	echo "contract: port $port was taken, retrying" >&2
done
if [[ -z "$ready" ]]; then
	echo "contract: could not start Prism; last log:" >&2
	cat "$prism_log" >&2
	exit 1
fi
echo "contract: Prism $("$prism" --version) ready on 127.0.0.1:$port after $(elapsed "$t0" "$(now)") (log: $prism_log)"

# --- 4. the Go suite --------------------------------------------------------------------
t0="$(now)"
status=0
run_suite INTERCOM_PRISM_URL="http://127.0.0.1:$port" INTERCOM_CONTRACT_API_VERSION="$api_version" || status=$?
echo "contract: go test took $(elapsed "$t0" "$(now)") (exit $status)"
if [[ "${CI:-}" == "true" ]] && grep -q '"Action":"skip","Package":"[^"]*/contract","Test":"TestContract"' "$jsonfile" 2>/dev/null; then
	echo "contract: CI=true and TestContract was skipped: the contract suite may not be skipped in CI" >&2
	status=1
fi
if ((status != 0)); then
	echo "contract: last 40 lines of the Prism log ($prism_log):"
	tail -n 40 "$prism_log"
fi
exit "$status"
