<?php
/*
 * Peer 2: raw curl_multi_exec + curl_multi_select, the loop from the PHP
 * manual; every transfer has a write callback that parses SSE.
 */
declare(strict_types=1);
require __DIR__ . '/lib/common.php';
use LoomBench\{Recorder, SseParser};
use const LoomBench\REQUEST_BODY;

$o = LoomBench\args($argv);
$rec = new Recorder('curl-multi', $o['n'], $o['tokens']);
$mh = curl_multi_init();
$parsers = [];
$rec->start();
for ($i = 0; $i < $o['n']; $i++) {
    $p = $parsers[$i] = new SseParser($rec, $i);
    $ch = curl_init($o['url']);
    curl_setopt_array($ch, [
        CURLOPT_POST => true,
        CURLOPT_POSTFIELDS => REQUEST_BODY,
        CURLOPT_HTTPHEADER => ['Content-Type: application/json', 'Accept: text/event-stream'],
        CURLOPT_PRIVATE => $i,
        CURLOPT_WRITEFUNCTION => static function ($ch, string $data) use ($p): int {
            $p->feed($data);
            return strlen($data);
        },
    ]);
    curl_multi_add_handle($mh, $ch);
}
$finish = static function () use ($mh, $parsers, $rec): void {
    while (($msg = curl_multi_info_read($mh)) !== false) {
        $ch = $msg['handle'];
        $i = (int)curl_getinfo($ch, CURLINFO_PRIVATE);
        if ($msg['result'] !== CURLE_OK) {
            $rec->fail("stream $i: " . curl_strerror($msg['result']));
        } elseif (($code = curl_getinfo($ch, CURLINFO_RESPONSE_CODE)) !== 200) {
            $rec->fail("stream $i: HTTP $code");
        } else {
            $parsers[$i]->end();
        }
        curl_multi_remove_handle($mh, $ch);
        curl_close($ch);
    }
};
do {
    $status = curl_multi_exec($mh, $active);
    $finish();
    if ($active && curl_multi_select($mh, 1.0) === -1) {
        usleep(1000);
    }
} while ($active && $status === CURLM_OK);
$finish();
if ($status !== CURLM_OK) {
    $rec->fail('curl_multi_exec: ' . curl_multi_strerror($status));
}
curl_multi_close($mh);
$rec->finish();
