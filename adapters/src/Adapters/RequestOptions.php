<?php
/*
 * Turns a PSR-7 request into what Loom\Http\Client::request() takes: method, URL and the headers/body
 * options. Shared by the Guzzle handler and the PSR-18 client.
 */

declare(strict_types=1);

namespace Loom\Adapters;

use Psr\Http\Message\RequestInterface;
use Psr\Http\Message\StreamInterface;

/** @internal */
final class RequestOptions
{
    /** Bodies up to this size (when known) are sent as one string; larger or unknown ones are streamed. */
    private const INLINE_BODY_BYTES = 1 << 20;
    private const UPLOAD_PIECE_BYTES = 65536;

    /** @return array{0: string, 1: string, 2: array<string, mixed>} [method, url, Loom request options] */
    public static function fromRequest(RequestInterface $request): array
    {
        $headers = [];
        foreach ($request->getHeaders() as $name => $values) {
            $headers[(string)$name] = array_values($values);
        }
        $options = ['headers' => $headers];
        $body = $request->getBody();
        $size = $body->getSize();
        if ($size !== 0) {
            if ($body->isSeekable()) {
                $body->rewind();
            }
            if ($size !== null && $size <= self::INLINE_BODY_BYTES) {
                $options['body'] = $body->getContents();
            } else {
                $options['body'] = self::pieces($body);
            }
        }
        return [$request->getMethod(), (string)$request->getUri(), $options];
    }

    /** @return \Generator<int, string> */
    private static function pieces(StreamInterface $body): \Generator
    {
        while (!$body->eof()) {
            $piece = $body->read(self::UPLOAD_PIECE_BYTES);
            if ($piece !== '') {
                yield $piece;
            }
        }
    }

    /**
     * Loom's http_version for a PSR-7 protocol version: '1.1' and '2' are Loom's own; '1.0' is not
     * supported by Loom (null is returned and the caller reports it).
     */
    public static function httpVersion(string $protocolVersion): ?string
    {
        return match ($protocolVersion) {
            '1.1' => '1.1',
            '2', '2.0' => '2',
            default => null,
        };
    }
}
