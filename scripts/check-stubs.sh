#!/usr/bin/env bash
# Fails when a committed *_arginfo.h is out of date with its *.stub.php.
#
# Runs scripts/gen-stubs.sh into the working tree; if that changes (or creates) any *_arginfo.h, prints
# the diff (git diff; for files git does not track, or whose change is not relative to the index, a
# plain before/after diff) and exits 1. The regenerated files are left in place, ready to be committed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

before=$(mktemp -d "${TMPDIR:-/tmp}/loom-check-stubs.XXXXXX")
trap 'rm -rf "$before"' EXIT

list_arginfo() {
  find ext -name '*arginfo.h' -type f | LC_ALL=C sort
}

while IFS= read -r f; do
  mkdir -p "$before/$(dirname "$f")"
  cp -p "$f" "$before/$f"
done < <(list_arginfo)

bash scripts/gen-stubs.sh >/dev/null

changed=()
while IFS= read -r f; do
  if ! cmp -s "$before/$f" "$f"; then
    changed+=("$f")
  fi
done < <(list_arginfo)

if [[ ${#changed[@]} -eq 0 ]]; then
  n=$(find ext -name '*.stub.php' -type f | wc -l)
  echo "check-stubs: ok ($n stub file(s), arginfo up to date)"
  exit 0
fi

echo "check-stubs: stale arginfo: ${changed[*]}"
echo "check-stubs: run scripts/gen-stubs.sh and commit the result. Diff:"
for f in "${changed[@]}"; do
  d=""
  if git ls-files --error-unmatch -- "$f" >/dev/null 2>&1; then
    d=$(git --no-pager diff --no-color -- "$f")
  fi
  if [[ -n "$d" ]]; then
    echo "$d"
  elif [[ -f "$before/$f" ]]; then
    diff -u --label "a/$f" --label "b/$f" "$before/$f" "$f" || true
  else
    diff -u --label /dev/null --label "b/$f" /dev/null "$f" || true
  fi
done
exit 1
