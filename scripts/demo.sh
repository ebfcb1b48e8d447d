#!/usr/bin/env bash
# Loom's main job on a fresh Debian 12 machine: install build dependencies, build and install the
# extension, build the bundled LLM-like server, and stream N chat completions at once.
#
#   scripts/demo.sh [N]     the CLI demo: examples/fanout.php streams N completions (default 20)
#   scripts/demo.sh --web   the web demo: examples/web behind nginx -> php-fpm -> Loom on loopback ports,
#                           with the bundled server as the model; prints the URL; Ctrl-C stops everything
#
# The web demo talks to any OpenAI-compatible API instead when LOOM_WEB_BASE_URL is set (e.g.
# https://api.openai.com/v1), with LOOM_WEB_API_KEY and LOOM_WEB_MODEL; the key goes into the pool's
# config only (mode 600), never to the page. LOOM_WEB_PORT picks the port (default: a free one).
# Run as root, or with sudo available for apt-get/make install.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
web=0
if [ "${1:-}" = "--web" ]; then
  web=1
  shift
fi
N="${1:-20}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
PKGS="php8.2-cli php8.2-dev libuv1-dev libcurl4-openssl-dev zlib1g-dev pkg-config make g++"
[ $web = 1 ] && PKGS="$PKGS php8.2-fpm nginx"
if ! dpkg -s $PKGS >/dev/null 2>&1; then
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $PKGS
fi
if [ ! -f modules/loom.so ] || [ -n "$(find ext config.m4 -newer modules/loom.so -print -quit)" ]; then
  phpize >/dev/null
  ./configure -q
  make -j"$(nproc)" >/dev/null
fi
if [ $web = 0 ]; then
  $SUDO make install >/dev/null
  bash tests/server/build.sh
  exec php -d extension=loom examples/fanout.php --n="$N"
fi

# ---------------------------------------------------------------------------------------------------------
# The web demo. Everything lives in one temporary directory (configs, pages, a private copy of loom.so,
# logs) and every process is stopped by its PID.

dir=$(mktemp -d "${TMPDIR:-/tmp}/loom-web.XXXXXX")
chmod 755 "$dir" # php-fpm's workers run as nobody when started as root: they must read the pages
pids=()
stop() {
  trap - INT TERM EXIT
  local pid
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$dir"
  echo
  echo "stopped; removed $dir"
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

free_port() {
  php -r '$s = stream_socket_server("tcp://127.0.0.1:0"); echo parse_url("tcp://" . stream_socket_get_name($s, false), PHP_URL_PORT);'
}

cp modules/loom.so examples/web/index.php examples/web/stream.php "$dir/"
chmod 644 "$dir"/*.php
chmod 755 "$dir/loom.so"

base=${LOOM_WEB_BASE_URL:-}
knobs=0
if [ -z "$base" ]; then
  bash tests/server/build.sh
  tests/server/llm-server --host 127.0.0.1 --port 0 >"$dir/llm-server.out" 2>"$dir/llm-server.log" &
  pids+=($!)
  for _ in $(seq 100); do
    grep -q '^LISTENING' "$dir/llm-server.out" 2>/dev/null && break
    sleep 0.05
  done
  model_addr=$(sed -n 's/^LISTENING //p' "$dir/llm-server.out")
  [ -n "$model_addr" ] || { cat "$dir/llm-server.log"; echo "the bundled server did not start" >&2; exit 1; }
  base="http://$model_addr/v1"
  knobs=1
fi

fpm_port=$(free_port)
{
  echo "[global]"
  echo "error_log = $dir/fpm.log"
  echo "daemonize = no"
  echo "[loomweb]"
  echo "listen = 127.0.0.1:$fpm_port"
  echo "pm = static"
  echo "pm.max_children = 4"
  echo "catch_workers_output = yes"
  echo "decorate_workers_output = no"
  echo "request_terminate_timeout = 600s"
  if [ "$(id -u)" -eq 0 ]; then
    echo "user = nobody"
    echo "group = nogroup"
  fi
  echo "php_admin_value[extension] = $dir/loom.so"
  echo "php_admin_value[log_errors] = on"
  echo "php_admin_value[display_errors] = off"
  echo "php_admin_value[output_buffering] = 0"
  echo "env[LOOM_WEB_BASE_URL] = $base"
  echo "env[LOOM_WEB_KNOBS] = $knobs"
  [ -n "${LOOM_WEB_API_KEY:-}" ] && echo "env[LOOM_WEB_API_KEY] = $LOOM_WEB_API_KEY"
  [ -n "${LOOM_WEB_MODEL:-}" ] && echo "env[LOOM_WEB_MODEL] = $LOOM_WEB_MODEL"
} >"$dir/fpm.conf"
chmod 600 "$dir/fpm.conf"
fpm_args=(-F -O -y "$dir/fpm.conf" -p "$dir")
[ "$(id -u)" -eq 0 ] && fpm_args+=(-R)
php-fpm8.2 "${fpm_args[@]}" >>"$dir/fpm.log" 2>&1 &
pids+=($!)

web_port=${LOOM_WEB_PORT:-$(free_port)}
cat >"$dir/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/nginx-body;
    proxy_temp_path $dir/nginx-proxy;
    fastcgi_temp_path $dir/nginx-fastcgi;
    uwsgi_temp_path $dir/nginx-uwsgi;
    scgi_temp_path $dir/nginx-scgi;
    server {
        listen 127.0.0.1:$web_port;
        root $dir;
        location = / { return 302 /index.php; }
        location ~ ^/(index|stream)\.php$ {
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
            fastcgi_pass 127.0.0.1:$fpm_port;
            fastcgi_read_timeout 600s;
        }
        location / { return 404; }
    }
}
CONF
nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/nginx-error.log" &
pids+=($!)

url="http://127.0.0.1:$web_port/"
ready=0
for _ in $(seq 100); do
  if php -r 'exit(@file_get_contents($argv[1]) === false ? 1 : 0);' "${url}index.php" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.1
done
if [ $ready = 0 ]; then
  tail -n 20 "$dir/fpm.log" "$dir/nginx-error.log" 2>/dev/null || true
  echo "the web demo did not start" >&2
  exit 1
fi

echo
echo "Loom web demo: $url"
if [ $knobs = 1 ]; then
  echo "  model: the bundled LLM-like server; its knobs work in the URL, e.g."
  echo "  ${url}index.php?n=20&tokens=80&interval_ms=40&prompt=Hello"
else
  echo "  model: ${LOOM_WEB_MODEL:-loom-mock} at the API in LOOM_WEB_BASE_URL"
fi
echo "  logs: $dir/fpm.log (php-fpm and PHP), $dir/nginx-error.log"
echo "Ctrl-C stops the server, php-fpm and nginx."
# Until Ctrl-C, or until one of them exits on its own.
wait -n "${pids[@]}" || true
echo "a process of the demo exited; stopping the others" >&2
