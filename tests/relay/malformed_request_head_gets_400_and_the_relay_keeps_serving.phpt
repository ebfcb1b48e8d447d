--TEST--
Relay: a malformed request head gets 400 and the relay keeps serving
--SKIPIF--
<?php require __DIR__ . '/../inc/relay.inc'; loom_relay_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/relay.inc';
$dir = sys_get_temp_dir() . '/loom-relay-400-' . getmypid();
@mkdir($dir, 0700);
$relay = loom_relay_start($dir);

$heads = [
    'bare LF' => "GET /loom-relay-status HTTP/1.1\nHost: relay\n\n",
    'obs-fold' => "GET /loom-relay-status HTTP/1.1\r\nHost: relay\r\nX-Loom-Bind: a\r\n b\r\n\r\n",
    'NUL in a value' => "GET /loom-relay-status HTTP/1.1\r\nHost: re\0lay\r\n\r\n",
    'space before the colon' => "GET /loom-relay-status HTTP/1.1\r\nHost : relay\r\n\r\n",
    'HTTP/2.0' => "GET /loom-relay-status HTTP/2.0\r\n\r\n",
    // exactly the size bound without an end of head (all of it is read before the answer)
    'over 16 KiB' => "GET /loom-relay-status HTTP/1.1\r\nX-Pad: " . str_repeat('a', 16384 - 42) . "\r\n",
];
foreach ($heads as $what => $bytes) {
    $raw = loom_relay_raw_request($relay, $bytes);
    echo str_pad($what . ':', 24), $raw === null ? 'no connection' : strtok($raw, "\r\n"), "\n";
}
$ok = loom_relay_raw_request($relay, "GET /loom-relay-status HTTP/1.1\r\nHOST: relay\r\nAccept:  */* \r\n\r\n");
echo "a valid head afterwards: ", strtok($ok, "\r\n"), "\n";
echo "status answers: ", loom_relay_status($relay) !== null ? 'yes' : 'no', "\n";
echo "relay exit on SIGTERM: ", var_export(loom_relay_stop($relay), true), "\n";
loom_fpm_rmtree($dir);
?>
--EXPECT--
bare LF:                HTTP/1.1 400 Bad Request
obs-fold:               HTTP/1.1 400 Bad Request
NUL in a value:         HTTP/1.1 400 Bad Request
space before the colon: HTTP/1.1 400 Bad Request
HTTP/2.0:               HTTP/1.1 400 Bad Request
over 16 KiB:            HTTP/1.1 400 Bad Request
a valid head afterwards: HTTP/1.1 200 OK
status answers: yes
relay exit on SIGTERM: 0
