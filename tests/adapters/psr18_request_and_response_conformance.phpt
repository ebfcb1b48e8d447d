--TEST--
Adapters: PSR-18 conformance cases (as php-http/client-integration-tests would check; that suite is not installable here): every method, request headers and bodies sent as given, protocol version, repeated response headers, HEAD and 204 without a body
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$srv = loom_test_server_start();
$client = new Loom\Psr18\Client();
$f = new GuzzleHttp\Psr7\HttpFactory();
var_dump($client instanceof Psr\Http\Client\ClientInterface);
foreach (['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as $method) {
    $request = $f->createRequest($method, "{$srv['url']}/echo?m=$method")
        ->withHeader('X-Custom', ['one', 'two'])
        ->withHeader('Content-Type', 'text/plain')
        ->withBody($f->createStream($method === 'GET' ? '' : "body of $method"));
    $r = $client->sendRequest($request);
    $e = json_decode((string)$r->getBody(), true);
    printf("%s: %d %s %s x-custom=%s body=%s version=%s\n", $method, $r->getStatusCode(), $e['method'], $e['query'],
        $e['headers']['x-custom'], json_encode($e['body']), $r->getProtocolVersion());
}
$r = $client->sendRequest($f->createRequest('HEAD', "{$srv['url']}/json?n=100"));
echo 'HEAD: ', $r->getStatusCode(), ' content-length ', $r->getHeaderLine('Content-Length'), ' body ', json_encode((string)$r->getBody()), "\n";
$r = $client->sendRequest($f->createRequest('GET', "{$srv['url']}/status/204"));
echo '204: body ', json_encode((string)$r->getBody()), "\n";
$r = $client->sendRequest($f->createRequest('GET', "{$srv['url']}/echo"));
echo 'header names are case-insensitive: ', $r->getHeaderLine('CONTENT-TYPE'), ' = ', $r->getHeaderLine('content-type'), "\n";
$r = $client->sendRequest($f->createRequest('GET', "{$srv['url']}/echo")->withProtocolVersion('2'));
echo 'protocol 2 requested: ', $r->getStatusCode(), "\n";
$body = $client->sendRequest($f->createRequest('GET', "{$srv['url']}/bytes?n=300000&chunk=65536"))->getBody();
echo 'body: ', $body->isReadable() ? 'readable' : 'unreadable', ', ', $body->isWritable() ? 'writable' : 'read-only', ', ',
    strlen($body->getContents()), ' bytes, size ', $body->getSize(), ', tell ', $body->tell(), ', eof ', var_export($body->eof(), true), "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
bool(true)
GET: 200 GET m=GET x-custom=one, two body="" version=1.1
POST: 200 POST m=POST x-custom=one, two body="body of POST" version=1.1
PUT: 200 PUT m=PUT x-custom=one, two body="body of PUT" version=1.1
PATCH: 200 PATCH m=PATCH x-custom=one, two body="body of PATCH" version=1.1
DELETE: 200 DELETE m=DELETE x-custom=one, two body="body of DELETE" version=1.1
OPTIONS: 200 OPTIONS m=OPTIONS x-custom=one, two body="body of OPTIONS" version=1.1
HEAD: 200 content-length 301 body ""
204: body ""
header names are case-insensitive: application/json = application/json
protocol 2 requested: 200
body: readable, read-only, 300000 bytes, size 300000, tell 300000, eof true
baseline: ok
