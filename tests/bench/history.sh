#!/usr/bin/env bash
# A plan repository with a long git history, to time the "last changed" dates that
# `plan render` reads from git, beside the same render outside git (the floor):
#
#   bash tests/bench/history.sh                 # 10,000 commits on 1,000 activities
#   COMMITS=1000 RUNS=1 bash tests/bench/history.sh   # quick
#   PLAN_BEFORE=path/to/old/plan bash tests/bench/history.sh   # an older binary beside it
#
# The history: the generated repository (tests/bench/generate.rs) committed once, then
# COMMITS-1 commits written with `git fast-import`; every tenth rewrites one aktivitetsplan
# (a comment appended), the others change a file outside the plan folders. Most plan files
# never change after the first commit, so their date is only known at the root: the walk
# must go through the whole history. Only this script runs `git`; `plan` reads with gix.
set -euo pipefail
cd "$(dirname "$0")/../.."

COMMITS="${COMMITS:-10000}"
ACTIVITIES="${ACTIVITIES:-1000}"
RUNS="${RUNS:-3}"
WORK="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$WORK"

cargo build --profile profiling --quiet --bin plan --example generate
PLAN="${CARGO_TARGET_DIR:-target}/profiling/plan"
GENERATE="${CARGO_TARGET_DIR:-target}/profiling/examples/generate"

repo="$WORK/history-$COMMITS"
plain="$WORK/plain-$COMMITS"
rm -rf "$repo" "$plain"
"$GENERATE" "$repo" --activities "$ACTIVITIES" 2>/dev/null
cp -r "$repo" "$plain" # the same files outside git: the floor
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.se
export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.se
start=1700000000
git -C "$repo" init -q -b main
git -C "$repo" add -A
GIT_AUTHOR_DATE="$start +0100" GIT_COMMITTER_DATE="$start +0100" \
  git -C "$repo" -c commit.gpgsign=false commit -q -m "the plan"
mapfile -t plans < <(cd "$repo" && git ls-files 'plans/*aktivitetsplan*.yaml')
{
  for i in $(seq 2 "$COMMITS"); do
    t=$((start + i * 600))
    printf 'commit refs/heads/main\ncommitter Bench <bench@example.se> %s +0100\ndata <<END\nchange %s\nEND\n' "$t" "$i"
    if [ "$i" -eq 2 ]; then printf 'from refs/heads/main^0\n'; fi
    if [ $((i % 10)) -eq 0 ]; then
      file="${plans[$(((i / 10) % ${#plans[@]}))]}"
      printf 'M 100644 inline %s\ndata <<END\n' "$file"
      cat "$repo/$file"
      printf '# ändring %s\nEND\n' "$i"
    else
      printf 'M 100644 inline notes.txt\ndata <<END\nnote %s\nEND\n' "$i"
    fi
  done
} | git -C "$repo" fast-import --quiet
git -C "$repo" reset -q --hard main

# Runs a command RUNS times; prints the fastest wall time in seconds.
measure() {
  local best="" start end t
  for _ in $(seq "$RUNS"); do
    start=$EPOCHREALTIME
    "$@" >/dev/null 2>&1
    end=$EPOCHREALTIME
    t=$(awk "BEGIN{printf \"%.3f\", $end - $start}")
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
  done
  echo "$best"
}

floor=$(measure "$PLAN" render "$plain" --out "$WORK/site-plain" --force)
now=$(measure "$PLAN" render "$repo" --out "$WORK/site-git" --force)
printf '| commits | activities | plan render outside git (floor) | plan render in git |'
if [ -n "${PLAN_BEFORE:-}" ]; then printf ' PLAN_BEFORE in git |'; fi
printf '\n|---:|---:|---:|---:|%s\n' "${PLAN_BEFORE:+---:|}"
printf '| %s | %s | %s s | %s s |' "$COMMITS" "$ACTIVITIES" "$floor" "$now"
if [ -n "${PLAN_BEFORE:-}" ]; then
  printf ' %s s |' "$(measure "$PLAN_BEFORE" render "$repo" --out "$WORK/site-before" --force)"
fi
printf '\n'
