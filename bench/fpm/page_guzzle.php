<?php
// FPM page, Guzzle: the 4 calls at once with requestAsync() + Promise\Utils::all() (curl multi, buffered bodies).
require __DIR__ . '/page_common.php';
require dirname(__DIR__) . '/vendor/autoload.php';
$t0 = microtime(true);
$client = new GuzzleHttp\Client();
$promises = [];
for ($i = 0; $i < PAGE_CALLS; $i++) {
    $promises[$i] = $client->requestAsync('POST', page_url(), [
        'headers' => ['Content-Type' => 'application/json', 'Accept' => 'text/event-stream'],
        'body' => PAGE_BODY,
    ]);
}
$counts = [];
foreach (GuzzleHttp\Promise\Utils::all($promises)->wait() as $i => $response) {
    $counts[$i] = page_count_tokens((string)$response->getBody());
}
page_finish($counts, $t0);
