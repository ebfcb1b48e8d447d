#!/usr/bin/env bash
# Loom's main job on a fresh Debian 12 machine: install build dependencies, build and install the
# extension, build the bundled LLM-like server, and stream N chat completions at once (examples/fanout.php).
# Usage: scripts/demo.sh [N]   (default 20; run as root, or with sudo available for apt-get/make install)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-20}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
PKGS="php8.2-cli php8.2-dev libuv1-dev libcurl4-openssl-dev zlib1g-dev pkg-config make g++"
if ! dpkg -s $PKGS >/dev/null 2>&1; then
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $PKGS
fi
if [ ! -f modules/loom.so ] || [ -n "$(find ext config.m4 -newer modules/loom.so -print -quit)" ]; then
  phpize >/dev/null
  ./configure -q
  make -j"$(nproc)" >/dev/null
fi
$SUDO make install >/dev/null
bash tests/server/build.sh
exec php -d extension=loom examples/fanout.php --n="$N"
