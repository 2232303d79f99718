#!/usr/bin/env bash
# Puts `plan` on the PATH of the following steps: the released archive for this runner,
# checked against the release's SHA256SUMS, or (version `source`) built from the action's
# own source with cargo.
#
# The archive is kept in PLAN_DIR, which actions/cache restores between runs; SHA256SUMS is
# fetched afresh on every run (a few hundred bytes), so a cached archive is checked too.
#
# In (env): PLAN_VERSION, PLAN_TARGET, PLAN_ARCHIVE, PLAN_DIR (from resolve.sh),
# GITHUB_ACTION_PATH (for `source`), GITHUB_PATH, RUNNER_TEMP; PLANKOLL_RELEASES, the
# address of the releases (the tests point it at a folder).
set -euo pipefail

releases=${PLANKOLL_RELEASES:-https://github.com/plankoll/plankoll/releases/download}

if [ "$PLAN_VERSION" = source ]; then
  root="$RUNNER_TEMP/plankoll-source"
  echo "Building plan from the action's source ($GITHUB_ACTION_PATH)"
  cargo install --locked --path "$GITHUB_ACTION_PATH" --root "$root"
  echo "$root/bin" >>"$GITHUB_PATH"
  "$root/bin/plan" --version
  exit 0
fi

sha256() {
  if command -v sha256sum >/dev/null; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

fetch() {
  curl --fail --silent --show-error --location --retry 3 --proto '=https,file' --output "$2" "$1"
}

mkdir -p "$PLAN_DIR"
base="$releases/v$PLAN_VERSION"
sums="$PLAN_DIR/SHA256SUMS"
fetch "$base/SHA256SUMS" "$sums"
expected=$(awk -v name="$PLAN_ARCHIVE" '$2 == name || $2 == "*" name { print $1 }' "$sums")
if [ -z "$expected" ]; then
  echo "::error title=plankoll::SHA256SUMS of v$PLAN_VERSION names no $PLAN_ARCHIVE"
  exit 1
fi

archive="$PLAN_DIR/$PLAN_ARCHIVE"
if [ -f "$archive" ] && [ "$(sha256 "$archive")" = "$expected" ]; then
  echo "Using the cached $PLAN_ARCHIVE"
else
  echo "Downloading $base/$PLAN_ARCHIVE"
  fetch "$base/$PLAN_ARCHIVE" "$archive.part"
  actual=$(sha256 "$archive.part")
  if [ "$actual" != "$expected" ]; then
    rm -f "$archive.part"
    echo "::error title=plankoll::$PLAN_ARCHIVE has SHA-256 $actual, but SHA256SUMS says $expected"
    exit 1
  fi
  mv "$archive.part" "$archive"
fi

out="$RUNNER_TEMP/plankoll-bin"
rm -rf "$out"
mkdir -p "$out"
case "$PLAN_ARCHIVE" in
  *.zip)
    if command -v unzip >/dev/null; then
      unzip -q "$archive" -d "$out"
    elif command -v 7z >/dev/null; then
      7z x -y -o"$out" "$archive" >/dev/null
    else
      # shellcheck disable=SC2016 # PowerShell expands $env:A, not bash
      A="$archive" D="$out" pwsh -NoProfile -Command 'Expand-Archive -LiteralPath $env:A -DestinationPath $env:D'
    fi
    ;;
  *) tar -xzf "$archive" -C "$out" ;;
esac
bin="$out/plankoll-$PLAN_TARGET"
echo "$bin" >>"$GITHUB_PATH"
"$bin/plan" --version
