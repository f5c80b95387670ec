#!/usr/bin/env bash
# Measures the wall time and peak memory (maximum resident set size) of
# `gen build` on the large synthetic corpus, as CI would run it.
#
#   scripts/rss.sh [small|medium|large]
#
# Needs GNU time at /usr/bin/time (Debian/Ubuntu: apt-get install time).
# Set KEEP=1 to keep the corpus and its output in the temporary folder.
set -euo pipefail

cd "$(dirname "$0")/.."
size=${1:-large}

if [[ ! -x /usr/bin/time ]]; then
	echo "rss.sh: /usr/bin/time not found; install GNU time (apt-get install time)" >&2
	exit 2
fi

work=$(mktemp -d)
if [[ -z ${KEEP:-} ]]; then
	trap 'rm -rf "$work"' EXIT
else
	echo "keeping $work"
fi

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
