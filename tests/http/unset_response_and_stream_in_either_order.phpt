--TEST--
Http: unset() of a Response and of a Client::stream() over it, in either order, mid-body or done, frees both and its transfer
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);

function drop(Loom\Http\Client $c, string $first, bool $done): void
{
    $other = $c->request('GET', '/drip?n=100&interval_ms=100');
    $r = $c->request('GET', $done ? '/bytes?n=10' : '/drip?n=100&interval_ms=100');
    $s = $c->stream([$other, $r]);
    foreach ($s as $key => $chunk) {
        if ($key === $r && ($chunk === '' || !$done)) break;  // $r's end reported, or mid-body
    }
    unset($key, $chunk);
    if ($first === 'response') {
        unset($r);
        unset($s);
    } else {
        unset($s);
        unset($r);
    }
    $inFlight = Loom\stats()['curl_handles'];  // only $other's
    $other->cancel();  // the other response is still usable; no stream holds it any more
    echo $first, ' first', $done ? ' (done)' : ' (mid-body)', ': in flight ', $inFlight, ', then ',
        Loom\stats()['curl_handles'], "\n";
}

drop($c, 'response', false);
drop($c, 'stream', false);
drop($c, 'response', true);
drop($c, 'stream', true);
loom_test_server_stop($srv);
loom_assert_http_baseline();
?>
--EXPECT--
response first (mid-body): in flight 1, then 0
stream first (mid-body): in flight 1, then 0
response first (done): in flight 1, then 0
stream first (done): in flight 1, then 0
baseline: ok
