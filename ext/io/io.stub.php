<?php

/**
 * Internal I/O primitives for Loom's adapters (loom/adapters' Loom\Revolt\Driver). Not a public API:
 * names and behaviour may change with the adapters that use them.
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Loom\Internal {

/**
 * A set of watches (stream readiness, signals) one context waits on. Readiness is recorded by the
 * reactor; wait() suspends only the calling task, Fiber or top-level code (which runs the scheduler
 * meanwhile) and is cancellable like every Loom wait.
 *
 * @strict-properties
 * @not-serializable
 */
final class Poller
{
    /** @var int */
    public const READABLE = 1;
    /** @var int */
    public const WRITABLE = 2;
    /** @var int */
    public const SIGNAL = 4;

    /**
     * Watches $stream for READABLE and/or WRITABLE under $id (replacing an earlier watch of that id).
     * False when the stream's fd cannot be polled (a plain file): the caller treats it as always ready.
     * @param resource $stream
     */
    public function watchStream(int $id, mixed $stream, int $events): bool {}

    /** Watches signal $signal under $id (replacing an earlier watch of that id). */
    public function watchSignal(int $id, int $signal): void {}

    /** Forgets the watch $id; unknown ids are ignored. */
    public function unwatch(int $id): void {}

    /**
     * What became ready since the last call: [id => READABLE|WRITABLE|SIGNAL bits]. When nothing is,
     * waits up to $timeout seconds (negative: no limit; 0: one turn of the scheduler) for a watch to
     * become ready or for wakeup(). Watches of closed streams are dropped (reported ready, so their
     * owner finds out).
     *
     * With $referenced false the wait (its deadline, polls and signal handles included) is no pending
     * work, like an unreferenced libuv handle: it goes through the scheduler even when something is
     * ready, and returns while other work keeps the scheduler running, but keeps neither a top-level wait
     * nor the end of the script waiting, and deadlock reports do not name it. When nothing but such
     * waits is left, it returns null (released): the caller should stop waiting.
     */
    public function wait(float $timeout, bool $referenced = true): ?array {}

    /** Ends the current wait() (from another task or a Fiber), or makes the next one return at once. */
    public function wakeup(): void {}

    /** Stops every poll and signal handler until the next wait() (the owner stopped its loop). */
    public function pause(): void {}

    /** Live watches (streams and signals). */
    public function count(): int {}
}

}
