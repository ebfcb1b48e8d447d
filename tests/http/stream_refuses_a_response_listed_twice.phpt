--TEST--
Http: Client::stream() refuses a response listed twice with Loom\Http\InvalidArgumentException naming both indexes (or keys), before covering any response
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$a = $c->request('GET', '/bytes?n=1000');
$b = $c->request('GET', '/bytes?n=2000');

function twice(Loom\Http\Response $a): Generator
{
    yield 'first' => $a;
    yield 'again' => $a;
}

foreach ([[$a, $b, $a], ['x' => $a, 'y' => $b, 'z' => $b], twice($a)] as $list) {
    try {
        $c->stream($list);
        echo "accepted\n";
    } catch (Loom\Http\InvalidArgumentException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// Nothing was covered: both bodies read normally, and a stream listing each once reports each end once.
echo strlen($a->body()), ' ', strlen($b->body()), "\n";
$ends = 0;
foreach ($c->stream([$a, $b]) as $r => $chunk) $ends += $chunk === '' ? 1 : 0;
echo "ends: $ends\n";
unset($a, $b, $r);
loom_test_server_stop($srv);
loom_assert_http_baseline(2);
?>
--EXPECT--
Loom\Http\InvalidArgumentException: Loom\Http\Client::stream(): the response at index 2 is the same as the one at index 0; list each response once
Loom\Http\InvalidArgumentException: Loom\Http\Client::stream(): the response at key "z" is the same as the one at key "y"; list each response once
Loom\Http\InvalidArgumentException: Loom\Http\Client::stream(): the response at key "again" is the same as the one at key "first"; list each response once
1000 2000
ends: 2
baseline: ok
