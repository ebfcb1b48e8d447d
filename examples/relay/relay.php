<?php
/*
 * The Loom relay process: serves the browser streams that php-fpm pages hand off with
 * Loom\Relay\handoff(). One process holds thousands of streams; php-fpm workers are free in milliseconds.
 *
 *   php -d extension=loom examples/relay/relay.php [--socket=/run/loom/relay.sock] [--token-ttl=5]
 *       [--drain-timeout=30] [--socket-mode=0660]
 *
 * The socket defaults to ini loom.relay_socket (the same setting the FPM pages read). SIGTERM or SIGINT:
 * stop accepting, let running streams finish for up to --drain-timeout seconds, end the rest with a
 * final "event: error" {"error":"shutdown"}, exit 0. Deployment: loom-relay.service and nginx.conf here.
 */
if (!extension_loaded('loom')) {
    fwrite(STDERR, "loom-relay: the loom extension is not loaded (php -d extension=loom ...)\n");
    exit(1);
}
$opts = getopt('', ['socket:', 'token-ttl:', 'drain-timeout:', 'socket-mode:']);
$socket = $opts['socket'] ?? ini_get('loom.relay_socket');
$serve = [];
if (isset($opts['token-ttl'])) {
    $serve['token_ttl'] = (float)$opts['token-ttl'];
}
if (isset($opts['drain-timeout'])) {
    $serve['drain_timeout'] = (float)$opts['drain-timeout'];
}
if (isset($opts['socket-mode'])) {
    $serve['socket_mode'] = intval($opts['socket-mode'], 8);
}
// The relay runs as long as it is not told to stop: PHP's own limits are for web requests.
set_time_limit(0);
fwrite(STDERR, "loom-relay: listening on $socket (pid " . getmypid() . ")\n");
Loom\Relay\serve($socket, $serve);
fwrite(STDERR, "loom-relay: stopped\n");
