--TEST--
FPM: a client that hangs up during examples/sse_relay.php aborts the relay at its next write and the upstream stream is closed
--SKIPIF--
<?php require __DIR__ . '/../inc/fpm.inc'; loom_fpm_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/relay_client_disconnect.inc';
// 500 tokens 20 ms apart: the upstream would stream for 10 s.
relay_client_disconnect(['tokens' => 500, 'interval_ms' => 20, 'ttft_ms' => 10], 3);
?>
--EXPECT--
client read 3 tokens and hung up: yes
upstream connection open while relaying: yes
upstream connection closed within 3 s: yes
worker free again within 3 s: yes
same worker: yes
next request finds: tasks=0 curl_handles=0 timers=0 sockets=0
crash lines in the FPM log: 0
