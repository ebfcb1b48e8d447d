#!/usr/bin/env bash
# Regenerates every ext/**/*.stub.php -> *_arginfo.h with PHP's own gen_stub.php.
#
# gen_stub.php downloads PHP-Parser on first use, which does not work offline. So this script keeps a
# private copy of gen_stub.php in .tools/genstub/ (git-ignored), installs nikic/php-parser 4.15.1 (the
# version gen_stub.php pins) there with Composer, and links it as PHP-Parser-4.15.1 next to the copy,
# where gen_stub.php looks first.
#
# Generation happens in a scratch directory; an *_arginfo.h in the tree is only rewritten when its
# content changes, so re-running this script does not touch mtimes (and does not trigger rebuilds).
#
# Quiet on success unless a file changed ("updated ext/foo_arginfo.h"). Idempotent.
#
# Environment: GEN_STUB_PHP=/path/to/gen_stub.php to use a specific copy, PHP (default: php),
# COMPOSER (default: composer).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

php_bin=${PHP:-php}
composer_bin=${COMPOSER:-composer}
parser_version=4.15.1
tooldir="$root/.tools/genstub"

die() {
  echo "gen-stubs: $*" >&2
  exit 1
}

# Finds the gen_stub.php that belongs to the installed PHP development files.
find_gen_stub() {
  local c phpize_bin phpdir prefix
  if [[ -n "${GEN_STUB_PHP:-}" ]]; then
    [[ -f "$GEN_STUB_PHP" ]] || die "GEN_STUB_PHP=$GEN_STUB_PHP does not exist"
    echo "$GEN_STUB_PHP"
    return
  fi
  local candidates=()
  if command -v php-config >/dev/null 2>&1; then
    # Debian/Ubuntu: /usr/lib/php/<api>/build/gen_stub.php
    candidates+=("$(php-config --extension-dir)/build/gen_stub.php")
    prefix=$(php-config --prefix)
    # phpize knows where its build files live ("phpdir=...").
    phpize_bin=$(command -v phpize || true)
    if [[ -n "$phpize_bin" ]]; then
      phpdir=$(sed -n 's/^phpdir="\(.*\)"$/\1/p' "$phpize_bin" | head -n1)
      phpdir=${phpdir//\$prefix/$prefix}
      [[ -n "$phpdir" ]] && candidates+=("$phpdir/gen_stub.php")
    fi
    # Upstream default layout: <prefix>/lib/php/build
    candidates+=("$prefix/lib/php/build/gen_stub.php")
  fi
  for c in "${candidates[@]}"; do
    if [[ -f "$c" ]]; then
      echo "$c"
      return
    fi
  done
  die "cannot find gen_stub.php (install php8.2-dev, or set GEN_STUB_PHP)"
}

setup_tooldir() {
  local src=$1
  mkdir -p "$tooldir"
  if ! cmp -s "$src" "$tooldir/gen_stub.php"; then
    cp "$src" "$tooldir/gen_stub.php.tmp.$$"
    mv -f "$tooldir/gen_stub.php.tmp.$$" "$tooldir/gen_stub.php"
  fi
  local pinned
  pinned=$(sed -n 's/^ *\$version = "\([0-9.]*\)";.*/\1/p' "$tooldir/gen_stub.php" | head -n1)
  if [[ -n "$pinned" && "$pinned" != "$parser_version" ]]; then
    die "gen_stub.php wants PHP-Parser $pinned, this script installs $parser_version; update scripts/gen-stubs.sh"
  fi
  if [[ ! -f "$tooldir/vendor/nikic/php-parser/lib/PhpParser/Parser.php" ]] \
    || ! grep -q "\"version\": \"v\?$parser_version\"" "$tooldir/vendor/composer/installed.json" 2>/dev/null; then
    command -v "$composer_bin" >/dev/null 2>&1 || die "composer is needed to install nikic/php-parser"
    local log
    log=$(mktemp)
    if ! COMPOSER_ALLOW_SUPERUSER=1 "$composer_bin" --working-dir="$tooldir" --no-interaction \
      --no-progress --no-plugins --no-scripts require "nikic/php-parser:$parser_version" >"$log" 2>&1; then
      cat "$log" >&2
      rm -f "$log"
      die "composer could not install nikic/php-parser $parser_version"
    fi
    rm -f "$log"
  fi
  ln -sfn vendor/nikic/php-parser "$tooldir/PHP-Parser-$parser_version"
}

tmp=
cleanup() {
  if [[ -n "$tmp" ]]; then rm -rf "$tmp"; fi
}
trap cleanup EXIT

main() {
  local gen_stub stubs=() stub out rel f
  gen_stub=$(find_gen_stub)

  mapfile -t stubs < <(find ext -name '*.stub.php' -type f | LC_ALL=C sort)
  [[ ${#stubs[@]} -gt 0 ]] || exit 0

  # Serialise tool-dir setup between concurrent runs.
  mkdir -p "$tooldir"
  exec 9>"$tooldir/.lock"
  flock 9
  setup_tooldir "$gen_stub"

  tmp=$(mktemp -d "${TMPDIR:-/tmp}/loom-genstub.XXXXXX")
  # Mirror the stubs (and any stub includes next to them) so relative paths keep working.
  for stub in "${stubs[@]}"; do
    mkdir -p "$tmp/$(dirname "$stub")"
    cp "$stub" "$tmp/$stub"
  done

  if ! out=$(cd "$tmp" && "$php_bin" "$tooldir/gen_stub.php" --force-regeneration "${stubs[@]}" 2>&1); then
    echo "$out" >&2
    die "gen_stub.php failed"
  fi

  while IFS= read -r -d '' f; do
    rel=${f#"$tmp"/}
    if ! cmp -s "$f" "$rel"; then
      cp "$f" "$rel.tmp.$$"
      mv -f "$rel.tmp.$$" "$rel"
      echo "updated $rel"
    fi
  done < <(find "$tmp" -name '*arginfo.h' -type f -print0 | LC_ALL=C sort -z)
}

main "$@"
