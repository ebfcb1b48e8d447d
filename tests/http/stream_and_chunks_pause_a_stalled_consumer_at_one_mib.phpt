--TEST--
Http: a Client::stream() or chunks() consumer that stalls holds back the transfer at the same 1 MiB high-water mark: no chunk (the whole native buffer) exceeds 1 MiB, and every byte arrives
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url'], 'http_version' => '1.1']);
$n = loom_scale(32 << 20, 8 << 20);
$stall = loom_scale(1, 2) * 0.4;  // long enough for the server to send far more than 1 MiB unpaused
const HIGH_WATER = 1 << 20;

// Each chunk is everything Loom had buffered for the transfer when it was taken, so the largest chunk
// is the most native memory the body ever held. A stall after the first chunk and at every 4 MiB.
function consume(iterable $chunks, float $stall): array
{
    $total = 0;
    $max = 0;
    $nextStall = 0;
    foreach ($chunks as $chunk) {
        if ($chunk === '') break;  // stream(): the end
        $total += strlen($chunk);
        $max = max($max, strlen($chunk));
        if ($total >= $nextStall) {
            $nextStall = $total + (4 << 20);
            Loom\sleep($stall);
        }
    }
    return [$total, $max];
}

function stream_only(Loom\Http\Client $c, Loom\Http\Response $r): Generator
{
    foreach ($c->stream([$r]) as $chunk) yield $chunk;
}

foreach (['stream', 'chunks'] as $how) {
    $r = $c->request('GET', "/bytes?n=$n&chunk=65536");
    [$total, $max] = consume($how === 'stream' ? stream_only($c, $r) : $r->chunks(), $stall);
    echo "$how: ", $total === $n ? 'all bytes' : "$total of $n bytes", ', ',
        $max <= HIGH_WATER ? 'no chunk over 1 MiB' : "a chunk of $max bytes", "\n";
}
unset($r);
loom_test_server_stop($srv);
loom_assert_http_baseline();
?>
--EXPECT--
stream: all bytes, no chunk over 1 MiB
chunks: all bytes, no chunk over 1 MiB
baseline: ok
