--TEST--
SSE: events already received in one piece are all delivered, in order, without the reading task suspending between them
--INI--
loom.preempt_ms=0
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
// Two pieces of three events each; the server holds the second until gate "piece2" opens.
$piece = "data: a\n\ndata: b\n\ndata: c\n\n";
$raw = $piece . "data: d\n\ndata: e\n\ndata: f\n\n";  // the same length: the second piece
$url = '/sse?gate=piece2&chunk=' . strlen($piece) . '&data=' . rawurlencode($raw);

// A ticker counts its turns: if the reader suspended between two events, the ticker would run there.
$ticks = 0;
$got = 0;
$stop = false;
$ticker = Loom\spawn(static function () use (&$ticks, &$got, &$stop, $srv): void {
    $opened = false;
    while (!$stop) {
        $ticks++;
        if (!$opened && $got >= 3) {
            $opened = true;
            // Not on the stream's connection; the reader has parked by the time this returns or soon after.
            file_get_contents($srv['url'] . '/open?gate=piece2');
        }
        Loom\sleep(0);
    }
});
$reader = Loom\spawn(static function () use ($c, $url, &$ticks, &$got): array {
    $seen = [];
    foreach ($c->request('GET', $url)->events() as $i => $e) {
        $seen[] = [$i, $e->data, $ticks];
        $got++;
    }
    return $seen;
});
$seen = $reader->await();
$stop = true;
$ticker->await();

echo implode(' ', array_map(static fn ($s) => "$s[0]:$s[1]", $seen)), "\n";
$first = array_column(array_slice($seen, 0, 3), 2);
$second = array_column(array_slice($seen, 3, 3), 2);
echo 'first piece, one turn: ', json_encode(count(array_unique($first)) === 1), "\n";
echo 'second piece, one turn: ', json_encode(count(array_unique($second)) === 1), "\n";
echo 'the ticker ran between the pieces: ', json_encode($second[0] > $first[0]), "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
0:a 1:b 2:c 3:d 4:e 5:f
first piece, one turn: true
second piece, one turn: true
the ticker ran between the pieces: true
baseline: ok
