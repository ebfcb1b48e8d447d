--TEST--
FPM: a client that hangs up while the relay's upstream is stalled is noticed at the next ping; the stalled transfer is closed and the worker freed
--SKIPIF--
<?php require __DIR__ . '/../inc/fpm.inc'; loom_fpm_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/relay_client_disconnect.inc';
// Two tokens, then the upstream goes silent with the connection open (its idle timeout is 120 s): only the
// relay's ": ping" writes, every 100 ms here, can reveal that the client left.
relay_client_disconnect(['tokens' => 50, 'interval_ms' => 10, 'ttft_ms' => 10, 'fault' => 'stall_after', 'k' => 2,
                         'ping_ms' => 100], 2);
?>
--EXPECT--
client read 2 tokens and hung up: yes
upstream connection open while relaying: yes
upstream connection closed within 3 s: yes
worker free again within 3 s: yes
same worker: yes
next request finds: tasks=0 curl_handles=0 timers=0 sockets=0
crash lines in the FPM log: 0
