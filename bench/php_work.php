<?php
/*
 * The per-event work every PHP client of the streaming benchmark does (lib/common.php's
 * on_event_data(): json_decode and the token count), alone, without any I/O: N streams of 50 token
 * events and [DONE]. What it costs is the part of a PHP client's CPU no transport can remove;
 * bench/analysis.md section 1 subtracts it (and PHP's start-up) to compare transports.
 *
 *   php bench/php_work.php [--n 1000]      (time it with /usr/bin/time, or run it under callgrind)
 */
declare(strict_types=1);
require __DIR__ . '/lib/common.php';

$o = LoomBench\options($argv, ['n' => 1000]);
$rec = new LoomBench\Recorder('php-work', $o['n'], 50);
$rec->start();
$data = '{"id":"chatcmpl-loom","object":"chat.completion.chunk","created":1796564798,"model":"loom-mock",'
    . '"choices":[{"index":0,"delta":{"content":"t1 "},"finish_reason":null}]}';
for ($i = 0; $i < $o['n']; $i++) {
    $s = new LoomBench\StreamState();
    for ($k = 0; $k < 50; $k++) {
        LoomBench\on_event_data($data, $s, $rec, $i);
    }
    LoomBench\on_event_data('[DONE]', $s, $rec, $i);
    $rec->streamEnded($s, (string)$i);
}
$rec->finish();
