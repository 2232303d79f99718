#!/usr/bin/env bash
# The benchmark: wall time and peak memory of `plan check` and `plan render` on synthetic
# repositories of 1k, 10k and 100k activities, beside the floor (the same files parsed into
# generic YAML values by a plain parser, in parallel), the parser's event stream alone (what
# the scanner costs before anything is built), and Doorstop validating an equivalent tree,
# all in the same run on the same machine.
#
#   bash tests/bench/run.sh                      # the full table (docs/PERFORMANCE.md)
#   SIZES=1000 DOORSTOP_SIZES=1000 bash tests/bench/run.sh   # what CI runs: proves it works
#   SIZES= DOORSTOP_SIZES= bash tests/bench/run.sh           # only the whole county with its sources
#
# Each command runs RUNS times (default 3); the table shows the fastest wall time and the
# largest peak resident memory. Needs /usr/bin/time (Debian package `time`) and, for the
# Doorstop column, Python 3 (Doorstop is installed from PyPI into a throwaway venv).
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZES="${SIZES:-1000 10000 100000}"
DOORSTOP_SIZES="${DOORSTOP_SIZES-1000 10000}"
RUNS="${RUNS:-3}"
WORK="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$WORK"

if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
  else echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; fi
fi

cargo build --profile profiling --quiet --bin plan --example generate --example floor --example lsp_latency

# The rendered sites stay until every figure is taken. On this machine's file system (ext4
# without a journal) creating files just after deleting many is several times slower, as
# the kernel skips recently freed inodes; a deletion right before a timed render measured
# the file system, not plan (10k: 3 s instead of 1.5 s). Each run gets its own folder.
SITES=$(mktemp -d "$WORK/sites.XXXXXX")
PLAN=target/profiling/plan

# Runs a command RUNS times; prints "<best seconds> <peak MiB>". Wall time comes from
# bash's microsecond clock (/usr/bin/time rounds to 10 ms), peak memory from /usr/bin/time.
# An argument `{run}` is replaced by the run's number, so that each run can write into a
# folder of its own.
measure() {
  local best="" peak=0 start end t m run
  for run in $(seq "$RUNS"); do
    local args=("${@//\{run\}/$run}")
    start=$EPOCHREALTIME
    /usr/bin/time -f "%M" -o "$WORK/time" "${args[@]}" >/dev/null 2>&1 || true
    end=$EPOCHREALTIME
    t=$(awk "BEGIN{printf \"%.3f\", $end - $start}")
    m=$(tail -n 1 "$WORK/time")
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
    if [ "$m" -gt "$peak" ]; then peak=$m; fi
  done
  echo "$best $((peak / 1024))"
}

if [ -n "$DOORSTOP_SIZES" ]; then
  python3 -m venv "$WORK/venv" >/dev/null
  "$WORK/venv/bin/pip" install --quiet doorstop
fi

