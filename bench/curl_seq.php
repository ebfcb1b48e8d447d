<?php
/*
 * Peer 1: sequential curl_exec, the FPM status quo: one stream after the other,
 * a write callback parses SSE as bytes arrive.
 */
declare(strict_types=1);
require __DIR__ . '/lib/common.php';
use LoomBench\{Recorder, SseParser};
use const LoomBench\REQUEST_BODY;

$o = LoomBench\args($argv);
$rec = new Recorder('curl-seq', $o['n'], $o['tokens']);
$rec->start();
for ($i = 0; $i < $o['n']; $i++) {
    $p = new SseParser($rec, $i);
    $ch = curl_init($o['url']);
    curl_setopt_array($ch, [
        CURLOPT_POST => true,
        CURLOPT_POSTFIELDS => REQUEST_BODY,
        CURLOPT_HTTPHEADER => ['Content-Type: application/json', 'Accept: text/event-stream'],
        CURLOPT_WRITEFUNCTION => static function ($ch, string $data) use ($p): int {
            $p->feed($data);
            return strlen($data);
        },
    ]);
    if (curl_exec($ch) === false) {
        $rec->fail("stream $i: " . curl_error($ch));
    } elseif (($code = curl_getinfo($ch, CURLINFO_RESPONSE_CODE)) !== 200) {
        $rec->fail("stream $i: HTTP $code");
    } else {
        $p->end();
    }
    curl_close($ch);
}
$rec->finish();
