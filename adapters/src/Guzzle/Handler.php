<?php
/*
 * A Guzzle handler that runs each request as a Loom task on Loom\Http\Client: promises settle as their
 * transfers finish (no wait() needed), wait() suspends only the calling task, and 'stream' => true gives a
 * body whose read() returns the bytes that have arrived.
 *
 *   $client = new GuzzleHttp\Client(['handler' => GuzzleHttp\HandlerStack::create(new Loom\Guzzle\Handler())]);
 */

declare(strict_types=1);

namespace Loom\Guzzle;

use GuzzleHttp\Exception\ConnectException;
use GuzzleHttp\Exception\RequestException;
use GuzzleHttp\Promise\Promise;
use GuzzleHttp\Promise\PromiseInterface;
use GuzzleHttp\Promise\Utils as PromiseUtils;
use GuzzleHttp\Psr7;
use GuzzleHttp\TransferStats;
use GuzzleHttp\Utils as GuzzleUtils;
use Loom\Adapters\BodyStream;
use Loom\Adapters\RequestOptions;
use Loom\CancelledException;
use Loom\Http\Client;
use Loom\Http\Response;
use Loom\Http\TimeoutException;
use Loom\Http\TransportException;
use Loom\Task;
use Psr\Http\Message\RequestInterface;
use Psr\Http\Message\ResponseInterface;
use Psr\Http\Message\StreamInterface;

final class Handler
{
    /**
     * Guzzle request options this handler cannot honour, with why. Each fails the request with an
     * \InvalidArgumentException when it is set to something other than its "off" value.
     */
    private const UNSUPPORTED = [
        'curl' => 'Loom\Guzzle\Handler does not use ext/curl handles; use the "loom" request option for Loom\Http options',
        'debug' => 'Loom\Guzzle\Handler has no debug output',
        'stream_context' => 'Loom\Guzzle\Handler does not use PHP stream contexts',
        'force_ip_resolve' => 'Loom\Http\Client cannot force IPv4 or IPv6',
        'crypto_method' => 'Loom\Http\Client cannot pin a TLS version',
        'crypto_method_max' => 'Loom\Http\Client cannot pin a TLS version',
        'multiplex' => 'Loom\Http\Client multiplexes HTTP/2 by itself and cannot require it per request',
    ];

    private Client $client;

    /** @param array<string, mixed> $options Loom\Http\Client options (max_redirects defaults to 0: Guzzle's middleware follows redirects) */
    public function __construct(array $options = [])
    {
        $this->client = new Client($options + ['max_redirects' => 0]);
        TaskQueue::install();
        // Guzzle's promises are shared by the calling tasks and the transfers' tasks and written for code
        // that runs to completion. Loom never preempts a task while Guzzle's code (from vendor/) is on its
        // stack, and this handler's own promise updates and queue run inside Loom\atomic(), so preemption
        // stays on for the caller's own code.
    }

    public function __invoke(RequestInterface $request, array $options): PromiseInterface
    {
        $loom = $this->loomOptions($request, $options);
        $task = null;
        $promise = new Promise(
            static function () use (&$task): void {
                self::waitFor($task);
            },
            static function () use (&$task): void {
                $task?->cancel();
            }
        );
        $task = \Loom\spawn($this->transfer(...), $request, $options, $loom, $promise);
        return $promise;
    }

    /** Guzzle's wait(): suspends the calling task (only) until the transfer's task has settled the promise. */
    private static function waitFor(Task $task): void
    {
        try {
            $task->await();
        } catch (CancelledException $e) {
            if ($task->isFinished()) {
                return;  // the transfer was cancelled (promise->cancel() already rejected the promise)
            }
            // The waiting task was cancelled: nobody else can wait on this promise (Guzzle's Promise calls
            // its wait function once), so the transfer goes too, and is closed by the time wait() throws.
            $task->cancel($e);
            try {
                $task->await();
            } catch (\Throwable) {
                // the transfer's task settles the promise with its own cancellation; this waiter's is thrown
            }
            throw $e;
        }
    }

