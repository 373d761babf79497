#!/usr/bin/env bash
# Prints the closing lines of `make test` from the test2json files gotestsum wrote (one
# JSON event a line), one file per step, and ends with
#
#   tests: N passed, N failed, N skipped
#
#   bash scripts/test-summary.sh [--failed-step NAME]... FILE...
#
# Counted: every test and subtest that passed, failed or was skipped, in every file. A
# package that failed with no failing test (it did not compile, TestMain or a goroutine
# leak check failed, the binary panicked or timed out) counts as one failure. A step that
# failed (--failed-step NAME, its file being NAME.json) without any failure recorded in
# its file (say Prism did not start, or the file was never written) counts as one
# failure too. Skipped tests are listed with the last line they printed (their reason).
#
# Exit status: 1 when anything failed, else 0. Plain bash and awk: the summary must print
# even when nothing else builds.
set -euo pipefail

failed_steps=()
files=()
while (($#)); do
	case "$1" in
	--failed-step)
		failed_steps+=("$2")
		shift 2
		;;
	*)
		files+=("$1")
		shift
		;;
	esac
done

awk_prog='
function str(name,   re, s) {
	# The value of the JSON string field name on this line ("" when absent), unescaped
	# enough for display.
	re = "\"" name "\":\"([^\"\\\\]|\\\\.)*\""
	if (!match($0, re)) return ""
	s = substr($0, RSTART + length(name) + 4, RLENGTH - length(name) - 5)
	gsub(/\\n/, "", s); gsub(/\\t/, " ", s); gsub(/\\"/, "\"", s); gsub(/\\\\/, "\\", s)
	return s
}
FNR == 1 {
	file = FILENAME
	sub(/.*\//, "", file)
	sub(/\.json$/, "", file)
	files[file] = 1
}
{
	action = str("Action"); pkg = str("Package"); test = str("Test")
	if (pkg == "") next
	key = file SUBSEP pkg
	if (action == "output" && test != "") {
		out = str("Output")
		sub(/^[ ]+/, "", out)
		if (out != "" && out !~ /^(=== (RUN|PAUSE|CONT|NAME)|--- (PASS|FAIL|SKIP))/) last[pkg, test] = out
		next
	}
	if (test == "") {
		if (action == "fail") pkgfail[key] = 1
		next
	}
	if (action == "pass") pass++
	else if (action == "skip") {
		skip++
		skipped[skip] = pkg " " test ": " ((pkg, test) in last ? last[pkg, test] : "(no reason printed)")
	} else if (action == "fail") {
		fail++
		testfail[key]++
		stepfail[file]++
		if (fail <= 50) failed[fail] = pkg " " test
	}
}
END {
	for (k in pkgfail) {
		if (!(k in testfail)) {
			split(k, parts, SUBSEP)
			fail++
			stepfail[parts[1]]++
			extra[++nextra] = parts[2] " failed outside any test (build error, TestMain, leak check, panic or timeout)"
		}
	}
	n = split(failedsteps, fs, " ")
	for (i = 1; i <= n; i++) {
		if (fs[i] == "") continue
		if (!(fs[i] in stepfail)) {
			fail++
			extra[++nextra] = "step " fs[i] " failed without a failing test (see its output above)" (fs[i] in files ? "" : "; it wrote no test2json file")
		}
	}
	if (skip > 0) {
		print ""
		for (i = 1; i <= skip; i++) print "SKIP " skipped[i]
	}
	if (fail > 0) {
		print ""
		for (i = 1; i <= fail && i <= 50; i++) if (i in failed) print "FAIL " failed[i]
		for (i = 1; i <= nextra; i++) print "FAIL " extra[i]
	}
	print ""
	printf "tests: %d passed, %d failed, %d skipped\n", pass, fail, skip
	exit fail > 0 ? 1 : 0
}
'

existing=()
for f in "${files[@]+"${files[@]}"}"; do
	[[ -f "$f" ]] && existing+=("$f")
done
if ((${#existing[@]} == 0)); then
	existing=(/dev/null)
fi
awk -v failedsteps="${failed_steps[*]+"${failed_steps[*]}"}" "$awk_prog" "${existing[@]}"
