<?php
/*
 * Peer 4: Symfony HttpClient, EventSourceHttpClient over HttpClient::create()
 * (CurlHttpClient here), all responses consumed through ->stream().
 *   --mode default  HttpClient::create(): max_host_connections is 6
 *   --mode tuned    HttpClient::create([], maxHostConnections: N)
 */
declare(strict_types=1);
require __DIR__ . '/vendor/autoload.php';
require __DIR__ . '/lib/common.php';

use LoomBench\{Recorder, StreamState};
use Symfony\Component\HttpClient\Chunk\ServerSentEvent;
use Symfony\Component\HttpClient\EventSourceHttpClient;
use Symfony\Component\HttpClient\HttpClient;
use const LoomBench\REQUEST_BODY;

$o = LoomBench\args($argv);
$mode = $o['mode'];
if ($mode === 'default') {
    $inner = HttpClient::create();
} elseif ($mode === 'tuned') {
    $inner = HttpClient::create([], max(6, $o['n']));
} else {
    fwrite(STDERR, "unknown mode $mode\n");
    exit(2);
}
$client = new EventSourceHttpClient($inner);
$rec = new Recorder("symfony-$mode", $o['n'], $o['tokens']);
$rec->start();
$responses = [];
$states = new SplObjectStorage();
for ($i = 0; $i < $o['n']; $i++) {
    $r = $client->request('POST', $o['url'], [
        'headers' => ['Content-Type' => 'application/json'],
        'body' => REQUEST_BODY,
        'user_data' => $i,
    ]);
    $responses[] = $r;
    $states[$r] = new StreamState();
}
try {
    foreach ($client->stream($responses) as $r => $chunk) {
        $i = $r->getInfo('user_data');
        try {
            if ($chunk instanceof ServerSentEvent) {
                LoomBench\on_event_data($chunk->getData(), $states[$r], $rec, $i);
            } elseif ($chunk->isLast()) {
                if ($r->getStatusCode() !== 200) {
                    $rec->fail("stream $i: HTTP " . $r->getStatusCode());
                } else {
                    $rec->streamEnded($states[$r], (string)$i);
                }
            }
        } catch (Throwable $e) {
            $rec->fail("stream $i: " . $e->getMessage());
        }
    }
} catch (Throwable $e) {
    $rec->fail(get_class($e) . ': ' . $e->getMessage());
}
$rec->finish();