    /** The Loom\Http request options for Guzzle's request options; \InvalidArgumentException for what Loom cannot do. */
    private function loomOptions(RequestInterface $request, array $options): array
    {
        foreach (self::UNSUPPORTED as $name => $why) {
            if (isset($options[$name]) && $options[$name] !== false && $options[$name] !== []) {
                throw new \InvalidArgumentException("The \"$name\" request option is not supported: $why");
            }
        }
        if (($options['decode_content'] ?? true) === false) {
            throw new \InvalidArgumentException(
                'The "decode_content" request option cannot be false: Loom\Http\Client always decodes gzip/deflate/br bodies'
            );
        }
        foreach (['on_headers', 'on_stats', 'progress', 'on_trailers'] as $name) {
            if (isset($options[$name]) && !\is_callable($options[$name])) {
                throw new \InvalidArgumentException("The \"$name\" request option must be callable");
            }
        }
        if (isset($options['on_trailers']) && !empty($options['stream'])) {
            throw new \InvalidArgumentException(
                'The "on_trailers" request option is not supported with "stream" => true (read Loom trailers after the body instead)'
            );
        }

        $loom = [];
        $timeout = [];
        foreach (['connect_timeout' => 'connect', 'read_timeout' => 'idle', 'timeout' => 'total'] as $guzzle => $key) {
            if (isset($options[$guzzle])) {
                if (!is_numeric($options[$guzzle]) || $options[$guzzle] < 0) {
                    throw new \InvalidArgumentException("The \"$guzzle\" request option must be a number of seconds >= 0");
                }
                $timeout[$key] = (float)$options[$guzzle];
            }
        }
        if ($timeout) {
            $loom['timeout'] = $timeout;
        }

        if (isset($options['verify'])) {
            if (\is_string($options['verify'])) {
                if (!is_file($options['verify'])) {
                    throw new \InvalidArgumentException("SSL CA bundle not found: {$options['verify']}");
                }
                $loom['verify'] = true;
                $loom['ca_file'] = $options['verify'];
            } elseif (\is_bool($options['verify'])) {
                $loom['verify'] = $options['verify'];
            } else {
                throw new \InvalidArgumentException('The "verify" request option must be a bool or a CA bundle path');
            }
        }
        foreach (['cert' => 'client_cert', 'ssl_key' => 'client_key'] as $guzzle => $key) {
            if (!isset($options[$guzzle])) {
                continue;
            }
            $file = $options[$guzzle];
            if (\is_array($file)) {
                throw new \InvalidArgumentException(
                    "The \"$guzzle\" request option cannot carry a password: Loom\\Http\\Client takes unencrypted key files only"
                );
            }
            if (!\is_string($file) || !is_file($file)) {
                throw new \InvalidArgumentException("The \"$guzzle\" request option must name an existing file");
            }
            $loom[$key] = $file;
        }
        if (isset($options['proxy'])) {
            $proxy = $options['proxy'];
            if (\is_array($proxy)) {
                $scheme = $request->getUri()->getScheme();
                $host = $request->getUri()->getHost();
                $noProxy = $proxy['no'] ?? [];
                $proxy = (isset($proxy[$scheme]) && !($noProxy && GuzzleUtils::isHostInNoProxy($host, (array)$noProxy)))
                    ? $proxy[$scheme] : null;
            }
            if ($proxy !== null && $proxy !== '') {
                if (!\is_string($proxy)) {
                    throw new \InvalidArgumentException('The "proxy" request option must be a URL or an array of scheme => URL');
                }
                $loom['proxy'] = $proxy;
            }
        }
        $version = RequestOptions::httpVersion($request->getProtocolVersion());
        if ($version === null) {
            throw new \InvalidArgumentException(
                "HTTP/{$request->getProtocolVersion()} is not supported by Loom\\Guzzle\\Handler (use 1.1 or 2)"
            );
        }
        $loom['http_version'] = $version;
        if (isset($options['loom'])) {
            if (!\is_array($options['loom'])) {
                throw new \InvalidArgumentException('The "loom" request option must be an array of Loom\Http options');
            }
            $loom = $options['loom'] + $loom;
        }
        return $loom;
    }

    /** The task behind one request: settles $promise, then runs Guzzle's promise queue so then() chains go on. */
    private function transfer(RequestInterface $request, array $options, array $loom, Promise $promise): void
    {
        $started = hrtime(true);
        $response = null;
        $psr = null;
        $stats = static function (?ResponseInterface $psr, mixed $error, array $ctx) use ($request, $options, $started): void {
            if (isset($options['on_stats'])) {
                $time = (hrtime(true) - $started) / 1e9;
                $options['on_stats'](new TransferStats($request, $psr, $time, $error, $ctx + ['total_time' => $time]));
            }
        };
        try {
            if (($options['delay'] ?? 0) > 0) {
                \Loom\sleep($options['delay'] / 1000);
            }
            [$method, $url, $requestOptions] = RequestOptions::fromRequest($request);
            $uploadSize = \is_string($requestOptions['body'] ?? null) ? \strlen($requestOptions['body']) : 0;
            try {
                $response = $this->client->request($method, $url, $requestOptions + $loom);
            } catch (TransportException|\Loom\Http\InvalidArgumentException $e) {
                $ctx = self::context($e, $url);
                $stats(null, $e, $ctx);
                self::settle($promise, false, self::guzzleException($e, $request, null, $ctx));
                return;
            }
            $ctx = ['url' => $response->url(), 'http_code' => $response->status(), 'handler' => 'loom'];
            $psr = new Psr7\Response($response->status(), $response->headers(), null, $request->getProtocolVersion());
            $downloadSize = self::expectedSize($response);
            if (isset($options['progress'])) {
                $options['progress']($downloadSize, 0, $uploadSize, $uploadSize);
            }
            if (isset($options['on_headers'])) {
                try {
                    $options['on_headers']($psr);
                } catch (\Throwable $e) {
                    $response->cancel();
                    self::settle($promise, false, new RequestException(
                        'An error was encountered during the on_headers event', $request, $psr, $e, $ctx
                    ));
                    return;
                }
            }

            if (!empty($options['stream'])) {
                $progress = $options['progress'] ?? null;
                $body = new BodyStream($response, $progress === null ? null : static function (string $chunk, int $received) use ($progress, $downloadSize, $uploadSize): void {
                    $progress($downloadSize, $received, $uploadSize, $uploadSize);
                });
                $psr = $psr->withBody($body);
                $stats($psr, null, $ctx);
                self::settle($promise, true, $psr);
                return;
            }

            $sink = self::sink($options['sink'] ?? null);
            $received = 0;
            try {
                foreach ($response->chunks() as $chunk) {
                    $sink->write($chunk);
                    $received += \strlen($chunk);
                    if (isset($options['progress'])) {
                        $options['progress']($downloadSize, $received, $uploadSize, $uploadSize);
                    }
                }
            } catch (TransportException $e) {
                $ctx = self::context($e, $url);
                $stats($psr, $e, $ctx);
                self::settle($promise, false, self::guzzleException($e, $request, $psr->withBody($sink), $ctx));
                return;
            }
            if ($sink->isSeekable()) {
                $sink->rewind();
            }
            $psr = $psr->withBody($sink);
            $stats($psr, null, $ctx);
            if (isset($options['on_trailers'])) {
                try {
                    $options['on_trailers']($response->trailers(), $psr);
                } catch (\Throwable $e) {
                    self::settle($promise, false, new RequestException(
                        'An error was encountered during the on_trailers event', $request, $psr, $e, $ctx
                    ));
                    return;
                }
            }
            self::settle($promise, true, $psr);
        } catch (CancelledException $e) {
            $response?->cancel();
            self::settle($promise, false, $e);
        } catch (\Throwable $e) {
            // A user callback (progress, on_stats) or the sink failed: that error is the request's outcome.
            $response?->cancel();
            self::settle($promise, false, $e);
        } finally {
            PromiseUtils::queue()->run();
        }
    }

