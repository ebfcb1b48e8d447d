#!/usr/bin/env bash
# Syntax-checks every Loom source (LOOM_SOURCES in config.m4) against one or more PHP header trees.
#
#   scripts/compile-check.sh <php-dir>...
#
# Each <php-dir> is either a php-src tree on which ./buildconf && ./configure have run (configure
# writes main/php_config.h; nothing needs to be built), or an installed include dir such as
# /usr/include/php/20220829 (same main/ Zend/ TSRM/ ext/ layout). Configure with --enable-zts for a
# ZTS check. Nothing is linked or run: this only shows that the code compiles against those headers.
# Not part of CI, which cannot download php-src.
#
# Exits 0 when every source compiles without errors in every tree; prints a summary line per tree.
# Set VERBOSE=1 to see warnings of files that compiled.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ $# -eq 0 ]; then
  echo "usage: $0 <configured php-src tree or php include dir>..." >&2
  exit 2
fi

cxx=${CXX:-g++}
sources=$(sed -n '/LOOM_SOURCES="/,/"/p' "$root/config.m4" | tr -d '"\\' | sed 's/LOOM_SOURCES=//' | xargs)
if [ -z "$sources" ]; then
  echo "could not read LOOM_SOURCES from config.m4" >&2
  exit 2
fi
deps=$(pkg-config --cflags libuv libcurl) || exit 2

# loom.cc includes "config.h" (phpize's); an empty one stands in for it.
stub=$(mktemp -d "${TMPDIR:-/tmp}/loom-compile-check.XXXXXX")
trap 'rm -rf "$stub"' EXIT
: > "$stub/config.h"

status=0
for php in "$@"; do
  php=$(cd "$php" && pwd) || { status=1; continue; }
  if [ ! -f "$php/main/php_config.h" ]; then
    echo "$php: no main/php_config.h (run ./buildconf --force && ./configure first)" >&2
    status=1
    continue
  fi
  version=$(sed -n 's/^#define PHP_VERSION "\(.*\)"/\1/p' "$php/main/php_version.h")
  if grep -q '^#define ZTS 1' "$php/main/php_config.h"; then ts=ZTS; else ts=NTS; fi
  failed=0
  for src in $sources; do
    out=$("$cxx" -std=c++20 -fsyntax-only -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers \
      -DHAVE_CONFIG_H -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1 -DCOMPILE_DL_LOOM \
      -I "$root/ext" -I "$stub" -I "$php/main" -I "$php/Zend" -I "$php/TSRM" -I "$php" -I "$php/ext" \
      $deps "$root/$src" 2>&1)
    rc=$?
    if [ $rc -ne 0 ]; then
      failed=$((failed + 1))
      echo "--- PHP $version $ts: $src FAILED"
      echo "$out"
    elif [ -n "$out" ]; then
      if [ -n "${VERBOSE:-}" ]; then echo "--- PHP $version $ts: $src (warnings)"; echo "$out"; fi
      echo "PHP $version $ts: $src: $(grep -c 'warning:' <<<"$out") warning(s)"
    fi
  done
  if [ $failed -eq 0 ]; then
    echo "PHP $version $ts ($php): all $(wc -w <<<"$sources") sources compile"
  else
    echo "PHP $version $ts ($php): $failed source(s) FAILED"
    status=1
  fi
done
exit $status
