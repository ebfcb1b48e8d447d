#!/usr/bin/env bash
# Builds and tests Loom on PHP 8.4 (Debian 13 "trixie") from a Debian 12 machine, as root.
#
#   bash scripts/php84.sh [ci|setup|shell|run CMD...]
#
#   ci      (default) make or reuse the trixie root, copy this checkout into it and run .ci/run there
#           (build, native, server, phpt, valgrind, pecl) with PHP 8.4
#   setup   only make (or check) the trixie root
#   shell   an interactive shell in the root, the checkout copied to /work/loom (mounts undone on exit)
#   run     run CMD in the root, in /work/loom (a fresh copy of this checkout)
#
# The root is made once with debootstrap and cached outside the checkout, in $LOOM_TRIXIE_DIR
# (default /var/cache/loom-trixie); it is rebuilt when missing, when its package list changed, or when
# it is broken (php8.4 or dpkg no longer work in it). Packages come from the same Debian mirror as this
# machine's own apt sources (read from /etc/apt at run time; LOOM_TRIXIE_MIRROR overrides it).
#
# The checkout is copied (tracked and untracked-but-not-ignored files, so uncommitted changes are
# tested too), not bind-mounted: the 8.4 build must not overwrite the 8.2 build's files in the checkout.
# /proc, /sys, /dev, /dev/pts and /dev/shm are mounted into the root while it is used and unmounted on
# every exit (trap), as are processes left running in the root (found by their root directory).
# Runs hold a lock (flock on $LOOM_TRIXIE_DIR/lock), so two runs on one machine take turns.
#
# Environment passed on to the inner .ci/run: LOOM_CI_SKIP_VALGRIND, LOOM_CI_SKIP_PECL, LOOM_CI_JOBS,
# LOOM_CI_PHP84_VALGRIND_DIRS for this run only (default: tests/scheduler tests/http tests/hook, the parts 8.4 changed under
# Loom: fibers, interrupts, exit(); the whole suite runs under valgrind on 8.2 and normally on 8.4).
# LOOM_CI_SUMMARY_FILE (outer path) receives
# the inner run's per-phase counts, one "phase passed failed skipped seconds note" line each.
# LOOM_CI_LOGDIR: the inner run's logs are copied there (into php84/).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${LOOM_TRIXIE_DIR:-/var/cache/loom-trixie}
chroot_dir="$cache/root"
suite=trixie
inner_dir=/work/loom

# Everything the 8.4 run needs inside the root (the same tools as .ci/run's own apt list).
packages=(
  php8.4-dev php8.4-cli php8.4-fpm php8.4-curl php8.4-mbstring php8.4-intl php8.4-xml php-pear
  libuv1-dev libcurl4-openssl-dev zlib1g-dev
  libfcgi-bin valgrind nghttp2-server nginx
  build-essential pkg-config ca-certificates procps
  # tests/web and tests/relay drive pages in a real headless browser (LOOM_CI=1: they fail without it).
  chromium
)
stamp_text="loom-trixie: ${packages[*]}"

if [[ $EUID -ne 0 ]]; then
  echo "scripts/php84.sh needs root (debootstrap, chroot, mount)" >&2
  exit 2
fi

log() { printf '[php84] %s\n' "$*" >&2; }

# The Debian archive this machine's apt uses: the URI of the source whose suite is this machine's
# codename (deb822 *.sources or one-line *.list), and the security archive if there is one.
mirror_for() {
  local want=$1 codename
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f $f ]] || continue
    awk -v s="$codename$want" '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
      if ($(i + 1) == s) { print $i; exit } }' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] || continue
    awk -v s="$codename$want" 'BEGIN { RS = ""; FS = "\n" }
      { uri = ""; ok = 0; types = 0
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^Types:/ && $i ~ /[ \t]deb([ \t]|$)/) types = 1
          if ($i ~ /^URIs:/) { split($i, a, /[ \t]+/); uri = a[2] }
          if ($i ~ /^Suites:/) { n = split($i, b, /[ \t]+/); for (j = 2; j <= n; j++) if (b[j] == s) ok = 1 }
        }
        if (types && ok && uri != "") { print uri; exit } }' "$f"
  done
}

