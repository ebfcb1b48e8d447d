#!/usr/bin/env bash
# Builds and runs Loom's native (PHP-free) C++ tests.
#
# Every tests/native/*_test.cc is compiled together with the ext/**/*.cc files
# it needs and run; with valgrind installed it is run a second time under
# valgrind. Every tests/native/*_fuzz.cc is also built with -DLOOM_FUZZ_MAIN
# (a stand-alone driver for its LLVMFuzzerTestOneInput) and run the same way.
#
# Sources a test needs are listed in the test file itself on a line
#   // native-test-sources: ext/foo/a.cc ext/foo/b.cc
# (paths relative to the repository root); without such a line, all
# ext/<name>/*.cc are used for tests/native/<name>_test.cc / <name>_fuzz.cc.
# Libraries it links come from pkg-config, named on a line
#   // native-test-pkg: libuv libcurl
# Extra compiler/linker flags a test needs go on a line
#   // native-test-flags: -DFOO -lbar
#
# Environment: CXX (default g++), NO_VALGRIND=1 to skip the valgrind runs,
# LOOM_FUZZ_ITERS to override fuzz-driver iterations (default 20000 natively,
# 1000 under valgrind).
#
# Exits non-zero if any build or run fails; the last line is a summary.

set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2

cxx=${CXX:-g++}
cxxflags=(-std=c++20 -O1 -g -Wall -Wextra -Werror -I ext)
build=$(mktemp -d "${TMPDIR:-/tmp}/loom-native.XXXXXX") || exit 2
trap 'rm -rf "$build"' EXIT

use_valgrind=0
if [ "${NO_VALGRIND:-0}" = "0" ] && command -v valgrind >/dev/null 2>&1; then
  use_valgrind=1
fi

passed=0
failed=0
failures=()

pass() { passed=$((passed + 1)); echo "PASS  $1"; }
fail() { failed=$((failed + 1)); failures+=("$1"); echo "FAIL  $1"; }

# Prints the ext sources for test file $1 (name stem $2).
sources_for() {
  local file=$1 stem=$2 line
  line=$(grep -m1 -E '^// native-test-sources:' "$file" || true)
  if [ -n "$line" ]; then
    echo "${line#*native-test-sources:}"
  elif [ -d "ext/$stem" ]; then
    find "ext/$stem" -name '*.cc' | sort | tr '\n' ' '
  fi
}

# Prints the compiler and linker flags of the pkg-config packages test file $1 names.
pkg_flags_for() {
  local line
  line=$(grep -m1 -E '^// native-test-pkg:' "$1" || true)
  [ -n "$line" ] || return 0
  # shellcheck disable=SC2086  # a space-separated list of package names
  pkg-config --cflags --libs ${line#*native-test-pkg:}
}

shopt -s nullglob

run_one() {
  local file=$1 kind=$2 base stem bin srcs pkgs
  base=$(basename "$file" .cc)
  stem=${base%_"$kind"}
  bin="$build/$base"
  srcs=$(sources_for "$file" "$stem")
  if ! pkgs=$(pkg_flags_for "$file"); then
    fail "build $base (pkg-config)"
    return
  fi
  local extra=() flags
  [ "$kind" = fuzz ] && extra=(-DLOOM_FUZZ_MAIN)
  flags=$(grep -m1 -E '^// native-test-flags:' "$file" || true)
  # shellcheck disable=SC2206  # the flags are a space-separated list
  [ -n "$flags" ] && extra+=(${flags#*native-test-flags:})

  # shellcheck disable=SC2086  # $srcs and $pkgs are space-separated lists
  if ! "$cxx" "${cxxflags[@]}" "$file" $srcs $pkgs -pthread "${extra[@]}" -o "$bin"; then
    fail "build $base"
    return
  fi
  pass "build $base"

  echo "----  $base"
  if "$bin"; then
    pass "run $base"
  else
    fail "run $base"
  fi

  if [ "$use_valgrind" = 1 ]; then
    echo "----  $base (valgrind)"
    if LOOM_NATIVE_SLOW=1 LOOM_FUZZ_ITERS="${LOOM_FUZZ_ITERS:-1000}" \
      valgrind --error-exitcode=1 --leak-check=full -q "$bin"; then
      pass "valgrind $base"
    else
      fail "valgrind $base"
    fi
  fi
}

tests=(tests/native/*_test.cc)
fuzzers=(tests/native/*_fuzz.cc)
if [ ${#tests[@]} -eq 0 ]; then
  echo "no tests/native/*_test.cc found"
  exit 1
fi

for t in "${tests[@]}"; do run_one "$t" test; done
for f in "${fuzzers[@]}"; do run_one "$f" fuzz; done

valgrind_note="valgrind: $([ "$use_valgrind" = 1 ] && echo yes || echo skipped)"
if [ "$failed" -ne 0 ]; then
  for f in "${failures[@]}"; do echo "  failed: $f"; done
  echo "native tests: $passed passed, $failed FAILED ($valgrind_note)"
  exit 1
fi
echo "native tests: $passed passed, 0 failed ($valgrind_note)"
