<?php
/*
 * Loom with Client::stream(): the requests are started with Loom\map() (request()
 * returns at headers, so starting them one after another in one task would wait
 * for each one's headers in turn), then one loop reads every body as bytes arrive,
 * as the README shows. SSE is parsed in PHP here, as with curl_multi.
 */
declare(strict_types=1);
require __DIR__ . '/lib/common.php';
use LoomBench\{Recorder, SseParser};
use const LoomBench\REQUEST_BODY;

$o = LoomBench\args($argv);
$rec = new Recorder('loom-stream', $o['n'], $o['tokens']);
$client = new Loom\Http\Client(['headers' => ['Content-Type' => 'application/json']]);
$rec->start();
$responses = [];
$parsers = new SplObjectStorage();
try {
    $responses = Loom\map(range(0, $o['n'] - 1),
        fn($i) => $client->request('POST', $o['url'], ['body' => REQUEST_BODY]), $o['n']);
    foreach ($responses as $i => $r) {
        $parsers[$r] = new SseParser($rec, $i);
    }
    foreach ($client->stream($responses) as $r => $chunk) {
        $p = $parsers[$r];
        if ($chunk !== '') {
            $p->feed($chunk);
        } elseif ($r->status() !== 200) {
            $rec->fail('HTTP ' . $r->status());
        } else {
            $p->end();
        }
    }
} catch (Throwable $e) {
    $rec->fail(get_class($e) . ': ' . $e->getMessage());
}
$rec->finish();
