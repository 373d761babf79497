#!/usr/bin/env bash
# make check-versions: proves the whole tree against every API version api/pin.yaml lists
# as supported, and reports what Preview would break.
#
#   bash scripts/check-versions.sh [-light] [VERSION...]
#        (default: every version of `supported:` in api/pin.yaml, then Preview "0")
#
# Per version V, in a scratch copy of the tracked tree (git ls-files, with the working
# tree's contents, into .build/tree-V; the verified .spec cache is copied along):
#   supported V   set `pinned: "V"`, make generate (gen/ and the generated facade), then
#                 scripts/check-tree.sh: build, vet and test all three modules (the
#                 root's tests without -race), the contract suite's compilation.
#                 Any failure fails the run. -light: build and vet everything, run only
#                 the scripts/ tests (the fake's check, examples-decode): CI's variant.
#   Preview "0"   make generate, then gen/ must compile and the facade must have no
#                 compile error in a generated file (intercom/*.gen.go): those fail the
#                 run. Compile errors in the rest of the tree are printed, not failed.
#
# Exit status: non-zero when a supported version or Preview's generated code fails.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
light=()
if [[ "${1:-}" == "-light" ]]; then
	light=(-light)
	shift
fi
export GOFLAGS="${GOFLAGS:+$GOFLAGS }-buildvcs=false"

pin_list() { sed -n "s/^$1: *\[\(.*\)\]/\1/p" api/pin.yaml | tr -d '" ' | tr ',' ' '; }
read -r -a supported <<<"$(pin_list supported)"
if ((${#supported[@]} == 0)); then
	echo "check-versions: api/pin.yaml lists no supported versions" >&2
	exit 2
fi
versions=("$@")
if ((${#versions[@]} == 0)); then
	versions=("${supported[@]}" 0)
fi
is_supported() {
	local s
	for s in "${supported[@]}"; do [[ "$s" == "$1" ]] && return 0; done
	return 1
}

now() { date +%s; }
results=()
failed=0

# make_tree V: a scratch copy of the tracked tree pinned to V, in .build/tree-V, with the
# verified description of V in its .spec cache (fetched here, where the mirror beside the
# repository is found, so the scratch tree never downloads it).
make_tree() {
	local v="$1" tree="$root/.build/tree-$1"
	(cd scripts && go run ./cmd/intercom-spec -root .. fetch -version "$v" >/dev/null) || return 1
	rm -rf "$tree"
	mkdir -p "$tree"
	git ls-files -z | tar --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -xf - -C "$tree" || return 1
	if [[ -d .spec ]]; then
		cp -a .spec "$tree/"
	fi
	sed -i "s/^pinned: .*/pinned: \"$v\"/" "$tree/api/pin.yaml"
	if ! is_supported "$v"; then
		# Preview: the pin file requires the pinned version among the supported ones.
		sed -i "s/^supported: *\[/supported: [\"$v\", /" "$tree/api/pin.yaml"
	fi
	echo "$tree"
}

check_supported() {
	local v="$1" tree
	tree="$(make_tree "$v")" || return 1
	echo "check-versions $v: scratch tree $tree"
	(cd "$tree" && make --no-print-directory generate && cd scripts && go run ./cmd/readme-figures) || {
		echo "check-versions $v: make generate failed"
		return 1
	}
	bash "$root/scripts/check-tree.sh" "${light[@]+"${light[@]}"}" "$tree"
}

# compile_errors FILE: the "file.go:line:col: message" lines of a go build/vet log.
compile_errors() { grep -E '^[^ :]+\.go:[0-9]+(:[0-9]+)?: ' "$1" || true; }

check_preview() {
	local v="$1" tree log
	tree="$(make_tree "$v")" || return 1
	log="$tree/.build/preview"
	mkdir -p "$log"
	echo "check-versions $v (Preview): scratch tree $tree"
	# Lenient: a facade method that cannot be generated is left out and listed.
	(cd "$tree" && make --no-print-directory generate GENFLAGS=-lenient) || {
		echo "check-versions $v: make generate failed"
		return 1
	}
	if ! (cd "$tree" && go build ./gen/) 2>"$log/gen.log"; then
		cat "$log/gen.log"
		echo "check-versions $v: gen/ does not compile"
		return 1
	fi
	echo "check-versions $v: gen/ compiles"
	# -gcflags=-e: every error, not the first ten.
	(cd "$tree" && go build -gcflags=-e ./intercom/) >"$log/facade.log" 2>&1
	local generated
	generated="$(compile_errors "$log/facade.log" | grep -E '^[^:]*\.gen\.go:' || true)"
	if [[ -n "$generated" ]]; then
		echo "$generated"
		echo "check-versions $v: the generated facade (intercom/*.gen.go) does not compile"
		return 1
	fi
	echo "check-versions $v: no compile error in the generated facade (intercom/*.gen.go)"
	# What else would break: vet type-checks every package and test of every module.
	local m total=0 n
	for m in . scripts pkg/ratelimit/redisrate; do
		(cd "$tree/$m" && go vet ./...) >"$log/vet.log" 2>&1
		n="$(compile_errors "$log/vet.log" | sort -u | tee "$log/errors.txt" | wc -l)"
		total=$((total + n))
		if ((n > 0)); then
			echo "check-versions $v: $n compile or vet error(s) in module $m (reported, not failed):"
			sed -n '1,40p' "$log/errors.txt" | sed 's/^/    /'
			((n > 40)) && echo "    ... $((n - 40)) more"
		fi
	done
	if ((total == 0)); then
		echo "check-versions $v: the whole tree compiles and vets"
	fi
	preview_note="$total error(s) outside the generated code, reported"
	return 0
}

for v in "${versions[@]}"; do
	t0=$(now)
	printf '\n=== check-versions %s\n' "$v"
	status=0
	preview_note=""
	if is_supported "$v"; then
		check_supported "$v" || status=$?
	else
		check_preview "$v" || status=$?
	fi
	took=$(($(now) - t0))
	if ((status == 0)); then
		results+=("$v: ok${preview_note:+ ($preview_note)} in ${took}s")
	else
		results+=("$v: FAILED in ${took}s")
		failed=1
	fi
done

printf '\n'
for r in "${results[@]}"; do
	echo "check-versions $r"
done
exit "$failed"
