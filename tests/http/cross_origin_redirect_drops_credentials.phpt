--TEST--
Http: a redirect to another origin (other port) drops Authorization, Cookie, Proxy-Authorization, x-api-key and api-key; a same-origin redirect keeps them
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$a = loom_test_server_start();
$b = loom_test_server_start();
$c = new Loom\Http\Client(['headers' => ['Authorization' => 'Bearer sk-client', 'X-Api-Key' => 'key-1', 'X-Trace' => 't1']]);
$opts = ['headers' => ['Cookie' => 'session=abc', 'Api-Key' => 'key-2', 'Proxy-Authorization' => 'Basic eA==', 'Accept' => 'application/json']];
$show = function (array $h) {
    $names = ['authorization', 'cookie', 'x-api-key', 'api-key', 'proxy-authorization', 'x-trace', 'accept'];
    return implode(' ', array_map(fn($n) => $n . '=' . (isset($h[$n]) ? 'sent' : 'absent'), $names));
};
$e = $c->request('GET', "{$a['url']}/redirect-to?url=" . rawurlencode("{$b['url']}/echo"), $opts)->json();
echo 'other origin: ', $show($e['headers']), "\n";
$e = $c->request('GET', "{$a['url']}/redirect-to?url=" . rawurlencode('/echo/same'), $opts)->json();
echo 'same origin:  ', $show($e['headers']), "\n";
// Once dropped they stay dropped, even if a later hop comes back to the first origin.
$back = "{$b['url']}/redirect-to?url=" . rawurlencode("{$a['url']}/echo");
$e = $c->request('GET', "{$a['url']}/redirect-to?url=" . rawurlencode($back), $opts)->json();
echo 'there and back: ', $show($e['headers']), "\n";
// The client's own headers are untouched for the next request.
echo 'next request: ', $show($c->request('GET', "{$b['url']}/echo", $opts)->json()['headers']), "\n";
loom_test_server_stop($a);
loom_test_server_stop($b);
loom_assert_http_baseline(2);
?>
--EXPECT--
other origin: authorization=absent cookie=absent x-api-key=absent api-key=absent proxy-authorization=absent x-trace=sent accept=sent
same origin:  authorization=sent cookie=sent x-api-key=sent api-key=sent proxy-authorization=sent x-trace=sent accept=sent
there and back: authorization=absent cookie=absent x-api-key=absent api-key=absent proxy-authorization=absent x-trace=sent accept=sent
next request: authorization=sent cookie=sent x-api-key=sent api-key=sent proxy-authorization=sent x-trace=sent accept=sent
baseline: ok
