#!/usr/bin/env bash
# Contract suite: runs the SDK against a Prism mock of the pinned, unmodified upstream
# OpenAPI description with request validation on, and fails on any violation Prism
# reports or any response the SDK cannot decode.
#
#   bash scripts/contract/run.sh [go test flags...]     (make contract)
#
# Steps: npm ci (only when node_modules is missing or stale), fetch + verify the pinned
# description (scripts/cmd/intercom-spec fetch), start Prism on a free loopback port,
# wait until it listens, run `go test ./contract/` with INTERCOM_PRISM_URL set, stop
# Prism. Without node/npm the suite is skipped (exit 0) with a message.
#
# Environment:
#   PRISM_READY_TIMEOUT  seconds to wait for Prism to listen (default 60)
#   CONTRACT_LOG_DIR     where prism.log is written (default .build/contract)
set -euo pipefail

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "contract suite skipped: node/npm not found"
	exit 0
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ready_timeout="${PRISM_READY_TIMEOUT:-60}"
log_dir="${CONTRACT_LOG_DIR:-$root/.build/contract}"

mkdir -p "$log_dir"
npm_log="$log_dir/npm-ci.log"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fs", b - a }'; }

# --- 1. install Prism exactly as locked -------------------------------------------------
# A stamp inside node_modules records the sha256 of the lockfile it was installed from.
lock_sum="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
stamp="$here/node_modules/.intercom-go-lock.sha256"
t0="$(now)"
if [[ ! -x "$here/node_modules/.bin/prism" || ! -f "$stamp" || "$(cat "$stamp")" != "$lock_sum" ]]; then
	echo "contract: npm ci (scripts/contract)"
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
spec="$(cd "$root/scripts" && go run ./cmd/intercom-spec fetch)"
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
# operations whose example is broken (contract/exceptions_test.go), and --seed makes those
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
(cd "$root" && INTERCOM_PRISM_URL="http://127.0.0.1:$port" go test ./contract/ -count=1 -v "$@") || status=$?
echo "contract: go test took $(elapsed "$t0" "$(now)") (exit $status)"
if ((status != 0)); then
	echo "contract: last 40 lines of the Prism log ($prism_log):"
	tail -n 40 "$prism_log"
fi
exit "$status"
