#!/usr/bin/env bash
# Measures the wall time and peak memory (maximum resident set size) of
# `gen build` on the large synthetic corpus, as CI would run it.
#
#   scripts/rss.sh [small|medium|large]
#
# Uses GNU time at /usr/bin/time (installed with apt-get when missing).
# Set KEEP=1 to keep the corpus and its output in the temporary folder.
set -euo pipefail

cd "$(dirname "$0")/.."
. scripts/lib.sh
size=${1:-large}

need_time
make_work

go build -o "$work/gen" ./generator/cmd/gen
go run ./generator/corpus/cmd/corpus -o "$work/site" -size "$size"

/usr/bin/time -v -o "$work/time.txt" "$work/gen" build -s "$work/site" -o "$work/site/public" --now 2026-11-23 2>&1 |
	grep -v ': warning: ' || true
# `|| true` only forgives grep finding nothing; a failed build fails below.
if ! grep -q 'Exit status: 0' "$work/time.txt"; then
	cat "$work/time.txt" >&2
	echo "rss.sh: gen build failed" >&2
	exit 1
fi
grep -E 'Elapsed \(wall clock\) time|Maximum resident set size|User time|System time|Percent of CPU' "$work/time.txt"
