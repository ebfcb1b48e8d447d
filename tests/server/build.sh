#!/usr/bin/env bash
# Builds tests/server/llm-server from llm_server.c (libuv + zlib).
# Idempotent: does nothing unless the source is newer than the binary.
# The binary is produced under a temporary name and renamed into place, so a
# concurrent reader never sees a half-written executable.
set -euo pipefail

dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src="$dir/llm_server.c"
bin="$dir/llm-server"

if [[ -x "$bin" && ! "$src" -nt "$bin" ]]; then
    exit 0
fi

cc_bin=${CC:-cc}
if pkg-config --exists libuv zlib 2>/dev/null; then
    # shellcheck disable=SC2207
    flags=($(pkg-config --cflags --libs libuv zlib))
else
    flags=(-luv -lz)
fi

tmp="$bin.tmp.$$"
trap 'rm -f "$tmp"' EXIT
"$cc_bin" -std=c11 -O2 -Wall -Wextra -o "$tmp" "$src" "${flags[@]}"
mv -f "$tmp" "$bin"
