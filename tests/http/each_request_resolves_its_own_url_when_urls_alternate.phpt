--TEST--
HTTP: requests whose URLs alternate (base_uri, relative paths, query option, user:password@) each resolve and report their own URL, never the previous request's
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$base = $srv['url'];
$authority = substr($base, strlen('http://'));
$c = new Loom\Http\Client(['base_uri' => "$base/v1/"]);
$plain = new Loom\Http\Client();
$show = static fn (string $u): string => str_replace($base, 'BASE', $u);
$calls = [
    [$c, '../sse?data=a', []],
    [$c, '/sse?data=b', []],
    [$c, '../sse?data=a', []],
    [$c, '../sse?data=a', ['query' => ['x' => '1 2']]],
    [$c, '../sse?data=a', ['query' => ['x' => '3']]],
    [$c, '../sse?data=c#frag', []],
    [$plain, "http://user:secret@$authority/sse?data=d", []],
    [$plain, "$base/sse?data=d", []],
    [$plain, "http://user:secret@$authority/sse?data=d", []],
    [$c, '../sse?data=a', []],
];
foreach ($calls as [$client, $url, $opts]) {
    $r = $client->request('GET', $url, $opts);
    echo $show($r->url()), ' -> ', $r->body(), "\n";
}
try {
    $plain->request('GET', 'ftp://example.invalid/');
} catch (Loom\Http\InvalidArgumentException $e) {
    echo get_class($e), "\n";
}
$r = $c->request('GET', '../sse?data=e');
echo $show($r->url()), ' -> ', $r->body(), "\n";
unset($r);
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
BASE/sse?data=a -> a
BASE/sse?data=b -> b
BASE/sse?data=a -> a
BASE/sse?data=a&x=1%202 -> a
BASE/sse?data=a&x=3 -> a
BASE/sse?data=c#frag -> c
BASE/sse?data=d -> d
BASE/sse?data=d -> d
BASE/sse?data=d -> d
BASE/sse?data=a -> a
Loom\Http\InvalidArgumentException
BASE/sse?data=e -> e
baseline: ok
