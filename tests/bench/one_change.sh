#!/usr/bin/env bash
# One status changed, then `plan render` over the previous site: what a publisher does after
# an analyst's small edit. Changes the first activity status of the first aktivitetsplan file
# to the next status in the list, so that every run is a real change.
#
#   bash tests/bench/one_change.sh PLAN REPO SITE
set -euo pipefail
plan=$1 repo=$2 site=$3
# (sed, not head: head would end the pipe early, and pipefail would count sort's SIGPIPE.)
file=$(find "$repo/plans" -name 'aktivitetsplan-*.yaml' | sort | sed -n 1p)
current=$(grep -m 1 -oP '^\s+status: \K\S+' "$file")
case "$current" in
  planerad) next=pågående ;; pågående) next=klar ;; klar) next=pausad ;; *) next=planerad ;;
esac
# Only the first status line changes (GNU sed: the 0,/re/ address ends at the first match).
sed -i "0,/^\(\s\+status: \)$current\$/s//\1$next/" "$file"
exec "$plan" render "$repo" --out "$site"
