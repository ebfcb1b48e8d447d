--TEST--
Adapters: the PSR-18 client builds responses with the PSR-17 factories it is given, else finds them with php-http/discovery
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$srv = loom_test_server_start();

/** A response factory that marks what it made, to prove it was used. */
final class MarkingFactory implements Psr\Http\Message\ResponseFactoryInterface, Psr\Http\Message\StreamFactoryInterface
{
    public int $responses = 0;
    public int $streams = 0;
    private GuzzleHttp\Psr7\HttpFactory $inner;
    public function __construct() { $this->inner = new GuzzleHttp\Psr7\HttpFactory(); }
    public function createResponse(int $code = 200, string $reasonPhrase = ''): Psr\Http\Message\ResponseInterface
    { $this->responses++; return $this->inner->createResponse($code, $reasonPhrase)->withHeader('X-Made-By', 'marking'); }
    public function createStream(string $content = ''): Psr\Http\Message\StreamInterface { $this->streams++; return $this->inner->createStream($content); }
    public function createStreamFromFile(string $filename, string $mode = 'r'): Psr\Http\Message\StreamInterface { return $this->inner->createStreamFromFile($filename, $mode); }
    public function createStreamFromResource($resource): Psr\Http\Message\StreamInterface { return $this->inner->createStreamFromResource($resource); }
}
$marking = new MarkingFactory();
$given = new Loom\Psr18\Client([], $marking, $marking);
$request = (new GuzzleHttp\Psr7\HttpFactory())->createRequest('GET', "{$srv['url']}/json?n=2");
$r = $given->sendRequest($request);
echo 'given: ', $r->getHeaderLine('X-Made-By'), ' ', $r->getBody(), ' responses ', $marking->responses, "\n";
$given->sendRequest($request->withMethod('HEAD'));
echo 'given: streams for empty bodies ', $marking->streams, "\n";

$discovered = new Loom\Psr18\Client();
$r = $discovered->sendRequest($request);
echo 'discovered: ', get_class($r), ' ', $r->getBody(), "\n";
echo 'php-http/discovery is installed: ', var_export(class_exists(Http\Discovery\Psr17FactoryDiscovery::class), true), "\n";
loom_test_server_stop($srv);
?>
--EXPECT--
given: marking {"items":[0,1]} responses 1
given: streams for empty bodies 1
discovered: GuzzleHttp\Psr7\Response {"items":[0,1]}
php-http/discovery is installed: true
