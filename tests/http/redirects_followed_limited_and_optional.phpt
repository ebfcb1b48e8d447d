--TEST--
Http: redirects are followed up to max_redirects (10 by default; a longer chain or a loop raises phase redirect), 0 turns them off, and 303 (or 301/302 after POST) becomes a GET while 307/308 keep method and body
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$r = $c->request('GET', '/redirect/3');
echo 'followed 3: ', $r->status(), ' ', str_replace($srv['url'], 'URL', $r->url()), ' ', $r->json()['path'], "\n";
echo 'followed 10: ', $c->request('GET', '/redirect/9')->status(), "\n";
try {
    $c->request('GET', '/redirect/10');
} catch (Loom\Http\TransportException $e) {
    echo 'chain of 11: ', get_class($e), ' phase ', $e->getPhase(), ', curl ', $e->getCurlCode(), ': ', str_replace($srv['url'], 'URL', $e->getMessage()), "\n";
}
try {
    $c->request('GET', '/redirect-to?url=' . rawurlencode('/redirect-to?url=x'), ['max_redirects' => 1]);
} catch (Loom\Http\TransportException $e) {
    echo 'over a per-request limit of 1: phase ', $e->getPhase(), "\n";
}
$r = $c->request('GET', '/redirect/2', ['max_redirects' => 0]);
echo 'not followed: ', $r->status(), ' Location ', $r->header('location'), "\n";
$e = $c->request('POST', '/redirect-to?status=303&url=/echo', ['body' => 'payload', 'headers' => ['Content-Type' => 'text/plain']])->json();
echo '303 after POST: ', $e['method'], ' body ', json_encode($e['body']), ' content-type ', json_encode($e['headers']['content-type'] ?? null), "\n";
$e = $c->request('POST', '/redirect-to?status=302&url=/echo', ['body' => 'payload'])->json();
echo '302 after POST: ', $e['method'], ' body ', json_encode($e['body']), "\n";
foreach ([307, 308] as $code) {
    $e = $c->request('POST', "/redirect-to?status=$code&url=/echo", ['body' => 'payload'])->json();
    echo "$code after POST: ", $e['method'], ' body ', json_encode($e['body']), "\n";
}
$e = $c->request('PUT', '/redirect-to?status=301&url=/echo', ['body' => 'p'])->json();
echo '301 after PUT: ', $e['method'], "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
followed 3: 200 URL/echo /echo
followed 10: 200
chain of 11: Loom\Http\TransportException phase redirect, curl 47: Too many redirects (max_redirects=10) following URL/redirect/0
over a per-request limit of 1: phase redirect
not followed: 302 Location /redirect/1
303 after POST: GET body "" content-type null
302 after POST: GET body ""
307 after POST: POST body "payload"
308 after POST: POST body "payload"
301 after PUT: PUT
baseline: ok
