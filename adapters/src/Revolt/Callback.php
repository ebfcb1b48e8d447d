<?php
/*
 * One registered callback of Loom\Revolt\Driver (defer, delay, repeat, stream or signal watcher).
 *
 * @internal
 */

declare(strict_types=1);

namespace Loom\Revolt;

use Revolt\EventLoop\CallbackType;

/** @internal */
final class Callback
{
    public bool $enabled = true;
    public bool $referenced = true;
    /** Activated (may be called) since the start of a tick; false while it waits in the enable queue. */
    public bool $active = false;
    /** Timers: when the callback is due (hrtime seconds) and which heap entry is the live one. */
    public float $expiration = 0.0;
    public int $timerSeq = 0;
    public bool $inHeap = false;

    public function __construct(
        public readonly string $id,
        public readonly int $num,
        public readonly CallbackType $type,
        public readonly \Closure $closure,
        public readonly float $interval = 0.0,
        /** @var resource|null */
        public readonly mixed $stream = null,
        public readonly int $signal = 0,
    ) {
    }
}
