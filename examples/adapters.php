<?php
// Guzzle and PSR-18 on Loom (loom/adapters): ten streamed chat completions through Guzzle in ten tasks, with
// Loom's handler and with Guzzle's own, then the same through the PSR-18 client.
// Usage: composer install -d tests/adapters   (once; or point --autoload= at your project's vendor/autoload.php)
//        php -d extension=loom examples/adapters.php [--n=10] [--url=http://127.0.0.1:PORT] [--autoload=PATH]
// Without --url it starts the bundled LLM-like server (tests/server) and stops it at the end.

$opts = getopt('', ['n::', 'url::', 'autoload::']);
$n = (int)($opts['n'] ?? 10);
$autoload = $opts['autoload'] ?? __DIR__ . '/../tests/adapters/vendor/autoload.php';
if (!extension_loaded('loom')) {
    fwrite(STDERR, "The loom extension is not loaded: run with php -d extension=loom (or the path to loom.so)\n");
    exit(1);
}
if (!is_file($autoload)) {
    fwrite(STDERR, "$autoload is missing: run composer install -d tests/adapters (or pass --autoload=)\n");
    exit(1);
}
require $autoload;

$server = null;
$base = $opts['url'] ?? null;
if ($base === null) {
    require __DIR__ . '/../tests/inc/server.inc';
    $server = loom_test_server_start();
    $base = $server['url'];
}
$path = '/v1/chat/completions?tokens=30&interval_ms=20&ttft_ms=200';
$payload = ['model' => 'loom-mock', 'stream' => true, 'messages' => [['role' => 'user', 'content' => 'Say hello.']]];

// What an SDK does with a streamed body: read lines, decode the data: JSON, collect the deltas.
function read_completion(Psr\Http\Message\StreamInterface $body, callable $onFirst): string
{
    $text = '';
    $buffer = '';
    while (!$body->eof()) {
        $buffer .= $body->read(8192);
        while (($nl = strpos($buffer, "\n")) !== false) {
            $line = substr($buffer, 0, $nl);
            $buffer = substr($buffer, $nl + 1);
            if (str_starts_with($line, 'data: {')) {
                if ($text === '') $onFirst();
                $text .= json_decode(substr($line, 6), true)['choices'][0]['delta']['content'] ?? '';
            }
        }
    }
    return $text;
}

function run(string $label, int $n, callable $call): void
{
    $t0 = hrtime(true);
    $firsts = [];
    $tasks = [];
    for ($i = 0; $i < $n; $i++) {
        $tasks[] = Loom\spawn(function () use ($call, $t0, &$firsts) {
            return $call(function () use ($t0, &$firsts) { $firsts[] = (hrtime(true) - $t0) / 1e6; });
        });
    }
    $texts = Loom\all($tasks);
    sort($firsts);
    printf("%-44s %2d streams, %4d tokens in %.2f s; first token after %4.0f ms (median)\n", $label, $n,
        array_sum(array_map(fn($t) => str_word_count($t, 0, '0123456789'), $texts)), (hrtime(true) - $t0) / 1e9,
        $firsts[intdiv(count($firsts), 2)] ?? -1);
}

$loomGuzzle = new GuzzleHttp\Client(['base_uri' => $base,
    'handler' => GuzzleHttp\HandlerStack::create(new Loom\Guzzle\Handler())]);
$plainGuzzle = new GuzzleHttp\Client(['base_uri' => $base]);
foreach (['Guzzle + Loom\Guzzle\Handler, stream => true' => $loomGuzzle,
          "Guzzle's own handler, stream => true" => $plainGuzzle] as $label => $guzzle) {
    run($label, $n, function (callable $onFirst) use ($guzzle, $path, $payload) {
        $response = $guzzle->post($path, ['json' => $payload, 'stream' => true]);
        return read_completion($response->getBody(), $onFirst);
    });
}

$psr18 = new Loom\Psr18\Client();
$factory = new GuzzleHttp\Psr7\HttpFactory();
run('Loom\Psr18\Client::sendRequest()', $n, function (callable $onFirst) use ($psr18, $factory, $base, $path, $payload) {
    $request = $factory->createRequest('POST', $base . $path)
        ->withHeader('Content-Type', 'application/json')
        ->withBody($factory->createStream(json_encode($payload)));
    return read_completion($psr18->sendRequest($request)->getBody(), $onFirst);
});

if ($server !== null) {
    loom_test_server_stop($server);
}
