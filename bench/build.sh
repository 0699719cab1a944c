#!/usr/bin/env bash
# Build benchmark: careportal's full build, its incremental rebuild after one changed report,
# and Hugo rendering the same Markdown pages with trivial templates, all in one run.
#
#   bench/build.sh [CLIENTS] [ITEMS]     (default 1000 clients x 50 items)
#   BENCH_DIR=/dev/shm bench/build.sh    (work in that folder instead of $TMPDIR)
#
# Prints pages per second, CPU seconds and peak memory for each, and the ratios. Both
# generators write tens of thousands of files, so on a slow or busy disk the file system
# decides the figures; BENCH_DIR on a tmpfs measures the generators themselves.
#
# On ext4 without a journal, inodes freed in the last one to five minutes are skipped when new
# files are created, and skipping tens of thousands makes every create slow: wait five minutes
# after a run (which deletes its folder) before the next, or the second run measures that.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-1000}
items=${2:-50}

command -v hugo >/dev/null || { echo "needs Debian's hugo: apt-get install hugo"; exit 2; }
swift build -c release >/dev/null
bin=$PWD/.build/release/careportal
work=$(mktemp -d -p "${BENCH_DIR:-${TMPDIR:-/tmp}}")
trap 'rm -rf "$work"' EXIT

echo "generating $clients clients x $items items in $work"
python3 bench/generate_corpus.py --clients "$clients" --items "$items" --out "$work"

# Each run starts with nothing left to write back: otherwise the first one pays for flushing
# the generated corpus and each later one for the files of the run before it.
measure() { # label, command...: prints "seconds peak_kib cpu_seconds"
  local label=$1; shift
  sync
  /usr/bin/time -f "%e %M %U %S" -o "$work/time.$label" "$@" >"$work/out.$label" 2>&1
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$work/time.$label"
}

read -r cp_s cp_kib cp_cpu < <(measure careportal "$bin" build --content "$work/content" \
  --out "$work/site" --themes themes)
cp_pages=$(find -L "$work/site/" -name '*.html' | wc -l)

touch_report="$work/content/clients/c00000/reports/r000.md"
printf '\nEen extra zin.\n' >>"$touch_report"
read -r inc_s inc_kib inc_cpu < <(measure incremental "$bin" build --content "$work/content" \
  --out "$work/site" --themes themes)

read -r hugo_s hugo_kib hugo_cpu < <(measure hugo hugo --quiet -s "$work/hugo" -d "$work/hugo-public")
hugo_pages=$(find "$work/hugo-public" -name '*.html' | wc -l)

python3 - "$cp_pages" "$cp_s" "$cp_kib" "$cp_cpu" "$hugo_pages" "$hugo_s" "$hugo_kib" \
  "$hugo_cpu" "$inc_s" "$inc_kib" "$inc_cpu" <<'PY'
import sys
(cp_pages, cp_s, cp_kib, cp_cpu, hugo_pages, hugo_s, hugo_kib, hugo_cpu, inc_s, inc_kib,
 inc_cpu) = sys.argv[1:]
cp_rate = int(cp_pages) / max(float(cp_s), 0.01)
hugo_rate = int(hugo_pages) / max(float(hugo_s), 0.01)
rows = [
    ("careportal build", cp_pages, cp_s, cp_cpu, f"{cp_rate:,.0f}", int(cp_kib) // 1024),
    ("careportal rebuild, 1 report changed", "-", inc_s, inc_cpu, "-", int(inc_kib) // 1024),
    ("hugo (same Markdown, trivial templates)", hugo_pages, hugo_s, hugo_cpu,
     f"{hugo_rate:,.0f}", int(hugo_kib) // 1024),
]
print(f"\n| {'run':40} | {'pages':>7} | {'seconds':>7} | {'CPU s':>6} | {'pages/s':>8} "
      f"| {'peak MiB':>8} |")
print(f"|{'-'*42}|{'-'*9}|{'-'*9}|{'-'*8}|{'-'*10}|{'-'*10}|")
for name, pages, seconds, cpu, rate, mib in rows:
    print(f"| {name:40} | {pages:>7} | {seconds:>7} | {cpu:>6} | {rate:>8} | {mib:>8} |")
print(f"\ncareportal / hugo pages per second: {cp_rate / hugo_rate:.2f}x")
print(f"careportal / hugo peak memory: {int(cp_kib) / int(hugo_kib):.2f}x")
print(f"careportal / hugo wall time for the same content: {float(hugo_s) / float(cp_s):.2f}x "
      f"faster, writing {int(cp_pages) - int(hugo_pages):,} more pages")
PY
