--TEST--
Http: a Response and its chunks() or events() iterator in one garbage cycle are freed by gc_collect_cycles() in either order, fresh or part-read
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);

function cycle(Loom\Http\Client $c, string $kind, string $first, bool $partRead): void
{
    $r = $kind === 'events'
        ? $c->request('GET', '/v1/chat/completions?tokens=200&interval_ms=50&ttft_ms=0')
        : $c->request('GET', '/drip?n=100&interval_ms=100');
    $it = $kind === 'events' ? $r->events() : $r->chunks();
    if ($partRead) {
        foreach ($it as $item) break;
    }
    $h = new stdClass();
    $h->self = $h;
    $h->r = $r;
    $h->it = $it;
    gc_collect_cycles();
    if ($first === 'response') {
        unset($r, $it);
    } else {
        unset($it, $r);
    }
    unset($h);
    $freed = gc_collect_cycles();
    echo "$kind, $first first", $partRead ? ' (part-read)' : '', ': ', $freed >= 3 ? 'collected' : "collected only $freed",
        ', transfers left ', Loom\stats()['curl_handles'], "\n";
}

foreach (['chunks', 'events'] as $kind) {
    foreach ([false, true] as $partRead) {
        cycle($c, $kind, 'response', $partRead);
        cycle($c, $kind, 'iterator', $partRead);
    }
}
loom_test_server_stop($srv);
loom_assert_http_baseline();
?>
--EXPECT--
chunks, response first: collected, transfers left 0
chunks, iterator first: collected, transfers left 0
chunks, response first (part-read): collected, transfers left 0
chunks, iterator first (part-read): collected, transfers left 0
events, response first: collected, transfers left 0
events, iterator first: collected, transfers left 0
events, response first (part-read): collected, transfers left 0
events, iterator first (part-read): collected, transfers left 0
baseline: ok
