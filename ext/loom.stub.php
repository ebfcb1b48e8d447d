<?php

/**
 * Loom's scheduler API: the functions and classes of namespace Loom.
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Loom {

function spawn(callable $fn, mixed ...$args): Task {}

function sleep(float $seconds): void {}

function timeout(float $seconds, callable $fn, mixed ...$args): mixed {}

function all(iterable $tasks): array {}

function race(iterable $tasks): mixed {}

function any(iterable $tasks): mixed {}

function settle(iterable $tasks): array {}

function map(iterable $items, callable $fn, int $concurrency): array {}

function stats(): array {}

function atomic(callable $fn, mixed ...$args): mixed {}

function onUnhandled(?callable $handler): void {}

/**
 * @strict-properties
 * @not-serializable
 */
final class Task
{
    private function __construct() {}

    public function await(): mixed {}

    public function cancel(?\Throwable $reason = null): void {}

    public function isFinished(): bool {}

    public function id(): int {}
}

/**
 * @strict-properties
 * @not-serializable
 */
final class Channel implements \IteratorAggregate
{
    public function __construct(int $capacity = 0) {}

    public function send(mixed $value): void {}

    public function receive(): mixed {}

    public function close(): void {}

    public function isClosed(): bool {}

    public function getIterator(): \Iterator {}
}

class Exception extends \RuntimeException
{
}

class CancelledException extends Exception
{
}

class TimeoutException extends Exception
{
}

class DeadlockException extends Exception
{
}

class ChannelClosedException extends Exception
{
}

class CompositeException extends Exception
{
    private array $errors = [];

    public function getErrors(): array {}
}

}