LSP_ROWS=""
SITE_ROWS=""
printf '| activities | input | floor (yaml-rust2) | floor (saphyr) | parser events alone | plan check | check ÷ floor | check memory | check memory ÷ input | plan render, new folder | plan render, again | render memory | Doorstop | Doorstop ÷ check |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for n in $SIZES; do
  repo="$WORK/repo-$n"
  rm -rf "$repo"
  target/profiling/examples/generate "$repo" --activities "$n" 2>/dev/null
  sync # the new files written back now, not during the timings
  bytes=$(du -sb "$repo/plans" | cut -f1)
  mib=$(awk "BEGIN{printf \"%.1f\", $bytes/1048576}")
  read -r fy _ <<<"$(measure target/profiling/examples/floor "$repo" yaml-rust2)"
  read -r fs _ <<<"$(measure target/profiling/examples/floor "$repo" saphyr)"
  read -r fe _ <<<"$(measure target/profiling/examples/floor "$repo" events)"
  floor=$(awk "BEGIN{print ($fy < $fs) ? $fy : $fs}")
  read -r ct cm <<<"$(measure "$PLAN" check "$repo")"
  "$PLAN" check "$repo" >/dev/null # a failing check would make the timings meaningless
  # A first render into a folder that does not exist yet, and a re-render of the same plan
  # over its own previous output (what a publisher does after a small change).
  read -r rt rm_ <<<"$(measure "$PLAN" render "$repo" --out "$SITES/site-$n-{run}")"
  # The file system's own time to write the same site, taken next, before the re-render
  # below removes the previous site (a copy just after that deletion would be slower and
  # flatter the ratio).
  read -r cp_ _ <<<"$(measure cp -r "$SITES/site-$n-1" "$SITES/copy-$n-{run}")"
  read -r rr _ <<<"$(measure "$PLAN" render "$repo" --out "$SITES/site-$n-1")"
  # One status changed, then rendered again.
  read -r one _ <<<"$(measure bash tests/bench/one_change.sh "$PLAN" "$repo" "$SITES/site-$n-1")"
  sfiles=$(find "$SITES/site-$n-1" -type f | wc -l)
  smib=$(du -sm "$SITES/site-$n-1" | cut -f1)
  read -r lsize lpath <<<"$(find "$SITES/site-$n-1" -type f -name '*.html' -printf '%s %P\n' | sort -n | tail -n 1)"
  SITE_ROWS+="$(printf '| %s | %s | %s MiB | %s KiB (%s) | %s s | %s s | %s× | %s s | %s× |' \
    "$n" "$sfiles" "$smib" "$((lsize / 1024))" "$lpath" "$cp_" "$rt" "$(awk "BEGIN{printf \"%.1f\", $rt/$cp_}")" \
    "$one" "$(awk "BEGIN{printf \"%.1f\", $one/$cp_}")")"$'\n'
  ratio=$(awk "BEGIN{printf \"%.2f\", $ct/$floor}")
  memratio=$(awk "BEGIN{printf \"%.1f\", ($cm*1048576)/$bytes}")
  ds="–"; dsratio="–"
  if [[ " $DOORSTOP_SIZES " == *" $n "* ]]; then
    tree="$WORK/doorstop-$n"
    rm -rf "$tree" && mkdir -p "$tree" && git -C "$tree" init -q
    python3 tests/bench/doorstop_tree.py "$tree" "$n"
    read -r dt _ <<<"$(cd "$tree" && RUNS=1 measure "$WORK/venv/bin/doorstop")"
    ds="${dt} s"; dsratio=$(awk "BEGIN{printf \"%.0f×\", $dt/$ct}")
  fi
  # The editor: `plan lsp` on the same repository; its keystroke median against this check.
  LSP_ROWS+="$(target/profiling/examples/lsp_latency "$PLAN" "$repo" "$n" "$ct")"$'\n'
  printf '| %s | %s MiB | %s s | %s s | %s s | %s s | %s | %s MiB | %s× | %s s | %s s | %s MiB | %s | %s |\n' \
    "$n" "$mib" "$fy" "$fs" "$fe" "$ct" "$ratio" "$cm" "$memratio" "$rt" "$rr" "$rm_" "$ds" "$dsratio"
done
echo
printf '| activities | site files | site size | largest page | floor (cp -r of the site) | plan render, new folder | render ÷ cp -r | one status changed, render again | one change ÷ cp -r |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
printf '%s' "$SITE_ROWS"
echo
printf '| activities | plan lsp: first findings | keystroke median | keystroke p90 | keystroke max | median ÷ plan check |\n'
printf '|---:|---:|---:|---:|---:|---:|\n'
printf '%s' "$LSP_ROWS"
# The whole county: a county repository reading COUNTY_SOURCES repositories as [[sources]]
# (26 municipalities and Stockholms stad's 11 districts), seven years of 48 activities each.
# The floor for check is the parser reading every file of every repository; for render, the
# file system copying the rendered site (`cp -r`), both in this run.
COUNTY_SOURCES="${COUNTY_SOURCES:-37}"
county="$WORK/county"
rm -rf "$county"
target/profiling/examples/generate "$county" --sources "$COUNTY_SOURCES" 2>/dev/null
sync
read -r cfy _ <<<"$(measure target/profiling/examples/floor "$county" yaml-rust2 all)"
read -r cfs _ <<<"$(measure target/profiling/examples/floor "$county" saphyr all)"
cfloor=$(awk "BEGIN{print ($cfy < $cfs) ? $cfy : $cfs}")
read -r cct ccm <<<"$(measure "$PLAN" check "$county")"
"$PLAN" check "$county" >/dev/null # a failing check would make the timings meaningless
read -r crt crm <<<"$(measure "$PLAN" render "$county" --out "$SITES/county-{run}")"
read -r ccp _ <<<"$(measure cp -r "$SITES/county-1" "$SITES/county-copy-{run}")"
cacts=$("$PLAN" check "$county" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["activities"])')
cfiles=$(find "$SITES/county-1" -type f | wc -l)
echo
printf '| sources | activities | floor (parse) | plan check | check ÷ floor | check memory | floor (cp -r of the site) | plan render, new folder | render ÷ cp -r | site files | render memory |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
printf '| %s | %s | %s s | %s s | %s | %s MiB | %s s | %s s | %s | %s | %s MiB |\n' \
  "$COUNTY_SOURCES" "$cacts" "$cfloor" "$cct" "$(awk "BEGIN{printf \"%.2f\", $cct/$cfloor}")" "$ccm" \
  "$ccp" "$crt" "$(awk "BEGIN{printf \"%.1f\", $crt/$ccp}")" "$cfiles" "$crm"

read -r county _ <<<"$(RUNS=10 measure "$PLAN" check .)"
echo
echo "The bundled county repository (plans/): plan check in ${county} s (fastest of 10)."
rm -rf "$SITES"
