--TEST--
Http: a Response and a Client::stream() over it in one garbage cycle are freed by gc_collect_cycles() in either order, fresh or part-read, without touching freed memory
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);

// The object dropped first becomes the collector's first root, so its free_obj runs first.
function cycle(Loom\Http\Client $c, string $first, bool $partRead): void
{
    $r = $c->request('GET', '/drip?n=100&interval_ms=100');  // still in flight when collected
    $s = $c->stream([$r]);
    if ($partRead) {
        foreach ($s as $key => $chunk) break;  // the stream has started and holds state
        unset($key, $chunk);
    }
    $h = new stdClass();
    $h->self = $h;
    $h->r = $r;
    $h->s = $s;
    gc_collect_cycles();  // empties the root buffer: the order below decides the free order
    if ($first === 'response') {
        unset($r, $s);
    } else {
        unset($s, $r);
    }
    unset($h);
    $freed = gc_collect_cycles();
    echo $first, ' first', $partRead ? ' (part-read)' : '', ': ', $freed >= 3 ? 'collected' : "collected only $freed",
        ', transfers left ', Loom\stats()['curl_handles'], "\n";
}

cycle($c, 'response', false);
cycle($c, 'stream', false);
cycle($c, 'response', true);
cycle($c, 'stream', true);
loom_test_server_stop($srv);
loom_assert_http_baseline();
?>
--EXPECT--
response first: collected, transfers left 0
stream first: collected, transfers left 0
response first (part-read): collected, transfers left 0
stream first (part-read): collected, transfers left 0
baseline: ok
