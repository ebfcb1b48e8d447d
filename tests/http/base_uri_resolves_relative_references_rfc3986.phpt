--TEST--
Http: base_uri resolves relative references as RFC 3986 section 5 does (paths, dot segments, query, fragment, network-path, empty)
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$base = "{$srv['url']}/echo/b/c/d?q=1";
$c = new Loom\Http\Client(['base_uri' => $base]);
$refs = ['g', './g', 'g/', '/echo/g', '?y', 'g?y', '#s', 'g#s', 'g?y#s', '', '.', './', '..', '../', '../g',
    '../..', '../../', '../../g', 'g/./h', 'g/../h', "//127.0.0.1:{$srv['port']}/echo/net", "{$srv['url']}/echo/abs"];
foreach ($refs as $ref) {
    $r = $c->request('GET', $ref);
    $seen = $r->json();
    printf("%-10s -> %s (server saw %s%s)\n", $ref === '' ? "''" : (str_starts_with($ref, 'http') || str_starts_with($ref, '//') ? 'absolute' : $ref),
        str_replace($srv['url'], 'BASE', $r->url()), $seen['path'], $seen['query'] !== '' ? '?' . $seen['query'] : '');
}
// Without a trailing slash the last segment of the base is replaced (as Guzzle and Symfony do).
$c = new Loom\Http\Client(['base_uri' => "{$srv['url']}/echo/api"]);
echo str_replace($srv['url'], 'BASE', $c->request('GET', 'v1/x')->url()), "\n";
$c = new Loom\Http\Client(['base_uri' => "{$srv['url']}/echo/api/"]);
echo str_replace($srv['url'], 'BASE', $c->request('GET', 'v1/x')->url()), "\n";
// A per-request base_uri overrides the client's.
echo str_replace($srv['url'], 'BASE', $c->request('GET', 'z', ['base_uri' => "{$srv['url']}/echo/other/"])->url()), "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
g          -> BASE/echo/b/c/g (server saw /echo/b/c/g)
./g        -> BASE/echo/b/c/g (server saw /echo/b/c/g)
g/         -> BASE/echo/b/c/g/ (server saw /echo/b/c/g/)
/echo/g    -> BASE/echo/g (server saw /echo/g)
?y         -> BASE/echo/b/c/d?y (server saw /echo/b/c/d?y)
g?y        -> BASE/echo/b/c/g?y (server saw /echo/b/c/g?y)
#s         -> BASE/echo/b/c/d?q=1#s (server saw /echo/b/c/d?q=1)
g#s        -> BASE/echo/b/c/g#s (server saw /echo/b/c/g)
g?y#s      -> BASE/echo/b/c/g?y#s (server saw /echo/b/c/g?y)
''         -> BASE/echo/b/c/d?q=1 (server saw /echo/b/c/d?q=1)
.          -> BASE/echo/b/c/ (server saw /echo/b/c/)
./         -> BASE/echo/b/c/ (server saw /echo/b/c/)
..         -> BASE/echo/b/ (server saw /echo/b/)
../        -> BASE/echo/b/ (server saw /echo/b/)
../g       -> BASE/echo/b/g (server saw /echo/b/g)
../..      -> BASE/echo/ (server saw /echo/)
../../     -> BASE/echo/ (server saw /echo/)
../../g    -> BASE/echo/g (server saw /echo/g)
g/./h      -> BASE/echo/b/c/g/h (server saw /echo/b/c/g/h)
g/../h     -> BASE/echo/b/c/h (server saw /echo/b/c/h)
absolute   -> BASE/echo/net (server saw /echo/net)
absolute   -> BASE/echo/abs (server saw /echo/abs)
BASE/echo/v1/x
BASE/echo/api/v1/x
BASE/echo/other/z
baseline: ok
