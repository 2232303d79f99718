#!/usr/bin/env bash
# Lints what users copy into their CI: the GitHub Action (action.yml and its scripts), the
# release workflow, the example workflows, the GitLab template, the pre-commit hooks and the
# Dockerfile, with the linters pinned in tests/ci-lint/requirements.txt (installed from PyPI
# into tests/ci-lint/.venv, anew when the pins change). Each linter's findings fail the run.
#
# Needs python3 (with venv), git and cargo (for the pre-commit hook's `plan`, the debug
# build). Run from anywhere: `bash tests/ci-lint.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

venv="$repo/tests/ci-lint/.venv"
requirements="$repo/tests/ci-lint/requirements.txt"
if ! [ -x "$venv/bin/python" ] || ! cmp -s "$requirements" "$venv/requirements.txt"; then
  echo "== installing the linters into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
  cp "$requirements" "$venv/requirements.txt"
fi
bin="$venv/bin"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# actionlint reads workflows only under .github/workflows of a git repository, so the
# release workflow and the example go into one in a temporary folder. With shellcheck it
# checks the `run:` scripts too.
echo "== actionlint (.github/workflows/*.yml, examples/ci/github-actions.yml)"
mkdir -p "$tmp/actionlint/.github/workflows"
cp .github/workflows/*.yml "$tmp/actionlint/.github/workflows/"
cp examples/ci/github-actions.yml "$tmp/actionlint/.github/workflows/example-github-actions.yml"
git -C "$tmp/actionlint" init -q
(cd "$tmp/actionlint" && "$bin/actionlint" -no-color -shellcheck "$bin/shellcheck")
echo "ok"

# zizmor audits workflows and composite actions; --offline: no GitHub API (so no audit
# that needs it, such as known-vulnerable action versions).
echo "== zizmor --offline --min-severity medium"
"$bin/zizmor" --offline --no-progress --min-severity medium \
  .github/workflows/*.yml examples/ci/github-actions.yml action.yml

echo "== shellcheck (the action's scripts, this script)"
"$bin/shellcheck" .github/action/*.sh tests/ci-lint.sh
echo "ok"

# A GitLab CI template is two YAML documents, the `spec:` header and the jobs, which
# check-jsonschema cannot read as one file: each is checked on its own against GitLab's
# schema (the schema knows `spec:` as a top-level key).
echo "== check-jsonschema --builtin-schema vendor.gitlab-ci"
template=examples/ci/gitlab/plankoll.yml
if [ "$(grep -c '^---$' "$template")" != 1 ]; then
  echo "$template: expected one --- between the spec: header and the jobs"
  exit 1
fi
awk -v header="$tmp/plankoll-header.yml" -v jobs="$tmp/plankoll-jobs.yml" \
  '/^---$/ { done = 1; next } { print > (done ? jobs : header) }' "$template"
"$bin/check-jsonschema" --builtin-schema vendor.gitlab-ci \
  "$tmp/plankoll-header.yml" "$tmp/plankoll-jobs.yml" examples/ci/gitlab/gitlab-ci.yml

echo "== pre-commit validate-manifest .pre-commit-hooks.yaml"
"$bin/pre-commit" validate-manifest .pre-commit-hooks.yaml
echo "ok"

# The hook for a plan on PATH, run by pre-commit on a new plan repository: it passes, and
# fails with the finding once the plan has a defect. (plan-check, language: rust, would
# build plan with cargo install; only its manifest is checked here.)
echo "== pre-commit try-repo . plan-check-system"
cargo build --quiet --locked --bin plan
target=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
export PATH="$target/debug:$PATH" PRE_COMMIT_HOME="$tmp/pre-commit-home" PLAN_TODAY=2026-03-01
fixture="$tmp/fixture"
plan init "$fixture" >/dev/null 2>&1
git -C "$fixture" init -q
git -C "$fixture" add -A
(cd "$fixture" && "$bin/pre-commit" try-repo "$repo" plan-check-system --all-files >"$tmp/clean.log" 2>&1) || {
  cat "$tmp/clean.log"
  echo "plan-check-system failed on a clean repository"
  exit 1
}
sed -i 's/    uppdrag: LOKAL-2025-UP1$/    uppdrag: LOKAL-2025-UP9/' "$fixture/plans/lokal/aktivitetsplan-2025.yaml"
if (cd "$fixture" && "$bin/pre-commit" try-repo "$repo" plan-check-system --all-files >"$tmp/defect.log" 2>&1); then
  cat "$tmp/defect.log"
  echo "plan-check-system passed a repository with a defect"
  exit 1
fi
if ! grep -q 'LOKAL-2025-UP9' "$tmp/defect.log"; then
  cat "$tmp/defect.log"
  echo "plan-check-system failed without showing the finding"
  exit 1
fi
echo "ok (passes a clean repository, fails on the defect and shows it)"

echo "== hadolint Dockerfile"
"$bin/hadolint" Dockerfile
echo "ok"
