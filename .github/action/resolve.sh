#!/usr/bin/env bash
# Works out which release archive of `plan` fits this runner, and where the action keeps it,
# before actions/cache runs (the cache step needs the folder and a key).
#
# In (env): PLAN_VERSION (a version such as 0.1.0, or `source`), RUNNER_OS, RUNNER_ARCH,
# RUNNER_TOOL_CACHE (or RUNNER_TEMP), GITHUB_OUTPUT.
# Out (GITHUB_OUTPUT): version, target, archive, dir.
set -euo pipefail

version=${PLAN_VERSION#v}
if [ "$version" != source ] && ! [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$ ]]; then
  echo "::error title=plankoll::the input version must be a release such as 0.1.0, or source"
  exit 2
fi

case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
  Linux/X64) target=x86_64-unknown-linux-gnu ;;
  Linux/ARM64) target=aarch64-unknown-linux-gnu ;;
  macOS/X64) target=x86_64-apple-darwin ;;
  macOS/ARM64) target=aarch64-apple-darwin ;;
  Windows/X64) target=x86_64-pc-windows-msvc ;;
  *)
    if [ "$version" != source ]; then
      echo "::error title=plankoll::no released plan for ${RUNNER_OS:-?}/${RUNNER_ARCH:-?}; use version: source to build it"
      exit 2
    fi
    target=unknown
    ;;
esac
case "$target" in
  *-windows-*) archive="plankoll-$target.zip" ;;
  *) archive="plankoll-$target.tar.gz" ;;
esac
dir="${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:?}}/plankoll/$version/$target"

{
  echo "version=$version"
  echo "target=$target"
  echo "archive=$archive"
  echo "dir=$dir"
} >>"$GITHUB_OUTPUT"