mirror=${LOOM_TRIXIE_MIRROR:-$(mirror_for "" | head -n1)}
security=${LOOM_TRIXIE_SECURITY_MIRROR:-$(mirror_for -security | head -n1)}
if [[ -z "$mirror" ]]; then
  echo "could not find this machine's Debian mirror in /etc/apt (set LOOM_TRIXIE_MIRROR)" >&2
  exit 2
fi

mkdir -p "$cache"
exec 9>"$cache/lock"
if ! flock -n 9; then
  log "waiting for another run's lock on $cache/lock"
  flock 9
fi

mounted=()
# Unmounts what we mounted (in reverse order) after ending processes still running inside the root.
cleanup() {
  local pid r i
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    r=$(readlink "/proc/$pid/root" 2>/dev/null) || continue
    if [[ "$r" == "$chroot_dir" ]]; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" 2>/dev/null || log "could not unmount ${mounted[i]}"
  done
  mounted=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Mounts left behind by a run that was killed (SIGKILL skips traps), deepest first.
stale_mounts() {
  awk -v d="$chroot_dir/" 'index($2, d) == 1 { print $2 }' /proc/self/mounts | sort -r
}
unmount_stale() {
  local m
  for m in $(stale_mounts); do
    umount "$m" 2>/dev/null || umount -l "$m" || true
  done
}

do_mounts() {
  local m
  mount -t proc proc "$chroot_dir/proc" && mounted+=("$chroot_dir/proc")
  mount -t sysfs sysfs "$chroot_dir/sys" && mounted+=("$chroot_dir/sys")
  mount --bind /dev "$chroot_dir/dev" && mounted+=("$chroot_dir/dev")
  for m in /dev/pts /dev/shm; do
    mkdir -p "$chroot_dir$m"
    mount --bind "$m" "$chroot_dir$m" && mounted+=("$chroot_dir$m")
  done
}

in_root() {
  chroot "$chroot_dir" /usr/bin/env -i HOME=/root TERM="${TERM:-dumb}" LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

root_ok() {
  [[ -f "$chroot_dir/.loom-ready" && "$(cat "$chroot_dir/.loom-ready")" == "$stamp_text" ]] || return 1
  in_root php8.4 -n -r 'exit(PHP_VERSION_ID >= 80400 ? 0 : 1);' >/dev/null 2>&1 || return 1
  in_root dpkg-query -W "${packages[@]}" >/dev/null 2>&1 || return 1
  in_root sh -c 'command -v phpize8.4 && command -v php-fpm8.4 && command -v valgrind && command -v g++' >/dev/null 2>&1
}

build_root() {
  local started=$SECONDS tmp="$cache/root.new"
  log "making the $suite root in $chroot_dir from $mirror${security:+ (security: $security)}"
  unmount_stale
  if [[ -n "$(stale_mounts)" ]]; then
    echo "mounts remain under $chroot_dir; not deleting it" >&2
    exit 2
  fi
  rm -rf --one-file-system "$tmp" "$chroot_dir"
  debootstrap --variant=minbase "$suite" "$tmp" "$mirror" >"$cache/debootstrap.log" 2>&1 \
    || { tail -n 40 "$cache/debootstrap.log" >&2; echo "debootstrap failed (log: $cache/debootstrap.log)" >&2; exit 2; }
  log "debootstrap: $((SECONDS - started))s"
  mv "$tmp" "$chroot_dir"
  {
    echo "deb $mirror $suite main"
    echo "deb $mirror $suite-updates main"
    [[ -n "$security" ]] && echo "deb $security $suite-security main"
  } >"$chroot_dir/etc/apt/sources.list"
  # No daemons may start inside the root while packages are installed (nginx, php-fpm).
  printf '#!/bin/sh\nexit 101\n' >"$chroot_dir/usr/sbin/policy-rc.d"
  chmod 755 "$chroot_dir/usr/sbin/policy-rc.d"
  cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf" 2>/dev/null || true
  install_packages
  log "root ready in $((SECONDS - started))s"
}

install_packages() {
  local started=$SECONDS
  do_mounts
  if ! in_root env DEBIAN_FRONTEND=noninteractive sh -c \
    "apt-get update -qq && apt-get install -y -qq --no-install-recommends ${packages[*]}" \
    >"$cache/apt.log" 2>&1; then
    tail -n 40 "$cache/apt.log" >&2
    echo "apt-get install in the $suite root failed (log: $cache/apt.log)" >&2
    exit 2
  fi
  in_root apt-get clean
  cleanup
  log "apt-get install: $((SECONDS - started))s"
  echo "$stamp_text" >"$chroot_dir/.loom-ready"
}

ensure_root() {
  unmount_stale
  if [[ -d "$chroot_dir" ]] && root_ok; then
    log "reusing the $suite root in $chroot_dir ($(in_root php8.4 -n -r 'echo PHP_VERSION;'))"
    return
  fi
  if [[ -d "$chroot_dir" ]] && in_root apt-get --version >/dev/null 2>&1; then
    # The package list changed (or a package went missing): install into the cached root first.
    log "the cached root lacks packages: installing them"
    (install_packages) && root_ok && return
    log "the cached root is broken: rebuilding it"
  elif [[ -d "$chroot_dir" ]]; then
    log "the cached root is broken: rebuilding it"
  fi
  build_root
  root_ok || { echo "the new $suite root does not work (see $cache/apt.log)" >&2; exit 2; }
}

# A fresh copy of the checkout at $inner_dir in the root: tracked files plus untracked ones that are
# not ignored (so build products of the 8.2 build never come along).
copy_checkout() {
  local dest="$chroot_dir$inner_dir"
  rm -rf --one-file-system "$dest"
  mkdir -p "$dest"
  (cd "$root" && git -c safe.directory="$root" ls-files -z -co --exclude-standard |
    xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
    tar --null -T - -cf -) | tar -C "$dest" -xf -
  # The Composer projects of the tests (installed on the host by .ci/run's server and adapters phases):
  # pure PHP, the same for 8.4, and the root has no Composer of its own.
  local v
  for v in "$root"/tests/*/vendor; do
    [[ -f "$v/autoload.php" ]] || continue
    mkdir -p "$dest/tests/$(basename "$(dirname "$v")")"
    cp -a "$v" "$dest/tests/$(basename "$(dirname "$v")")/"
  done
}

cmd=${1:-ci}
[[ $# -gt 0 ]] && shift
case $cmd in
  setup)
    ensure_root
    log "ready: PHP $(in_root php8.4 -n -r 'echo PHP_VERSION;') in $chroot_dir"
    ;;
  shell | run)
    ensure_root
    copy_checkout
    do_mounts
    if [[ $cmd == shell ]]; then
      in_root sh -c "cd $inner_dir && exec bash -i" || true
    else
      in_root sh -c 'cd "$0" && exec "$@"' "$inner_dir" "$@"
    fi
    ;;
  ci)
    ensure_root
    copy_checkout
    do_mounts
    rc=0
    vgdirs=${LOOM_CI_PHP84_VALGRIND_DIRS:-tests/scheduler tests/http tests/hook}
    in_root env LOOM_CI_SKIP_APT=1 LOOM_CI_VENDOR_READY=1 LOOM_CI_PHASES="build native server phpt valgrind pecl" \
      LOOM_CI_LOGDIR=/work/loom-logs LOOM_CI_SUMMARY_FILE=/work/loom-logs/summary \
      ${LOOM_CI_SKIP_VALGRIND:+LOOM_CI_SKIP_VALGRIND=$LOOM_CI_SKIP_VALGRIND} \
      ${LOOM_CI_SKIP_PECL:+LOOM_CI_SKIP_PECL=$LOOM_CI_SKIP_PECL} \
      ${LOOM_CI_JOBS:+LOOM_CI_JOBS=$LOOM_CI_JOBS} \
      ${vgdirs:+LOOM_CI_VALGRIND_DIRS="$vgdirs"} \
      sh -c "rm -rf /work/loom-logs && cd $inner_dir && exec bash .ci/run" || rc=$?
    if [[ -n "${LOOM_CI_SUMMARY_FILE:-}" ]]; then
      cp "$chroot_dir/work/loom-logs/summary" "$LOOM_CI_SUMMARY_FILE" 2>/dev/null || : >"$LOOM_CI_SUMMARY_FILE"
    fi
    if [[ -n "${LOOM_CI_LOGDIR:-}" ]]; then
      mkdir -p "$LOOM_CI_LOGDIR/php84"
      cp -r "$chroot_dir/work/loom-logs/." "$LOOM_CI_LOGDIR/php84/" 2>/dev/null || true
    fi
    exit "$rc"
    ;;
  *)
    echo "usage: $0 [ci|setup|shell|run CMD...]" >&2
    exit 2
    ;;
esac
