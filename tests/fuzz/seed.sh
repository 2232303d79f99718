#!/usr/bin/env bash
# Builds the seed corpora from the repository's own plan files and test fixtures:
# each plan file alone (for `load`), and each fixture repository's files joined by NUL
# bytes (for `check` and `render`). The corpora are build output and are not committed.
set -euo pipefail
cd "$(dirname "$0")"
root=../..
rm -rf corpus && mkdir -p corpus/load corpus/check corpus/render
i=0
while IFS= read -r -d '' f; do
  cp "$f" "corpus/load/seed-$i.yaml"; i=$((i + 1))
done < <(find "$root/plans" "$root/examples" "$root/tests/fixtures" "$root/tests/data" -name '*.yaml' -print0)
i=0
for repo in "$root" "$root"/examples/*/ "$root"/tests/data/*/ "$root"/tests/fixtures/*/*/; do
  [ -d "$repo/plans" ] || continue
  out="corpus/check/repo-$i"; i=$((i + 1))
  first=1
  while IFS= read -r -d '' f; do
    if [ $first = 0 ]; then printf '\0' >> "$out"; fi
    cat "$f" >> "$out"; first=0
  done < <(find "$repo/plans" -name '*.yaml' -print0 | sort -z)
done
cp corpus/check/* corpus/render/
echo "seeds: $(ls corpus/load | wc -l) files, $(ls corpus/check | wc -l) repositories"
