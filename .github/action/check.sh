#!/usr/bin/env bash
# Checks the plan the way a pull request needs it, and exits as `plan check` does on the
# whole repository.
#
# 1. Annotations: GitHub shows at most 10 error and 10 warning annotations a step, so on a
#    pull request only the findings in the plan files it changes are annotated
#    (`--changed-since` its base commit); elsewhere, or when the base commit cannot be had,
#    every finding is.
# 2. The job summary gets every finding (`--format markdown`).
# 3. SARIF for code scanning, when asked.
# 4. `plan check` on the whole repository, in the log; its exit code is this script's.
#
# In (env): PLAN_PATH (the repository folder), PLAN_LANG, PLAN_DENY_WARNINGS (true/false),
# PLAN_SARIF (true/false), PLAN_BASE_SHA (the pull request's base commit, empty elsewhere),
# GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, RUNNER_TEMP.
# Out (GITHUB_OUTPUT): sarif (the file's path, when written), exit-code.
set -uo pipefail

cd "${PLAN_PATH:-.}" || {
  echo "::error title=plankoll::the input path is not a folder"
  exit 2
}
[ -n "${PLAN_LANG:-}" ] || unset PLAN_LANG

deny=()
case "${PLAN_DENY_WARNINGS:-false}" in
  true) deny=(--deny warnings) ;;
  false | "") ;;
  *)
    echo "::error title=plankoll::the input deny-warnings must be true or false"
    exit 2
    ;;
esac

# Annotations carry paths from the repository's root (the git root), plan prints them from
# its own folder: the folder's place in git goes in front (escaped as a property value).
prefix=$(git rev-parse --show-prefix 2>/dev/null || true)
prefix=${prefix//%/%25}
prefix=${prefix//:/%3A}
prefix=${prefix//,/%2C}
annotate() {
  awk -v p="$prefix" '{ if (match($0, /^::(error|warning|notice) file=/)) { print substr($0, 1, RLENGTH) p substr($0, RLENGTH + 1) } else print }'
}

since=()
base=${PLAN_BASE_SHA:-}
if [ -n "$base" ]; then
  if ! [[ $base =~ ^[0-9a-f]{40}([0-9a-f]{24})?$ ]]; then
    echo "::warning title=plankoll::the base commit is not a commit id; every finding is annotated"
  elif git cat-file -e "$base^{commit}" 2>/dev/null ||
    { git fetch --quiet --no-tags --depth=1 origin "$base" && git cat-file -e "$base^{commit}"; }; then
    since=(--changed-since "$base")
  else
    echo "::warning title=plankoll::the base commit $base is not in the checkout and could not be fetched (set fetch-depth: 2 on actions/checkout); every finding is annotated"
  fi
fi

echo "::group::Annotations"
plan check --format github ${since[@]+"${since[@]}"} . | annotate
echo "::endgroup::"

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  plan check --format markdown ${deny[@]+"${deny[@]}"} . >>"$GITHUB_STEP_SUMMARY"
fi

if [ "${PLAN_SARIF:-false}" = true ]; then
  sarif="${RUNNER_TEMP:?}/plankoll.sarif"
  plan check --format sarif . >"$sarif"
  if [ -n "$prefix" ]; then
    jq --arg p "$(git rev-parse --show-prefix)" \
      '(.runs[].results[].locations[]?.physicalLocation.artifactLocation.uri) |= ($p + .)' \
      "$sarif" >"$sarif.tmp" && mv "$sarif.tmp" "$sarif"
  fi
  echo "sarif=$sarif" >>"$GITHUB_OUTPUT"
fi

plan check ${deny[@]+"${deny[@]}"} .
status=$?
echo "exit-code=$status" >>"$GITHUB_OUTPUT"
exit "$status"
