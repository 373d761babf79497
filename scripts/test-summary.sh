#!/usr/bin/env bash
# Prints one closing line for all the test runs of `make test`, from the test2json files
# gotestsum wrote (one JSON event a line): "tests: N passed, N failed, N skipped".
set -euo pipefail
pass=0 fail=0 skip=0
for f in "$@"; do
  [ -f "$f" ] || continue
  p=$(grep -c '"Action":"pass","Package":"[^"]*","Test":' "$f" || true)
  x=$(grep -c '"Action":"fail","Package":"[^"]*","Test":' "$f" || true)
  s=$(grep -c '"Action":"skip","Package":"[^"]*","Test":' "$f" || true)
  pass=$((pass + p)) fail=$((fail + x)) skip=$((skip + s))
done
echo
echo "tests: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
