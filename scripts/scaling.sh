#!/usr/bin/env bash
# Shows how the cost of `gen build` grows with history (issues 7 and 19:
# "cost grows linearly"): builds corpora of 20 policies × 10 languages × V
# versions for V in 1 2 5 10 20, plus the medium corpus (10 × 5 × 10), and
# prints wall time, versions per second and peak RSS of each, the files and
# bytes of its output (per version, and against the hosts' limits: 20,000
# files per Cloudflare Pages deployment, 1 GB for a GitHub Pages site), and
# the medium → large step (target: at most 4.5 × the time for 4 × the
# versions).
#
#   scripts/scaling.sh                  # 3 rounds, V = 1 2 5 10 20
#   ROUNDS=5 VERSIONS="5 10 20 40" scripts/scaling.sh
#   GOMEMLIMIT=off scripts/scaling.sh   # without gen's built-in soft memory limit
#
# Rounds are interleaved (every corpus once per round) so that a load
# change on the machine hits all of them alike; figures are medians. Each
# build writes into a fresh output folder. Needs GNU time at /usr/bin/time
# (installed with apt-get when missing). KEEP=1 keeps the work folder.
set -euo pipefail

cd "$(dirname "$0")/.."
. scripts/lib.sh
rounds=${ROUNDS:-3}
versions=${VERSIONS:-1 2 5 10 20}

need_time
make_work

go build -o "$work/gen" ./generator/cmd/gen
go build -o "$work/corpus" ./generator/corpus/cmd/corpus
corpora=()
declare -A files # policy files (versions) per corpus
for v in $versions; do
	"$work/corpus" -o "$work/v$v" -size large -versions "$v" >/dev/null
	corpora+=("v$v") files[v$v]=$((20 * 10 * v))
done
"$work/corpus" -o "$work/medium" -size medium >/dev/null
corpora+=(medium) files[medium]=$((10 * 5 * 10))

# run NAME ROUND: one build of corpus NAME from a clean output folder;
# appends "name seconds kilobytes versions files bytes" to $work/results.
run() {
	local name=$1 round=$2 out="$work/out" tf="$work/time.txt" log="$work/log.txt"
	rm -rf "$out"
	sync
	if ! /usr/bin/time -v -o "$tf" "$work/gen" build -s "$work/$name" -o "$out" --now 2026-11-23 >"$log" 2>&1; then
		cat "$log" "$tf" >&2
		echo "scaling.sh: gen build of $name failed" >&2
		exit 1
	fi
	echo "$name $(time_fields "$tf") ${files[$name]} $(find "$out" -type f | wc -l) $(du -sb "$out" | cut -f1)" >>"$work/results"
}

: >"$work/results"
load_before=$(uptime)
echo "warm-up…"
run "${corpora[0]}" warm-up
: >"$work/results"
for r in $(seq "$rounds"); do
	echo "round $r of $rounds…"
	for c in "${corpora[@]}"; do
		run "$c" "$r"
	done
done

# median NAME COLUMN: the median of a column (2: seconds, 3: KB) of a corpus's rounds.
median() {
	awk -v t="$1" -v c="$2" '$1 == t { print $c }' "$work/results" | sort -g |
		awk '{ v[NR] = $1 } END { printf "%.2f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
built() { awk -v t="$1" '$1 == t { n = $4 } END { print n }' "$work/results"; }
# output NAME: "files bytes" of a corpus's last build (every build of it writes the same).
output() { awk -v t="$1" '$1 == t { f = $5; b = $6 } END { print f, b }' "$work/results"; }

echo
echo "gen build, medians of $rounds rounds; $(go version | cut -d' ' -f3), $(nproc) cores, GOMEMLIMIT=${GOMEMLIMIT:-unset, so gen sets its own}"
echo "load before: $load_before"
echo "load after:  $(uptime)"
echo
echo "| corpus (policies × languages × versions) | versions | median wall (s) | versions/s | ms per version | time vs previous row | versions vs previous row | median peak RSS (MB) | files | files per version | MB | KB per version |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
prev_s="" prev_n=""
for v in $versions; do
	s=$(median "v$v" 2) kb=$(median "v$v" 3) n=$(built "v$v")
	read -r nf nb < <(output "v$v")
	step="–" grow="–"
	if [[ -n $prev_s ]]; then
		step=$(awk -v a="$s" -v b="$prev_s" 'BEGIN { printf "%.2f ×", a / b }')
		grow=$(awk -v a="$n" -v b="$prev_n" 'BEGIN { printf "%.1f ×", a / b }')
	fi
	awk -v v="$v" -v n="$n" -v s="$s" -v kb="$kb" -v step="$step" -v grow="$grow" -v nf="$nf" -v nb="$nb" 'BEGIN {
		printf "| 20 × 10 × %d | %d | %.2f | %.0f | %.2f | %s | %s | %.0f | %d | %.2f | %.0f | %.0f |\n", v, n, s, n / s, 1000 * s / n, step, grow, kb / 1024, nf, nf / n, nb / 1e6, nb / n / 1e3
	}'
	prev_s=$s prev_n=$n
done
ms=$(median medium 2) mkb=$(median medium 3) mn=$(built medium)
read -r mf mb < <(output medium)
awk -v n="$mn" -v s="$ms" -v kb="$mkb" -v nf="$mf" -v nb="$mb" 'BEGIN {
	printf "| medium, 10 × 5 × 10 | %d | %.2f | %.0f | %.2f | | | %.0f | %d | %.2f | %.0f | %.0f |\n", n, s, n / s, 1000 * s / n, kb / 1024, nf, nf / n, nb / 1e6, nb / n / 1e3
}'
echo
echo "Hosts: Cloudflare Pages takes at most 20,000 files per deployment, GitHub Pages a published site of at most 1 GB."
if [[ " $versions " == *" 10 "* ]]; then
	ls=$(median v10 2) ln=$(built v10)
	echo
	awk -v ls="$ls" -v ms="$ms" -v ln="$ln" -v mn="$mn" 'BEGIN {
		r = ls / ms
		printf "medium → large: %.2f × the time for %.1f × the versions (target ≤ 4.5 ×): %s\n", r, ln / mn, (r <= 4.5 ? "met" : "missed")
	}'
fi
