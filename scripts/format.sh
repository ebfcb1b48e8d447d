#!/usr/bin/env bash
# Loom's C++ formatting, by the repository's .clang-format: every ext/**/*.{cc,h} (the generated
# *_arginfo.h excepted) and tests/native/*.cc.
#
#   scripts/format.sh          check: lists the files clang-format would change, exits 1 if any
#   scripts/format.sh --fix    rewrites them
#
# CLANG_FORMAT names the binary (default: clang-format). CI runs the check in its checks phase.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 2
clang_format=${CLANG_FORMAT:-clang-format}
if ! command -v "$clang_format" >/dev/null 2>&1; then
  echo "format: $clang_format not found (Debian/Ubuntu: apt-get install clang-format)" >&2
  exit 2
fi

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files -co --exclude-standard 'ext/*.cc' 'ext/*.h' 'tests/native/*.cc' | grep -v '_arginfo\.h$' | sort -u)
else
  mapfile -t files < <(find ext tests/native \( -name '*.cc' -o -name '*.h' \) ! -name '*_arginfo.h' | sort)
fi
if [ ${#files[@]} -eq 0 ]; then
  echo "format: no files found" >&2
  exit 2
fi

if [ "${1:-}" = "--fix" ]; then
  "$clang_format" -i "${files[@]}" || exit 2
  echo "format: formatted ${#files[@]} file(s)"
  exit 0
fi

bad=()
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  if ! "$clang_format" --dry-run --Werror "$f" >/dev/null 2>&1; then bad+=("$f"); fi
done
if [ ${#bad[@]} -ne 0 ]; then
  printf 'format: not formatted: %s\n' "${bad[@]}"
  echo "format: ${#bad[@]} of ${#files[@]} file(s) differ from .clang-format; run scripts/format.sh --fix"
  exit 1
fi
echo "format: ok (${#files[@]} file(s))"
