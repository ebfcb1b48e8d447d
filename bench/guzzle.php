<?php
/*
 * Peer 3: Guzzle with Pool.
 *   --mode default  new Client(), Pool with its default concurrency (25), the default
 *                   (buffered) body; SSE is parsed once a response is complete.
 *   --mode stream   'stream' => true, Guzzle's documented way to stream a body
 *                   (it routes the request to the PHP-stream handler); Pool
 *                   concurrency = N; each body is read in the fulfilled callback.
 *   --mode tuned    an explicit CurlMultiHandler, Pool concurrency = N and a 'sink'
 *                   stream whose write() parses SSE as curl delivers bytes.
 *   --mode loom     Loom\Guzzle\Handler (loom/adapters, needs loom.so): one Loom task
 *                   per request, 'stream' => true, the body read as bytes arrive.
 */
declare(strict_types=1);
require __DIR__ . '/vendor/autoload.php';
require __DIR__ . '/lib/common.php';

use GuzzleHttp\Client;
use GuzzleHttp\Handler\CurlMultiHandler;
use GuzzleHttp\HandlerStack;
use GuzzleHttp\Pool;
use GuzzleHttp\Psr7\Request;
use LoomBench\{Recorder, SseParser};
use Psr\Http\Message\ResponseInterface;
use Psr\Http\Message\StreamInterface;
use const LoomBench\REQUEST_BODY;

/** A write-only PSR-7 stream that feeds an SSE parser: Guzzle's sink hook. */
final class SseSink implements StreamInterface
{
    private int $size = 0;
    public function __construct(public readonly SseParser $parser) {}
    public function write(string $string): int { $this->parser->feed($string); $this->size += strlen($string); return strlen($string); }
    public function isWritable(): bool { return true; }
    public function isReadable(): bool { return false; }
    public function isSeekable(): bool { return false; }
    public function getSize(): ?int { return $this->size; }
    public function tell(): int { return $this->size; }
    public function eof(): bool { return true; }
    public function read(int $length): string { throw new RuntimeException('write-only'); }
    public function getContents(): string { return ''; }
    public function __toString(): string { return ''; }
    public function seek(int $offset, int $whence = SEEK_SET): void { throw new RuntimeException('not seekable'); }
    public function rewind(): void { throw new RuntimeException('not seekable'); }
    public function close(): void {}
    public function detach() { return null; }
    public function getMetadata(?string $key = null) { return $key === null ? [] : null; }
}

$o = LoomBench\args($argv);
$mode = $o['mode'];
$rec = new Recorder("guzzle-$mode", $o['n'], $o['tokens']);
$headers = ['Content-Type' => 'application/json', 'Accept' => 'text/event-stream'];
$parsers = [];

$poolOptions = [];
if ($mode === 'default') {
    $client = new Client();
} elseif ($mode === 'stream') {
    $client = new Client();
    $poolOptions = ['concurrency' => $o['n'], 'options' => ['stream' => true]];
} elseif ($mode === 'loom') {
    $client = new Client(['handler' => HandlerStack::create(new Loom\Guzzle\Handler())]);
} elseif ($mode === 'tuned') {
    $client = new Client(['handler' => HandlerStack::create(new CurlMultiHandler())]);
    $poolOptions = ['concurrency' => $o['n']];
} else {
    fwrite(STDERR, "unknown mode $mode\n");
    exit(2);
}

$rec->start();
if ($mode === 'loom') {
    // The one-line switch plus what a streaming SDK does: each call in its own task, reading its body.
    $tasks = [];
    for ($i = 0; $i < $o['n']; $i++) {
        $tasks[] = Loom\spawn(static function (int $i) use ($client, $o, $headers, $rec): void {
            $parser = new SseParser($rec, $i);
            try {
                $r = $client->post($o['url'], ['headers' => $headers, 'body' => REQUEST_BODY, 'stream' => true]);
                $body = $r->getBody();
                while (!$body->eof()) {
                    $parser->feed($body->read(8192));
                }
                $parser->end();
            } catch (Throwable $e) {
                $rec->fail("stream $i: " . $e->getMessage());
            }
        }, $i);
    }
    Loom\all($tasks);
    $rec->finish();
    exit;
}
$requests = static function () use ($client, $o, $headers, $mode, $rec, &$parsers) {
    for ($i = 0; $i < $o['n']; $i++) {
        $parsers[$i] = new SseParser($rec, $i);
        $req = new Request('POST', $o['url'], $headers, REQUEST_BODY);
        if ($mode === 'tuned') {
            $p = $parsers[$i];
            yield $i => static fn (array $opts) => $client->sendAsync($req, ['sink' => new SseSink($p)] + $opts);
        } else {
            yield $i => $req;
        }
    }
};
$pool = new Pool($client, $requests(), $poolOptions + [
    'fulfilled' => static function (ResponseInterface $r, int $i) use ($mode, $rec, &$parsers): void {
        if ($r->getStatusCode() !== 200) {
            $rec->fail("stream $i: HTTP " . $r->getStatusCode());
            return;
        }
        $p = $parsers[$i];
        if ($mode === 'default') {
            $p->feed((string)$r->getBody());
        } elseif ($mode === 'stream') {
            $body = $r->getBody();
            while (!$body->eof()) {
                $p->feed($body->read(8192));
            }
        }
        $p->end();
        unset($parsers[$i]);
    },
    'rejected' => static function ($reason, int $i) use ($rec): void {
        $rec->fail("stream $i: " . ($reason instanceof Throwable ? $reason->getMessage() : (string)$reason));
    },
]);
$pool->promise()->wait();
$rec->finish();