    private static function settle(Promise $promise, bool $fulfilled, mixed $value): void
    {
        // Not preempted halfway through Guzzle's promise state (see TaskQueue).
        \Loom\atomic(static function () use ($promise, $fulfilled, $value): void {
            // The promise may already be settled: cancel() rejects it before this task sees its cancellation.
            if ($promise->getState() !== PromiseInterface::PENDING) {
                return;
            }
            $fulfilled ? $promise->resolve($value) : $promise->reject($value);
        });
    }

    /** The length the response announced, as Guzzle's progress callback wants it (0 when unknown or encoded). */
    private static function expectedSize(Response $response): int
    {
        $length = $response->header('content-length');
        if ($length === null || !ctype_digit($length) || $response->header('content-encoding') !== null) {
            return 0;
        }
        return (int)$length;
    }

    private static function sink(mixed $sink): StreamInterface
    {
        if ($sink === null) {
            return Psr7\Utils::streamFor(Psr7\Utils::tryFopen('php://temp', 'w+'));
        }
        if ($sink instanceof StreamInterface) {
            return $sink;
        }
        if (\is_resource($sink)) {
            return Psr7\Utils::streamFor($sink);
        }
        if (\is_string($sink)) {
            return new Psr7\LazyOpenStream($sink, 'w+');
        }
        throw new \InvalidArgumentException('The "sink" request option must be a path, a resource or a StreamInterface');
    }

    /** Guzzle's handler context for a Loom error: errno is the curl code, as Guzzle's curl handlers give it. */
    private static function context(\Throwable $e, string $url): array
    {
        if ($e instanceof TransportException) {
            return [
                // Loom's idle and total timeouts are its own timers (curl code 0): report them as curl would.
                'errno' => $e instanceof TimeoutException && $e->getCurlCode() === 0 ? 28 : $e->getCurlCode(),
                'error' => $e->getMessage(),
                'phase' => $e->getPhase(),
                'url' => $e->getUrl() !== '' ? $e->getUrl() : Psr7\Utils::redactUserInfo(new Psr7\Uri($url))->__toString(),
                'handler' => 'loom',
            ];
        }
        return ['errno' => 0, 'error' => $e->getMessage(), 'handler' => 'loom'];
    }

    /**
     * ConnectException when no connection could be made or nothing came back in time (the cases Guzzle's
     * curl handlers report so), RequestException otherwise.
     */
    private static function guzzleException(\Throwable $e, RequestInterface $request, ?ResponseInterface $response, array $ctx): RequestException|ConnectException
    {
        $message = ($ctx['errno'] ?? 0) > 0
            ? \sprintf('cURL error %d: %s (Loom, phase %s)', $ctx['errno'], $e->getMessage(), $ctx['phase'] ?? '')
            : $e->getMessage();
        $connect = $e instanceof TransportException && (
            $e instanceof TimeoutException
            || \in_array($e->getPhase(), ['resolve', 'connect', 'tls'], true)
            || $e->getCurlCode() === 52  // CURLE_GOT_NOTHING
        );
        return $connect
            ? new ConnectException($message, $request, $e, $ctx)
            : new RequestException($message, $request, $response, $e, $ctx);
    }
}
