#!/usr/bin/env bash
# Builds `plan` the release way for one target and packs it for a GitHub release:
#
#   bash .github/release/build.sh TARGET
#
# writes dist/plankoll-TARGET.tar.gz (dist/plankoll-TARGET.zip for Windows) holding the folder
# plankoll-TARGET/ with `plan` (`plan.exe`), LICENSE, README.md and THIRD-PARTY-LICENSES.html.
# The release workflow runs it on each platform's runner; tests/run runs it here for
# x86_64-unknown-linux-gnu and tests/release.rs then runs the binary.
#
# Linux targets are built with cargo-zigbuild and Zig, both from PyPI (pinned below, in a
# virtual environment under target/): the gnu targets against glibc 2.17, so one binary runs
# on every Linux distribution of the last ten years; the musl targets are static, for the
# container image. macOS and Windows are built natively with cargo. The Rust target itself
# must be installed (`rustup target add TARGET`); this script installs nothing else globally.
#
# Environment: PLAN_ABOUT=skip leaves out THIRD-PARTY-LICENSES.html (a quick local build);
# otherwise cargo-about is installed from crates.io when missing (pinned below).
set -euo pipefail
target=${1:?usage: bash .github/release/build.sh TARGET}
cd "$(dirname "$0")/../.."

zig_version=0.17.0
zigbuild_version=0.24.0
about_version=0.9.3
glibc=2.17

name="plankoll-$target"
case "$target" in
  *-linux-gnu) builder=zig cargo_target="$target.$glibc" ;;
  *-linux-musl) builder=zig cargo_target="$target" ;;
  *-apple-darwin | *-windows-msvc) builder=cargo cargo_target="$target" ;;
  *) echo "build.sh: no release build for $target" >&2; exit 2 ;;
esac
case "$target" in
  *-windows-*) exe=plan.exe ;;
  *) exe=plan ;;
esac

if [ "$builder" = zig ]; then
  tools=target/release-tools
  if ! "$tools/venv/bin/cargo-zigbuild" --version 2>/dev/null | grep -q "$zigbuild_version"; then
    echo "== pip install ziglang==$zig_version cargo-zigbuild==$zigbuild_version (in $tools/venv)"
    python3 -m venv "$tools/venv"
    "$tools/venv/bin/pip" install --quiet --disable-pip-version-check \
      "ziglang==$zig_version" "cargo-zigbuild==$zigbuild_version"
  fi
  # cargo-zigbuild finds Zig as `python3 -m ziglang`: the virtual environment's python3.
  export PATH="$PWD/$tools/venv/bin:$PATH"
  echo "== cargo zigbuild --release --target $cargo_target"
  cargo zigbuild --locked --release --bin plan --target "$cargo_target"
else
  echo "== cargo build --release --target $cargo_target"
  cargo build --locked --release --bin plan --target "$cargo_target"
fi
binary="target/$target/release/$exe"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
cp "$binary" LICENSE README.md "$stage/$name/"
if [ "${PLAN_ABOUT:-}" != skip ]; then
  if ! cargo about --version 2>/dev/null | grep -q " $about_version"; then
    cargo install cargo-about --version "$about_version" --locked --features cli
  fi
  echo "== cargo about generate (THIRD-PARTY-LICENSES.html)"
  cargo about generate --locked --fail --config .github/release/about.toml \
    --output-file "$stage/$name/THIRD-PARTY-LICENSES.html" .github/release/about.hbs
fi

mkdir -p dist
case "$target" in
  *-windows-*)
    archive="dist/$name.zip"
    rm -f "$archive"
    # Windows runners have 7-Zip; elsewhere (a test) zip will do.
    if command -v 7z >/dev/null 2>&1; then
      (cd "$stage" && 7z a -tzip -bso0 "$OLDPWD/$archive" "$name")
    else
      (cd "$stage" && zip -qr "$OLDPWD/$archive" "$name")
    fi
    ;;
  *)
    archive="dist/$name.tar.gz"
    tar -C "$stage" -czf "$archive.tmp" "$name"
    mv "$archive.tmp" "$archive"
    ;;
esac
echo "$archive"
