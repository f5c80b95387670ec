#!/usr/bin/env bash
# Benchmarks `gen build` on the synthetic corpora of generator/corpus
# (small, medium, large) and, when possible, summarises the runs with
# benchstat.
#
#   scripts/bench.sh                 # all sizes, 6 runs each
#   COUNT=3 scripts/bench.sh -short  # 3 runs, without the large corpus
#
# Extra arguments go to `go test`. Raw results are kept in bench.txt (or
# $BENCH_OUT). benchstat is taken from PATH, or run through the Go module
# proxy with `go run golang.org/x/perf/cmd/benchstat@latest`; without
# either, the raw results are all there is.
set -euo pipefail

cd "$(dirname "$0")/.."
out=${BENCH_OUT:-bench.txt}
count=${COUNT:-6}

go test -run='^$' -bench=BenchmarkBuild -count="$count" "$@" ./generator/build/ | tee "$out"

echo
if command -v benchstat >/dev/null 2>&1; then
	benchstat "$out"
elif go run golang.org/x/perf/cmd/benchstat@latest "$out" 2>/dev/null; then
	:
else
	echo "benchstat unavailable (go install golang.org/x/perf/cmd/benchstat@latest); raw results are in $out" >&2
fi
