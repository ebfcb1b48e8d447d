--TEST--
Adapters: an SDK built like openai-php (withHttpClient($psr18), a stream handler fn ($request) => $client->sendRequest($request), lines read from the PSR-7 body) streams chat completions in 10 tasks token by token at once
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();

use Psr\Http\Client\ClientInterface;
use Psr\Http\Message\RequestFactoryInterface;
use Psr\Http\Message\ResponseInterface;
use Psr\Http\Message\StreamFactoryInterface;

/** The call pattern of openai-php/client's Factory and Transporter, written small. */
final class MiniSdkFactory
{
    private ?ClientInterface $client = null;
    private ?Closure $streamHandler = null;
    private string $baseUri = '';
    public function withHttpClient(ClientInterface $client): self { $this->client = $client; return $this; }
    public function withStreamHandler(Closure $handler): self { $this->streamHandler = $handler; return $this; }
    public function withBaseUri(string $uri): self { $this->baseUri = $uri; return $this; }
    public function make(RequestFactoryInterface&StreamFactoryInterface $psr17): MiniSdk
    {
        $client = $this->client;
        return new MiniSdk($this->baseUri, $psr17, $this->streamHandler ?? fn($request) => $client->sendRequest($request));
    }
}
final class MiniSdk
{
    public function __construct(private string $baseUri, private RequestFactoryInterface&StreamFactoryInterface $psr17, private Closure $streamHandler) {}

    /** @return Generator<int, string> the content deltas, as they arrive */
    public function createStreamed(array $parameters, string $query): Generator
    {
        $request = $this->psr17->createRequest('POST', "{$this->baseUri}/v1/chat/completions?$query")
            ->withHeader('Content-Type', 'application/json')
            ->withBody($this->psr17->createStream(json_encode(['stream' => true] + $parameters)));
        /** @var ResponseInterface $response */
        $response = ($this->streamHandler)($request);
        if ($response->getStatusCode() >= 400) {
            throw new RuntimeException('API error ' . $response->getStatusCode());
        }
        $body = $response->getBody();
        while (!$body->eof()) {
            $line = loom_adapters_read_line($body);
            if (!str_starts_with($line, 'data:')) continue;
            $data = trim(substr($line, 5));
            if ($data === '[DONE]') break;
            $json = json_decode($data, true, flags: JSON_THROW_ON_ERROR);
            if (isset($json['error'])) throw new RuntimeException($json['error']['message']);
            yield $json['choices'][0]['delta']['content'] ?? '';
        }
    }
}

$srv = loom_test_server_start();
$psr18 = new Loom\Psr18\Client();
$sdk = (new MiniSdkFactory())->withHttpClient($psr18)->withBaseUri($srv['url'])
    ->withStreamHandler(fn($request) => $psr18->sendRequest($request))
    ->make(new GuzzleHttp\Psr7\HttpFactory());

// Every stream holds its tokens after the first at the gate "sdk", opened only once all 10 tasks got their
// first token: 10 streams read concurrently, each reader suspending only itself.
$firstTokens = new Loom\Channel(10);
$tasks = [];
for ($i = 0; $i < 10; $i++) {
    $tasks[] = Loom\spawn(function () use ($sdk, $firstTokens, $i) {
        $text = '';
        foreach ($sdk->createStreamed(['model' => 'loom-mock', 'messages' => [['role' => 'user', 'content' => "q$i"]]],
                 'tokens=5&interval_ms=5&ttft_ms=0&gate=sdk') as $n => $delta) {
            $text .= $delta;
            if ($n === 0) $firstTokens->send($i);
        }
        return $text;
    });
}
Loom\timeout(30, function () use ($firstTokens) { for ($n = 0; $n < 10; $n++) $firstTokens->receive(); });
echo "all 10 streams had their first token before any could go on\n";
loom_adapters_open_gate($srv, 'sdk');
var_dump(array_unique(Loom\all($tasks)));
loom_test_server_stop($srv);
loom_assert_http_baseline(10);
?>
--EXPECT--
all 10 streams had their first token before any could go on
array(1) {
  [0]=>
  string(15) "t0 t1 t2 t3 t4 "
}
baseline: ok
