--TEST--
Hook: a Guzzle Pool of 20 streamed chat completions in one task (default handler stack) while a timer task keeps ticking every 20 ms: every token arrives and the timer never stalls
--SKIPIF--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
if ($r = loom_curl_hook_vendor_skip_reason()) die("skip $r");
?>
--FILE--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
loom_curl_hook_vendor();
use GuzzleHttp\Pool;
use GuzzleHttp\Psr7\Request;
$srv = loom_test_server_start();
$client = new GuzzleHttp\Client(['base_uri' => $srv['url']]);
[$ticker, $stop] = loom_ticker();
$pool = Loom\spawn(function () use ($client) {
    $tokens = [];
    $requests = function () {
        for ($i = 0; $i < 20; $i++) yield $i => new Request('GET', '/v1/chat/completions?tokens=10&interval_ms=30&ttft_ms=50');
    };
    (new Pool($client, $requests(), [
        'concurrency' => 20,
        'fulfilled' => function ($response, $i) use (&$tokens) {
            $tokens[$i] = substr_count((string)$response->getBody(), '"content":"t');
        },
        'rejected' => function ($reason, $i) use (&$tokens) { $tokens[$i] = get_class($reason); },
    ]))->promise()->wait();
    ksort($tokens);
    return $tokens;
});
$tokens = $pool->await();
$stop();
echo 'tokens per stream: ', json_encode(array_count_values($tokens)), "\n";
echo $ticker->ticks >= (getenv('LOOM_TEST_SCALE') === 'valgrind' ? 3 : 10) ? "ticker ran\n" : "ticker starved ({$ticker->ticks} ticks)\n";
// Under valgrind everything runs 20-50 times slower, the handling of a burst of chunks included.
$gap = getenv('LOOM_TEST_SCALE') === 'valgrind' ? 4.0 : 0.25;
echo $ticker->maxGap < $gap ? "no long gap\n" : "gap of {$ticker->maxGap} s\n";
loom_test_server_stop($srv);
unset($client);
gc_collect_cycles();
loom_assert_http_baseline(8);
?>
--EXPECT--
tokens per stream: {"10":20}
ticker ran
no long gap
baseline: ok
