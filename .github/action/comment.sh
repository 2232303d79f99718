#!/usr/bin/env bash
# Describes what a pull request changes in the plan (`plan diff --format markdown`) in one
# comment on the pull request, updated on every push rather than posted again; the comment
# is found by a hidden marker in a comment by a bot account (the default token's).
#
# A pull request from a fork gets a read-only token, so there the description goes to the
# job summary, with a notice. Nothing here fails the job: when the comment cannot be
# written, a warning says why and the description goes to the summary.
#
# In (env): PLAN_PATH, PLAN_LANG, GH_TOKEN, GITHUB_EVENT_PATH (a pull_request event),
# GITHUB_REPOSITORY, GITHUB_STEP_SUMMARY, RUNNER_TEMP.
set -uo pipefail

marker='<!-- plankoll:plan-diff -->'
cd "${PLAN_PATH:-.}" || exit 0
[ -n "${PLAN_LANG:-}" ] || unset PLAN_LANG

event=${GITHUB_EVENT_PATH:-}
number=$(jq -r '.pull_request.number // empty' "$event" 2>/dev/null)
if [ -z "$number" ]; then
  echo "::notice title=plankoll::not a pull request: no plan diff comment"
  exit 0
fi
base=$(jq -r '.pull_request.base.sha' "$event")
head_repo=$(jq -r '.pull_request.head.repo.full_name // empty' "$event")
base_repo=$(jq -r '.pull_request.base.repo.full_name // empty' "$event")

body="${RUNNER_TEMP:?}/plankoll-diff.md"
{
  echo "$marker"
  plan diff --base "$base" --format markdown .
} >"$body" || {
  echo "::warning title=plankoll::describing the change failed (is the base commit $base in the checkout? set fetch-depth: 2 on actions/checkout)"
  exit 0
}

to_summary() {
  echo "::notice title=plankoll::$1"
  cat "$body" >>"$GITHUB_STEP_SUMMARY"
}

if [ "$head_repo" != "$base_repo" ]; then
  to_summary "a pull request from a fork cannot be commented on with this workflow's token: the plan diff is in the job summary"
  exit 0
fi

repo=${GITHUB_REPOSITORY:-$base_repo}
id=$(gh api --paginate "repos/$repo/issues/$number/comments" \
  --jq "[.[] | select(.user.type == \"Bot\" and (.body | startswith(\"$marker\")))][0].id // empty") || {
  to_summary "could not read the pull request's comments (does the job have pull-requests: write?): the plan diff is in the job summary"
  exit 0
}
id=$(printf '%s\n' "$id" | head -n 1)
if [ -n "$id" ]; then
  gh api --method PATCH "repos/$repo/issues/comments/$id" -F "body=@$body" >/dev/null &&
    echo "Updated the plan diff comment ($id)" && exit 0
else
  gh api --method POST "repos/$repo/issues/$number/comments" -F "body=@$body" >/dev/null &&
    echo "Posted the plan diff comment" && exit 0
fi
to_summary "could not write the comment (does the job have pull-requests: write?): the plan diff is in the job summary"
exit 0
