--TEST--
Adapters: PSR-18 network failures (refused, timed out, empty reply, DNS) throw NetworkExceptionInterface and invalid requests (bad scheme, relative URI, HTTP/1.0) RequestExceptionInterface, each with the request and Loom's exception as previous
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$srv = loom_test_server_start();
$port = loom_test_free_port();
$factory = new GuzzleHttp\Psr7\HttpFactory();
$client = new Loom\Psr18\Client(['timeout' => ['idle' => 0.3]]);
$cases = [
    'refused' => $factory->createRequest('GET', "http://127.0.0.1:$port/"),
    'headers never come (idle timeout)' => $factory->createRequest('GET', "{$srv['url']}/hang"),
    'empty reply' => $factory->createRequest('GET', "{$srv['url']}/close"),
    'unsupported scheme' => $factory->createRequest('GET', "ftp://127.0.0.1:$port/"),
    'relative URI (no scheme, no host)' => $factory->createRequest('GET', '/v1/models'),
    'HTTP/1.0' => $factory->createRequest('GET', "{$srv['url']}/echo")->withProtocolVersion('1.0'),
];
foreach ($cases as $label => $request) {
    try {
        $client->sendRequest($request);
        echo "$label: no exception\n";
    } catch (Psr\Http\Client\ClientExceptionInterface $e) {
        printf("%s: %s%s%s, same request %s, previous %s\n", $label,
            $e instanceof Psr\Http\Client\NetworkExceptionInterface ? 'NetworkExceptionInterface' : '',
            $e instanceof Psr\Http\Client\RequestExceptionInterface ? 'RequestExceptionInterface' : '',
            $e instanceof Psr\Http\Client\NetworkExceptionInterface && $e instanceof Psr\Http\Client\RequestExceptionInterface ? ' (both!)' : '',
            var_export($e->getRequest() === $request, true), $e->getPrevious() ? get_class($e->getPrevious()) : 'none');
    }
}
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
refused: NetworkExceptionInterface, same request true, previous Loom\Http\TransportException
headers never come (idle timeout): NetworkExceptionInterface, same request true, previous Loom\Http\TimeoutException
empty reply: NetworkExceptionInterface, same request true, previous Loom\Http\TransportException
unsupported scheme: RequestExceptionInterface, same request true, previous Loom\Http\InvalidArgumentException
relative URI (no scheme, no host): RequestExceptionInterface, same request true, previous Loom\Http\InvalidArgumentException
HTTP/1.0: RequestExceptionInterface, same request true, previous none
baseline: ok
