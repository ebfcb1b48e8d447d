<?php

/**
 * Loom's HTTP client: the classes of namespace Loom\Http.
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Loom\Http {

/**
 * @strict-properties
 * @not-serializable
 */
final class Client
{
    /** Options carry credentials (headers): hidden from stack traces. */
    public function __construct(#[\SensitiveParameter] array $options = []) {}

    /** URLs can carry user:password or API keys, options headers: hidden from stack traces. */
    public function request(string $method, #[\SensitiveParameter] string $url, #[\SensitiveParameter] array $options = []): Response {}

    public function stream(iterable $responses): ResponseStream {}
}

/**
 * @strict-properties
 * @not-serializable
 */
final class Response
{
    private function __construct() {}

    public function status(): int {}

    public function headers(): array {}

    public function header(string $name): ?string {}

    /**
     * Trailer fields (of a chunked body), lower-case name => list of values, as headers();
     * never merged into headers(). Complete once the body was read to its end; [] if none came.
     */
    public function trailers(): array {}

    public function body(): string {}

    public function json(): mixed {}

    public function chunks(): ChunkIterator {}

    public function events(): EventIterator {}

    public function cancel(): void {}

    public function url(): string {}
}

/**
 * @strict-properties
 * @not-serializable
 */
final class Event
{
    public readonly string $type;
    public readonly string $data;
    public readonly string $id;
    public readonly ?int $retry;

    public function __construct(string $data, string $type = "message", string $id = "", ?int $retry = null) {}

    public function json(): mixed {}
}

/**
 * @strict-properties
 * @not-serializable
 */
final class ChunkIterator implements \Iterator
{
    private function __construct() {}
    public function current(): mixed {}
    public function key(): mixed {}
    public function next(): void {}
    public function valid(): bool {}
    public function rewind(): void {}
}

/**
 * @strict-properties
 * @not-serializable
 */
final class EventIterator implements \Iterator
{
    private function __construct() {}
    public function current(): mixed {}
    public function key(): mixed {}
    public function next(): void {}
    public function valid(): bool {}
    public function rewind(): void {}
}

/**
 * @strict-properties
 * @not-serializable
 */
final class ResponseStream implements \Iterator
{
    private function __construct() {}
    public function current(): mixed {}
    public function key(): mixed {}
    public function next(): void {}
    public function valid(): bool {}
    public function rewind(): void {}
}

class InvalidArgumentException extends \InvalidArgumentException
{
}

class TransportException extends \Loom\Exception
{
    private string $phase = "";
    private string $url = "";
    private int $curlCode = 0;

    public function getPhase(): string {}

    public function getUrl(): string {}

    public function getCurlCode(): int {}
}

class TimeoutException extends TransportException
{
}

class ResponseTooLargeException extends TransportException
{
}

class IncompleteStreamException extends TransportException
{
}

class UnexpectedContentTypeException extends \Loom\Exception
{
}

}
