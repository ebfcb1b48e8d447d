<?php
/*
 * A PSR-18 client on Loom\Http\Client: sendRequest() suspends only the calling task and returns once the
 * response headers are in, with a body that streams lazily (read() returns what has arrived). Error statuses
 * are returned; transport failures throw NetworkException, invalid requests RequestException.
 */

declare(strict_types=1);

namespace Loom\Psr18;

use Loom\Adapters\BodyStream;
use Loom\Adapters\RequestOptions;
use Loom\Http\TransportException;
use Psr\Http\Client\ClientInterface;
use Psr\Http\Message\RequestInterface;
use Psr\Http\Message\ResponseFactoryInterface;
use Psr\Http\Message\ResponseInterface;
use Psr\Http\Message\StreamFactoryInterface;

final class Client implements ClientInterface
{
    private \Loom\Http\Client $client;
    private ResponseFactoryInterface $responses;
    private StreamFactoryInterface $streams;
    private ?string $httpVersion;

    /**
     * @param array<string, mixed> $options Loom\Http\Client options; max_redirects defaults to 0 here (PSR-18
     *        callers expect 3xx responses back, as Guzzle's and Symfony's PSR-18 clients give them)
     * @param ResponseFactoryInterface|null $responses found with php-http/discovery, else guzzlehttp/psr7 or
     *        nyholm/psr7, when null
     * @param StreamFactoryInterface|null $streams the same; used for the empty bodies of HEAD, 204 and 304
     */
    public function __construct(
        #[\SensitiveParameter] array $options = [],
        ?ResponseFactoryInterface $responses = null,
        ?StreamFactoryInterface $streams = null
    ) {
        $this->httpVersion = $options['http_version'] ?? null;
        $this->client = new \Loom\Http\Client($options + ['max_redirects' => 0]);
        $this->responses = $responses ?? Factories::responseFactory();
        $this->streams = $streams ?? Factories::streamFactory();
    }

    public function sendRequest(RequestInterface $request): ResponseInterface
    {
        [$method, $url, $options] = RequestOptions::fromRequest($request);
        if ($this->httpVersion === null) {
            $version = RequestOptions::httpVersion($request->getProtocolVersion());
            if ($version === null) {
                throw new RequestException("HTTP/{$request->getProtocolVersion()} is not supported by Loom\\Psr18\\Client (use 1.1 or 2)", $request);
            }
            $options['http_version'] = $version;
        }
        try {
            $loom = $this->client->request($method, $url, $options);
        } catch (TransportException $e) {
            throw new NetworkException($e->getMessage(), $request, $e);
        } catch (\Loom\Http\InvalidArgumentException $e) {
            throw new RequestException($e->getMessage(), $request, $e);
        }

        $status = $loom->status();
        $response = $this->responses->createResponse($status)->withProtocolVersion($request->getProtocolVersion());
        foreach ($loom->headers() as $name => $values) {
            $response = $response->withHeader($name, $values);
        }
        if ($method === 'HEAD' || $status === 204 || $status === 304) {
            return $response->withBody($this->streams->createStream(''));
        }
        return $response->withBody(new BodyStream($loom));
    }
}
