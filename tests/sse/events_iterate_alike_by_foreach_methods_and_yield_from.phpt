--TEST--
SSE: events(), chunks() and Client::stream() iterate alike through foreach, iterator_to_array(), yield from and their Iterator methods (keys included), mixing them continues where the other left off, and foreach by reference is refused
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$url = '/sse?chunk=7&data=' . rawurlencode("data: a\n\nevent: x\ndata: b\nid: 7\n\ndata: c\nretry: 5\n\n");
$show = static fn (iterable $events): string => implode(' ', array_map(
    static fn ($k, $e) => "$k=$e->type/$e->data/$e->id/" . json_encode($e->retry),
    array_keys($a = is_array($events) ? $events : iterator_to_array($events)), $a));

$byForeach = [];
foreach ($c->request('GET', $url)->events() as $k => $e) $byForeach[$k] = $e;
echo 'foreach:            ', $show($byForeach), "\n";
echo 'iterator_to_array:  ', $show(iterator_to_array($c->request('GET', $url)->events())), "\n";
$gen = (static function () use ($c, $url) { yield from $c->request('GET', $url)->events(); })();
echo 'yield from:         ', $show(iterator_to_array($gen)), "\n";
$it = $c->request('GET', $url)->events();
$byMethods = [];
for ($it->rewind(); $it->valid(); $it->next()) $byMethods[$it->key()] = $it->current();
echo 'methods:            ', $show($byMethods), "\n";
// Methods first, then foreach: foreach does not start over (rewind() after the start is a no-op).
$it = $c->request('GET', $url)->events();
$it->rewind();
$mixed = [$it->key() => $it->current()];
$it->next();
foreach ($it as $k => $e) $mixed[$k] = $e;
echo 'methods then foreach: ', $show($mixed), "\n";

$bytes = 0;
$keys = [];
foreach ($c->request('GET', $url)->chunks() as $k => $chunk) {
    $keys[] = $k;
    $bytes += strlen($chunk);
}
echo "chunks: $bytes bytes, keys 0..n-1: ", json_encode($keys === range(0, count($keys) - 1)), "\n";
$streamed = 0;
$responses = [$c->request('GET', $url), $c->request('GET', $url)];
foreach ($c->stream($responses) as $r => $chunk) {
    if ($r instanceof Loom\Http\Response) $streamed += strlen($chunk);
}
echo "stream: $streamed bytes\n";

foreach ([$c->request('GET', $url)->events(), $c->request('GET', $url)->chunks()] as $it) {
    try {
        foreach ($it as &$e) {}
    } catch (Error $ex) {
        echo get_class($it), ' by reference: ', get_class($ex), ': ', $ex->getMessage(), "\n";
    }
}
unset($it, $e, $gen, $responses, $r);
loom_test_server_stop($srv);
loom_assert_http_baseline(2);  // stream() read two responses at once: two kept-alive connections
?>
--EXPECT--
foreach:            0=message/a//null 1=x/b/7/null 2=message/c/7/5
iterator_to_array:  0=message/a//null 1=x/b/7/null 2=message/c/7/5
yield from:         0=message/a//null 1=x/b/7/null 2=message/c/7/5
methods:            0=message/a//null 1=x/b/7/null 2=message/c/7/5
methods then foreach: 0=message/a//null 1=x/b/7/null 2=message/c/7/5
chunks: 51 bytes, keys 0..n-1: true
stream: 102 bytes
Loom\Http\EventIterator by reference: Error: An iterator cannot be used with foreach by reference
Loom\Http\ChunkIterator by reference: Error: An iterator cannot be used with foreach by reference
baseline: ok
