#!/usr/bin/env bash
# redis.sh: start or stop a throwaway redis-server on a free 127.0.0.1 port,
# for the tests of pkg/ratelimit/redisrate (which otherwise start their own).
#
#   eval "$(scripts/redis.sh start)"   # starts it; prints: export REDIS_ADDR=127.0.0.1:PORT
#   scripts/redis.sh addr              # prints 127.0.0.1:PORT of the running server
#   scripts/redis.sh port              # prints PORT
#   scripts/redis.sh stop              # stops it and removes its files
#
# The server keeps nothing on disk (no RDB, no AOF) and listens on loopback
# only. Its pid, port and log live in $REDIS_SH_DIR (default
# ${TMPDIR:-/tmp}/intercom-go-redis). "start" when one is already running
# prints the running one. Messages go to stderr; stdout carries only the
# export line, the address or the port.
set -euo pipefail

dir="${REDIS_SH_DIR:-${TMPDIR:-/tmp}/intercom-go-redis}"
pidfile="$dir/redis.pid"
portfile="$dir/redis.port"
logfile="$dir/redis.log"

say() { printf 'redis.sh: %s\n' "$*" >&2; }

# ping PORT: true when a Redis answers PONG on 127.0.0.1:PORT.
ping() {
	local reply=""
	{
		exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
		printf 'PING\r\n' >&3
		IFS= read -r -t 2 reply <&3 || true
		exec 3>&- 3<&-
	} 2>/dev/null
	[[ "$reply" == "+PONG"* ]]
}

running_pid() {
	[[ -s "$pidfile" ]] || return 1
	local pid
	pid="$(<"$pidfile")"
	kill -0 "$pid" 2>/dev/null || return 1
	printf '%s\n' "$pid"
}

running_port() {
	running_pid >/dev/null || return 1
	[[ -s "$portfile" ]] || return 1
	local port
	port="$(<"$portfile")"
	ping "$port" || return 1
	printf '%s\n' "$port"
}

# port_free PORT: nothing accepts connections on 127.0.0.1:PORT.
port_free() {
	if { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null; then
		exec 3>&- 3<&-
		return 1
	fi
	return 0
}

start() {
	local port
	if port="$(running_port)"; then
		say "already running on 127.0.0.1:$port"
		printf 'export REDIS_ADDR=127.0.0.1:%s\n' "$port"
		return 0
	fi
	if ! command -v redis-server >/dev/null; then
		say "redis-server not found; install it (Debian: apt-get install -y redis-server)"
		return 1
	fi
	mkdir -p "$dir"
	rm -f "$pidfile" "$portfile"
	local try
	for try in $(seq 1 20); do
		port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
		port_free "$port" || continue
		redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no \
			--daemonize yes --pidfile "$pidfile" --logfile "$logfile" --dir "$dir" \
			</dev/null >/dev/null 2>&1 || continue
		local i
		for i in $(seq 1 50); do # up to ~5s
			if ping "$port"; then
				printf '%s\n' "$port" >"$portfile"
				say "started redis-server on 127.0.0.1:$port (pid $(cat "$pidfile" 2>/dev/null || echo '?'))"
				printf 'export REDIS_ADDR=127.0.0.1:%s\n' "$port"
				return 0
			fi
			sleep 0.1
		done
		say "redis-server on port $port did not answer (try $try); log: $logfile"
		stop_pid
	done
	say "could not start redis-server"
	return 1
}

stop_pid() {
	local pid
	pid="$(running_pid)" || return 0
	kill "$pid" 2>/dev/null || true
	local i
	for i in $(seq 1 50); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.1
	done
	kill -9 "$pid" 2>/dev/null || true
}

stop() {
	stop_pid
	rm -f "$pidfile" "$portfile" "$logfile"
	rmdir "$dir" 2>/dev/null || true
}

case "${1:-}" in
start) start ;;
stop) stop ;;
addr)
	port="$(running_port)" || { say "not running"; exit 1; }
	printf '127.0.0.1:%s\n' "$port"
	;;
port)
	running_port || { say "not running"; exit 1; }
	;;
*)
	say "usage: $0 start|stop|addr|port"
	exit 2
	;;
esac
