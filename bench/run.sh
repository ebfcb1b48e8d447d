#!/usr/bin/env bash
# Loom's benchmarks against the tools users would pick instead: one command.
#
#   bench/run.sh [--quick] [harness options, e.g. --sections streams --ns 1000 --runs 3]
#
# Installs what it needs (Debian packages when missing and we are root; Composer
# packages into bench/vendor), builds the native floor client, the bundled LLM
# server and a release (-O2) build of Loom from the committed HEAD, then runs
# bench/harness.php, which prints the tables and writes bench/RESULTS.md.
# LOOM_SO=/path/to/loom.so uses that build instead (e.g. modules/loom.so to
# measure uncommitted changes).
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
CMDLINE="bench/run.sh${*:+ $*}"
say() { printf '\n[bench] %s\n' "$*"; }

# ---- system packages (Debian 12) -------------------------------------------
need=()
command -v php >/dev/null || need+=(php8.2-cli)
php -r 'exit(function_exists("curl_multi_exec") ? 0 : 1);' 2>/dev/null || need+=(php8.2-curl)
php -r 'exit(function_exists("posix_kill") ? 0 : 1);' 2>/dev/null || need+=(php8.2-common)
command -v phpize >/dev/null || need+=(php8.2-dev)
command -v php-fpm8.2 >/dev/null || need+=(php8.2-fpm)
command -v nginx >/dev/null || need+=(nginx)
command -v wrk >/dev/null || need+=(wrk)
[ -x /usr/bin/time ] || need+=(time)
command -v composer >/dev/null || need+=(composer)
command -v cc >/dev/null || need+=(build-essential)
command -v pkg-config >/dev/null || need+=(pkg-config)
pkg-config --exists libuv 2>/dev/null || need+=(libuv1-dev)
pkg-config --exists libcurl 2>/dev/null || need+=(libcurl4-openssl-dev)
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
        say "installing Debian packages: ${need[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    else
        echo "bench/run.sh: missing ${need[*]}; install them (apt-get install ${need[*]}) or run as root" >&2
        exit 1
    fi
fi

# ---- Composer peers into bench/vendor ----------------------------------------
say "composer install (bench/vendor)"
# loom/adapters requires ext-loom, which the PHP running Composer need not load: the benchmarks load it.
(cd "$BENCH" && composer install --no-interaction --no-progress --quiet --ignore-platform-req=ext-loom)

# ---- native floor client -----------------------------------------------------
if [ ! -x "$BENCH/native/floor" ] || [ "$BENCH/native/floor.c" -nt "$BENCH/native/floor" ]; then
    say "building bench/native/floor"
    cc -O2 -Wall -Wextra -Wno-unused-parameter -o "$BENCH/native/floor" "$BENCH/native/floor.c" \
        $(pkg-config --cflags libcurl libuv) $(pkg-config --libs libcurl libuv)
fi

# ---- the bundled LLM-like server ---------------------------------------------
bash "$ROOT/tests/server/build.sh" >/dev/null

# ---- Loom, release build -----------------------------------------------------
if [ -n "${LOOM_SO:-}" ]; then
    SO="$(cd "$(dirname "$LOOM_SO")" && pwd)/$(basename "$LOOM_SO")"
    BUILD_NOTE="LOOM_SO=$LOOM_SO (as given)"
    COMMIT="$(git -C "$ROOT" rev-parse --short=12 HEAD) (LOOM_SO given: may include uncommitted changes)"
else
    REV="$(git -C "$ROOT" rev-parse HEAD)"
    B="$BENCH/.build/loom-${REV:0:12}"
    SO="$B/modules/loom.so"
    COMMIT="${REV:0:12}"
    BUILD_NOTE="release build of the committed HEAD: phpize + configure CFLAGS/CXXFLAGS='-O2 -g'"
    if [ ! -f "$SO" ]; then
        say "building Loom ${REV:0:12} (-O2) in bench/.build"
        rm -rf "$BENCH"/.build/loom-* && mkdir -p "$B"
        git -C "$ROOT" archive "$REV" | tar -x -C "$B"
        (cd "$B" && phpize >/dev/null 2>&1 && CFLAGS='-O2 -g' CXXFLAGS='-O2 -g' ./configure --enable-loom >/dev/null \
            && make -j"$(nproc)" >/dev/null 2>"$B/build.log") || { cat "$B/build.log" >&2; exit 1; }
    fi
    if ! git -C "$ROOT" diff --quiet HEAD -- ext config.m4 2>/dev/null; then
        say "note: ext/ has uncommitted changes; they are NOT in this build (LOOM_SO=modules/loom.so measures them)"
    fi
fi

# ---- file descriptors for N = 10000 ------------------------------------------
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 12000 ]; then
    say "note: ulimit -n is $(ulimit -n); N=10000 needs ~10,050 descriptors per client"
fi

say "running the harness ($CMDLINE)"
exec php "$BENCH/harness.php" --loom-so "$SO" --loom-build "$BUILD_NOTE" --loom-commit "$COMMIT" --floor "$BENCH/native/floor" \
    --command "$CMDLINE" "$@"
