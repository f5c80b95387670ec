#!/usr/bin/env bash
# Times `gen build` and Hugo side by side on the same corpus bodies (issue 7,
# item 3). Not run in CI: it installs Hugo from Debian's packages.
#
#   scripts/compare-hugo.sh            # large corpus (20 × 10 × 10), 5 rounds
#   ROUNDS=3 SIZE=medium scripts/compare-hugo.sh
#   VERSION_PAGES=0 scripts/compare-hugo.sh   # skip the go test benchmark
#
# It installs hugo and GNU time with apt-get when missing (as root, or via
# sudo), writes the corpus for gen and the same versions as a Hugo site
# (go run ./generator/corpus/cmd/corpus -o SITE -hugo HUGOSITE; every
# version is one Hugo page, content/<lang>/<policy>/<date>.md, whose
# Markdown body is byte for byte gen's), then runs one untimed warm-up of
# each tool and ROUNDS timed rounds alternating gen, Hugo, gen, Hugo…, each
# into a fresh output folder, measuring wall time and peak RSS with
# /usr/bin/time -v. Hugo renders the version pages alone, with minimal
# layouts; gen builds the full site, redlines included. With VERSION_PAGES=1
# (the default) it also runs BenchmarkVersionPages (gen without redline
# pages, in process, so wall time only) after the rounds. Prints a Markdown
# table of medians and the gen/Hugo ratios. KEEP=1 keeps the work folder.
set -euo pipefail

cd "$(dirname "$0")/.."
. scripts/lib.sh
rounds=${ROUNDS:-5}
size=${SIZE:-large}
version_pages=${VERSION_PAGES:-1}

command -v hugo >/dev/null 2>&1 || apt_install hugo
need_time
make_work

go build -o "$work/gen" ./generator/cmd/gen
go run ./generator/corpus/cmd/corpus -o "$work/site" -hugo "$work/hugo" -size "$size"

# run TOOL ROUND: one build from a clean output folder; appends
# "tool seconds kilobytes" to $work/results.
run() {
	local tool=$1 round=$2 out="$work/out-$1" tf="$work/time-$1-$2.txt" log="$work/log-$1-$2.txt"
	rm -rf "$out"
	sync
	local status=0
	case $tool in
	gen) /usr/bin/time -v -o "$tf" "$work/gen" build -s "$work/site" -o "$out" --now 2026-11-23 >"$log" 2>&1 || status=$? ;;
	hugo) /usr/bin/time -v -o "$tf" hugo --quiet --source "$work/hugo" --destination "$out" >"$log" 2>&1 || status=$? ;;
	esac
	if [[ $status != 0 ]]; then
		cat "$log" "$tf" >&2
		echo "compare-hugo.sh: $tool failed" >&2
		exit 1
	fi
	if [[ $round != warm-up ]]; then
		echo "$tool $(time_fields "$tf")" >>"$work/results"
	fi
}

: >"$work/results"
load_before=$(uptime)
echo "warm-up…"
run gen warm-up
run hugo warm-up
pages=$(find "$work/out-hugo" -mindepth 4 -name index.html | wc -l)
for r in $(seq "$rounds"); do
	echo "round $r of $rounds…"
	run gen "$r"
	run hugo "$r"
done
load_after_rounds=$(uptime)

vp=""
if [[ $version_pages == 1 ]]; then
	echo "BenchmarkVersionPages/$size…"
	bench=$(go test -run='^$' -bench="BenchmarkVersionPages/$size\$" -benchtime=5x ./generator/build/ 2>&1) || {
		echo "$bench" >&2
		exit 1
	}
	vp=$(awk '/^BenchmarkVersionPages/ { for (i = 1; i <= NF; i++) if ($(i+1) == "ns/op") printf "%.2f", $i / 1e9 }' <<<"$bench")
fi

# median TOOL COLUMN: the median of a column (2: seconds, 3: KB) of a tool's rounds.
median() {
	awk -v t="$1" -v c="$2" '$1 == t { print $c }' "$work/results" | sort -g |
		awk '{ v[NR] = $1 } END { printf "%.2f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
range_of() {
	awk -v t="$1" -v c="$2" '$1 == t { print $c }' "$work/results" | sort -g | sed -n '1p;$p' | paste -sd '-' | sed 's/-/–/'
}

gen_s=$(median gen 2) hugo_s=$(median hugo 2)
gen_kb=$(median gen 3) hugo_kb=$(median hugo 3)
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo
echo "corpus: $size ($pages Hugo version pages), $rounds alternating rounds after one warm-up"
echo "$(hugo version | cut -d' ' -f1-2), $(go version | cut -d' ' -f3), $(nproc) cores"
echo "load before: $load_before"
echo "load after:  $load_after_rounds"
echo
echo "| build | median wall (s) | range (s) | median peak RSS (MB) |"
echo "|---|---:|---:|---:|"
echo "| gen build, full site incl. redlines | $gen_s | $(range_of gen 2) | $(mb "$gen_kb") |"
if [[ -n $vp ]]; then
	echo "| gen version pages only (BenchmarkVersionPages, in process, 5 runs) | $vp | – | – |"
fi
echo "| Hugo, version pages only | $hugo_s | $(range_of hugo 2) | $(mb "$hugo_kb") |"
echo "| ratio gen full / Hugo | $(ratio "$gen_s" "$hugo_s") × | | $(ratio "$gen_kb" "$hugo_kb") × |"
if [[ -n $vp ]]; then
	echo "| ratio gen version pages / Hugo | $(ratio "$vp" "$hugo_s") × | | |"
fi
