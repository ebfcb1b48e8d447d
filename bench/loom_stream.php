<?php
/*
 * Loom without tasks: Client::stream() over all responses in one task, as the
 * README shows (request() in a loop, each returns at headers, then stream()
 * yields Response => bytes). SSE is parsed in PHP here, as with curl_multi.
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
    for ($i = 0; $i < $o['n']; $i++) {
        $r = $client->request('POST', $o['url'], ['body' => REQUEST_BODY]);
        $responses[] = $r;
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
